//! Generated Python files, shared by tests/properties.rs and tests/ast_oracle.rs.
//!
//! A file holds cookie calls with every token the grammar allows where the engine
//! counts arguments and edits: comments at the end of any line and on lines of their
//! own, backslash continuations between and after arguments and inside values (a
//! trailing comma on the line after a comment or continuation too), parenthesised
//! values (with a comment inside too), every string prefix, 0 to 9 positional arguments.
//! Beside them stand what moves `secure`: framework imports, methods named like the
//! call (with `*args`, `**kwargs`, `/`, `*` and `secure` at several positions, their
//! parameters split by the same tokens), module-level functions of that name (which
//! must not count), and suppression comments in several spellings. Files come with LF,
//! CRLF, CR-only and mixed line endings, in UTF-8 (with or without BOM) or in latin-1
//! bytes under a PEP 263 coding line (latin-1, iso-8859-15, cp1252), with non-ASCII
//! identifiers.
//!
//! Beside the calls stand flags whose values a deployment settles, or not, through
//! names, dicts, functions and parameters (tests/support/values.rs), and settings read
//! from the environment.
//!
//! Most files are valid Python, so that tests/ast_oracle.rs can hold the engine to
//! Python's own reading; a few statements are deliberately not (`simple_statement`).

use std::fmt::Debug;

use proptest::prelude::*;

use super::values::{setting_from_environment, value_site};

/// One of a fixed list of choices.
fn one_of<T: Clone + Debug + 'static>(options: &'static [T]) -> impl Strategy<Value = T> {
    proptest::sample::select(options)
}

/// Comments, some of which look like code to a scanner that does not know them.
const COMMENTS: &[&str] = &[
    "# note",
    "# why",
    "#",
    "# ) , secure=False",
    "# größe ünïcode",
    "# 日本",
    "# trailing \\",
    "#\tx",
    // Line breaks to str.splitlines, not to Python: form feed, NEL, LINE SEPARATOR.
    "# form\x0cfeed",
    "# next\u{85}line",
    "# line\u{2028}separator",
];

