//! `secure-session-cookie`: session middlewares, session storages and cookie factories
//! that leave their cookie without the Secure attribute.
//!
//! A new sink is a row of [`SINKS`], its name also in [`NEEDLES`]. Two frameworks
//! configure their cookie in a mapping instead, read by [`configured_cookies`]: Tornado's
//! XSRF cookie and CherryPy's session.

use tree_sitter::Node;

use super::cookie_calls::secure_fix;
use super::values;
use super::{Checked, Context, Counts, Rule};
use crate::bindings;
use crate::call::{Arguments, Outcome, Reading, Signature};
use crate::diagnostic::{Detection, Verdict};
use crate::literal;
use crate::mapping::Mapping;
use crate::parse;
use crate::value::{Judgement, Want};

pub static RULE: Rule = Rule {
    id: "secure-session-cookie",
    name: "SecureSessionCookie",
    summary: "Session middleware or cookie factory without the Secure attribute",
    description: "A session middleware, session storage or authentication cookie factory \
                  configured without its Secure flag sends the session cookie over plain \
                  HTTP, where anyone on the network path can read it and take over the \
                  session (CWE-614, Sonar rule S2092).",
    help: "Pass https_only=True to Starlette's SessionMiddleware and secure=True to \
           aiohttp-session storages and to Pyramid's and Litestar's session and \
           authentication cookie factories. `cookie-fix --write` inserts it.",
    help_markdown: "Pass `https_only=True` to Starlette's `SessionMiddleware` and \
                    `secure=True` to aiohttp-session storages and to Pyramid's and \
                    Litestar's session and authentication cookie factories. \
                    `cookie-fix --write` inserts it.",
    fix_title: "Set the Secure attribute of the session cookie",
    cwe: 614,
    security_severity: "5.3",
    docs: include_str!("docs.md"),
    default: true,
    needles: NEEDLES,
    may_match: is_a_name,
    counts: needle_counts,
    query: None,
    read_for_project: |_| false,
    check,
};

/// A class or factory whose call configures a session or authentication cookie.
struct Sink {
    name: &'static str,
    /// First components of the imported modules one of which the file must import for
    /// the name to be this sink.
    modules: &'static [&'static str],
    /// The flag that makes the cookie Secure.
    keyword: &'static str,
    /// Where the flag is passed; an unset flag is never secure for these.
    signature: Signature,
    /// Also passed as a class, as the first argument of these calls, which hand the
    /// rest of their arguments to it after an `app` it takes first.
    passed_as_class_to: &'static [&'static str],
    /// The HttpOnly and SameSite parameters, and where they go; `None` where the sink
    /// always sets the attribute or sets it by default with no way to unset it.
    httponly: Option<(&'static str, Signature)>,
    samesite: Option<(&'static str, Signature)>,
}

/// The attribute a sink's call is read for: `secure-session-cookie` reads Secure,
/// `httponly-cookie` and `samesite-cookie` theirs through [`check_attribute`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SessionAttribute {
    Secure,
    HttpOnly,
    SameSite,
}

/// The sinks that take HttpOnly or SameSite, the needles a rule that reads them adds.
pub const ATTRIBUTE_NEEDLES: &[&str] = &[
    "EncryptedCookieStorage",
    "NaClCookieStorage",
    "SimpleCookieStorage",
    "RedisStorage",
    "MemcachedStorage",
    "SignedCookieSessionFactory",
    "BaseCookieSessionFactory",
    "AuthTktCookieHelper",
    "AuthTktAuthenticationPolicy",
];

/// Left out, the attribute is set (`httponly=True`, `samesite='Lax'` by default).
const fn set_by_default(signature: Signature) -> Signature {
    Signature {
        set_by_default: true,
        ..signature
    }
}

