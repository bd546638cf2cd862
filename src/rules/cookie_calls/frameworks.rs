//! What each framework's cookie setters take, and which framework a file uses.
//!
//! A new framework is a row in [`FAMILIES`]: the modules whose import identifies it and
//! the parameters of its `set_cookie`, as its source declares them. Each attribute
//! rule reads its own parameter's slot and default from the same row.

use crate::call::Signature;

use super::Attribute;

/// A setter's parameters after `self`, reduced to what decides where an attribute goes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Parameters {
    /// The parameters that may be passed by position, in order.
    pub positional: &'static [&'static str],
    /// The keyword-only parameters.
    pub keyword_only: &'static [&'static str],
    /// Whether `**kwargs` takes any other attribute by its name (Bottle's options).
    pub kwargs: bool,
    /// The attributes that a left-out argument, or `None`, already sets.
    pub defaults: &'static [(&'static str, Default)],
}

/// What leaving an attribute's argument out, or passing `None`, means.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Default {
    /// Left out, the attribute is set (Falcon's `http_only=True`, Starlette's
    /// `samesite="lax"`); `None` still sets nothing.
    Set,
    /// Left out or `None`, the attribute is set (Falcon's `secure`, which then follows
    /// `secure_cookies_by_default`).
    SetUnlessGiven,
    /// Left out, nothing is set; `None` (any falsy value) sets a policy: Bottle writes
    /// `samesite=None` as `SameSite=none`.
    NoneIsAPolicy,
}

impl Parameters {
    /// The signature of the attribute's parameter, and the spelling a fix passes.
    pub fn signature(&self, attribute: &Attribute) -> (Signature, &'static str) {
        let find = |list: &'static [&'static str]| {
            list.iter()
                .enumerate()
                .find(|(_, name)| attribute.names.contains(name))
                .map(|(at, name)| (at, *name))
        };
        let (position, keyword, spelling) = if let Some((at, name)) = find(self.positional) {
            (Some(at), true, name)
        } else if let Some((_, name)) = find(self.keyword_only) {
            (None, true, name)
        } else {
            (None, self.kwargs, attribute.names[0])
        };
        let default = self
            .defaults
            .iter()
            .find(|(name, _)| *name == spelling)
            .map(|&(_, default)| default);
        let signature = Signature {
            position,
            keyword,
            set_by_default: matches!(default, Some(Default::Set | Default::SetUnlessGiven)),
            none_is_default: matches!(
                default,
                Some(Default::SetUnlessGiven | Default::NoneIsAPolicy)
            ),
            through_args: None,
        };
        (signature, spelling)
    }
}

/// Frameworks that share one `set_cookie` signature.
pub struct Family {
    pub name: &'static str,
    /// First components of the imported module names that identify the family.
    pub modules: &'static [&'static str],
    pub set_cookie: Parameters,
}

/// werkzeug/sansio/response.py, django/http/response.py: key, value, max_age, expires,
/// path, domain, secure, httponly, samesite (None sets no SameSite).
const WERKZEUG: Parameters = Parameters {
    positional: &[
        "key", "value", "max_age", "expires", "path", "domain", "secure", "httponly", "samesite",
    ],
    keyword_only: &[],
    kwargs: false,
    defaults: &[],
};