/// What stands between two arguments (or a parenthesis and an argument), besides the comma.
#[derive(Debug, Clone)]
enum Gap {
    Plain,
    /// A comment ending the line.
    Comment(&'static str),
    /// A comment on a line of its own.
    OwnLine(&'static str),
    /// A backslash line continuation.
    Continuation,
}

impl Gap {
    /// The gap as text, where `plain` is what separates arguments without one and
    /// `pad` indents the next line.
    fn render(&self, plain: &str, pad: &str) -> String {
        match self {
            Gap::Plain => plain.to_owned(),
            Gap::Comment(comment) => format!("  {comment}\n{pad}"),
            Gap::OwnLine(comment) => format!("\n{pad}{comment}\n{pad}"),
            Gap::Continuation => format!(" \\\n{pad}"),
        }
    }
}

fn gap() -> impl Strategy<Value = Gap> {
    prop_oneof![
        6 => Just(Gap::Plain),
        1 => one_of(COMMENTS).prop_map(Gap::Comment),
        1 => one_of(COMMENTS).prop_map(Gap::OwnLine),
        1 => Just(Gap::Continuation),
    ]
}

/// Every prefix Python takes, in both cases.
const STRING_PREFIXES: &[&str] = &[
    "", "", "", "", "r", "R", "b", "B", "rb", "Rb", "rB", "RB", "br", "bR", "Br", "BR", "u", "U",
    "f", "F", "rf", "fr", "Rf", "rF", "RF", "fR", "Fr", "FR",
];

fn string_literal() -> impl Strategy<Value = String> {
    let body = one_of(&[
        "k",
        "v",
        "",
        "é",
        "日本",
        "{value}",
        "a,b) # not a comment",
        "\\\\",
        // A name in a string's text is no call; in an f-string's field it is one.
        "r.set_cookie(k)",
        "{r.set_cookie(k)}",
    ]);
    (one_of(STRING_PREFIXES), body, one_of(&["\"", "'"])).prop_map(|(prefix, body, quote)| {
        // A bytes literal holds ASCII only.
        let bytes = prefix.contains(['b', 'B']);
        let body = if bytes && !body.is_ascii() { "k" } else { body };
        format!("{prefix}{quote}{body}{quote}")
    })
}

/// A positional argument: strings, falsy and truthy literals (so that a positional
/// `secure` is exercised at every index), and values spanning lines.
fn positional_value() -> impl Strategy<Value = String> {
    prop_oneof![
        4 => string_literal(),
        6 => one_of(&[
            "3600",
            "None",
            "False",
            "0",
            "True",
            "''",
            "b''",
            "f\"\"",
            "value",
            "größe",
            "f(x, y)",
            "not app.debug",
            "{\"a\": 1,\n \"b\": 2}",
            "\"\"\"multi\nline\"\"\"",
            "\"a\" \\\n    \"b\"",
            "1 + \\\n    2",
            "(1 +\n 2)",
            "(False)",
            "( None )",
            "(  # why\n    False\n)",
            "r2.set_cookie(\"a\", \"b\")",
            "\"\" ''",
            "0.0",
            "(flag := False)",
            "\"line \\\n continued\"",
        ])
        .prop_map(str::to_owned),
    ]
}

/// A `secure=` value: falsy literals in every spelling, truthy ones, expressions.
fn secure_value() -> impl Strategy<Value = &'static str> {
    one_of(&[
        "False",
        "None",
        "0",
        "''",
        "\"\"",
        "b\"\"",
        "rb''",
        "f''",
        "(0)",
        "(False)",
        "((None))",
        "(  # why\n    False\n)",
        "(False  # why\n)",
        "\\\n    False",
        "  # why\n    False",
        "\"\" ''",
        "0.0",
        "0x0",
        "0j",
        "0_0",
        "-0",
        "()",
        "[]",
        "True",
        "1",
        "'yes'",
        "r'\\\\'",
        "'\\n'",
        "flag",
        "not app.debug",
        "settings.SESSION_COOKIE_SECURE",
    ])
}

/// Keyword arguments, each name at most once (Python rejects a repeated keyword).
fn keywords() -> impl Strategy<Value = Vec<String>> {
    (
        proptest::option::weighted(0.3, one_of(&["60", "None", "timedelta(days=1)"])),
        proptest::option::weighted(0.3, one_of(&["True", "False"])),
        proptest::option::weighted(0.2, one_of(&["'Lax'", "None"])),
        proptest::option::weighted(0.2, one_of(&["'/'", "None"])),
        proptest::option::weighted(0.6, secure_value()),
        one_of(&["=", "=", " = ", " \\\n    = "]),
    )
        .prop_map(|(max_age, httponly, samesite, path, secure, equals)| {
            [
                ("max_age", max_age),
                ("httponly", httponly),
                ("samesite", samesite),
                ("path", path),
                ("secure", secure),
            ]
            .into_iter()
            .filter_map(|(name, value)| Some(format!("{name}{equals}{}", value?)))
            .collect::<Vec<_>>()
        })
        .prop_shuffle()
}

/// Spellings of the suppression markers; the last one names another rule, so it must
/// not suppress this one.
const MARKERS: &[&str] = &[
    "# cookie-fix: ignore",
    "# cookie-fix:ignore",
    "#  cookie-fix :ignore",
    "# cookie-fix: ignore[secure-cookie]",
    "# NOSONAR",
    "# nosonar",
    "# nosec",
    "# NoSec",
    "# noqa: E501  # nosec",
    "# cookie-fix: ignore[other-rule]",
];

/// Where a marker stands relative to the call.
#[derive(Debug, Clone, Copy)]
enum Mark {
    Unmarked,
    EndOfCall,
    FirstLine,
    LineAbove,
    /// Not suppressing: two lines above, or after code on the line above.
    TwoLinesAbove,
    AfterCodeAbove,
}

fn mark() -> impl Strategy<Value = Mark> {
    prop_oneof![
        20 => Just(Mark::Unmarked),
        1 => Just(Mark::EndOfCall),
        1 => Just(Mark::FirstLine),
        1 => Just(Mark::LineAbove),
        1 => Just(Mark::TwoLinesAbove),
        1 => Just(Mark::AfterCodeAbove),
    ]
}

#[derive(Debug, Clone, Copy)]
enum Layout {
    OneLine,
    Exploded,
    Hanging,
}

/// One cookie call and what surrounds its arguments.
#[derive(Debug, Clone)]
struct Call {
    receiver: &'static str,
    method: &'static str,
    arguments: Vec<String>,
    layout: Layout,
    trailing_comma: bool,
    /// In the exploded layout, the trailing comma goes on a line of its own after the
    /// last argument's, where a comment or a continuation ends that line.
    late_comma: bool,
    indent: &'static str,
    /// `gaps[i]` precedes argument `i`; `gaps[arguments.len()]` the closing parenthesis.
    gaps: Vec<Gap>,
}

impl Call {
    fn render(&self) -> String {
        let head = format!("{}.{}(", self.receiver, self.method);
        match self.layout {
            Layout::OneLine => self.render_inline(&head, " "),
            Layout::Hanging => {
                let pad = " ".repeat(head.chars().count());
                self.render_inline(&head, &format!("\n{pad}"))
            }
            Layout::Exploded => self.render_exploded(&head),
        }
    }

    fn gap(&self, at: usize) -> &Gap {
        self.gaps.get(at).unwrap_or(&Gap::Plain)
    }

    fn comma_after(&self, at: usize) -> &str {
        if at + 1 < self.arguments.len() || self.trailing_comma {
            ","
        } else {
            ""
        }
    }

    /// Arguments on the parenthesis line, separated by `separator` (a blank, or a new
    /// line lined up under the first argument) unless a gap says otherwise.
    fn render_inline(&self, head: &str, separator: &str) -> String {
        let pad = " ".repeat(head.rsplit('\n').next().unwrap_or(head).chars().count());
        let mut text = format!("{head}{}", self.gap(0).render("", &pad));
        for (at, argument) in self.arguments.iter().enumerate() {
            text.push_str(argument);
            text.push_str(self.comma_after(at));
            let plain = if at + 1 < self.arguments.len() {
                separator
            } else {
                ""
            };
            text.push_str(&self.gap(at + 1).render(plain, &pad));
        }
        text + ")"
    }

