//! The ways a value is settled, a row each (DESIGN.md section 8): the request's scheme in
//! each framework's spelling, the debug switch, the cookie settings another rule judges,
//! the environment and configuration readers with their defaults, and the parses around
//! them. Each row says what the expression is in a deployment that serves HTTPS, turns
//! DEBUG off and sets no variable, and records what it read.
//!
//! A new way a value is settled is a row here; nothing else changes.

use tree_sitter::Node;

use super::eval::{Evaluator, Py, Read, Val};
use super::flow::{self, Sym, Target};
use super::Needs;
use crate::bindings;
use crate::literal;
use crate::parse;

/// An attribute that holds the request's scheme or whether it is HTTPS, and the last
/// names of the receivers it is read on (empty: any).
struct SchemeAttribute {
    attribute: &'static str,
    receivers: &'static [&'static str],
    https: Https,
}

/// What the attribute holds on an HTTPS request.
#[derive(Clone, Copy)]
enum Https {
    /// `True`: Django's `request.is_secure()`, Flask's `request.is_secure`.
    True,
    /// The scheme's name, `"https"`.
    Scheme,
}

const REQUESTS: &[&str] = &["request", "req", "_request", "http_request"];

/// django 5.2 HttpRequest.is_secure(), werkzeug 3.1 Request.is_secure, starlette/fastapi
/// and litestar `request.url.scheme`, falcon 4 `req.scheme` / `req.forwarded_scheme`,
/// tornado 6.5 `self.request.protocol`, aiohttp 3 `request.secure` and `request.scheme`,
/// bottle `request.urlparts.scheme`, pyramid and webob `request.scheme`, sanic
/// `request.scheme`, quart `request.scheme` / `request.is_secure`.
const SCHEME_ATTRIBUTES: &[SchemeAttribute] = &[
    SchemeAttribute {
        attribute: "is_secure",
        receivers: &[],
        https: Https::True,
    },
    SchemeAttribute {
        attribute: "secure",
        receivers: REQUESTS,
        https: Https::True,
    },
    SchemeAttribute {
        attribute: "scheme",
        receivers: &[
            "request",
            "req",
            "_request",
            "http_request",
            "url",
            "urlparts",
            "base_url",
        ],
        https: Https::Scheme,
    },
    SchemeAttribute {
        attribute: "url_scheme",
        receivers: REQUESTS,
        https: Https::Scheme,
    },
    SchemeAttribute {
        attribute: "forwarded_scheme",
        receivers: REQUESTS,
        https: Https::Scheme,
    },
    SchemeAttribute {
        attribute: "protocol",
        receivers: REQUESTS,
        https: Https::Scheme,
    },
];

/// Attributes and methods that give the request's host (django `get_host()`, werkzeug's
/// `host`, starlette's `url.hostname`, bottle's `urlparts.hostname`), read in a deployment
/// as a host that is not a loopback one.
const HOST_ATTRIBUTES: &[(&str, &[&str])] = &[
    ("get_host", REQUESTS),
    (
        "host",
        &["request", "req", "_request", "http_request", "url"],
    ),
    ("hostname", &["url", "urlparts", "request", "req"]),
    ("server_name", &["request", "req"]),
];

/// Keys that hold the scheme: the WSGI environ's (PEP 3333), the ASGI scope's, and the
/// header a TLS proxy sets (as a header, and as a WSGI/Django META key); the last names
/// of their receivers (empty: any).
const SCHEME_KEYS: &[(&str, &[&str])] = &[
    ("wsgi.url_scheme", &[]),
    ("scheme", &["scope"]),
    ("X-Forwarded-Proto", &["headers"]),
    ("x-forwarded-proto", &["headers"]),
    ("HTTP_X_FORWARDED_PROTO", &["META", "environ"]),
];

/// The debug switch: Django's and Flask's `DEBUG` setting, Flask's `app.debug`,
/// Tornado's `debug` application setting. Read as off, as in production.
const DEBUG_NAMES: &[&str] = &["DEBUG"];
const DEBUG_ATTRIBUTE_RECEIVERS: &[&str] = &["app", "current_app", "application", "flask_app"];

/// Methods of `str` that keep a known string known.
const STR_METHODS: &[&str] = &[
    "lower",
    "upper",
    "casefold",
    "strip",
    "lstrip",
    "rstrip",
    "title",
    "capitalize",
    "startswith",
    "endswith",
];

