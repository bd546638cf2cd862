//! What each framework's cookie setters take, and which framework a file uses.
//!
//! A new framework is a row in [`FAMILIES`]: the modules whose import identifies
//! it and the signature of its `set_cookie`.

use crate::call::Signature;

/// Frameworks that share one `set_cookie` signature.
pub struct Family {
    pub name: &'static str,
    /// First components of the imported module names that identify the family.
    pub modules: &'static [&'static str],
    pub set_cookie: Signature,
}

/// Werkzeug's order: key, value, max_age, expires, path, domain, secure.
const SECURE_AT_6: Signature = Signature::positional(6);

pub const FAMILIES: &[Family] = &[
    Family {
        name: "werkzeug",
        modules: &[
            "werkzeug",
            "flask",
            "quart",
            "starlette",
            "fastapi",
            "django",
            "litestar",
        ],
        set_cookie: SECURE_AT_6,
    },
    Family {
        // name, value, max_age, path, domain, secure: there is no `expires` slot.
        name: "webob",
        modules: &["pyramid", "webob"],
        set_cookie: Signature::positional(5),
    },
    Family {
        name: "keyword-only",
        modules: &["aiohttp", "tornado", "bottle"],
        set_cookie: Signature::keyword_only(),
    },
    Family {
        // `secure` left out, or None, means `secure_cookies_by_default`, which is True.
        name: "falcon",
        modules: &["falcon"],
        set_cookie: Signature {
            position: Some(6),
            keyword: true,
            secure_by_default: true,
            none_is_default: true,
            through_args: None,
        },
    },
];

/// The signature when the file imports no known framework.
pub const DEFAULT: Signature = SECURE_AT_6;

/// Setters that pass their keyword arguments on to `set_cookie`
/// (Django's `set_signed_cookie`, Tornado's `set_signed_cookie` and `set_secure_cookie`).
pub const FORWARDING_SETTERS: &[&str] = &["set_signed_cookie", "set_secure_cookie"];

/// A cookie object, or a setter of another name, whose call takes `secure` in a
/// signature of its own, whatever the file's family. DESIGN.md section 1's exemptions
/// (cookie-jar receivers, a single positional argument) are the `set_cookie` family's:
/// these calls are sinks wherever they stand.
pub struct CookieObject {
    /// The callee's name, as the query captures it.
    pub name: &'static str,
    pub callee: Callee,
    pub signature: Signature,
}

/// How a call is told to be the object's.
pub enum Callee {
    /// A class, called by a name or attribute the file's imports make one of these paths.
    Class(&'static [&'static str]),
    /// A method, called on any receiver in a file that imports one of these modules
    /// (first components).
    Method(&'static [&'static str]),
}

pub const COOKIE_OBJECTS: &[CookieObject] = &[
    // litestar 2.x, litestar/datastructures/cookie.py: the dataclass Cookie(key, path,
    // value, max_age, expires, domain, secure: bool | None = None, httponly, ...); None
    // sets no flag. `path` comes before `value`.
    CookieObject {
        name: "Cookie",
        callee: Callee::Class(&[
            "litestar.datastructures.Cookie",
            "litestar.datastructures.cookie.Cookie",
        ]),
        signature: Signature::positional(6),
    },
    // sanic 25.x, sanic/cookies/response.py: CookieJar.add_cookie(self, key, value, *,
    // path="/", domain=None, secure=True, ...), which BaseHTTPResponse.add_cookie calls
    // with the same parameters. Only an explicit falsy `secure` sets no flag.
    CookieObject {
        name: "add_cookie",
        callee: Callee::Method(&["sanic"]),
        signature: Signature {
            position: None,
            keyword: true,
            secure_by_default: true,
            none_is_default: false,
            through_args: None,
        },
    },
];

/// The families whose modules the file imports, given the first component of each import.
pub fn imported_families<'a>(imports: impl IntoIterator<Item = &'a str>) -> Vec<&'static Family> {
    let mut found: Vec<&'static Family> = Vec::new();
    for module in imports {
        for family in FAMILIES {
            if family.modules.contains(&module) && !found.iter().any(|f| f.name == family.name) {
                found.push(family);
            }
        }
    }
    found
}

/// The signatures `method` may have in a file that imports `families`.
/// More than one means the file mixes frameworks and the verdict must agree under each.
pub fn signatures_for(method: &str, families: &[&'static Family]) -> Vec<Signature> {
    if FORWARDING_SETTERS.contains(&method) {
        return vec![Signature::keyword_only()];
    }
    let mut signatures: Vec<Signature> = Vec::new();
    for family in families {
        if !signatures.contains(&family.set_cookie) {
            signatures.push(family.set_cookie);
        }
    }
    if signatures.is_empty() {
        signatures.push(DEFAULT);
    }
    signatures
}

/// The signatures that a local wrapper's `*args` may reach, whichever setter it wraps:
/// every setter ends in the framework's own `set_cookie` (Django's and Tornado's
/// `set_signed_cookie` pass their arguments on to it, and so may a wrapper).
pub fn forwarded_signatures(families: &[&'static Family]) -> Vec<Signature> {
    signatures_for(SET_COOKIE, families)
}

/// The setter every framework has.
const SET_COOKIE: &str = "set_cookie";

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn families_come_from_first_module_components() {
        let families = imported_families(["os", "flask", "django", "pyramid"]);
        let names: Vec<_> = families.iter().map(|f| f.name).collect();
        assert_eq!(names, ["werkzeug", "webob"]);
        assert_eq!(
            signatures_for("set_cookie", &families),
            [Signature::positional(6), Signature::positional(5)]
        );
        assert_eq!(
            signatures_for("set_signed_cookie", &families),
            [Signature::keyword_only()]
        );
        assert_eq!(signatures_for("set_cookie", &[]), [DEFAULT]);
    }

    #[test]
    fn every_module_belongs_to_one_family() {
        let mut seen = std::collections::HashSet::new();
        for family in FAMILIES {
            for module in family.modules {
                assert!(seen.insert(*module), "{module} is in two families");
            }
        }
    }
}