/// Read from the packages' sources; the slot counts every positional parameter after
/// `self` (or a dataclass's fields in order).
const SINKS: &[Sink] = &[
    // starlette 1.10.0, starlette/middleware/sessions.py: SessionMiddleware.__init__(self,
    // app, secret_key, session_cookie, max_age, path, same_site, https_only=False, ...).
    // add_middleware(cls, *args, **kwargs) and Middleware(cls, *args, **kwargs) put the
    // class where `app` stands, so the slot is the same.
    // It always sets HttpOnly, and `same_site="lax"` by default.
    Sink {
        name: "SessionMiddleware",
        modules: &["starlette"],
        keyword: "https_only",
        signature: Signature::positional(6),
        passed_as_class_to: &["add_middleware", "Middleware"],
        httponly: None,
        samesite: None,
    },
    // aiohttp-session 2.12.1: cookie_storage.py, nacl_storage.py, redis_storage.py,
    // memcached_storage.py and __init__.py (SimpleCookieStorage): one positional
    // parameter, then keyword-only `secure: Optional[bool] = None`, which sets no flag,
    // `httponly: bool = True` and `samesite: Optional[str] = None`, which sets none.
    aiohttp_storage("EncryptedCookieStorage"),
    aiohttp_storage("NaClCookieStorage"),
    aiohttp_storage("SimpleCookieStorage"),
    aiohttp_storage("RedisStorage"),
    aiohttp_storage("MemcachedStorage"),
    // pyramid 2.1, pyramid/session.py: SignedCookieSessionFactory(secret, cookie_name,
    // max_age, path, domain, secure=False, httponly=False, samesite='Lax', ...);
    // BaseCookieSessionFactory(serializer, cookie_name, max_age, path, domain,
    // secure=False, httponly=False, samesite='Lax', ...).
    pyramid("SignedCookieSessionFactory", 5, ("httponly", 6), 7),
    pyramid("BaseCookieSessionFactory", 5, ("httponly", 6), 7),
    // pyramid/authentication.py: AuthTktCookieHelper.__init__(self, secret, cookie_name,
    // secure=False, include_ip, timeout, reissue_time, max_age, http_only=False, path,
    // wild_domain, hashalg, parent_domain, domain, samesite='Lax');
    // AuthTktAuthenticationPolicy.__init__(self, secret, callback, cookie_name,
    // secure=False, include_ip, timeout, reissue_time, max_age, path, http_only=False,
    // wild_domain, debug, hashalg, parent_domain, domain, samesite='Lax').
    pyramid("AuthTktCookieHelper", 2, ("http_only", 7), 13),
    pyramid("AuthTktAuthenticationPolicy", 3, ("http_only", 9), 15),
    // litestar 2.25.0, litestar/middleware/session/client_side.py: the dataclass
    // CookieBackendConfig(secret, key, max_age, scopes, path, domain, secure=False, ...);
    // server_side.py: ServerSideSessionConfig(session_id_bytes, renew_on_access, key,
    // max_age, scopes, path, domain, secure=False, ...); both default to httponly=True
    // and samesite="lax".
    litestar("CookieBackendConfig", 6),
    litestar("ServerSideSessionConfig", 7),
];

const fn aiohttp_storage(name: &'static str) -> Sink {
    Sink {
        name,
        modules: &["aiohttp_session"],
        keyword: "secure",
        signature: Signature::keyword_only(),
        passed_as_class_to: &[],
        httponly: Some(("httponly", set_by_default(Signature::keyword_only()))),
        samesite: Some(("samesite", Signature::keyword_only())),
    }
}

