//! `secure-cookie`: a cookie call without `secure=True` (DESIGN.md sections 1 to 3).

use super::cookie_calls::{self, Attribute, Kind};
use super::{Checked, Context, Counts, Rule};

pub static RULE: Rule = Rule {
    id: "secure-cookie",
    name: "SecureCookie",
    summary: "Cookie set without the Secure attribute",
    description: "A cookie set without the Secure attribute is also sent over plain HTTP, \
                  where anyone on the network path can read it and take over the session \
                  (CWE-614, Sonar rule S2092).",
    help: "Pass secure=True to set_cookie(), set_signed_cookie(), set_secure_cookie(), \
           Litestar's Cookie() and Sanic's add_cookie(). `cookie-fix --write` inserts it.",
    help_markdown: "Pass `secure=True` to `set_cookie()`, `set_signed_cookie()`, \
                    `set_secure_cookie()`, Litestar's `Cookie()` and Sanic's `add_cookie()`. \
                    `cookie-fix --write` inserts it. To keep a call \
                    as it is, add `# cookie-fix: ignore` on one of its lines.",
    fix_title: "Set the Secure attribute",
    cwe: 614,
    security_severity: "5.3",
    docs: include_str!("docs.md"),
    default: true,
    needles: cookie_calls::NEEDLES,
    may_match: cookie_calls::may_be_called,
    counts: |_| Counts::AsAName,
    query: None,
    read_for_project: |_| false,
    check,
};

const SECURE: Attribute = Attribute {
    names: &["secure"],
    kind: Kind::Secure,
    display: "Secure",
};

fn check(context: &Context) -> Checked {
    cookie_calls::check(context, &SECURE)
}