/// distutils.util.strtobool (Python 3.11) and python-decouple 3.8's copy of it: these
/// strings, in any case, are true or false; any other raises.
const STRTOBOOL_TRUE: &[&str] = &["y", "yes", "t", "true", "on", "1"];
const STRTOBOOL_FALSE: &[&str] = &["n", "no", "f", "false", "off", "0"];

/// pyramid 2.1 pyramid/settings.py `asbool`: `str(s).strip().lower()` in these is true,
/// anything else false (None too).
const ASBOOL_TRUE: &[&str] = &["t", "true", "y", "yes", "on", "1"];

pub fn identifier<'t>(ev: &mut Evaluator<'_, '_, 't>, node: Node<'t>, name: &str) -> Option<Val> {
    // A name a function binds is its own, however it is spelled: its binding decides.
    let scope = flow::scope_of(node);
    if scope.kind() != "module" && flow::binds(scope, name, ev.source()) {
        return None;
    }
    if DEBUG_NAMES.contains(&name) {
        return Some(debug(ev, node));
    }
    if let Some(setting) = cookie_setting(ev, name) {
        return Some(setting_value(ev, setting, node));
    }
    None
}

pub fn attribute<'t>(ev: &mut Evaluator<'_, '_, 't>, node: Node<'t>) -> Option<Val> {
    let object = node.child_by_field_name("object")?;
    let name = ev.text(node.child_by_field_name("attribute")?);
    let receiver = receiver_name(ev, object);
    if let Some(row) = SCHEME_ATTRIBUTES
        .iter()
        .find(|row| row.attribute == name && receives(row.receivers, receiver))
    {
        return Some(scheme(ev, row.https, node));
    }
    if HOST_ATTRIBUTES
        .iter()
        .any(|(attribute, receivers)| *attribute == name && receives(receivers, receiver))
    {
        return Some(host(ev, node));
    }
    if DEBUG_NAMES.contains(&name)
        || (name == "debug" && DEBUG_ATTRIBUTE_RECEIVERS.contains(&receiver))
    {
        return Some(debug(ev, node));
    }
    if let Some(setting) = cookie_setting(ev, name) {
        return Some(setting_value(ev, setting, node));
    }
    None
}

pub fn subscript<'t>(ev: &mut Evaluator<'_, '_, 't>, node: Node<'t>) -> Option<Val> {
    let value = node.child_by_field_name("value")?;
    let index = node.child_by_field_name("subscript")?;
    let key = literal::plain_string(index, ev.source())?;
    environment_item(ev, value, key, node).or_else(|| keyed(ev, value, key, node))
}

/// A key read from a mapping (`x[key]`, `x.get(key)`): the scheme, the debug switch, a
/// cookie setting.
fn keyed<'t>(
    ev: &mut Evaluator<'_, '_, 't>,
    receiver: Node<'t>,
    key: &str,
    at: Node<'t>,
) -> Option<Val> {
    let last = bindings::last_name(receiver, ev.source()).unwrap_or("");
    if SCHEME_KEYS
        .iter()
        .any(|(k, receivers)| *k == key && receives(receivers, last))
    {
        return Some(scheme(ev, Https::Scheme, at));
    }
    let configuration = matches!(last, "config" | "settings" | "configuration" | "conf");
    if configuration && (DEBUG_NAMES.contains(&key) || key == "debug") {
        return Some(debug(ev, at));
    }
    if let Some(setting) = cookie_setting(ev, key) {
        return Some(setting_value(ev, setting, at));
    }
    None
}

/// `os.environ["X"]`: an environment variable that must be set.
fn environment_item<'t>(
    ev: &mut Evaluator<'_, '_, 't>,
    receiver: Node<'t>,
    key: &str,
    at: Node<'t>,
) -> Option<Val> {
    let path = ev.reader.imports().path_of(receiver, ev.source())?;
    (path == "os.environ").then(|| {
        ev.reads.push(Read::Environment {
            variable: key.to_owned(),
            default: None,
            at: at.byte_range(),
        });
        ev.unknown("an environment variable that must be set", at)
    })
}