const fn pyramid(
    name: &'static str,
    slot: usize,
    httponly: (&'static str, usize),
    samesite: usize,
) -> Sink {
    Sink {
        name,
        modules: &["pyramid"],
        keyword: "secure",
        signature: Signature::positional(slot),
        passed_as_class_to: &[],
        httponly: Some((httponly.0, Signature::positional(httponly.1))),
        samesite: Some(("samesite", set_by_default(Signature::positional(samesite)))),
    }
}

const fn litestar(name: &'static str, slot: usize) -> Sink {
    Sink {
        name,
        modules: &["litestar"],
        keyword: "secure",
        signature: Signature::positional(slot),
        passed_as_class_to: &[],
        httponly: None,
        samesite: None,
    }
}

const NEEDLES: &[&str] = &[
    "SessionMiddleware",
    "EncryptedCookieStorage",
    "NaClCookieStorage",
    "SimpleCookieStorage",
    "RedisStorage",
    "MemcachedStorage",
    "SignedCookieSessionFactory",
    "BaseCookieSessionFactory",
    "AuthTktCookieHelper",
    "AuthTktAuthenticationPolicy",
    "CookieBackendConfig",
    "ServerSideSessionConfig",
    TORNADO_XSRF,
    TORNADO_XSRF_KWARGS,
    CHERRYPY_SESSIONS,
];

/// tornado 6.5, tornado/web.py: `RequestHandler.xsrf_token` sets the XSRF cookie with
/// `self.set_cookie(..., **cookie_kwargs)`, where `cookie_kwargs =
/// self.application.settings.get("xsrf_cookie_kwargs", {})`; `set_cookie` sets
/// `Secure` only when given a true `secure`.
const TORNADO_XSRF: &str = "xsrf_cookies";
const TORNADO_XSRF_KWARGS: &str = "xsrf_cookie_kwargs";

/// cherrypy 18.10, cherrypy/lib/sessions.py: the session tool's `init(..., secure=False,
/// ...)` takes each `tools.sessions.*` config entry as the keyword of its name.
const CHERRYPY_SESSIONS: &str = "tools.sessions.on";
const CHERRYPY_SECURE: &str = "tools.sessions.secure";

/// The needles that are configuration keys, not classes: they stand in a string (a
/// dict's key) or before `=` (a keyword argument).
const CONFIGURATION_KEYS: &[&str] = &[TORNADO_XSRF, TORNADO_XSRF_KWARGS, CHERRYPY_SESSIONS];

/// The calls of a sink, or of a caller that takes a sink's class first
/// (`app.add_middleware(SessionMiddleware, ...)`), looked up where their names are: a
/// query would visit every call of the file. Each is the call, its callee's name and its
/// argument list, in source order.
fn calls<'t>(context: &Context<'t>) -> Vec<(Node<'t>, Node<'t>, Node<'t>)> {
    let source = context.source;
    let mut names: Vec<&str> = SINKS.iter().map(|sink| sink.name).collect();
    names.extend(
        SINKS
            .iter()
            .flat_map(|sink| sink.passed_as_class_to.iter().copied()),
    );
    names.sort_unstable();
    names.dedup();
    let mut calls = Vec::new();
    for name in names {
        for at in parse::occurrences(context.tree, source, name) {
            let Some((call, callee)) = parse::call_named_at(context.tree, at, name.len()) else {
                continue;
            };
            let callee = match callee.kind() {
                "attribute" => callee.child_by_field_name("attribute"),
                _ => Some(callee),
            };
            let arguments = call
                .child_by_field_name("arguments")
                .filter(|arguments| arguments.kind() == "argument_list");
            if let (Some(callee), Some(arguments)) = (callee, arguments) {
                calls.push((call, callee, arguments));
            }
        }
    }
    calls.sort_by_key(|(call, _, _)| call.start_byte());
    calls
}

/// The configuration mappings that may turn a framework's own cookie on, found from
/// their keys: a dict with a `"xsrf_cookies"` or `"tools.sessions.on"` key, or the
/// arguments of `Application(...)` or `dict(...)` given `xsrf_cookies=`. In source
/// order, each once.
fn mappings<'t>(context: &Context<'t>) -> Result<Vec<Node<'t>>, super::NeedsMore> {
    let (source, root) = (context.source, context.tree.root_node());
    let mut mappings: Vec<Node> = Vec::new();
    for key in [TORNADO_XSRF, CHERRYPY_SESSIONS] {
        for at in parse::occurrences(context.tree, source, key) {
            let Some(node) = root.descendant_for_byte_range(at, at + key.len()) else {
                continue;
            };
            // `super().__init__(...)` tells its class only where the tree shows it.
            if node.kind() == "identifier" && is_super_init_keyword(node, source) {
                context.needs_scopes_of([node])?;
            }
            let mapping = match node.kind() {
                "identifier" => keywords_of_a_settings_call(node, source),
                _ => dict_keyed_by(node),
            };
            mappings.extend(mapping);
        }
    }
    mappings.sort_by_key(|node| node.start_byte());
    mappings.dedup_by_key(|node| node.id());
    Ok(mappings)
}

/// Whether `name` is a keyword of a `super().__init__(...)` call.
fn is_super_init_keyword(name: Node, source: &[u8]) -> bool {
    let function = parse::parent_holding(name, "keyword_argument", "name")
        .and_then(|keyword| keyword.parent())
        .and_then(|arguments| arguments.parent())
        .and_then(|call| call.child_by_field_name("function"));
    function.is_some_and(|function| {
        function.kind() == "attribute"
            && function
                .child_by_field_name("attribute")
                .and_then(|a| a.utf8_text(source).ok())
                == Some("__init__")
    })
}