    /// One argument a line, the closing parenthesis on a line of its own.
    fn render_exploded(&self, head: &str) -> String {
        let indent = self.indent;
        let mut text = head.to_owned();
        // A continuation after the last argument (or its comma) joins the line before
        // the closing parenthesis, or the line a fix adds there.
        let end_of_line = |gap: &Gap| match gap {
            Gap::Comment(comment) => format!("  {comment}\n"),
            Gap::Continuation => " \\\n".to_owned(),
            _ => "\n".to_owned(),
        };
        let own_line = |gap: &Gap| match gap {
            Gap::OwnLine(comment) => format!("{indent}{comment}\n"),
            _ => String::new(),
        };
        text.push_str(&end_of_line(self.gap(0)));
        for (at, argument) in self.arguments.iter().enumerate() {
            text.push_str(&own_line(self.gap(at)));
            let next = self.gap(at + 1);
            let last = at + 1 == self.arguments.len();
            let late = last
                && self.trailing_comma
                && self.late_comma
                && matches!(next, Gap::Comment(_) | Gap::Continuation);
            if late {
                text.push_str(&format!(
                    "{indent}{argument}{}{indent},\n",
                    end_of_line(next)
                ));
            } else {
                text.push_str(&format!("{indent}{argument}{}", self.comma_after(at)));
                text.push_str(&end_of_line(next));
            }
        }
        text.push_str(&own_line(self.gap(self.arguments.len())));
        text + ")"
    }

