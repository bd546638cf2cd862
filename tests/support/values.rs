//! Generated flag values of every class DESIGN.md section 8 names, for
//! tests/support/generate.rs: literals, the request's scheme, cookie settings, the debug
//! switch, environment reads with literal defaults in each reader (os.environ, os.getenv,
//! django-environ with a default or a schema, python-decouple, environs) under the usual
//! parses, and values known only at run time; combined by `or`, `and`, `not` and
//! conditionals.
//!
//! They reach a cookie flag (`secure=`, a setting) directly or through what the module
//! binds: a name in the function or the module (once, under `if request.is_secure():`,
//! read by other code too), a `**kwargs` dict's key (`kwargs["secure"] = v`,
//! `.setdefault`, a dict literal, `dict()`, left out), a lookup, a function or method
//! returning it, a parameter with callers or none. Each site is a few whole statements at
//! module level: its imports, its bindings and the flag. Beside them, cookies deleted
//! after being set with a flag of each kind, or nowhere.

use proptest::prelude::*;

/// One of a fixed list of choices.
fn one_of(options: &'static [&'static str]) -> impl Strategy<Value = &'static str> {
    proptest::sample::select(options)
}

/// String defaults of an environment read: spellings of false (each case), of true,
/// the empty string, and one no spelling turns over.
const STRING_DEFAULTS: &[&str] = &[
    "\"false\"",
    "'False'",
    "'FALSE'",
    "'0'",
    "\"no\"",
    "'No'",
    "'off'",
    "''",
    "'true'",
    "'True'",
    "'1'",
    "\"yes\"",
    "'nah'",
];

/// Literal defaults of the readers that return or cast a default as it is written.
const LITERAL_DEFAULTS: &[&str] = &["False", "True", "None", "0", "1"];

/// Where the environment is read, with the statements the module needs for it: each
/// reader with a default, and the parse a project wraps it in.
fn environment_read() -> BoxedStrategy<(String, String)> {
    let raw = (
        one_of(&["os.environ.get", "os.getenv"]),
        one_of(STRING_DEFAULTS),
    )
        .prop_map(|(reader, default)| format!("{reader}(\"COOKIE_SECURE\", {default})"));
    let parsed = (
        raw,
        one_of(&[
            "{} == \"true\"",
            "{} == 'True'",
            "{}.lower() == \"true\"",
            "{}.lower() in (\"1\", \"true\", \"yes\")",
            "{}.upper() == 'TRUE'",
            "{} in ('1', 'yes', 'on')",
            "{} == '1'",
            "bool({})",
            "bool(strtobool({}))",
            "{} != \"false\"",
            "{}",
        ]),
    )
        .prop_map(|(read, parse)| {
            let imports = match parse.contains("strtobool") {
                true => "import os\nfrom distutils.util import strtobool\n",
                false => "import os\n",
            };
            (imports.to_owned(), parse.replace("{}", &read))
        });
    let django_environ = (
        prop_oneof![one_of(LITERAL_DEFAULTS), one_of(STRING_DEFAULTS)],
        0..3usize,
    )
        .prop_map(|(default, shape)| match shape {
            0 => (
                "import environ\nenv = environ.Env()\n".to_owned(),
                format!("env.bool(\"COOKIE_SECURE\", default={default})"),
            ),
            1 => (
                format!("import environ\nenv = environ.Env(COOKIE_SECURE=(bool, {default}))\n"),
                "env(\"COOKIE_SECURE\")".to_owned(),
            ),
            _ => (
                format!("import environ\nenv = environ.Env(COOKIE_SECURE=(bool, {default}))\n"),
                "env.bool(\"COOKIE_SECURE\")".to_owned(),
            ),
        });
    let decouple = (
        prop_oneof![one_of(&["False", "True", "0"]), one_of(STRING_DEFAULTS)],
        one_of(&[", cast=bool", ""]),
    )
        .prop_map(|(default, cast)| {
            (
                "from decouple import config\n".to_owned(),
                format!("config(\"COOKIE_SECURE\", default={default}{cast})"),
            )
        });
    let environs = one_of(LITERAL_DEFAULTS).prop_map(|default| {
        (
            "from environs import Env\nenv = Env()\n".to_owned(),
            format!("env.bool(\"COOKIE_SECURE\", {default})"),
        )
    });
    // A helper of the project whose result is such a read.
    let helper = one_of(STRING_DEFAULTS).prop_map(|default| {
        (
            "import os\n\n\ndef envbool(name, default):\n    return os.environ.get(name, default).lower() in (\"1\", \"true\", \"yes\")\n"
                .to_owned(),
            format!("envbool(\"COOKIE_SECURE\", {default})"),
        )
    });
    prop_oneof![6 => parsed, 3 => django_environ, 2 => decouple, 1 => environs, 1 => helper].boxed()
}