/// The argument list of `Application(...)` or `dict(...)` that `name` is a keyword of.
fn keywords_of_a_settings_call<'t>(name: Node<'t>, source: &[u8]) -> Option<Node<'t>> {
    let keyword = parse::parent_holding(name, "keyword_argument", "name")?;
    let arguments = keyword.parent().filter(|a| a.kind() == "argument_list")?;
    let function = arguments.parent()?.child_by_field_name("function")?;
    let callee = match function.kind() {
        "attribute" => function.child_by_field_name("attribute")?,
        "identifier" => function,
        _ => return None,
    };
    match callee.utf8_text(source).ok()? {
        "Application" | "dict" => Some(arguments),
        // `super().__init__(handlers, xsrf_cookies=True)` in an `Application` subclass.
        "__init__" if initialises_an_application(function, source) => Some(arguments),
        _ => None,
    }
}

/// Whether `function` is `super().__init__` in a method of a class whose bases include
/// `Application` (Tornado's, as `web.Application` or imported by name).
fn initialises_an_application(function: Node, source: &[u8]) -> bool {
    let is_super = function
        .child_by_field_name("object")
        .and_then(|object| object.child_by_field_name("function"))
        .and_then(|callee| callee.utf8_text(source).ok())
        == Some("super");
    if !is_super {
        return false;
    }
    let mut node = function;
    while let Some(parent) = node.parent() {
        if parent.kind() == "class_definition" {
            return parent
                .child_by_field_name("superclasses")
                .map(parse::code_children)
                .unwrap_or_default()
                .into_iter()
                .any(|base| bindings::last_name(base, source) == Some("Application"));
        }
        node = parent;
    }
    false
}

/// The dict whose key is the string that `inside` (its content) is in.
fn dict_keyed_by(inside: Node) -> Option<Node> {
    let mut key = inside.parent().filter(|string| string.kind() == "string")?;
    while let Some(parent) = key
        .parent()
        .filter(|p| p.kind() == "parenthesized_expression")
    {
        key = parent;
    }
    let pair = parse::parent_holding(key, "pair", "key")?;
    pair.parent().filter(|dict| dict.kind() == "dictionary")
}

/// A needle counts where it is a whole name, not part of a longer one, that may be
/// called or passed on: the next byte on its line, past blanks, opens or continues an
/// argument list (`(`, `,`, `)`), or there is none. A name inside a string, as Django's
/// settings name `"django.contrib.sessions.middleware.SessionMiddleware"`, is no sink.
/// The needles of configuration keys stand in a string or before `=`: only their
/// ends are checked.
pub fn is_a_name(bytes: &[u8], at: usize, needle: &str) -> bool {
    let name_byte = |b: Option<&u8>| b.is_some_and(|&b| b.is_ascii_alphanumeric() || b == b'_');
    let end = at + needle.len();
    let next = bytes[end..].iter().find(|b| !crate::source::is_blank(b));
    let whole = !name_byte(at.checked_sub(1).and_then(|before| bytes.get(before)))
        && !name_byte(bytes.get(end));
    if CONFIGURATION_KEYS.contains(&needle) {
        return whole;
    }
    whole
        && matches!(
            next,
            None | Some(b'(' | b',' | b')' | b'\n' | b'\r' | b'#' | b'\\')
        )
}

/// The classes and factories count as names; the configuration keys also as a dict's
/// string keys.
pub fn needle_counts(needle: &str) -> Counts {
    match CONFIGURATION_KEYS.contains(&needle) {
        true => Counts::Anywhere,
        false => Counts::AsAName,
    }
}

fn check(context: &Context) -> Checked {
    check_attribute(context, SessionAttribute::Secure)
}