pub const FAMILIES: &[Family] = &[
    Family {
        name: "werkzeug",
        modules: &["werkzeug", "flask", "quart", "django"],
        set_cookie: WERKZEUG,
    },
    Family {
        // starlette/responses.py, litestar/response/base.py: Werkzeug's order, with
        // `samesite="lax"` by default.
        name: "starlette",
        modules: &["starlette", "fastapi", "litestar"],
        set_cookie: Parameters {
            defaults: &[("samesite", Default::Set)],
            ..WERKZEUG
        },
    },
    Family {
        // webob/response.py: name, value, max_age, path, domain, secure, httponly,
        // comment, expires, overwrite, samesite; there is no `expires` slot before
        // `secure`.
        name: "webob",
        modules: &["pyramid", "webob"],
        set_cookie: Parameters {
            positional: &[
                "name",
                "value",
                "max_age",
                "path",
                "domain",
                "secure",
                "httponly",
                "comment",
                "expires",
                "overwrite",
                "samesite",
            ],
            keyword_only: &[],
            kwargs: false,
            defaults: &[],
        },
    },
    Family {
        // aiohttp/web_response.py: name, value, then keyword-only; None sets nothing.
        name: "aiohttp",
        modules: &["aiohttp"],
        set_cookie: Parameters {
            positional: &["name", "value"],
            keyword_only: &[
                "expires",
                "domain",
                "max_age",
                "path",
                "secure",
                "httponly",
                "version",
                "samesite",
                "partitioned",
            ],
            kwargs: false,
            defaults: &[],
        },
    },
    Family {
        // tornado/web.py: name, value, domain, expires, path, expires_days, then
        // keyword-only max_age, httponly, secure, samesite, and **kwargs for the morsel.
        name: "tornado",
        modules: &["tornado"],
        set_cookie: Parameters {
            positional: &["name", "value", "domain", "expires", "path", "expires_days"],
            keyword_only: &["max_age", "httponly", "secure", "samesite"],
            kwargs: true,
            defaults: &[],
        },
    },
    Family {
        // bottle.py: name, value, secret, digestmod, **options; `same_site` (0.12) or
        // `samesite` (0.13), whose falsy values Bottle writes as `SameSite=none`.
        name: "bottle",
        modules: &["bottle"],
        set_cookie: Parameters {
            positional: &["name", "value", "secret", "digestmod"],
            keyword_only: &["secure", "httponly", "same_site", "samesite"],
            kwargs: true,
            defaults: &[
                ("same_site", Default::NoneIsAPolicy),
                ("samesite", Default::NoneIsAPolicy),
            ],
        },
    },
    Family {
        // falcon/response.py: name, value, expires, max_age, domain, path, secure,
        // http_only, same_site. `secure` left out, or None, means
        // `secure_cookies_by_default`, which is True; `http_only` is True by default.
        name: "falcon",
        modules: &["falcon"],
        set_cookie: Parameters {
            positional: &[
                "name",
                "value",
                "expires",
                "max_age",
                "domain",
                "path",
                "secure",
                "http_only",
                "same_site",
            ],
            keyword_only: &[],
            kwargs: false,
            defaults: &[
                ("secure", Default::SetUnlessGiven),
                ("http_only", Default::Set),
            ],
        },
    },
];

/// The parameters when the file imports no known framework.
pub const DEFAULT: Parameters = WERKZEUG;

/// Setters that pass their keyword arguments on to `set_cookie`
/// (Django's `set_signed_cookie`, Tornado's `set_signed_cookie` and `set_secure_cookie`).
pub const FORWARDING_SETTERS: &[&str] = &["set_signed_cookie", "set_secure_cookie"];

/// Keyword arguments only, as a forwarding setter takes them.
const FORWARDED: Parameters = Parameters {
    positional: &[],
    keyword_only: &[],
    kwargs: true,
    defaults: &[],
};