    /// The first line can carry a comment (not a continuation, not inside a string).
    fn first_line_takes_a_comment(&self) -> bool {
        matches!(self.layout, Layout::Exploded)
            && !matches!(self.gap(0), Gap::Continuation)
            && !self.receiver.contains('\n')
    }
}

/// The call with a suppression marker placed as `mark` says.
fn marked(call: &Call, mark: Mark, marker: &str) -> String {
    let text = call.render();
    match mark {
        Mark::Unmarked => text,
        Mark::EndOfCall => format!("{text}  {marker}"),
        Mark::FirstLine if call.first_line_takes_a_comment() => {
            let (first, rest) = text.split_once('\n').unwrap_or((&text, ""));
            format!("{first}  {marker}\n{rest}")
        }
        Mark::FirstLine => format!("{text}  {marker}"),
        Mark::LineAbove => format!("{marker}\n{text}"),
        Mark::TwoLinesAbove => format!("{marker}\nx = 0\n{text}"),
        Mark::AfterCodeAbove => format!("x = 0  {marker}\n{text}"),
    }
}

/// A call marked (or not) by a suppression comment.
fn call() -> impl Strategy<Value = String> {
    (bare_call(), mark(), one_of(MARKERS))
        .prop_map(|(call, mark, marker)| marked(&call, mark, marker))
}

fn bare_call() -> impl Strategy<Value = Call> {
    let receiver = one_of(&[
        "response",
        "response",
        "self.response",
        "make_response(body)",
        "resp[0]",
        "réponse",
        "größe",
        "(response)",
        "(response  # why\n)",
        "make_response(r2.set_cookie(\"a\", \"b\"))",
        "super()",
        "self.Cookies",
        "CLIENT",
        "my_jar_response",
        "client",
        "self.client",
        "app.test_client()",
        "testapp",
        "jar",
        "self.cookiejar",
        "session.cookies",
    ]);
    let method = one_of(&[
        "set_cookie",
        "set_cookie",
        "set_cookie",
        "set_signed_cookie",
        "set_secure_cookie",
    ]);
    let layout = prop_oneof![
        Just(Layout::OneLine),
        Just(Layout::Exploded),
        Just(Layout::Hanging)
    ];
    let indent = one_of(&["    ", "\t", "  "]);
    let splats = (
        proptest::option::weighted(0.1, any::<prop::sample::Index>()),
        proptest::bool::weighted(0.1),
    );
    (
        (
            receiver,
            method,
            layout,
            (any::<bool>(), any::<bool>()),
            indent,
        ),
        proptest::collection::vec(positional_value(), 0..10),
        keywords(),
        splats,
        proptest::collection::vec(gap(), 16),
    )
        .prop_map(
            |(
                (receiver, method, layout, (trailing_comma, late_comma), indent),
                positional,
                keywords,
                (star, double_star),
                gaps,
            )| {
                // Positional arguments (`*args` among them) before keywords, `**options` last.
                let mut arguments = positional;
                if let Some(at) = star {
                    arguments.insert(at.index(arguments.len() + 1), "*args".to_owned());
                }
                arguments.extend(keywords);
                arguments.extend(double_star.then(|| "**options".to_owned()));
                Call {
                    receiver,
                    method,
                    arguments,
                    layout,
                    trailing_comma,
                    late_comma,
                    indent,
                    gaps,
                }
            },
        )
}

/// Parameter lists of a local method (after `self`), each with a body that fits it.
const PARAMETER_LISTS: &[(&[&str], &str)] = &[
    (
        &[
            "key",
            "value=''",
            "max_age=None",
            "expires=None",
            "path='/'",
            "domain=None",
            "secure=False",
            "httponly=False",
        ],
        "pass",
    ),
    (&["key", "value", "secure=False"], "pass"),
    (&["key", "secure=False", "value=''"], "pass"),
    (
        &[
            "key",
            "value=''",
            "max_age=None",
            "path='/'",
            "domain=None",
            "secure=True",
        ],
        "pass",
    ),
    (
        &["key", "*args", "**kwargs"],
        "return super().set_cookie(key, *args, **kwargs)",
    ),
    (
        &["key", "*args: Any", "**kwargs: Any"],
        "return super().set_cookie(key, *args, **kwargs)",
    ),
    (&["key", "value", "**kwargs"], "pass"),
    (
        &["*args", "**kwargs"],
        "return super().set_cookie(*args, **kwargs)",
    ),
    (
        &["handler", "token"],
        "return handler.set_cookie(token, 'x')",
    ),
    (&["key", "value", "*", "secure=False"], "pass"),
    (&["key", "value", "*args", "secure=None"], "pass"),
    (&["key", "secure", "/", "value=''"], "pass"),
    (&["key", "value=''", "/", "secure=False"], "pass"),
    (
        &[
            "key: str",
            "value: str = ''",
            "secure: bool = False",
            "**kwargs: Any",
        ],
        "pass",
    ),
];

/// A class whose method is named like a cookie setter: its parameters are the signature.
fn class_with_method() -> impl Strategy<Value = String> {
    let first = one_of(&[
        ("", "self, "),
        ("", "self, "),
        ("@classmethod\n", "cls, "),
        ("@staticmethod\n", ""),
        ("@abstractmethod\n", "self, "),
    ]);
    let name = one_of(&["set_cookie", "set_cookie", "set_signed_cookie"]);
    let keyword = one_of(&["def", "def", "async def"]);
    (
        first,
        name,
        keyword,
        one_of(PARAMETER_LISTS),
        proptest::collection::vec(gap(), 10),
        any::<bool>(),
        // A subclass's set_cookie overrides the one set_signed_cookie forwards to; a
        // helper class's does not; a typing.Protocol's is a type, no signature (when the
        // file imports it).
        one_of(&[
            "class Response(BaseResponse):",
            "class Response(BaseResponse):",
            "class Helper:",
            "from typing import Protocol\nclass CookieSetter(Protocol):",
            "import typing as t\nclass CookieSetter(t.Protocol[T]):",
            "class CookieSetter(Protocol):",
        ]),
    )
        .prop_map(
            |((decorator, first), name, keyword, (parameters, body), gaps, in_if_block, header)| {
                let pad = "        ";
                let mut list = first.to_owned();
                for (at, parameter) in parameters.iter().enumerate() {
                    list.push_str(parameter);
                    if at + 1 < parameters.len() {
                        list.push(',');
                        list.push_str(&gaps[at % gaps.len()].render(" ", pad));
                    }
                }
                let method = format!("{decorator}{keyword} {name}({list}):\n    {body}");
                let method = if in_if_block {
                    format!("if PY2:\n    {}\nelse:\n    pass", indent(&method, "    "))
                } else {
                    method
                };
                format!("{header}\n    {}", indent(&method, "    "))
            },
        )
}

/// Definitions named like a setter that are not methods: a Flask view, helpers, a closure.
fn function_named_like_a_setter() -> impl Strategy<Value = String> {
    one_of(&[
        "@app.route(\"/cookie\")\ndef set_cookie():\n    resp = make_response(\"ok\")\n    resp.set_cookie(\"k\", \"v\")\n    return resp",
        "@bp.get(\"/c\")\nasync def set_cookie(request):\n    response.set_cookie(\"k\", \"v\", 3600, \"/\", None, None, False)\n    return response",
        "def set_cookie(request, key, secure=False):\n    return key",
        "def set_cookie(handler, token):\n    return token",
        "class C:\n    def f(self):\n        def set_cookie(key):\n            return key\n        return set_cookie",
    ])
    .prop_map(str::to_owned)
}

/// Indents every line after the first, as a block body needs.
fn indent(text: &str, pad: &str) -> String {
    text.replace('\n', &format!("\n{pad}"))
}

/// A setting given a value in each shape the settings rule reads, and the statements
/// that make a missing one a finding: a Django settings module's lists and star
/// imports, a Flask config class or app, Tornado's and CherryPy's settings.
fn configuration() -> BoxedStrategy<String> {
    let given = (
        one_of(&[
            "SESSION_COOKIE_SECURE = {}",
            "CSRF_COOKIE_SECURE = {}",
            "LANGUAGE_COOKIE_SECURE = {}",
            "SESSION_COOKIE_SECURE: bool = {}",
            "app.config[\"REMEMBER_COOKIE_SECURE\"] = {}",
            "app.config.update(JWT_COOKIE_SECURE={})",
            "app.config.update({'SESSION_COOKIE_SECURE': {}})",
            "REST_AUTH = {\"USE_JWT\": True, \"JWT_AUTH_SECURE\": {}}",
            "app.resp_options.secure_cookies_by_default = {}",
            "override_settings(SESSION_COOKIE_SECURE={})",
            "C = {'tools.sessions.on': True, 'tools.sessions.secure': {}}",
            "S = {\"xsrf_cookies\": True, \"xsrf_cookie_kwargs\": {\"secure\": {}}}",
            // The other attributes' settings (httponly-cookie, samesite-cookie).
            "SESSION_COOKIE_HTTPONLY = {}",
            "app.config['REMEMBER_COOKIE_HTTPONLY'] = {}",
            "SESSION_COOKIE_SAMESITE = {}",
            "app.config.update(CSRF_COOKIE_SAMESITE={})",
        ]),
        // True often: a setting that is fine must still let a missing one be found.
        prop_oneof![2 => Just("True"), 3 => secure_value()],
    )
        .prop_map(|(shape, value)| shape.replacen("{}", value, 1));
    let context = one_of(&[
        "INSTALLED_APPS = [\n    \"django.contrib.sessions\",  # why\n]",
        "INSTALLED_APPS = DJANGO_APPS + [\"django.contrib.sessions\"]",
        // Entries the environment adds at run time: those written here still count.
        "INSTALLED_APPS = [\"django.contrib.sessions\"] + PROVIDERS",
        "INSTALLED_APPS += PROVIDERS",
        "MIDDLEWARE = ['django.middleware.csrf.CsrfViewMiddleware'] + EXTRA_MIDDLEWARE",
        "MIDDLEWARE = (\n    'django.contrib.sessions.middleware.SessionMiddleware',\n    'django.middleware.csrf.CsrfViewMiddleware',\n)",
        "MIDDLEWARE = [] \\\n    + ['django.middleware.csrf.CsrfViewMiddleware']",
        "CSRF_USE_SESSIONS = True",
        "from .base import *",
        "try:\n    from .local import *  # noqa\nexcept ImportError:\n    pass",
        "# Local overrides\nfrom .local import *",
        "class Config:\n    SECRET_KEY = 'k'  # why\n    DEBUG = False",
        "class Config(object):\n\tSECRET_KEY = os.environ[\"K\"]\n\n\tdef init(self):\n\t\treturn self",
        "class Prod(Config):\n    SECRET_KEY = 'p'",
        // Roles by the words of a name, then by what the body sets.
        "class StagingConfig(Config):\n    DEBUG = True\n    SESSION_COOKIE_SECURE = False",
        "class CheckConfig(Config):\n    TESTING = 1",
        "class ProductConfig(Config):\n    PAGE_SIZE = 20",
        "class HTTPSConfig(Config):\n    PREFERRED_URL_SCHEME = 'https'",
        "class LatestConfig:\n    SECRET_KEY = 'k'",
        "app.config[\"SECRET_KEY\"] = \"k\"  # why",
        "app.secret_key = 'k'",
        "app.config.from_mapping(SECRET_KEY='k')",
        "app.config.from_object(Config)",
        "s = '''\n# SESSION_COOKIE_SECURE = False\n'''",
        "app = tornado.web.Application([], xsrf_cookies=True)",
        "settings = dict(\n    xsrf_cookies=True,\n    cookie_secret='s',  # why\n)",
        "C = {\"/\": {'tools.sessions.on': True,\n    'tools.sessions.timeout': 60}}",
    ])
    .prop_map(str::to_owned);
    prop_oneof![given, context].boxed()
}

/// A `Set-Cookie` header's name in the casings and prefixes code writes it with.
fn header_name() -> impl Strategy<Value = String> {
    (
        one_of(&["Set-Cookie", "set-cookie", "SET-COOKIE", "Set-cookie"]),
        one_of(&["", "", "b", "B", "r"]),
        one_of(&["\"", "'"]),
    )
        .prop_map(|(name, prefix, quote)| format!("{prefix}{quote}{name}{quote}"))
}

/// A header's value: literals of every prefix whose text ends in each way the fix
/// reads (separators, blanks, a replacement field), templates, and expressions.
fn header_value() -> impl Strategy<Value = String> {
    let body = one_of(&[
        "sid=abc",
        "sid=abc; Path=/",
        "sid=abc; Path=/;",
        "sid=abc; Path=/; ",
        "sid=abc; Secure",
        "sid=abc;secure;HttpOnly",
        "flag=Secure",
        "sid={sid}",
        "{sid}; Path=/",
        "sid=%s",
        "%(k)s=%(v)s;",
        "sid={sid}; Max-Age={age}",
        "sid={sid} {flags}",
        "",
        "a=1, b=2",
        "préférence=sombre",
        "p=C:\\\\x",
        "a=1; Expires=Wed, 21 Oct 2026 07:28:00 GMT",
    ]);
    // What `%` and `.format` fill: fields standing for values (fixed), and fields that
    // may stand for whole attributes (review).
    let template_body = one_of(&[
        "sid=%s",
        "%(k)s=%(v)s;",
        "sid={sid}",
        "sid=abc; Path=/",
        "sid=%s; Max-Age=%d",
        "sid={0}; Path=/{1}",
        "sid=%(sid)s; Max-Age=%(age)d;",
        "a=%s; Path=%%s",
        "sid=%s; %s",
        "sid=%s%s",
        "{0}; {1}",
        "sid={0} {1}",
    ]);
    let quoted = |(prefix, body, quote): (&str, &str, &str)| {
        let bytes = prefix.contains(['b', 'B']);
        let body = if bytes && !body.is_ascii() {
            "sid=abc"
        } else {
            body
        };
        format!("{prefix}{quote}{body}{quote}")
    };
    let literal = (one_of(STRING_PREFIXES), body, one_of(&["\"", "'"])).prop_map(quoted);
    let template = (one_of(STRING_PREFIXES), template_body, one_of(&["\"", "'"])).prop_map(quoted);
    (literal, template, 0..8usize, gap()).prop_map(|(literal, template, shape, gap)| match shape {
        0..=2 => literal,
        3 => format!("({literal})"),
        4 => format!("\"sid=\"{} {literal}", gap.render(" ", "    ")),
        5 => format!("{template} % sid"),
        6 => format!("{template}.format(sid)"),
        _ => "cookie_header".to_owned(),
    })
}

/// Cookies written by hand: `Set-Cookie` headers in every shape the header rule reads
/// (and in client code, which it must leave alone), `http.cookies` morsels, Litestar's
/// `Cookie(...)` and Sanic's `add_cookie(...)`.
fn cookie_by_hand() -> BoxedStrategy<String> {
    let header = (header_name(), header_value(), gap(), gap(), 0..12usize).prop_map(
        |(name, value, before, after, shape)| {
            let (a, b) = (before.render("", "    "), after.render("", "    "));
            match shape {
                0 => format!("Response(\"ok\", headers={{{a}{name}: {value}{b}}})"),
                1 => format!("response[{name}] = {value}"),
                2 => format!("response.headers.add({a}{name},{b} {value})"),
                3 => format!("self.set_header({name}, {value})"),
                4 => format!("start_response(\"200 OK\", [{a}({name}, {value}){b}])"),
                5 => format!("headers = {{{name}: {value}}}\nResponse(headers=headers)"),
                6 => format!("httpx.Response(200, headers={{{name}: {value}}})"),
                7 => format!(
                    "await send({{\"type\": \"http.response.start\", \"headers\": [({name}, {value})]}})"
                ),
                // A client's object, bound where no needle is: only its scope tells.
                8 => format!("response = httpx.Response(200)\nx = 1\nresponse.headers[{name}] = {value}"),
                9 => format!("with httpx.Client() as client:\n    client.headers.add({name}, {value})"),
                10 => format!("headers = []\nheaders.append(({name}, {value}))\nstart_response(\"200 OK\", headers)"),
                _ => format!("value = response.headers.get({name}) == {value}"),
            }
        },
    );
    let morsel = (
        one_of(&["\"sid\"", "'sid'", "name"]),
        secure_value(),
        0..9usize,
    )
        .prop_map(|(key, flag, shape)| match shape {
            0 => format!("c = SimpleCookie()\nc[{key}] = token\nc[{key}][\"path\"] = \"/\"\nprint(c)"),
            1 => format!("c = SimpleCookie()\nc[{key}] = token\nc[{key}][\"Secure\"] = {flag}\nprint(c.output())"),
            2 => format!("c = SimpleCookie()\nif x:\n    c[{key}] = token  # why\nelse:\n\tc[{key}] = ''\nprint(c)"),
            3 => format!("m = Morsel()\nm.set({key}, token, token)\nhandler.send_header(\"Set-Cookie\", m.OutputString())"),
            // A name beyond ASCII, which a latin-1 file holds in one byte a letter.
            4 => format!("größe = SimpleCookie()\ngröße[{key}] = token\nprint(größe)"),
            // Written nowhere in its scope: no flag is added.
            5 => format!("c = SimpleCookie()\nc[{key}] = token\njar.update_cookies(c)"),
            // A tuple of keys is no flag: the morsel is set up, not flagged.
            7 => format!("c = SimpleCookie()\nc[{key}] = token\nc[{key}][\"secure\", \"path\"] = {flag}\nprint(c)"),
            8 => format!("m = Morsel()\nm.set({key}, token, token)\nm[\"secure\",] = {flag}\nprint(m.OutputString())"),
            // Set up where no needle is: only its scope tells.
            _ => format!("c = SimpleCookie()\nvalue = token\nc[{key}] = value\nc[{key}][\"secure\"] = {flag}\nprint(c)"),
        });
    let object = (keywords(), 0..2usize).prop_map(|(keywords, shape)| {
        let keywords = keywords.join(", ");
        match shape {
            0 => format!(
                "Cookie(key=\"sid\", value=token{}{keywords})",
                if keywords.is_empty() { "" } else { ", " }
            ),
            _ => format!(
                "response.cookies.add_cookie(\"sid\", token{}{keywords})",
                if keywords.is_empty() { "" } else { ", " }
            ),
        }
    });
    prop_oneof![4 => header, 2 => morsel, 1 => object].boxed()
}

/// Statements around the calls. With `invalid`, also some Python 3.11 rejects.
fn simple_statement(invalid: bool) -> BoxedStrategy<String> {
    let valid = prop_oneof![
        16 => call(),
        2 => Just("x = 1".to_owned()),
        1 => Just("réponse = make_response(größe)".to_owned()),
        1 => Just("x = 1  # nosec".to_owned()),
        1 => Just("# response.set_cookie(\"k\", \"v\")".to_owned()),
        1 => Just("# nosec".to_owned()),
        1 => Just("def set_cookie_helper():\n    pass".to_owned()),
        1 => Just("def set_cookie(self, key, value='', secure=False):\n    # cookie-fix: ignore\n    return key".to_owned()),
        1 => Just("s = '''\n# nosec\nresponse.set_cookie(\"k\")\n'''".to_owned()),
        1 => Just("s = '''\n# '''".to_owned()),
        // Names in strings and longer names, beside the same names in code.
        1 => Just("\"\"\"Call response.set_cookie(\"k\", \"v\") with the 'Set-Cookie' header.\"\"\"".to_owned()),
        1 => Just("s = 'it\\'s r.set_cookie(k)'; response.set_cookie('set_cookie', \"v\")".to_owned()),
        1 => Just("s = (\"Cookie(\"  # Cookie(\n     \"x\"); response.set_cookie(\n    \"k\", rb'''set_cookie''')".to_owned()),
        1 => Just("def view(c: CookieArg, jar: SimpleCookieJar):\n    return response.set_cookie(\"k\")".to_owned()),
        1 => Just("try:\n    import flask\nexcept ImportError:\n    flask = None".to_owned()),
        1 => Just("try: import webob\nexcept ImportError: pass".to_owned()),
        1 => Just("@decorate\ndef view(): response.set_cookie(\"k\", \"v\")".to_owned()),
        1 => Just("@response.set_cookie(\"k\", \"v\")\ndef view(): pass".to_owned()),
        1 => Just("@app.route(\"/set-cookie\")\n# why\n@login_required\ndef view():\n    response.set_cookie(\"k\", \"v\")\n    return response".to_owned()),
        1 => Just("@override_settings(SESSION_COOKIE_SECURE=False)\nclass T:\n    @mark(\"-cookie\")\n    def test(self):\n        pass\n\n    def other(self):\n        self.response.set_cookie(\"k\")".to_owned()),
        1 => Just("async def view():\n    await response.set_cookie(\"k\", secure=None)".to_owned()),
        1 => Just("x = [response.set_cookie(k, v) for k, v in items]".to_owned()),
        1 => Just("response.\\\n    set_cookie(\"k\", \"v\")".to_owned()),
        1 => Just("t = f\"{response.set_cookie('k', 'v')}\"".to_owned()),
        1 => Just("f = lambda: response.set_cookie(\"k\", secure=0)".to_owned()),
        1 => Just("x = 1; response.set_cookie(\"k\", \"v\"); resp.set_cookie(\"a\", \"b\")  # nosec".to_owned()),
        1 => Just("\x0cresponse.set_cookie(\"k\", \"v\")".to_owned()),
        1 => (bare_call(), bare_call()).prop_map(|(a, b)| format!("{}; {}", a.render(), b.render())),
        4 => configuration(),
        4 => cookie_by_hand(),
    ];
    if !invalid {
        return valid.boxed();
    }
    let rejected = one_of(&[
        // Python 3.12 takes the same quotes nested in an f-string; 3.11 does not.
        "t = f\"{response.set_cookie(f'{k!r:>{w}}', \"v\")}\"",
        // A repeated keyword is a SyntaxError to Python, not to tree-sitter.
        "response.set_cookie(\"k\", secure=False, secure = None)",
        // Python rejects a line that ends wanting more; tree-sitter may read on.
        "x = *",
        "x = response.",
        "x = a and",
        "from webob",
        "if x",
    ]);
    prop_oneof![30 => valid, 6 => rejected.prop_map(str::to_owned)].boxed()
}

/// A statement alone, or in a block: after a header, in an `else`, in a class's method.
fn statement(invalid: bool) -> impl Strategy<Value = String> {
    let nested = (simple_statement(invalid), 0..5usize).prop_map(|(statement, nest)| match nest {
        // A comment is no block body; a form feed resets the indentation.
        _ if statement.starts_with(['#', '\x0c']) => statement,
        0 | 1 => statement,
        2 => format!("if x:\n    {}", indent(&statement, "    ")),
        3 => format!("if x:\n    pass\nelse:\n\t{}", indent(&statement, "\t")),
        _ => format!(
            "class C:\n    def f(self):\n        {}",
            indent(&statement, "        ")
        ),
    });
    // A method is a def whose nearest enclosing class or function is a class: a class
    // defined in a function has methods too.
    let definition = (
        prop_oneof![class_with_method(), function_named_like_a_setter()],
        0..4usize,
    )
        .prop_map(|(definition, nest)| match nest {
            0 => definition,
            1 => format!("if x:\n    {}", indent(&definition, "    ")),
            2 => format!("def factory():\n    {}", indent(&definition, "    ")),
            _ => format!(
                "try:\n    {}\nexcept ImportError:\n    pass",
                indent(&definition, "    ")
            ),
        });
    // A value site binds names at module level (an environment reader among them): it
    // stands at the top of the module, as the statements it holds would.
    prop_oneof![5 => nested, 1 => definition, 2 => value_site()]
}

const IMPORTS: &[&str] = &[
    "",
    "",
    "from flask import Response\n",
    "from werkzeug.wrappers import Response\n",
    "from django.http import HttpResponse\n",
    "from starlette.responses import Response\n",
    "from pyramid.response import Response\n",
    "import webob\n",
    "from aiohttp import web\n",
    "import tornado.web\n",
    "from bottle import response\n",
    "import falcon\n",
    "import flask, pyramid\n",
    "from .flask import helpers\n",
    "from flask import Flask\n",
    "import cherrypy\n",
    "from http.cookies import Morsel, SimpleCookie\n",
    "from litestar.datastructures import Cookie\n",
    "from sanic import Sanic\n",
    "import httpx\n",
];

/// How the file's text becomes bytes.
#[derive(Debug, Clone, Copy)]
enum Charset {
    Utf8,
    Utf8WithBom,
    /// Latin-1 bytes under this PEP 263 coding line (cp1252 reads them alike but for the
    /// C1 range, where the only character written, NEL, becomes `…`).
    Latin1(&'static str),
}

fn charset() -> impl Strategy<Value = Charset> {
    prop_oneof![
        12 => Just(Charset::Utf8),
        1 => Just(Charset::Utf8WithBom),
        3 => one_of(&[
            "# -*- coding: latin-1 -*-\n",
            "# -*- coding: iso-8859-15 -*-\n",
            "#!/usr/bin/env python\n# vim: set fileencoding=latin-1 :\n",
            "# -*- coding: cp1252 -*-\n",
        ])
        .prop_map(Charset::Latin1),
    ]
}

impl Charset {
    /// What goes before the code: the coding line, when one is needed.
    fn header(self) -> &'static str {
        match self {
            Charset::Latin1(coding) => coding,
            Charset::Utf8 | Charset::Utf8WithBom => "",
        }
    }