/// The session sinks of a file that leave their cookie without `attribute`; only
/// Secure is read in configuration mappings (Tornado's, CherryPy's).
pub fn check_attribute(context: &Context, attribute: SessionAttribute) -> Checked {
    // A migration or an example configures no deployment: no edit goes there.
    if context.project.is_not_configuration() {
        return Ok(Vec::new());
    }
    let source = context.source;
    let tree = context.tree;
    let packages = bindings::imported_packages(&bindings::import_statements(tree, source));
    let imports: Vec<&str> = packages
        .iter()
        .filter_map(|package| package.utf8_text(source).ok())
        .collect();
    let calls = calls(context);
    let mappings = mappings(context)?;

    let mut detections = Vec::new();
    for (call, callee, arguments) in calls {
        let Some(sink) = sink_of(callee, arguments, source) else {
            continue;
        };
        if !sink.modules.iter().any(|module| imports.contains(module)) {
            continue;
        }
        let (keyword, signature, reading) = match attribute {
            SessionAttribute::Secure => (sink.keyword, sink.signature, Reading::Flag),
            SessionAttribute::HttpOnly => match sink.httponly {
                Some((keyword, signature)) => (keyword, signature, Reading::Flag),
                None => continue,
            },
            SessionAttribute::SameSite => match sink.samesite {
                Some((keyword, signature)) => (keyword, signature, Reading::Policy),
                None => continue,
            },
        };
        let outcome = Arguments::new(arguments, source, &[keyword], reading)
            .evaluate(std::slice::from_ref(&signature), source);
        let read = Read { keyword, attribute };
        let (vocabulary, want) = match attribute {
            SessionAttribute::Secure => (&super::SECURE_VALUES, Want::Truthy),
            SessionAttribute::HttpOnly => (&super::HTTPONLY_VALUES, Want::Truthy),
            SessionAttribute::SameSite => (
                &super::SAMESITE_VALUES,
                Want::Text(crate::call::is_samesite_policy),
            ),
        };
        let judged = values::judge_call_flag(
            context, &outcome, call, arguments, keyword, vocabulary, want,
        )?;
        match judged {
            Some(values::CallFlag {
                judgement,
                shown,
                value,
            }) if !matches!(
                (&judgement, &outcome),
                (Judgement::Review(None), Outcome::Splat)
            ) =>
            {
                // Left out of the dict: what the sink gives a call without it.
                if judgement == Judgement::Absent && outcome == Outcome::Splat {
                    let missing = match signature.set_by_default {
                        true => Outcome::Secure,
                        false => Outcome::Missing,
                    };
                    detections.extend(detection(context, call, arguments, sink, &read, missing));
                    continue;
                }
                let fix = fix_value(context, arguments, attribute);
                let flag = values::Flag {
                    subject: sink.name,
                    said: format!("{} with {shown}", sink.name),
                    range: call.byte_range(),
                    value,
                    fix: &fix,
                    check: check_of(attribute),
                };
                detections.extend(values::detections(context, judgement, &flag));
            }
            _ => detections.extend(detection(context, call, arguments, sink, &read, outcome)),
        }
    }
    if attribute != SessionAttribute::Secure {
        detections.sort_by_key(|d| (d.range.start, d.range.end));
        return Ok(detections);
    }
    // The settings names code reads or sets the kwargs of (`settings["xsrf_cookie_kwargs"]`).
    let kwargs_read_from: Vec<&str> = parse::mentions(context.tree, source, TORNADO_XSRF_KWARGS)
        .into_iter()
        .filter(|node| literal::plain_string(*node, source) == Some(TORNADO_XSRF_KWARGS))
        .filter_map(|node| read_from(node, source))
        .collect();
    for mapping in mappings.into_iter().filter_map(Mapping::of) {
        let kwargs_set_by_code = assigned_name(mapping.node(), source)
            .is_some_and(|name| kwargs_read_from.contains(&name));
        detections.extend(configured_cookies(
            context,
            mapping,
            &imports,
            kwargs_set_by_code,
        )?);
    }
    detections.sort_by_key(|d| (d.range.start, d.range.end));
    Ok(detections)
}

/// The sink a call configures: the callee's own name, or the class it is handed.
fn sink_of(callee: Node, arguments: Node, source: &[u8]) -> Option<&'static Sink> {
    let name = callee.utf8_text(source).ok()?;
    if let Some(sink) = SINKS.iter().find(|sink| sink.name == name) {
        return Some(sink);
    }
    let first = parse::code_children(arguments).into_iter().next()?;
    let class = match first.kind() {
        "identifier" => first,
        "attribute" => first.child_by_field_name("attribute")?,
        _ => return None,
    };
    let class = class.utf8_text(source).ok()?;
    SINKS
        .iter()
        .find(|sink| sink.name == class && sink.passed_as_class_to.contains(&name))
}

/// What a call is read for: the attribute, and the keyword that passes it.
struct Read {
    keyword: &'static str,
    attribute: SessionAttribute,
}