pub fn call<'t>(ev: &mut Evaluator<'_, '_, 't>, node: Node<'t>) -> Option<Val> {
    let function = node.child_by_field_name("function")?;
    let arguments = node.child_by_field_name("arguments")?;
    if arguments.kind() != "argument_list" {
        return None;
    }
    let args = Args::of(arguments, ev.source());
    match function.kind() {
        "identifier" => {
            let name = ev.text(function);
            if let Some(value) = builtin(ev, name, &args, node) {
                return Some(value);
            }
            if let Some(value) = environment(ev, function, &args, node) {
                return Some(value);
            }
            if let Some(definition) = function_named(ev, node, name) {
                return Some(match definition {
                    Ok(definition) => ev.returned(node, definition, false),
                    Err(needs) => ev.need(needs, node),
                });
            }
            None
        }
        "attribute" => {
            let object = function.child_by_field_name("object")?;
            let method = ev.text(function.child_by_field_name("attribute")?);
            // `self.method()`: the enclosing class's own method first.
            if matches!(ev.text(object), "self" | "cls") {
                // The windows may not show the class around the method.
                if !ev.reader.whole {
                    return Some(ev.need(Needs::WholeFile, node));
                }
                if let Some(class) = super::eval::enclosing_class(node) {
                    if let Some(definition) = method_of(class, method, ev.source()) {
                        return Some(ev.returned(node, definition, true));
                    }
                }
            }
            if let Some(setting) = ev.reader.vocabulary.setting_method(method) {
                return Some(setting_value(ev, setting, node));
            }
            if args.is_empty() {
                let receiver = receiver_name(ev, object);
                if HOST_ATTRIBUTES.iter().any(|(attribute, receivers)| {
                    *attribute == method && receives(receivers, receiver)
                }) {
                    return Some(host(ev, node));
                }
                if let Some(row) = SCHEME_ATTRIBUTES
                    .iter()
                    .find(|row| row.attribute == method && receives(row.receivers, receiver))
                {
                    return Some(scheme(ev, row.https, node));
                }
            }
            // An environment read first: `os.environ.get("SESSION_COOKIE_SECURE")` reads
            // a variable, not the setting of that name.
            if let Some(value) = environment(ev, function, &args, node) {
                return Some(value);
            }
            if method == "get" {
                if let Some(key) = args
                    .positional(0)
                    .and_then(|k| literal::plain_string(k, ev.source()))
                {
                    // A setting its framework may leave unset (Flask-Login's
                    // `REMEMBER_COOKIE_SECURE`): where it is, the default decides.
                    let default = args.positional(1).or_else(|| args.keyword("default"));
                    let setting = cookie_setting(ev, key);
                    if let (Some(setting), Some(default)) = (setting, default) {
                        if !ev.reader.vocabulary.is_always_defined(setting) {
                            return Some(default_of_setting(ev, setting, default, node));
                        }
                    }
                    if let Some(value) = keyed(ev, object, key, node) {
                        return Some(value);
                    }
                }
            }
            if let Some(value) = parsing(ev, function, &args, node) {
                return Some(value);
            }
            if STR_METHODS.contains(&method) {
                return Some(string_method(ev, object, method, &args, node));
            }
            None
        }
        _ => None,
    }
}

/// A call's arguments by position and keyword.
pub struct Args<'t> {
    positional: Vec<Node<'t>>,
    keywords: Vec<(String, Node<'t>)>,
    splat: bool,
}

impl<'t> Args<'t> {
    fn of(arguments: Node<'t>, source: &[u8]) -> Self {
        let mut args = Args {
            positional: Vec::new(),
            keywords: Vec::new(),
            splat: false,
        };
        for argument in parse::code_children(arguments) {
            match argument.kind() {
                "keyword_argument" => {
                    let name = argument
                        .child_by_field_name("name")
                        .and_then(|n| n.utf8_text(source).ok());
                    if let (Some(name), Some(value)) = (name, argument.child_by_field_name("value"))
                    {
                        args.keywords.push((name.to_owned(), value));
                    }
                }
                "list_splat" | "dictionary_splat" => args.splat = true,
                _ => args.positional.push(argument),
            }
        }
        args
    }

    fn positional(&self, at: usize) -> Option<Node<'t>> {
        self.positional.get(at).copied()
    }

    fn keyword(&self, name: &str) -> Option<Node<'t>> {
        self.keywords
            .iter()
            .find(|(k, _)| k == name)
            .map(|(_, v)| *v)
    }

    /// The argument of a parameter passed at `position` or as `name`.
    fn get(&self, position: Option<usize>, name: &str) -> Option<Node<'t>> {
        self.keyword(name)
            .or_else(|| position.and_then(|at| self.positional(at)))
    }

    fn is_empty(&self) -> bool {
        self.positional.is_empty() && self.keywords.is_empty() && !self.splat
    }
}

