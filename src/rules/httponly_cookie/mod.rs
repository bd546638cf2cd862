//! `httponly-cookie`: a cookie call without `httponly=True` (Sonar rule S3330), off by
//! default.

use super::cookie_calls::{self, Attribute, EverySink, Kind};
use super::secure_cookie_header::HeaderAttribute;
use super::secure_cookie_morsel::Flag;
use super::secure_cookie_setting::SettingAttribute;
use super::secure_session_cookie::SessionAttribute;
use super::{Checked, Context, Rule};

pub static RULE: Rule = Rule {
    id: "httponly-cookie",
    name: "HttpOnlyCookie",
    summary: "Cookie set without the HttpOnly attribute",
    description: "A cookie set without the HttpOnly attribute can be read by the page's \
                  scripts, so a cross-site scripting flaw can steal the session with it \
                  (CWE-1004, Sonar rule S3330).",
    help: "Pass httponly=True (Falcon: http_only=True) to set_cookie(), \
           set_signed_cookie(), set_secure_cookie(), Litestar's Cookie() and Sanic's \
           add_cookie(); end a Set-Cookie header with `; HttpOnly`; set a morsel's \
           [\"httponly\"] to True. `cookie-fix --write` does it; a CSRF token cookie, \
           which scripts read by design, is left for review.",
    help_markdown: "Pass `httponly=True` (Falcon: `http_only=True`) to `set_cookie()`, \
                    `set_signed_cookie()`, `set_secure_cookie()`, Litestar's `Cookie()` and \
                    Sanic's `add_cookie()`; end a `Set-Cookie` header with `; HttpOnly`; \
                    set a morsel's `[\"httponly\"]` to `True`. `cookie-fix --write` does \
                    it; a CSRF token cookie, which scripts read by design, is left for \
                    review. To keep a \
                    call as it is, add `# cookie-fix: ignore[httponly-cookie]` on one of \
                    its lines.",
    fix_title: "Set the HttpOnly attribute",
    cwe: 1004,
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

const HTTPONLY: EverySink = EverySink {
    call: Attribute {
        names: &["httponly", "http_only"],
        kind: Kind::HttpOnly,
        display: "HttpOnly",
    },
    morsel: Flag::HttpOnly,
    header: HeaderAttribute::HttpOnly,
    setting: SettingAttribute::HttpOnly,
    session: SessionAttribute::HttpOnly,
};

fn check(context: &Context) -> Checked {
    cookie_calls::check_every_sink(context, &HTTPONLY)
}