fn detection(
    context: &Context,
    call: Node,
    arguments: Node,
    sink: &'static Sink,
    read: &Read,
    outcome: Outcome,
) -> Option<Detection> {
    let (name, keyword) = (sink.name, read.keyword);
    let fixable = matches!(outcome, Outcome::Missing | Outcome::Falsy { .. });
    // A session cookie set once for every request: the project's setting, or the value
    // the tests over plain HTTP must be told of (no request's scheme applies).
    let fix = match (read.attribute, fixable) {
        (SessionAttribute::Secure, true) => {
            let modules = secure_fix::imported_modules(context);
            secure_fix::secure_fix(context, None, keyword, &modules).ok()
        }
        _ => None,
    };
    let (fix_value, note, follow_up) = match fix {
        Some(fix) => (fix.value, fix.note, fix.follow_up),
        None => (
            fix_value(context, arguments, read.attribute),
            String::new(),
            None,
        ),
    };
    let wanted = match read.attribute {
        SessionAttribute::SameSite => format!("a SameSite policy ({keyword}={fix_value})"),
        SessionAttribute::Secure | SessionAttribute::HttpOnly => format!("{keyword}=True"),
    };
    let check = check_of(read.attribute);
    let text =
        |range: std::ops::Range<usize>| String::from_utf8_lossy(&context.body[range]).into_owned();
    let edits = outcome.edits(arguments, keyword, &fix_value, context.body, context.lines);
    let (verdict, message) = match outcome {
        Outcome::Secure => return None,
        Outcome::Missing => (Verdict::Missing, format!("{name} without {wanted}{note}")),
        Outcome::Falsy { value, .. } => (
            Verdict::Falsy,
            format!("{name} with {keyword}={}{note}", text(value)),
        ),
        Outcome::Dynamic(value) => (
            Verdict::Dynamic,
            format!(
                "{name} with {keyword}={}: check that it is {check}",
                text(value)
            ),
        ),
        Outcome::Splat | Outcome::ThroughArgs => (
            Verdict::Splat,
            format!("{name} is given *args or **kwargs: check that they set {wanted}"),
        ),
        Outcome::NoSecureParameter | Outcome::Ambiguous => (
            Verdict::Ambiguous,
            format!("{name}: where {keyword} goes cannot be told"),
        ),
    };
    Some(Detection {
        subject: name,
        verdict,
        message,
        range: call.byte_range(),
        edits,
        opt_out: None,
        follow_up,
    })
}

/// What a fix writes as the attribute's value.
fn fix_value(context: &Context, arguments: Node, attribute: SessionAttribute) -> String {
    match attribute {
        SessionAttribute::Secure => context.settings.secure_value.clone(),
        SessionAttribute::HttpOnly => "True".to_owned(),
        SessionAttribute::SameSite => {
            let quote = literal::first_quote(arguments, context.source).unwrap_or('"');
            format!("{quote}Lax{quote}")
        }
    }
}

/// What review asks to check of the attribute's value.
fn check_of(attribute: SessionAttribute) -> &'static str {
    match attribute {
        SessionAttribute::SameSite => "a SameSite policy (\"Strict\", \"Lax\" or \"None\")",
        SessionAttribute::Secure | SessionAttribute::HttpOnly => "true in production",
    }
}

/// [`configured_cookie`], but for an entry a test module leaves out.
fn configured_cookies(
    context: &Context,
    mapping: Mapping,
    imports: &[&str],
    kwargs_set_by_code: bool,
) -> Checked {
    // A test module configures apps for its tests, which may well read the cookies
    // they get: an entry it leaves out is its own business.
    let tests = super::is_test_module(imports);
    let mut detections = configured_cookie(context, mapping, imports, kwargs_set_by_code)?;
    detections.retain(|detection| detection.verdict != Verdict::Missing || !tests);
    Ok(detections)
}

/// The cookies a configuration mapping turns on without Secure: Tornado's XSRF cookie
/// (`xsrf_cookies` true, and no true `"secure"` in `xsrf_cookie_kwargs`) and CherryPy's
/// session (`tools.sessions.on` true, and no true `tools.sessions.secure`). A flag that
/// turns the cookie on only at run time is no finding: the cookie may not exist.
fn configured_cookie(
    context: &Context,
    mapping: Mapping,
    imports: &[&str],
    kwargs_set_by_code: bool,
) -> Checked {
    let source = context.source;
    let is_on = |key: &str| {
        mapping
            .get(key, source)
            .filter(|entry| literal::truthiness(entry.value, source) == Some(true))
    };
    if imports.contains(&"tornado") {
        if let Some(on) = is_on(TORNADO_XSRF) {
            return tornado_xsrf(context, mapping, on, kwargs_set_by_code);
        }
    }
    if imports.contains(&"cherrypy") {
        if let Some(on) = is_on(CHERRYPY_SESSIONS) {
            let quote = literal::quote_of(on.key_node, source).unwrap_or('"');
            let flag = mapping.get(CHERRYPY_SECURE, source);
            return entry_detection(
                context,
                "tools.sessions",
                mapping,
                CHERRYPY_SECURE,
                quote,
                flag.map(|flag| flag.value),
                on.node,
            );
        }
    }
    Ok(Vec::new())
}