/// The last name of a receiver, as the rows read it: the request a framework exports
/// under any alias (`from flask import request as flask_request`) is `request`.
fn receiver_name<'s>(ev: &Evaluator<'_, 's, '_>, object: Node) -> &'s str {
    let last = bindings::last_name(object, ev.source()).unwrap_or("");
    let imported = (object.kind() == "identifier")
        .then(|| ev.reader.imports().path_of_name(last))
        .flatten();
    match imported {
        Some(path) if path.ends_with(".request") => "request",
        _ => last,
    }
}

fn receives(receivers: &[&str], receiver: &str) -> bool {
    receivers.is_empty() || receivers.contains(&receiver)
}

fn scheme(ev: &mut Evaluator, https: Https, at: Node) -> Val {
    ev.reads.push(Read::Scheme(at.byte_range()));
    Val::known(match https {
        Https::True => Py::Bool(true),
        Https::Scheme => Py::Str("https".to_owned()),
    })
}

fn host(ev: &mut Evaluator, at: Node) -> Val {
    ev.reads.push(Read::Host(at.byte_range()));
    Val::known(Py::Host)
}

fn debug(ev: &mut Evaluator, at: Node) -> Val {
    ev.reads.push(Read::Debug(at.byte_range()));
    Val::known(Py::Bool(false))
}

fn cookie_setting(ev: &Evaluator, name: &str) -> Option<&'static str> {
    ev.reader.vocabulary.setting(name)
}

fn setting_value(ev: &mut Evaluator, setting: &'static str, at: Node) -> Val {
    ev.reads.push(Read::Setting(setting, at.byte_range()));
    Val::known(Py::Bool(true))
}

/// `bool()`, `str()`, `int()` and the parses of a boolean string.
fn builtin<'t>(
    ev: &mut Evaluator<'_, '_, 't>,
    name: &str,
    args: &Args<'t>,
    at: Node<'t>,
) -> Option<Val> {
    let parse = match name {
        "bool" | "str" | "int" | "strtobool" | "asbool" => name,
        "getattr" => return getattr(ev, args, at),
        _ => return None,
    };
    // A name the module binds itself (`def strtobool`) is its own function.
    if !matches!(parse, "bool" | "str" | "int") && function_named(ev, at, name).is_some() {
        return None;
    }
    let [argument] = args.positional[..] else {
        return None;
    };
    if args.splat || !args.keywords.is_empty() {
        return None;
    }
    let value = ev.eval(argument);
    Some(apply_parse(ev, parse, value, at))
}

fn apply_parse(ev: &mut Evaluator, parse: &str, value: Val, at: Node) -> Val {
    let Some(py) = value.py else {
        return Val::unknown();
    };
    let result = match parse {
        "bool" => py.truth().map(Py::Bool),
        "str" => py.to_str().map(Py::Str),
        "int" => match py {
            Py::Int(i) => Some(Py::Int(i)),
            Py::Bool(b) => Some(Py::Int(i64::from(b))),
            Py::Str(s) => s.trim().parse().ok().map(Py::Int),
            _ => None,
        },
        "strtobool" => match py {
            Py::Bool(b) => Some(Py::Int(i64::from(b))),
            Py::Str(s) => {
                let lower = s.to_ascii_lowercase();
                if STRTOBOOL_TRUE.contains(&lower.as_str()) {
                    Some(Py::Int(1))
                } else if STRTOBOOL_FALSE.contains(&lower.as_str()) {
                    Some(Py::Int(0))
                } else {
                    return ev.unknown("a string strtobool() refuses", at);
                }
            }
            _ => None,
        },
        "asbool" => match py {
            Py::None => Some(Py::Bool(false)),
            Py::Bool(b) => Some(Py::Bool(b)),
            other => other.to_str().map(|s| {
                let lower = s.trim().to_ascii_lowercase();
                Py::Bool(ASBOOL_TRUE.contains(&lower.as_str()))
            }),
        },
        _ => None,
    };
    match result {
        Some(py) => Val::known(py),
        None => ev.unknown("a value the parse cannot be told for", at),
    }
}