    fn encode(self, text: &str) -> Vec<u8> {
        match self {
            Charset::Utf8 => text.as_bytes().to_vec(),
            Charset::Utf8WithBom => format!("\u{feff}{text}").into_bytes(),
            Charset::Latin1(_) => text.chars().map(latin1).collect(),
        }
    }
}

/// A character as one byte that latin-1 and iso-8859-15 read alike; any other becomes
/// `ä`, which is one in both and stays a letter in identifiers, strings and comments.
fn latin1(c: char) -> u8 {
    const DIFFERENT_IN_8859_15: &[u8] = &[0xA4, 0xA6, 0xA8, 0xB4, 0xB8, 0xBC, 0xBD, 0xBE];
    match u8::try_from(u32::from(c)) {
        Ok(byte) if !DIFFERENT_IN_8859_15.contains(&byte) => byte,
        _ => 0xE4,
    }
}

/// Line endings, used in turn for each new line: one kind, or a mix.
fn line_endings() -> impl Strategy<Value = Vec<&'static str>> {
    prop_oneof![
        4 => Just(vec!["\n"]),
        2 => Just(vec!["\r\n"]),
        1 => Just(vec!["\r"]),
        1 => proptest::collection::vec(one_of(&["\n", "\r\n", "\r"]), 2..6),
    ]
}