/// The name whose item the string `key` reads or sets: `settings` of
/// `settings["key"]`, `"key" in settings`, `settings.get("key")`.
fn read_from<'s>(key: Node, source: &'s [u8]) -> Option<&'s str> {
    let parent = key.parent()?;
    let name = match parent.kind() {
        "subscript" => parent.child_by_field_name("value"),
        "comparison_operator" => parse::code_children(parent)
            .into_iter()
            .find(|operand| operand.id() != key.id()),
        "argument_list" => parent
            .parent()
            .and_then(|call| call.child_by_field_name("function"))
            .filter(|function| function.kind() == "attribute")
            .and_then(|function| function.child_by_field_name("object")),
        _ => None,
    }?;
    (name.kind() == "identifier")
        .then(|| name.utf8_text(source).ok())
        .flatten()
}

/// The name a dict literal or `dict(...)` call is assigned to (`settings = {...}`).
fn assigned_name<'s>(mapping: Node, source: &'s [u8]) -> Option<&'s str> {
    let value = match mapping.kind() {
        "argument_list" => mapping.parent()?,
        _ => mapping,
    };
    let assignment = value.parent().filter(|p| p.kind() == "assignment")?;
    let target = assignment.child_by_field_name("left")?;
    (target.kind() == "identifier")
        .then(|| target.utf8_text(source).ok())
        .flatten()
}

/// Tornado's XSRF cookie: the `secure` entry of `xsrf_cookie_kwargs`, or that setting
/// itself when it is missing.
fn tornado_xsrf(
    context: &Context,
    settings: Mapping,
    on: crate::mapping::Entry,
    kwargs_set_by_code: bool,
) -> Checked {
    let source = context.source;
    let quote = literal::quote_of(on.key_node, source).unwrap_or('"');
    let Some(kwargs) = settings.get(TORNADO_XSRF_KWARGS, source) else {
        // Code that sets the settings' kwargs later (`if "xsrf_cookie_kwargs" not in
        // settings: ...`) would read a new entry as given.
        if kwargs_set_by_code {
            return Ok(vec![Detection {
                subject: TORNADO_XSRF_KWARGS,
                verdict: Verdict::Dynamic,
                message: format!(
                    "xsrf_cookies=True, and code reads or sets these settings' \
                     {TORNADO_XSRF_KWARGS}: check that it has a true \"secure\""
                ),
                range: on.node.byte_range(),
                edits: Vec::new(),
                opt_out: None,
                follow_up: None,
            }]);
        }
        if settings.has_splat(source) {
            return Ok(vec![Detection {
                subject: TORNADO_XSRF_KWARGS,
                verdict: Verdict::Splat,
                message: format!(
                    "xsrf_cookies=True is given **: check that it sets \
                     {TORNADO_XSRF_KWARGS} with a true \"secure\""
                ),
                range: on.node.byte_range(),
                edits: Vec::new(),
                opt_out: None,
                follow_up: None,
            }]);
        }
        let value = format!(
            "{{{quote}secure{quote}: {}}}",
            context.settings.secure_value
        );
        return Ok(vec![Detection {
            subject: TORNADO_XSRF_KWARGS,
            verdict: Verdict::Missing,
            message: format!("xsrf_cookies=True without {TORNADO_XSRF_KWARGS}={value}"),
            range: on.node.byte_range(),
            edits: settings.insert(
                TORNADO_XSRF_KWARGS,
                &value,
                quote,
                context.body,
                context.lines,
            ),
            opt_out: None,
            follow_up: None,
        }]);
    };
    let Some(inner) = Mapping::of_value(kwargs.value, source) else {
        let given = |value: &str| format!("{TORNADO_XSRF_KWARGS}={value}");
        return Ok(vec![dynamic(
            context,
            TORNADO_XSRF_KWARGS,
            &given,
            kwargs.value,
        )]);
    };
    let inner_quote = match inner {
        Mapping::Dict(_) => inner
            .entries(source)
            .first()
            .and_then(|entry| literal::quote_of(entry.key_node, source))
            .unwrap_or(quote),
        Mapping::Keywords(_) => quote,
    };
    let flag = inner.get("secure", source).map(|entry| entry.value);
    entry_detection(
        context,
        TORNADO_XSRF_KWARGS,
        inner,
        "secure",
        inner_quote,
        flag,
        kwargs.node,
    )
}