/// `json.loads("true")`, `ast.literal_eval("True")`, `distutils.util.strtobool(...)`.
fn parsing<'t>(
    ev: &mut Evaluator<'_, '_, 't>,
    function: Node<'t>,
    args: &Args<'t>,
    at: Node<'t>,
) -> Option<Val> {
    let path = ev.reader.imports().path_of(function, ev.source())?;
    let [argument] = args.positional[..] else {
        return None;
    };
    let parse = match path.as_str() {
        "json.loads" => "json",
        "ast.literal_eval" => "literal",
        "distutils.util.strtobool" | "decouple.strtobool" => "strtobool",
        "pyramid.settings.asbool" => "asbool",
        _ => return None,
    };
    let value = ev.eval(argument);
    Some(match parse {
        "json" | "literal" => {
            let (yes, no) = match parse {
                "json" => ("true", "false"),
                _ => ("True", "False"),
            };
            match value.text().map(str::trim) {
                Some(text) if text == yes => Val::known(Py::Bool(true)),
                Some(text) if text == no => Val::known(Py::Bool(false)),
                _ => ev.unknown("a value the parse cannot be told for", at),
            }
        }
        parse => apply_parse(ev, parse, value, at),
    })
}

fn string_method<'t>(
    ev: &mut Evaluator<'_, '_, 't>,
    object: Node<'t>,
    method: &str,
    args: &Args<'t>,
    at: Node<'t>,
) -> Val {
    let value = ev.eval(object);
    if value.py == Some(Py::Host) {
        return host_method(ev, method, args, at);
    }
    let Some(text) = value.text().map(str::to_owned) else {
        return ev.unknown("a string method of a value known only at run time", at);
    };
    let blank_only = args.is_empty();
    match method {
        "lower" | "casefold" if blank_only => Val::known(Py::Str(text.to_lowercase())),
        "upper" if blank_only => Val::known(Py::Str(text.to_uppercase())),
        "strip" if blank_only => Val::known(Py::Str(text.trim().to_owned())),
        "lstrip" if blank_only => Val::known(Py::Str(text.trim_start().to_owned())),
        "rstrip" if blank_only => Val::known(Py::Str(text.trim_end().to_owned())),
        "capitalize" | "title" if blank_only => {
            let mut chars = text.chars();
            let capitalized = match chars.next() {
                Some(first) => first
                    .to_uppercase()
                    .chain(chars.flat_map(char::to_lowercase))
                    .collect(),
                None => String::new(),
            };
            Val::known(Py::Str(capitalized))
        }
        "startswith" | "endswith" if args.positional.len() == 1 && args.keywords.is_empty() => {
            let affix = ev.eval(args.positional[0]);
            let affixes: Vec<String> = match &affix.py {
                Some(Py::Str(s)) => vec![s.clone()],
                Some(Py::Seq(items)) => {
                    let texts: Option<Vec<String>> =
                        items.iter().map(|i| i.text().map(str::to_owned)).collect();
                    match texts {
                        Some(texts) => texts,
                        None => return Val::unknown(),
                    }
                }
                _ => return ev.unknown("an affix known only at run time", at),
            };
            let matches = affixes.iter().any(|affix| match method {
                "startswith" => text.starts_with(affix.as_str()),
                _ => text.ends_with(affix.as_str()),
            });
            Val::known(Py::Bool(matches))
        }
        _ => ev.unknown("a string method the module does not settle", at),
    }
}

/// A string method of the request's host: it is no loopback host, so it does not start
/// with `localhost` or `127.`, and a lower-cased host is the host.
fn host_method<'t>(
    ev: &mut Evaluator<'_, '_, 't>,
    method: &str,
    args: &Args<'t>,
    at: Node<'t>,
) -> Val {
    match method {
        "lower" | "casefold" | "strip" | "rstrip" | "lstrip" if args.is_empty() => {
            Val::known(Py::Host)
        }
        "startswith" if args.positional.len() == 1 => {
            let prefix = ev.eval(args.positional[0]);
            let prefixes: Vec<String> = match &prefix.py {
                Some(Py::Str(text)) => vec![text.clone()],
                Some(Py::Seq(items)) => items
                    .iter()
                    .filter_map(|i| i.text().map(str::to_owned))
                    .collect(),
                _ => Vec::new(),
            };
            let loopback = !prefixes.is_empty()
                && prefixes.iter().all(|p| {
                    ["localhost", "127.", "[::1]", "::1"]
                        .iter()
                        .any(|l| p.starts_with(l))
                });
            match loopback {
                true => Val::known(Py::Bool(false)),
                false => ev.unknown("a host method only a request can tell", at),
            }
        }
        _ => ev.unknown("a host method only a request can tell", at),
    }
}

