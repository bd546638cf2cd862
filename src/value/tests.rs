//! The value module on small modules: each row of DESIGN.md section 8.

use super::*;

const VOCABULARY: Vocabulary = Vocabulary {
    settings: &[
        "SESSION_COOKIE_SECURE",
        "CSRF_COOKIE_SECURE",
        "REMEMBER_COOKIE_SECURE",
    ],
    setting_methods: &[("get_cookie_secure", "SESSION_COOKIE_SECURE")],
    flags: &["secure", "https_only"],
    sinks: &["set_cookie"],
    always_defined: &["SESSION_COOKIE_SECURE", "CSRF_COOKIE_SECURE"],
};

/// The flag judged in `code`: the last `secure=` argument, or the last value given to
/// `SESSION_COOKIE_SECURE`.
fn flag<'t>(root: Node<'t>, source: &[u8]) -> Option<(Node<'t>, Want)> {
    let mut found = None;
    let mut stack = vec![root];
    while let Some(node) = stack.pop() {
        match node.kind() {
            "keyword_argument"
                if node
                    .child_by_field_name("name")
                    .and_then(|n| n.utf8_text(source).ok())
                    == Some("secure")
                    && node
                        .parent()
                        .and_then(|arguments| arguments.parent())
                        .and_then(|call| call.child_by_field_name("function"))
                        .and_then(|f| f.utf8_text(source).ok())
                        .is_some_and(|f| f.ends_with("set_cookie")) =>
            {
                let value = node.child_by_field_name("value")?;
                if found.is_none_or(|(f, _): (Node, Want)| f.start_byte() < value.start_byte()) {
                    found = Some((value, Want::Truthy));
                }
            }
            "assignment"
                if node
                    .child_by_field_name("left")
                    .and_then(|n| n.utf8_text(source).ok())
                    == Some("SESSION_COOKIE_SECURE") =>
            {
                let value = node.child_by_field_name("right")?;
                if found.is_none_or(|(f, _): (Node, Want)| f.start_byte() < value.start_byte()) {
                    found = Some((value, Want::IsTrue));
                }
            }
            _ => {}
        }
        let mut cursor = node.walk();
        stack.extend(node.children(&mut cursor));
    }
    found
}

fn describe(judgement: &Judgement, source: &[u8]) -> String {
    let text = |range: &Range<usize>| String::from_utf8_lossy(&source[range.clone()]).into_owned();
    match judgement {
        Judgement::Settled(settled) if settled.detail.is_empty() => {
            format!("settled {}", settled.how.name())
        }
        Judgement::Settled(settled) => format!("settled {} {}", settled.how.name(), settled.detail),
        Judgement::Falsy { literal } => format!("falsy {}", text(literal)),
        Judgement::Absent => "absent".to_owned(),
        Judgement::DefaultInsecure { variable, edit, .. } => format!(
            "default {variable}: {} -> {}",
            text(&edit.range),
            edit.content
        ),
        Judgement::Callers(calls) => {
            let calls: Vec<String> = calls
                .iter()
                .map(|call| {
                    let line = source[..call.at.start]
                        .iter()
                        .filter(|&&b| b == b'\n')
                        .count()
                        + 1;
                    format!("line {line}: {}", describe(&call.judgement, source))
                })
                .collect();
            format!("callers [{}]", calls.join("; "))
        }
        Judgement::Review(Some(reason)) => format!("review: {reason}"),
        Judgement::Review(None) => "review".to_owned(),
    }
}

fn judged(code: &str) -> String {
    judged_with(code, "True")
}

fn judged_with(code: &str, secure_value: &str) -> String {
    let parsed = crate::parse::parse(code.as_bytes()).expect("a tree");
    let source = code.as_bytes();
    let (value, want) = flag(parsed.tree.root_node(), source).expect("a flag in the case");
    let reader = Reader::new(&parsed.tree, source, true, &VOCABULARY, secure_value);
    match judge(&reader, value, want) {
        Ok(judgement) => describe(&judgement, source),
        Err(needs) => format!("needs {needs:?}"),
    }
}