/// The verdict on the flag `key` of `mapping`: given as `value`, or missing, when the
/// finding is reported at `missing_at` and the entry inserted.
fn entry_detection(
    context: &Context,
    subject: &'static str,
    mapping: Mapping,
    key: &str,
    quote: char,
    value: Option<Node>,
    missing_at: Node,
) -> Checked {
    let source = context.source;
    let fix_value = &context.settings.secure_value;
    // `"secure": X` in a dict, `secure=X` in a call.
    let given = |value: &str| match mapping {
        Mapping::Dict(_) => format!("\"{key}\": {value}"),
        Mapping::Keywords(_) => format!("{key}={value}"),
    };
    let Some(value) = value else {
        if mapping.has_splat(source) {
            return Ok(vec![Detection {
                subject,
                verdict: Verdict::Splat,
                message: format!("{subject} is given **: check that it sets {key} true"),
                range: missing_at.byte_range(),
                edits: Vec::new(),
                opt_out: None,
                follow_up: None,
            }]);
        }
        return Ok(vec![Detection {
            subject,
            verdict: Verdict::Missing,
            message: format!("{subject} without {}", given("True")),
            range: missing_at.byte_range(),
            edits: mapping.insert(key, fix_value, quote, context.body, context.lines),
            opt_out: None,
            follow_up: None,
        }]);
    };
    let shown = String::from_utf8_lossy(&context.body[value.byte_range()]).into_owned();
    match literal::truthiness(value, source) {
        Some(true) => Ok(Vec::new()),
        Some(false) => {
            let Some(replaced) = literal::replaced_range(value, source) else {
                return Ok(vec![dynamic(context, subject, &given, value)]);
            };
            Ok(vec![Detection {
                subject,
                verdict: Verdict::Falsy,
                message: format!("{subject} with {}", given(&shown)),
                range: value.byte_range(),
                edits: vec![crate::edit::Edit::replace(replaced, fix_value)],
                opt_out: None,
                follow_up: None,
            }])
        }
        None => {
            let judgement = values::judge(context, value, &super::SECURE_VALUES, Want::Truthy)?;
            let flag = values::Flag {
                subject,
                said: format!("{subject} with {}", given(&shown)),
                range: value.byte_range(),
                value: value.byte_range(),
                fix: fix_value,
                check: "true in production",
            };
            Ok(values::detections(context, judgement, &flag))
        }
    }
}

/// A flag given as an expression; `given` writes it as its mapping does.
fn dynamic(
    context: &Context,
    subject: &'static str,
    given: &dyn Fn(&str) -> String,
    value: Node,
) -> Detection {
    Detection {
        subject,
        verdict: Verdict::Dynamic,
        message: format!(
            "{subject} with {}: check that it is true in production",
            given(&String::from_utf8_lossy(&context.body[value.byte_range()]))
        ),
        range: value.byte_range(),
        edits: Vec::new(),
        opt_out: None,
        follow_up: None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_attribute_needles_are_the_sinks_that_take_an_attribute() {
        let takes: Vec<&str> = SINKS
            .iter()
            .filter(|sink| sink.httponly.is_some() || sink.samesite.is_some())
            .map(|sink| sink.name)
            .collect();
        assert_eq!(takes, ATTRIBUTE_NEEDLES);
    }

    #[test]
    fn a_name_in_a_string_or_a_longer_name_is_no_sink() {
        let at = |text: &str| text.find("SessionMiddleware").expect("the name");
        for text in [
            "app.add_middleware(SessionMiddleware, secret_key='k')",
            "SessionMiddleware(app)",
            "Middleware(SessionMiddleware)",
            "from starlette.middleware.sessions import SessionMiddleware\n",
            "x = SessionMiddleware  # why",
        ] {
            assert!(
                is_a_name(text.as_bytes(), at(text), "SessionMiddleware"),
                "{text}"
            );
        }
        for text in [
            "\"django.contrib.sessions.middleware.SessionMiddleware\",",
            "MySessionMiddleware(app)",
            "SessionMiddlewares(app)",
            "SessionMiddleware.x",
        ] {
            assert!(
                !is_a_name(text.as_bytes(), at(text), "SessionMiddleware"),
                "{text}"
            );
        }
    }

    #[test]
    fn every_sink_is_a_needle() {
        for sink in SINKS {
            assert!(NEEDLES.contains(&sink.name), "{} is no needle", sink.name);
        }
        assert_eq!(NEEDLES.len(), SINKS.len() + 3);
    }
}