/// How a reader returns its default when the variable is unset.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Default {
    /// As it is written: `os.environ.get`, django-environ (which parses only what it
    /// reads from the environment: environ/environ.py `get_value`, `value != default`),
    /// environs (`return default`).
    Unparsed,
    /// Through the reader's `cast`: python-decouple 3.8 `Config.get` returns
    /// `cast(default)`, `cast=bool` being its `_cast_boolean`.
    Cast,
}

/// An environment or configuration reader: where its variable and default are passed.
struct Reader {
    variable: (Option<usize>, &'static str),
    default: (Option<usize>, &'static str),
    returns: Default,
    /// What it does with no default and the variable unset.
    unset: Unset,
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Unset {
    /// Returns `None`: `os.environ.get`, `os.getenv`.
    None,
    /// Raises: the deployment must set the variable.
    Raises,
}

const STDLIB: Reader = Reader {
    variable: (Some(0), "key"),
    default: (Some(1), "default"),
    returns: Default::Unparsed,
    unset: Unset::None,
};

/// `os.environ.get(key, default)`, `os.getenv(key, default)`,
/// `os.environ.setdefault(key, default)`.
const STDLIB_PATHS: &[&str] = &["os.environ.get", "os.getenv", "os.environ.setdefault"];

/// django-environ 0.14 `Env.__call__(var, cast=None, default=NOTSET)` and
/// `get_value(var, cast, default)`; its typed methods `bool(var, default)`, `str`, `int`.
const DJANGO_ENVIRON_CALL: Reader = Reader {
    variable: (Some(0), "var"),
    default: (Some(2), "default"),
    returns: Default::Unparsed,
    unset: Unset::Raises,
};
const ENV_METHOD: Reader = Reader {
    variable: (Some(0), "var"),
    default: (Some(1), "default"),
    returns: Default::Unparsed,
    unset: Unset::Raises,
};
/// environs 15 `Env.bool(name, default)`, `Env.__call__(name, default)`.
const ENVIRONS: Reader = Reader {
    variable: (Some(0), "name"),
    default: (Some(1), "default"),
    returns: Default::Unparsed,
    unset: Unset::Raises,
};
/// python-decouple 3.8 `config(option, default=undefined, cast=undefined)`.
const DECOUPLE: Reader = Reader {
    variable: (Some(0), "option"),
    default: (Some(1), "default"),
    returns: Default::Cast,
    unset: Unset::Raises,
};

const ENV_METHODS: &[&str] = &["bool", "str", "int", "get_value", "json"];

/// An environment read through one of the readers, its variable unset.
fn environment<'t>(
    ev: &mut Evaluator<'_, '_, 't>,
    function: Node<'t>,
    args: &Args<'t>,
    at: Node<'t>,
) -> Option<Val> {
    if args.splat {
        return None;
    }
    let imports = ev.reader.imports();
    let path = imports.path_of(function, ev.source());
    let reader = match path.as_deref() {
        Some(path) if STDLIB_PATHS.contains(&path) => &STDLIB,
        Some("decouple.config") => &DECOUPLE,
        _ => {
            let (object, method) = match function.kind() {
                "attribute" => (
                    function.child_by_field_name("object")?,
                    Some(ev.text(function.child_by_field_name("attribute")?)),
                ),
                _ => (function, None),
            };
            if method.is_some_and(|m| !ENV_METHODS.contains(&m)) {
                return None;
            }
            match env_object(ev, object)? {
                EnvObject::DjangoEnviron(schema) => {
                    let reader = match method {
                        None | Some("get_value") => &DJANGO_ENVIRON_CALL,
                        Some(_) => &ENV_METHOD,
                    };
                    return Some(read_environment(ev, reader, args, at, schema));
                }
                EnvObject::Environs => &ENVIRONS,
                EnvObject::Decouple if method.is_none() => &DECOUPLE,
                EnvObject::Decouple => return None,
            }
        }
    };
    Some(read_environment(ev, reader, args, at, None))
}

/// What an object named as an environment reader is.
enum EnvObject<'t> {
    /// django-environ's `Env(...)`, with its schema's keyword arguments.
    DjangoEnviron(Option<Node<'t>>),
    Environs,
    Decouple,
}

/// The environment reader a name is bound to: `env = environ.Env(...)`,
/// `env = environs.Env()`, `config = AutoConfig(...)`; a name `env` the windows do not
/// show the binding of is read as django-environ's or environs' (both return a default
/// unparsed).
fn env_object<'t>(ev: &mut Evaluator<'_, '_, 't>, object: Node<'t>) -> Option<EnvObject<'t>> {
    if object.kind() != "identifier" {
        return None;
    }
    let name = ev.text(object);
    let imports = ev.reader.imports();
    let module = ev.reader.tree.root_node();
    // The windows do not show the module's bindings: its reader may have a schema.
    if !ev.reader.whole {
        ev.need(Needs::WholeFile, object);
        return None;
    }
    if let Sym::Expr(value) = flow::value_at(module, Target::Name(name), None, ev.source()) {
        if value.kind() == "call" {
            let callee = value.child_by_field_name("function")?;
            let path = imports.path_of(callee, ev.source()).unwrap_or_default();
            return match path.as_str() {
                "environ.Env"
                | "environ.environ.Env"
                | "environ.FileAwareEnv"
                | "environ.environ.FileAwareEnv" => Some(EnvObject::DjangoEnviron(
                    value.child_by_field_name("arguments"),
                )),
                "environs.Env" => Some(EnvObject::Environs),
                "decouple.AutoConfig" | "decouple.Config" => Some(EnvObject::Decouple),
                _ => None,
            };
        }
        return None;
    }
    let modules = imports.modules();
    if name == "env" && modules.contains(&"environs") {
        return Some(EnvObject::Environs);
    }
    (name == "env" && modules.contains(&"environ")).then_some(EnvObject::DjangoEnviron(None))
}

fn read_environment<'t>(
    ev: &mut Evaluator<'_, '_, 't>,
    reader: &Reader,
    args: &Args<'t>,
    at: Node<'t>,
    schema: Option<Node<'t>>,
) -> Val {
    let source = ev.source();
    let Some(variable) = args.get(reader.variable.0, reader.variable.1) else {
        return ev.unknown("an environment read without a variable", at);
    };
    let variable_name = match ev.eval(variable).text() {
        Some(name) => name.to_owned(),
        None => ev.text(variable).to_owned(),
    };
    let mut default = args.get(reader.default.0, reader.default.1);
    // django-environ's schema: `Env(NAME=(cast, default))`.
    if let (None, Some(schema)) = (default, schema) {
        default = schema_default(schema, &variable_name, source);
    }
    let cast = args.keyword("cast");
    // Recorded before the default is read, so that the reads list the outermost first.
    let index = ev.reads.len();
    ev.reads.push(Read::Environment {
        variable: variable_name,
        default: None,
        at: at.byte_range(),
    });
    let Some(default) = default else {
        return match reader.unset {
            Unset::None => Val::known(Py::None),
            Unset::Raises => ev.unknown("an environment variable that must be set", at),
        };
    };
    let value = ev.eval(default);
    // Where the default is written: the literal it comes from (a helper's caller's
    // argument), else its own expression.
    if let Read::Environment { default: site, .. } = &mut ev.reads[index] {
        *site = Some(value.origin.clone().unwrap_or(default.byte_range()));
    }
    match reader.returns {
        Default::Unparsed => Val {
            origin: None,
            ..value
        },
        Default::Cast => match cast.map(|c| ev.text(c)) {
            None => Val {
                origin: None,
                ..value
            },
            Some("bool") => match value.py.as_ref().and_then(Py::to_str) {
                Some(text) if text.is_empty() => Val::known(Py::Bool(false)),
                Some(text) => apply_parse(ev, "strtobool", Val::known(Py::Str(text)), at)
                    .truth()
                    .map(|t| Val::known(Py::Bool(t)))
                    .unwrap_or_else(Val::unknown),
                None => Val::unknown(),
            },
            Some(parse @ ("str" | "int")) => {
                let parse = parse.to_owned();
                apply_parse(ev, &parse, value, at)
            }
            Some(_) => ev.unknown("a cast the module does not settle", at),
        },
    }
}

/// The default of `variable` in django-environ's schema, `Env(VAR=(cast, default))`.
fn schema_default<'t>(schema: Node<'t>, variable: &str, source: &[u8]) -> Option<Node<'t>> {
    let entry = parse::code_children(schema).into_iter().find(|argument| {
        argument.kind() == "keyword_argument"
            && argument
                .child_by_field_name("name")
                .and_then(|n| n.utf8_text(source).ok())
                == Some(variable)
    })?;
    let value = literal::unparenthesize(entry.child_by_field_name("value")?);
    let items = parse::code_children(value);
    match (value.kind(), items.as_slice()) {
        ("tuple", [_, default]) => Some(*default),
        _ => None,
    }
}