#[track_caller]
fn check(cases: &[(&str, &str)]) {
    let mut failures = Vec::new();
    for (code, want) in cases {
        let got = judged(code);
        if got != *want {
            failures.push(format!("{code}\n  want: {want}\n  got:  {got}"));
        }
    }
    assert!(failures.is_empty(), "\n{}", failures.join("\n"));
}

#[test]
fn the_request_scheme_settles_the_flag() {
    check(&[
        (
            "r.set_cookie('k', v, secure=request.is_secure())\n",
            "settled follows-scheme",
        ),
        (
            "r.set_cookie('k', v, secure=request.is_secure)\n",
            "settled follows-scheme",
        ),
        (
            "r.set_cookie('k', v, secure=self.request.is_secure())\n",
            "settled follows-scheme",
        ),
        (
            "r.set_cookie('k', v, secure=request.scheme == 'https')\n",
            "settled follows-scheme",
        ),
        (
            "r.set_cookie('k', v, secure=request.url.scheme == \"https\")\n",
            "settled follows-scheme",
        ),
        (
            "r.set_cookie('k', v, secure=self.request.protocol == 'https')\n",
            "settled follows-scheme",
        ),
        (
            "r.set_cookie('k', v, secure=environ['wsgi.url_scheme'] == 'https')\n",
            "settled follows-scheme",
        ),
        (
            "r.set_cookie('k', v, secure=request.environ.get('wsgi.url_scheme') == 'https')\n",
            "settled follows-scheme",
        ),
        (
            "r.set_cookie('k', v, secure=request.scheme.startswith('https'))\n",
            "settled follows-scheme",
        ),
        (
            "r.set_cookie('k', v, secure=request.scheme in ('https', 'wss'))\n",
            "settled follows-scheme",
        ),
        (
            "r.set_cookie('k', v, secure=request.headers.get('X-Forwarded-Proto') == 'https')\n",
            "settled follows-scheme",
        ),
        (
            "r.set_cookie('k', v, secure=x or request.is_secure())\n",
            "settled follows-scheme",
        ),
        (
            "r.set_cookie('k', v, secure=request.is_secure() or x)\n",
            "settled follows-scheme",
        ),
        (
            "r.set_cookie('k', v, secure=True if request.is_secure else False)\n",
            "settled follows-scheme",
        ),
        (
            "r.set_cookie('k', v, secure=request.scheme == 'http')\n",
            "review: it is false on HTTPS",
        ),
        (
            "r.set_cookie('k', v, secure=request.secure)\n",
            "settled follows-scheme",
        ),
        // Another object's `secure` is not the request's.
        ("r.set_cookie('k', v, secure=self.secure)\n", "review"),
    ]);
}

#[test]
fn a_setting_or_the_debug_switch_settles_the_flag() {
    check(&[
        ("r.set_cookie('k', v, secure=settings.SESSION_COOKIE_SECURE)\n", "settled follows-setting SESSION_COOKIE_SECURE"),
        ("r.set_cookie('k', v, secure=bool(settings.SESSION_COOKIE_SECURE))\n", "settled follows-setting SESSION_COOKIE_SECURE"),
        ("r.set_cookie('k', v, secure=app.config['SESSION_COOKIE_SECURE'])\n", "settled follows-setting SESSION_COOKIE_SECURE"),
        // Flask-Login leaves its setting unset: the default decides.
        ("r.set_cookie('k', v, secure=current_app.config.get('REMEMBER_COOKIE_SECURE', False))\n", "default REMEMBER_COOKIE_SECURE: False -> True"),
        ("r.set_cookie('k', v, secure=current_app.config.get('SESSION_COOKIE_SECURE', False))\n", "settled follows-setting SESSION_COOKIE_SECURE"),
        ("r.set_cookie('k', v, secure=self.get_cookie_secure(app))\n", "settled follows-setting SESSION_COOKIE_SECURE"),
        ("r.set_cookie('k', v, secure=config.SESSION_COOKIE_SECURE)\n", "settled follows-setting SESSION_COOKIE_SECURE"),
        ("r.set_cookie('k', v, secure=not settings.DEBUG)\n", "settled follows-debug"),
        ("r.set_cookie('k', v, secure=not app.debug)\n", "settled follows-debug"),
        ("SESSION_COOKIE_SECURE = not DEBUG\n", "settled follows-debug"),
        ("r.set_cookie('k', v, secure=settings.DEBUG)\n", "review: it is true only where DEBUG is on"),
        ("r.set_cookie('k', v, secure=settings.PRODUCTION)\n", "review"),
    ]);
}