/// A value with no environment read: what the deployment, a setting or a literal says,
/// or what only run time knows.
fn plain_value() -> impl Strategy<Value = &'static str> {
    one_of(&[
        "False",
        "True",
        "0",
        "None",
        "(False)",
        "request.is_secure()",
        "request.is_secure",
        "request.scheme == \"https\"",
        "request.url.scheme == 'https'",
        "request.environ[\"wsgi.url_scheme\"] == \"https\"",
        "request.scheme.startswith(\"https\")",
        "request.scheme in (\"https\", \"wss\")",
        "request.scheme == \"http\"",
        "settings.SESSION_COOKIE_SECURE",
        "app.config[\"SESSION_COOKIE_SECURE\"]",
        "current_app.config.get(\"REMEMBER_COOKIE_SECURE\", False)",
        "not settings.DEBUG",
        "not app.debug",
        "settings.DEBUG",
        "flag",
        "options.secure",
        "compute(request)",
    ])
}

/// A flag's value and the statements it needs: one class, or two combined.
fn value() -> BoxedStrategy<(String, String)> {
    let single = prop_oneof![
        3 => plain_value().prop_map(|v| (String::new(), v.to_owned())),
        2 => environment_read(),
    ]
    .boxed();
    // No literal operand: in `False and x`, True where False is leaves the flag to x, a
    // partial fix the engine makes today (see scripts/value_oracle.py, "partial-fix").
    let operand = prop_oneof![
        3 => plain_value()
            .prop_filter("no literal", |v| !is_literal(v))
            .prop_map(|v| (String::new(), v.to_owned())),
        2 => environment_read(),
    ]
    .boxed();
    let pair = combined(operand.clone(), operand.clone(), 5).boxed();
    let nested = combined(pair.clone(), operand.clone(), 3);
    // What `x or request.is_secure()` is (true, x unknown) decides whether the read after
    // it is what the flag is.
    let kleene =
        (operand.clone(), operand, environment_read()).prop_map(|((ia, a), (ib, b), (ie, e))| {
            let mut imports = ia;
            for more in [ib, ie] {
                if !imports.contains(&more) {
                    imports.push_str(&more);
                }
            }
            (imports, format!("(({a}) or ({b})) and ({e})"))
        });
    prop_oneof![6 => single, 2 => pair, 1 => nested, 1 => kleene].boxed()
}

fn is_literal(value: &str) -> bool {
    matches!(value, "False" | "True" | "0" | "None" | "(False)")
}

/// Two values combined by `or`, `not`, a conditional, and (of the first `ways`) `and`.
fn combined(
    first: BoxedStrategy<(String, String)>,
    second: BoxedStrategy<(String, String)>,
    ways: usize,
) -> impl Strategy<Value = (String, String)> {
    (first, second, 0..ways).prop_map(|((ia, a), (ib, b), how)| {
        let combined = match how {
            0 => format!("({a}) or ({b})"),
            1 => format!("not ({a})"),
            2 => format!("True if ({a}) else ({b})"),
            3 => format!("({b}) if ({a}) else False"),
            _ => format!("({a}) and ({b})"),
        };
        // One reader's imports once: a second `env = ...` would rebind the first.
        let imports = if ia == ib { ia } else { format!("{ia}{ib}") };
        (imports, combined)
    })
}