/// `config.get("NAME", default)` of a setting its framework may leave unset: read as an
/// environment default, the setting's name for the variable.
fn default_of_setting<'t>(
    ev: &mut Evaluator<'_, '_, 't>,
    setting: &str,
    default: Node<'t>,
    at: Node<'t>,
) -> Val {
    let index = ev.reads.len();
    ev.reads.push(Read::Environment {
        variable: setting.to_owned(),
        default: None,
        at: at.byte_range(),
    });
    let value = ev.eval(default);
    if let Read::Environment { default: site, .. } = &mut ev.reads[index] {
        *site = Some(value.origin.clone().unwrap_or(default.byte_range()));
    }
    Val {
        origin: None,
        ..value
    }
}

/// `getattr(obj, "NAME", default)`: Django's settings always hold a cookie setting (its
/// global default), so that one follows the setting; on any other object the default
/// decides where the attribute is missing, as an environment default does.
fn getattr<'t>(ev: &mut Evaluator<'_, '_, 't>, args: &Args<'t>, at: Node<'t>) -> Option<Val> {
    let [object, name, rest @ ..] = &args.positional[..] else {
        return None;
    };
    let attribute = literal::plain_string(*name, ev.source())?;
    let path = ev.reader.imports().path_of(*object, ev.source());
    if path.as_deref() == Some("django.conf.settings") {
        let setting = cookie_setting(ev, attribute)?;
        return Some(setting_value(ev, setting, at));
    }
    let default = rest.first().copied();
    let variable = format!("{}.{attribute}", ev.text(*object));
    ev.reads.push(Read::Environment {
        variable,
        default: default.map(|d| d.byte_range()),
        at: at.byte_range(),
    });
    Some(match default {
        Some(default) => {
            let value = ev.eval(default);
            Val {
                origin: None,
                ..value
            }
        }
        None => ev.unknown("an attribute that must be set", at),
    })
}

