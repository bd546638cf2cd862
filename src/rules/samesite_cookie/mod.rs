//! `samesite-cookie`: a cookie call without a SameSite policy, off by default.

use super::cookie_calls::{self, Attribute, EverySink, Kind};
use super::secure_cookie_header::HeaderAttribute;
use super::secure_cookie_morsel::Flag;
use super::secure_cookie_setting::SettingAttribute;
use super::secure_session_cookie::SessionAttribute;
use super::{Checked, Context, Rule};

pub static RULE: Rule = Rule {
    id: "samesite-cookie",
    name: "SameSiteCookie",
    summary: "Cookie set without a SameSite policy",
    description: "A cookie set without a SameSite policy leaves the browser's choice to \
                  decide whether other sites' requests carry it, which cross-site request \
                  forgery relies on (CWE-1275).",
    help: "Pass samesite=\"Lax\" (Falcon and Bottle: same_site=\"Lax\") to set_cookie(), \
           set_signed_cookie(), set_secure_cookie() and Litestar's Cookie(), end a \
           Set-Cookie header with `; SameSite=Lax`, set a morsel's [\"samesite\"], or use \
           a policy of your own. `cookie-fix --write` sets \"Lax\" and never changes a \
           policy.",
    help_markdown: "Pass `samesite=\"Lax\"` (Falcon and Bottle: `same_site=\"Lax\"`) to \
                    `set_cookie()`, `set_signed_cookie()`, `set_secure_cookie()` and \
                    Litestar's `Cookie()`, end a `Set-Cookie` header with \
                    `; SameSite=Lax`, set a morsel's `[\"samesite\"]`, or use a policy of \
                    your own. `cookie-fix --write` sets `\"Lax\"` and never changes a \
                    policy. To keep a call as it is, \
                    add `# cookie-fix: ignore[samesite-cookie]` on one of its lines.",
    fix_title: "Set a SameSite policy",
    cwe: 1275,
    security_severity: "4.3",
    docs: include_str!("docs.md"),
    default: false,
    needles: cookie_calls::EVERY_SINK_NEEDLES,
    may_match: cookie_calls::every_sink_may_match,
    counts: cookie_calls::every_sink_counts,
    query: None,
    read_for_project: |_| false,
    check,
};

const SAMESITE: EverySink = EverySink {
    call: Attribute {
        names: &["samesite", "same_site"],
        kind: Kind::SameSite,
        display: "SameSite",
    },
    morsel: Flag::SameSite,
    header: HeaderAttribute::SameSite,
    setting: SettingAttribute::SameSite,
    session: SessionAttribute::SameSite,
};

fn check(context: &Context) -> Checked {
    cookie_calls::check_every_sink(context, &SAMESITE)
}