#[test]
fn literals_and_names_bound_once() {
    check(&[
        ("r.set_cookie('k', v, secure=False)\n", "falsy False"),
        ("r.set_cookie('k', v, secure=(0))\n", "falsy (0)"),
        ("def f(r):\n    secure = False\n    r.set_cookie('k', v, secure=secure)\n", "falsy False"),
        ("def f(r):\n    secure = True\n    r.set_cookie('k', v, secure=secure)\n", "settled secure"),
        // An attribute of that name is no read of the name.
        ("def f(r):\n    secure = False\n    log(options.secure)\n    r.set_cookie('k', v, secure=secure)\n", "falsy False"),
        ("SECURE = True\ndef f(r):\n    r.set_cookie('k', v, secure=SECURE)\n", "settled secure"),
        ("SECURE = False\ndef f(r):\n    r.set_cookie('k', v, secure=SECURE)\n", "falsy False"),
        // Another setting reads the literal too: not fixed there.
        ("SECURE = False\nSSL_REDIRECT = SECURE\ndef f(r):\n    r.set_cookie('k', v, secure=SECURE)\n",
         "review: it is bound to False at line 1, which other code reads too"),
        ("def f(r):\n    secure = False\n    if request.is_secure():\n        secure = True\n    r.set_cookie('k', v, secure=secure)\n", "settled follows-scheme"),
        ("def f(r):\n    secure = False\n    if x:\n        secure = True\n    r.set_cookie('k', v, secure=secure)\n", "review: x is known only at run time"),
        ("def f(r):\n    if not request.is_secure():\n        return\n    secure = True\n    r.set_cookie('k', v, secure=secure)\n", "settled secure"),
        ("def f(r):\n    for secure in (True, False):\n        r.set_cookie('k', v, secure=secure)\n", "review: it is bound by a loop or a with statement"),
    ]);
}

#[test]
fn kwargs_dicts_written_before_the_call() {
    check(&[
        ("def f(r):\n    kwargs = {'secure': request.is_secure()}\n    r.set_cookie('k', v, secure=kwargs['secure'])\n", "settled follows-scheme"),
        ("def f(r):\n    opts = {}\n    if request.is_secure():\n        opts.setdefault('secure', True)\n    r.set_cookie('k', v, secure=opts['secure'])\n", "settled follows-scheme"),
        ("def f(r):\n    opts = dict(httponly=True)\n    r.set_cookie('k', v, secure=opts['secure'])\n", "absent"),
        ("def f(r):\n    opts = {}\n    helper(opts)\n    r.set_cookie('k', v, secure=opts['secure'])\n", "review: it is handed to a call that may change the dict"),
    ]);
}

#[test]
fn methods_and_functions_of_the_module() {
    check(&[
        (
            "class S(SessionInterface):\n    def get_cookie_secure(self, app):\n        return request.is_secure\n    def save(self, app, r):\n        r.set_cookie('k', v, secure=self.get_cookie_secure(app))\n",
            "settled follows-scheme",
        ),
        (
            "def cookie_secure():\n    return not settings.DEBUG\ndef view(r):\n    r.set_cookie('k', v, secure=cookie_secure())\n",
            "settled follows-debug",
        ),
        (
            "def cookie_secure(request):\n    if request.scheme == 'https':\n        return True\n    return False\ndef view(request, r):\n    r.set_cookie('k', v, secure=cookie_secure(request))\n",
            "settled follows-scheme",
        ),
    ]);
}