/// The function of the module or of an enclosing function named `name`, where the
/// call is; `Err` when only the whole file would show it.
fn function_named<'t>(
    ev: &Evaluator<'_, '_, 't>,
    at: Node<'t>,
    name: &str,
) -> Option<Result<Node<'t>, Needs>> {
    let mut scope = flow::scope_of(at);
    loop {
        if scope.kind() == "module" && !ev.reader.whole {
            return Some(Err(Needs::WholeFile));
        }
        if matches!(scope.kind(), "function_definition" | "module") {
            if let Some(found) = definition_in(&flow::statements_of(scope), name, ev.source()) {
                return Some(Ok(found));
            }
        }
        if scope.kind() == "module" {
            return None;
        }
        scope = flow::scope_of(scope.parent()?);
    }
}

/// The last definition of `name` among a block's statements.
fn definition_in<'t>(statements: &[Node<'t>], name: &str, source: &[u8]) -> Option<Node<'t>> {
    statements
        .iter()
        .rev()
        .filter_map(|statement| match statement.kind() {
            "function_definition" => Some(*statement),
            "decorated_definition" => statement.child_by_field_name("definition"),
            _ => None,
        })
        .find(|definition| {
            definition.kind() == "function_definition"
                && definition
                    .child_by_field_name("name")
                    .and_then(|n| n.utf8_text(source).ok())
                    == Some(name)
        })
}

/// A method the class defines in its body.
pub fn method_of<'t>(class: Node<'t>, name: &str, source: &[u8]) -> Option<Node<'t>> {
    definition_in(&flow::statements_of(class), name, source)
}