/// A cookie flag given `value` through a binding, a dict, a function, a parameter.
fn flag_site() -> BoxedStrategy<String> {
    // By keyword: the slot a positional value takes is another attribute's in some
    // frameworks (webob's httponly), which scripts/attribute_oracle.py holds to literals.
    let call = one_of(&[
        "response.set_cookie(\"sid\", token, secure={F})",
        "response.set_cookie(\"sid\", token, httponly=True, secure={F})",
        "response.set_cookie(\"sid\", token, 3600, path=\"/\", secure={F})",
    ]);
    (value(), value(), call, 0..19usize)
        .prop_map(|((imports, v), (imports2, w), call, shape)| {
            let flag = |expression: &str| call.replace("{F}", expression);
            let view = "def view(request, response, token):";
            let body = match shape {
                0 => format!("{view}\n    {}", flag(&v)),
                1 => format!("{view}\n    secure = {v}\n    {}", flag("secure")),
                2 => format!(
                    "{view}\n    secure = {w}\n    if request.is_secure():\n        secure = {v}\n    {}",
                    flag("secure")
                ),
                3 => format!(
                    "{view}\n    secure = {v}\n    if flag:\n        secure = {w}\n    {}",
                    flag("secure")
                ),
                4 => format!("COOKIE_SECURE = {v}\n\n\n{view}\n    {}", flag("COOKIE_SECURE")),
                // Read by another setting too: its literal or default is not the cookie's.
                5 => format!(
                    "COOKIE_SECURE = {v}\nSECURE_SSL_REDIRECT = COOKIE_SECURE\n\n\n{view}\n    {}",
                    flag("COOKIE_SECURE")
                ),
                6 => format!("{view}\n    secure = {v}\n    log(secure)\n    {}", flag("secure")),
                7 => format!(
                    "{view}\n    kwargs = {{\"httponly\": True}}\n    kwargs[\"secure\"] = {v}\n    response.set_cookie(\"sid\", token, **kwargs)"
                ),
                8 => format!(
                    "{view}\n    opts = {{}}\n    opts.setdefault(\"secure\", {v})\n    response.set_cookie(\"sid\", token, **opts)"
                ),
                9 => format!(
                    "{view}\n    opts = {{\"secure\": {v}, \"httponly\": True}}\n    response.set_cookie(\"sid\", token, **opts)"
                ),
                10 => format!(
                    "{view}\n    opts = dict(secure={v})\n    response.set_cookie(\"sid\", token, **opts)"
                ),
                // A key written before: setdefault leaves it.
                18 => format!(
                    "{view}\n    kwargs = {{}}\n    kwargs[\"secure\"] = {v}\n    kwargs.setdefault(\"secure\", {w})\n    response.set_cookie(\"sid\", token, **kwargs)"
                ),
                11 => format!(
                    "def cookie_secure():\n    return {v}\n\n\n{view}\n    {}",
                    flag("cookie_secure()")
                ),
                12 => format!(
                    "def cookie_secure(request):\n    if request.is_secure():\n        return {w}\n    return {v}\n\n\n{view}\n    {}",
                    flag("cookie_secure(request)")
                ),
                13 => format!(
                    "class Handler(BaseHandler):\n    def _secure(self):\n        return {v}\n\n    def get(self, response, token):\n        {}",
                    flag("self._secure()")
                ),
                // A parameter: judged at each caller, or by its default where none passes it.
                14 => format!(
                    "def set_auth(response, token, secure={v}):\n    {}\n\n\ndef login(request, response):\n    set_auth(response, \"t\", {w})\n\n\ndef logout(response):\n    set_auth(response, \"t\")",
                    flag("secure")
                ),
                15 => format!(
                    "def set_auth(response, token, secure={v}):\n    {}",
                    flag("secure")
                ),
                16 => format!(
                    "class Auth:\n    def _set(self, response, token, secure):\n        {}\n\n    def login(self, request, response):\n        self._set(response, \"t\", secure={w})\n\n    def refresh(self, response):\n        self._set(response, \"t\", {v})",
                    flag("secure")
                ),
                _ => format!(
                    "@app.route(\"/login\")\ndef login(response, token, secure={v}):\n    {}",
                    flag("secure")
                ),
            };
            let imports = if imports == imports2 {
                imports
            } else {
                format!("{imports}{imports2}")
            };
            format!("{imports}{body}")
        })
        .boxed()
}