/// A cookie object, or a setter of another name, whose call takes the attributes in a
/// signature of its own, whatever the file's family. DESIGN.md section 1's exemptions
/// (cookie-jar receivers, a single positional argument) are the `set_cookie` family's:
/// these calls are sinks wherever they stand.
pub struct CookieObject {
    /// The callee's name, as the query captures it.
    pub name: &'static str,
    pub callee: Callee,
    pub parameters: Parameters,
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
    // value, max_age, expires, domain, secure: bool | None = None, httponly = None,
    // samesite = "lax", ...); None sets no flag. `path` comes before `value`.
    CookieObject {
        name: "Cookie",
        callee: Callee::Class(&[
            "litestar.datastructures.Cookie",
            "litestar.datastructures.cookie.Cookie",
        ]),
        parameters: Parameters {
            positional: &[
                "key", "path", "value", "max_age", "expires", "domain", "secure", "httponly",
                "samesite",
            ],
            keyword_only: &[],
            kwargs: false,
            defaults: &[("samesite", Default::Set)],
        },
    },
    // sanic 25.x, sanic/cookies/response.py: CookieJar.add_cookie(self, key, value, *,
    // path="/", domain=None, secure=True, max_age, expires, httponly=False,
    // samesite="Lax", ...), which BaseHTTPResponse.add_cookie calls with the same
    // parameters. Only an explicit falsy `secure` sets no flag.
    CookieObject {
        name: "add_cookie",
        callee: Callee::Method(&["sanic"]),
        parameters: Parameters {
            positional: &["key", "value"],
            keyword_only: &[
                "path",
                "domain",
                "secure",
                "max_age",
                "expires",
                "httponly",
                "samesite",
                "partitioned",
                "comment",
                "host_prefix",
                "secure_prefix",
            ],
            kwargs: false,
            defaults: &[("secure", Default::Set), ("samesite", Default::Set)],
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

/// The signatures the attribute's parameter of `method` may have in a file that imports
/// `families`, each with the spelling a fix passes. More than one means the file mixes
/// frameworks and the verdict must agree under each.
pub fn signatures_for(
    method: &str,
    families: &[&'static Family],
    attribute: &Attribute,
) -> Vec<(Signature, &'static str)> {
    if FORWARDING_SETTERS.contains(&method) {
        return vec![FORWARDED.signature(attribute)];
    }
    let mut signatures: Vec<(Signature, &'static str)> = Vec::new();
    for family in families {
        let signature = family.set_cookie.signature(attribute);
        if !signatures.contains(&signature) {
            signatures.push(signature);
        }
    }
    if signatures.is_empty() {
        signatures.push(DEFAULT.signature(attribute));
    }
    signatures
}

/// The signatures that a local wrapper's `*args` may reach, whichever setter it wraps:
/// every setter ends in the framework's own `set_cookie` (Django's and Tornado's
/// `set_signed_cookie` pass their arguments on to it, and so may a wrapper).
pub fn forwarded_signatures(families: &[&'static Family], attribute: &Attribute) -> Vec<Signature> {
    signatures_for(SET_COOKIE, families, attribute)
        .into_iter()
        .map(|(signature, _)| signature)
        .collect()
}

/// The setter every framework has.
const SET_COOKIE: &str = "set_cookie";

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::cookie_calls::Kind;

    const SECURE: Attribute = Attribute {
        names: &["secure"],
        kind: Kind::Secure,
        display: "Secure",
    };
    const HTTPONLY: Attribute = Attribute {
        names: &["httponly", "http_only"],
        kind: Kind::HttpOnly,
        display: "HttpOnly",
    };

    #[test]
    fn families_come_from_first_module_components() {
        let families = imported_families(["os", "flask", "django", "pyramid"]);
        let names: Vec<_> = families.iter().map(|f| f.name).collect();
        assert_eq!(names, ["werkzeug", "webob"]);
        assert_eq!(
            signatures_for("set_cookie", &families, &SECURE),
            [
                (Signature::positional(6), "secure"),
                (Signature::positional(5), "secure")
            ]
        );
        assert_eq!(
            signatures_for("set_signed_cookie", &families, &SECURE),
            [(Signature::keyword_only(), "secure")]
        );
        assert_eq!(
            signatures_for("set_cookie", &[], &SECURE),
            [(Signature::positional(6), "secure")]
        );
    }

    #[test]
    fn the_secure_slots_are_those_of_each_framework() {
        let slot = |modules: &[&str]| {
            let families = imported_families(modules.iter().copied());
            signatures_for("set_cookie", &families, &SECURE)
        };
        assert_eq!(slot(&["starlette"]), [(Signature::positional(6), "secure")]);
        assert_eq!(slot(&["aiohttp"]), [(Signature::keyword_only(), "secure")]);
        assert_eq!(slot(&["tornado"]), [(Signature::keyword_only(), "secure")]);
        assert_eq!(slot(&["bottle"]), [(Signature::keyword_only(), "secure")]);
        let falcon = Signature {
            set_by_default: true,
            none_is_default: true,
            ..Signature::positional(6)
        };
        assert_eq!(slot(&["falcon"]), [(falcon, "secure")]);
        let falcon_httponly = Signature {
            set_by_default: true,
            ..Signature::positional(7)
        };
        let families = imported_families(["falcon"]);
        assert_eq!(
            signatures_for("set_cookie", &families, &HTTPONLY),
            [(falcon_httponly, "http_only")]
        );
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