fn with_line_endings(text: &str, endings: &[&str]) -> String {
    let mut out = String::with_capacity(text.len() + text.len() / 16);
    let mut next = endings.iter().cycle();
    for c in text.chars() {
        match c {
            '\n' => out.push_str(next.next().copied().unwrap_or("\n")),
            _ => out.push(c),
        }
    }
    out
}

/// A whole file: a charset, imports, optional filler, statements. With
/// `invalid_statements`, some statements are ones Python rejects (tree-sitter may not).
pub fn file(invalid_statements: bool) -> impl Strategy<Value = Vec<u8>> {
    files_of(statement(invalid_statements), 1..6)
}

/// A file of configuration alone (see [`configuration`]), nested as statements are:
/// settings modules, config classes and apps, dense enough that a missing setting,
/// a module's star imports and a class at the end of the file meet.
pub fn settings_file() -> impl Strategy<Value = Vec<u8>> {
    let statement = (configuration(), 0..6usize).prop_map(|(statement, nest)| match nest {
        // A star import is a SyntaxError in a function (Python's compiler, not its parser).
        _ if statement.starts_with('#') || statement.contains("import *") => statement,
        0..=3 => statement,
        4 => format!("if x:\n    {}", indent(&statement, "    ")),
        _ => format!("def f():\n    {}", indent(&statement, "    ")),
    });
    files_of(
        prop_oneof![3 => statement, 1 => setting_from_environment()],
        1..9,
    )
}