#[test]
fn parameters_are_judged_at_each_call() {
    check(&[
        (
            "def set_auth(r, token, secure=False):\n    r.set_cookie('auth', token, secure=secure)\n",
            "falsy False",
        ),
        (
            "def set_auth(r, token, secure=True):\n    r.set_cookie('auth', token, secure=secure)\n",
            "settled secure",
        ),
        (
            "def set_auth(r, token, secure):\n    r.set_cookie('auth', token, secure=secure)\n",
            "review: secure is a parameter of set_auth, which this module does not call",
        ),
        (
            "def set_auth(r, token, secure):\n    r.set_cookie('auth', token, secure=secure)\n\ndef login(r):\n    set_auth(r, 't', False)\n\ndef other(r, request):\n    set_auth(r, 't', secure=request.is_secure())\n",
            "callers [line 5: falsy False; line 8: settled follows-scheme]",
        ),
        (
            "class H:\n    def _set(self, r, secure=False):\n        r.set_cookie('auth', 't', secure=secure)\n    def get(self, r):\n        self._set(r)\n",
            "callers [line 2: falsy False]",
        ),
        (
            "@app.route('/x')\ndef view(secure):\n    r.set_cookie('auth', 't', secure=secure)\n",
            "review: secure is a parameter of view, which a decorator registers: its callers are not in this module",
        ),
    ]);
}