/// A `**kwargs` dict without the flag: written out in the function (the flag is added
/// after it), handed to a call first, or the module's (review).
fn dict_without_the_flag() -> impl Strategy<Value = String> {
    one_of(&[
        "def view(response, token):\n    opts = {\"httponly\": True}\n    response.set_cookie(\"sid\", token, **opts)",
        "def view(response, token):\n    opts = dict(max_age=60)\n    response.set_cookie(\"sid\", token, **opts)",
        "def view(response, token):\n    opts = {}\n    fill(opts)\n    response.set_cookie(\"sid\", token, **opts)",
        "def view(response, token):\n    opts = {}\n    opts.pop(\"secure\", None)\n    response.set_cookie(\"sid\", token, **opts)",
        "OPTS = {\"httponly\": True}\n\n\ndef view(response, token):\n    response.set_cookie(\"sid\", token, **OPTS)",
        "def view(response, token, **opts):\n    response.set_cookie(\"sid\", token, **opts)",
    ])
    .prop_map(str::to_owned)
}

/// A cookie deleted (an empty value, a lifetime that has ended), after the same cookie is
/// set with a literal flag, with a settled one, or nowhere: the deletion follows it.
fn deletion() -> impl Strategy<Value = String> {
    (
        one_of(&[
            "",
            ", secure=False",
            ", secure=True",
            ", secure=request.is_secure()",
            ", secure=settings.SESSION_COOKIE_SECURE",
        ]),
        one_of(&[
            "\"\", max_age=0",
            "expires=0",
            "\"\", expires=\"Thu, 01 Jan 1970 00:00:00 GMT\"",
            "\"\", expires=datetime(1970, 1, 1)",
            "value=\"\", max_age=-1",
            "\"\", max_age=3600",
        ]),
        one_of(&["\"remember\"", "\"orphan\"", "key"]),
        any::<bool>(),
    )
        .prop_map(|(flag, deleted, name, set)| {
            let logout = format!(
                "def logout(response, key):\n    response.set_cookie({name}, {deleted})"
            );
            match set {
                true => format!(
                    "def login(request, response, token):\n    response.set_cookie(\"remember\", token{flag})\n\n\n{logout}"
                ),
                false => logout,
            }
        })
}

/// A value site: a flag given a value of any class, through anything the module binds;
/// a cookie deleted.
pub fn value_site() -> BoxedStrategy<String> {
    prop_oneof![6 => flag_site(), 1 => dict_without_the_flag(), 1 => deletion()].boxed()
}

/// A setting read from the environment, in a settings module or a config class: the
/// variable's default decides, unless another setting shares it.
pub fn setting_from_environment() -> BoxedStrategy<String> {
    (
        environment_read(),
        value(),
        one_of(&["SESSION_COOKIE_SECURE", "CSRF_COOKIE_SECURE", "REMEMBER_COOKIE_SECURE"]),
        0..5usize,
    )
        .prop_map(|((imports, read), (imports2, v), name, shape)| match shape {
            0 => format!("{imports}{name} = {read}"),
            1 => format!("{imports}COOKIES_SECURE = {read}\n{name} = COOKIES_SECURE"),
            // Shared with the HTTPS redirect: no default of it is the cookie's alone.
            2 => format!(
                "{imports}FORCE_HTTPS = {read}\nSECURE_SSL_REDIRECT = FORCE_HTTPS\n{name} = FORCE_HTTPS"
            ),
            3 => format!("{imports}class ProductionConfig:\n    SECRET_KEY = 'k'\n    {name} = {read}"),
            _ => format!("{imports2}{name} = {v}"),
        })
        .boxed()
}