/// Files of `count` statements drawn from `statements`, under any charset, imports and
/// line endings (see [`assemble`]).
fn files_of(
    statements: impl Strategy<Value = String>,
    count: std::ops::Range<usize>,
) -> impl Strategy<Value = Vec<u8>> {
    (
        charset(),
        proptest::collection::vec(one_of(IMPORTS), 1..3),
        proptest::collection::vec(statements, count),
        line_endings(),
        any::<bool>(),
        any::<bool>(),
    )
        .prop_map(
            |(charset, imports, statements, endings, final_newline, padded)| {
                assemble(
                    charset,
                    &imports,
                    &statements,
                    &endings,
                    final_newline,
                    padded,
                )
            },
        )
}

/// A file's bytes: the charset's header, the imports, optional filler, the statements.
fn assemble(
    charset: Charset,
    imports: &[&str],
    statements: &[String],
    endings: &[&str],
    final_newline: bool,
    padded: bool,
) -> Vec<u8> {
    // Ordinary code the rule does not read, enough for the engine to parse the
    // statements' lines alone rather than the whole file.
    let padding = if padded {
        "def helper(a, b):\n    return a + b\n\n\n".repeat(40)
    } else {
        String::new()
    };
    let mut text = format!(
        "{}{}{padding}{}",
        charset.header(),
        imports.concat(),
        statements.join("\n")
    );
    if final_newline {
        text.push('\n');
    }
    charset.encode(&with_line_endings(&text, endings))
}