#[test]
fn environment_defaults_decide_where_nothing_is_set() {
    check(&[
        // The parse decides: "False" == "True" is false; the default becomes "True".
        ("import os\nSESSION_COOKIE_SECURE = os.environ.get('SECURE_COOKIES', 'False') == 'True'\n", "default SECURE_COOKIES: 'False' -> 'True'"),
        ("import os\nSESSION_COOKIE_SECURE = os.getenv('SECURE_COOKIES', 'false').lower() == 'true'\n", "default SECURE_COOKIES: 'false' -> 'true'"),
        ("import os\nSESSION_COOKIE_SECURE = os.getenv('SECURE_COOKIES', 'no').lower() in ('1', 'yes')\n", "default SECURE_COOKIES: 'no' -> 'yes'"),
        ("import os\nSESSION_COOKIE_SECURE = os.getenv('SECURE_COOKIES', '0') == '1'\n", "default SECURE_COOKIES: '0' -> '1'"),
        ("import os\nSESSION_COOKIE_SECURE = os.getenv('SECURE_COOKIES', 'true') == 'true'\n", "settled default-secure SECURE_COOKIES"),
        ("from os import environ\nSESSION_COOKIE_SECURE = environ.get('SECURE_COOKIES', 'FALSE').upper() == 'TRUE'\n", "default SECURE_COOKIES: 'FALSE' -> 'TRUE'"),
        // bool() of a non-empty string is always true, whatever the variable says.
        ("import os\nr.set_cookie('k', v, secure=bool(os.getenv('SECURE_COOKIES', 'false')))\n", "settled default-secure SECURE_COOKIES"),
        // In a Django settings module only the bool True passes Django's `is True`.
        ("import os\nSESSION_COOKIE_SECURE = os.environ.get('SECURE_COOKIES', 'True')\n",
         "review: it is the string \"True\" when SECURE_COOKIES is unset, not the bool True that Django's deployment checks test for, and no default of it can be made true"),
        ("import os\nr.set_cookie('k', v, secure=os.environ.get('SECURE_COOKIES'))\n", "review: it is false when SECURE_COOKIES is unset, and no default of it can be made true"),
        ("import os\nr.set_cookie('k', v, secure=os.environ['SECURE_COOKIES'] == '1')\n", "review: os.environ['SECURE_COOKIES'] is an environment variable that must be set"),
        // django-environ: the default comes back unparsed, the schema's too.
        ("import environ\nenv = environ.Env()\nSESSION_COOKIE_SECURE = env.bool('SECURE_COOKIES', default=False)\n", "default SECURE_COOKIES: False -> True"),
        ("import environ\nenv = environ.Env(SECURE_COOKIES=(bool, False))\nSESSION_COOKIE_SECURE = env('SECURE_COOKIES')\n", "default SECURE_COOKIES: False -> True"),
        ("import environ\nenv = environ.Env(SECURE_COOKIES=(bool, True))\nSESSION_COOKIE_SECURE = env('SECURE_COOKIES')\n", "settled default-secure SECURE_COOKIES"),
        ("import environ\nenv = environ.FileAwareEnv(SECURE_COOKIES=(bool, False))\nSESSION_COOKIE_SECURE = env('SECURE_COOKIES')\n", "default SECURE_COOKIES: False -> True"),
        ("import environ\nenv = environ.Env(SECURE_COOKIES=(bool, False), DEBUG=(bool, False))\nDEBUG = env('DEBUG')\nSESSION_COOKIE_SECURE = env('SECURE_COOKIES')\n", "default SECURE_COOKIES: False -> True"),
        ("import environ\nenv = environ.Env(SECURE_COOKIES=(bool, False))\nSESSION_COOKIE_SECURE = env('SECURE_COOKIES')\nSECURE_SSL_REDIRECT = env('SECURE_COOKIES')\n", "review: it is false when SECURE_COOKIES is unset, and the default of SECURE_COOKIES also feeds other settings: give the cookie's own read a secure default"),
        ("import environ\nenv = environ.Env()\nSESSION_COOKIE_SECURE = env('SECURE_COOKIES')\n", "review: it is an environment variable that must be set"),
        // python-decouple casts the default.
        ("from decouple import config\nSESSION_COOKIE_SECURE = config('SECURE_COOKIES', default='False', cast=bool)\n", "default SECURE_COOKIES: 'False' -> 'True'"),
        ("from decouple import config\nSESSION_COOKIE_SECURE = config('SECURE_COOKIES', default=True, cast=bool)\n", "settled default-secure SECURE_COOKIES"),
        // getattr of a configuration module with a default.
        ("import configuration\nr.set_cookie('k', v, secure=getattr(configuration, 'SESSION_COOKIE_SECURE', False))\n", "default configuration.SESSION_COOKIE_SECURE: False -> True"),
        ("from django.conf import settings\nr.set_cookie('k', v, secure=getattr(settings, 'SESSION_COOKIE_SECURE', False))\n", "settled follows-setting SESSION_COOKIE_SECURE"),
        // A chain through module constants.
        ("import os\nCOOKIES = os.environ.get('COOKIES_SECURE', 'false')\nSESSION_COOKIE_SECURE = COOKIES == 'true'\n", "default COOKIES_SECURE: 'false' -> 'true'"),
        // A project helper whose body reads the environment.
        ("import os\ndef envbool(name, default):\n    return os.environ.get(name, default).lower() in ('1', 'true', 'yes')\nSESSION_COOKIE_SECURE = envbool('SESSION_COOKIE_SECURE', 'False')\n", "default SESSION_COOKIE_SECURE: 'False' -> 'True'"),
        ("import os\ndef envbool(name, default):\n    return os.environ.get(name, default).lower() in ('1', 'true', 'yes')\nSESSION_COOKIE_SECURE = envbool('SESSION_COOKIE_SECURE', 'True')\n", "settled default-secure SESSION_COOKIE_SECURE"),
        // A default other settings share stays; the cookie's own read gets a secure one.
        ("import os\nFORCE_HTTPS = os.environ.get('FORCE_HTTPS', 'false') == 'true'\nSECURE_SSL_REDIRECT = FORCE_HTTPS\nSESSION_COOKIE_SECURE = os.environ.get('COOKIES_SECURE', str(FORCE_HTTPS).lower()) == 'true'\n",
         "default COOKIES_SECURE: str(FORCE_HTTPS).lower() -> 'true'"),
        ("import os\nFORCE_HTTPS = os.environ.get('FORCE_HTTPS', 'false') == 'true'\nSECURE_SSL_REDIRECT = FORCE_HTTPS\nSESSION_COOKIE_SECURE = FORCE_HTTPS\n",
         "review: it is false when FORCE_HTTPS is unset, and the default of FORCE_HTTPS also feeds other settings: give the cookie's own read a secure default"),
    ]);
}

#[test]
fn the_configured_value_is_settled() {
    assert_eq!(
        judged_with(
            "r.set_cookie('k', v, secure=not  app.debug)\n",
            "not app.debug"
        ),
        "settled configured"
    );
    assert_eq!(
        judged_with("r.set_cookie('k', v, secure=IS_HTTPS)\n", "IS_HTTPS"),
        "settled configured"
    );
}
