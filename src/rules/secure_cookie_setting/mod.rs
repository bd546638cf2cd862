//! `secure-cookie-setting`: the settings from which a framework creates its session,
//! CSRF, language and login cookies, when they leave the cookie without Secure.
//!
//! A setting given a value is read wherever the framework reads it ([`SETTINGS`]); a
//! setting left out is a finding only where the file visibly holds a whole configuration:
//! a complete Django settings module ([`django`]), or a Flask config class or app
//! configured in one file ([`flask`]).

mod django;
mod flask;

use tree_sitter::{Node, Tree};

use super::values;
use super::{Checked, Context, Counts, FixStyle, NeedsMore, Rule};
use crate::bindings;
use crate::diagnostic::{Detection, OptOut, Verdict};
use crate::edit::Edit;
use crate::idiom;
use crate::literal;
use crate::mapping::Mapping;
use crate::parse;
use crate::project::django::Placement;
use crate::value::Want;

pub static RULE: Rule = Rule {
    id: "secure-cookie-setting",
    name: "SecureCookieSetting",
    summary: "Cookie setting that leaves the session, CSRF or login cookie without Secure",
    description: "Django, Flask and their extensions create the session, CSRF, language and \
                  remember-me cookies from settings. A setting such as \
                  SESSION_COOKIE_SECURE left false, or left out where the default is \
                  false, sends that cookie over plain HTTP, where anyone on the network \
                  path can read it and take over the session (CWE-614, Sonar rule S2092).",
    help: "Set SESSION_COOKIE_SECURE, CSRF_COOKIE_SECURE and the other *_COOKIE_SECURE \
           settings to True. `cookie-fix --write` sets them.",
    help_markdown: "Set `SESSION_COOKIE_SECURE`, `CSRF_COOKIE_SECURE` and the other \
                    `*_COOKIE_SECURE` settings to `True`. `cookie-fix --write` sets them.",
    fix_title: "Set the cookie setting to True",
    cwe: 614,
    security_severity: "5.3",
    docs: include_str!("docs.md"),
    default: true,
    needles: NEEDLES,
    may_match: is_whole_name,
    counts: |_| Counts::Anywhere,
    query: None,
    read_for_project,
    check,
};

/// A production settings module that extends a base module: the fixes of what it
/// inherits go there, though none of the rule's needles may be in it.
fn read_for_project(project: &crate::project::View) -> bool {
    project.django_placement() == Placement::Production
}

/// A setting whose false value leaves a cookie without Secure.
struct Setting {
    name: &'static str,
    /// Django's deployment checks test it with `is True`, so any other true value is
    /// still reported by `check --deploy`.
    checked_is_true: bool,
}

/// Each setting's default is `False`, read from the packages' sources:
/// django 5.2, django/conf/global_settings.py (SESSION_, CSRF_, LANGUAGE_COOKIE_SECURE;
/// django/core/checks/security/sessions.py and csrf.py test the first two `is True`);
/// flask 3.1, src/flask/app.py `default_config`, and quart 0.20, src/quart/app.py
/// (SESSION_COOKIE_SECURE); flask-login 0.6, src/flask_login/config.py `COOKIE_SECURE`
/// (REMEMBER_COOKIE_SECURE); flask-jwt-extended 4.7, jwt_manager.py (JWT_COOKIE_SECURE);
/// dj-rest-auth 7.1, dj_rest_auth/app_settings.py `DEFAULTS`, read from the `REST_AUTH`
/// dict (JWT_AUTH_SECURE).
const SETTINGS: &[Setting] = &[
    Setting {
        name: SESSION_COOKIE_SECURE,
        checked_is_true: true,
    },
    Setting {
        name: CSRF_COOKIE_SECURE,
        checked_is_true: true,
    },
    Setting {
        name: "LANGUAGE_COOKIE_SECURE",
        checked_is_true: false,
    },
    Setting {
        name: "REMEMBER_COOKIE_SECURE",
        checked_is_true: false,
    },
    Setting {
        name: "JWT_COOKIE_SECURE",
        checked_is_true: false,
    },
    Setting {
        name: "JWT_AUTH_SECURE",
        checked_is_true: false,
    },
];

/// The names of [`SETTINGS`]: a flag set to one of them is judged where the setting is
/// (the value module follows them).
pub const SECURE_SETTINGS: &[&str] = &[
    SESSION_COOKIE_SECURE,
    CSRF_COOKIE_SECURE,
    "LANGUAGE_COOKIE_SECURE",
    "REMEMBER_COOKIE_SECURE",
    "JWT_COOKIE_SECURE",
    "JWT_AUTH_SECURE",
];

/// The HttpOnly and SameSite settings of [`ATTRIBUTE_SETTINGS`], which the value module
/// follows for `httponly-cookie` and `samesite-cookie`.
pub const HTTPONLY_SETTINGS: &[&str] = &[
    "SESSION_COOKIE_HTTPONLY",
    "REMEMBER_COOKIE_HTTPONLY",
    CSRF_COOKIE_HTTPONLY,
];
pub const SAMESITE_SETTINGS: &[&str] = &[
    "SESSION_COOKIE_SAMESITE",
    "CSRF_COOKIE_SAMESITE",
    "LANGUAGE_COOKIE_SAMESITE",
    "REMEMBER_COOKIE_SAMESITE",
];

/// The settings their framework always defines: django/conf/global_settings.py (the
/// session's, CSRF's and language cookie's), flask 3.1 `default_config` (the session's),
/// flask-jwt-extended 4.7 `_set_default_configuration_options` (`JWT_COOKIE_SECURE`).
/// Flask-Login's `REMEMBER_COOKIE_*` are read with its own default, unset otherwise.
pub const SECURE_ALWAYS_DEFINED: &[&str] = &[
    SESSION_COOKIE_SECURE,
    CSRF_COOKIE_SECURE,
    "LANGUAGE_COOKIE_SECURE",
    "JWT_COOKIE_SECURE",
];
pub const HTTPONLY_ALWAYS_DEFINED: &[&str] = &["SESSION_COOKIE_HTTPONLY", CSRF_COOKIE_HTTPONLY];
pub const SAMESITE_ALWAYS_DEFINED: &[&str] = &[
    "SESSION_COOKIE_SAMESITE",
    "CSRF_COOKIE_SAMESITE",
    "LANGUAGE_COOKIE_SAMESITE",
];

/// flask 3.1 src/flask/sessions.py: `SessionInterface.get_cookie_secure(app)` returns
/// `app.config["SESSION_COOKIE_SECURE"]`, `get_cookie_httponly` and
/// `get_cookie_samesite` theirs.
pub const SETTING_METHODS: &[(&str, &str)] = &[
    ("get_cookie_secure", SESSION_COOKIE_SECURE),
    ("get_cookie_httponly", "SESSION_COOKIE_HTTPONLY"),
    ("get_cookie_samesite", "SESSION_COOKIE_SAMESITE"),
];

/// The settings of the cookies' other attributes, which `httponly-cookie` and
/// `samesite-cookie` read through [`check_attribute`]. Only a value given is read: each
/// HttpOnly setting defaults to `True` (django/conf/global_settings.py, flask's
/// `default_config`, flask-login's config.py), but `CSRF_COOKIE_HTTPONLY`, whose
/// cookie page scripts read by design; Django's SameSite settings default to `"Lax"`,
/// Flask's and Flask-Login's to `None` (a missing one is not read yet).
const ATTRIBUTE_SETTINGS: &[(&str, SettingAttribute)] = &[
    ("SESSION_COOKIE_HTTPONLY", SettingAttribute::HttpOnly),
    ("REMEMBER_COOKIE_HTTPONLY", SettingAttribute::HttpOnly),
    (CSRF_COOKIE_HTTPONLY, SettingAttribute::HttpOnly),
    ("SESSION_COOKIE_SAMESITE", SettingAttribute::SameSite),
    ("CSRF_COOKIE_SAMESITE", SettingAttribute::SameSite),
    ("LANGUAGE_COOKIE_SAMESITE", SettingAttribute::SameSite),
    ("REMEMBER_COOKIE_SAMESITE", SettingAttribute::SameSite),
];

/// Their names, the needles a rule that reads them adds to its own.
pub const ATTRIBUTE_NEEDLES: &[&str] = &[
    "SESSION_COOKIE_HTTPONLY",
    "REMEMBER_COOKIE_HTTPONLY",
    CSRF_COOKIE_HTTPONLY,
    "SESSION_COOKIE_SAMESITE",
    "CSRF_COOKIE_SAMESITE",
    "LANGUAGE_COOKIE_SAMESITE",
    "REMEMBER_COOKIE_SAMESITE",
];

/// The attribute a setting of [`ATTRIBUTE_SETTINGS`] gives its cookie.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SettingAttribute {
    HttpOnly,
    SameSite,
}

const CSRF_COOKIE_HTTPONLY: &str = "CSRF_COOKIE_HTTPONLY";
const SESSION_COOKIE_SECURE: &str = "SESSION_COOKIE_SECURE";
const CSRF_COOKIE_SECURE: &str = "CSRF_COOKIE_SECURE";
const SECRET_KEY: &str = "SECRET_KEY";

/// falcon 4.3, falcon/response.py: `ResponseOptions.secure_cookies_by_default` is `True`
/// unless set; `set_cookie(secure=None)` follows it.
const FALCON_OPTION: &str = "secure_cookies_by_default";

const NEEDLES: &[&str] = &[
    SESSION_COOKIE_SECURE,
    CSRF_COOKIE_SECURE,
    "LANGUAGE_COOKIE_SECURE",
    "REMEMBER_COOKIE_SECURE",
    "JWT_COOKIE_SECURE",
    "JWT_AUTH_SECURE",
    FALCON_OPTION,
    // What makes a missing setting a finding: a Django settings module, a Flask config.
    django::INSTALLED_APPS,
    django::MIDDLEWARE,
    SECRET_KEY,
    "secret_key",
];

/// A needle counts as a whole name, not part of a longer one (`MIDDLEWARE_CLASSES`,
/// `SOCIAL_AUTH_SECRET_KEY`), and where the rule may read it: `INSTALLED_APPS` and
/// `MIDDLEWARE` at the start of a line (a settings module's own), `secret_key` as an
/// attribute given a value (`app.secret_key = ...`; a library's parameter is none).
pub fn is_whole_name(bytes: &[u8], at: usize, needle: &str) -> bool {
    let name_byte = |b: Option<&u8>| b.is_some_and(|&b| b.is_ascii_alphanumeric() || b == b'_');
    let before = at.checked_sub(1).and_then(|before| bytes.get(before));
    let end = at + needle.len();
    if name_byte(before) || name_byte(bytes.get(end)) {
        return false;
    }
    match needle {
        django::INSTALLED_APPS | django::MIDDLEWARE => {
            let after_bom = at == 3 && bytes.starts_with(b"\xef\xbb\xbf");
            after_bom || matches!(before, None | Some(b'\n' | b'\r'))
        }
        "secret_key" => {
            let rest = &bytes[end..];
            let rest = &rest[rest.len() - crate::source::trim_blank(rest).len()..];
            before == Some(&b'.') && rest.starts_with(b"=") && !rest.starts_with(b"==")
        }
        _ => true,
    }
}

/// Where a setting is given a value.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Shape {
    /// `NAME = value` at module level or in a class body.
    Assignment,
    /// An entry of a dict of settings assigned at module level or in a class body.
    SettingsDict,
    /// `X["NAME"] = value`, `X.update(NAME=value)`, `X.secure_cookies_by_default = value`.
    Entry,
}

/// A setting given a value, and the node that gives it.
struct Given<'tree> {
    name: &'static str,
    value: Node<'tree>,
    shape: Shape,
    /// The assignment or entry, for the scope it is in.
    site: Node<'tree>,
}

/// Everything the rule reads of one file, looked up where the names it reads are: a
/// query would visit every assignment, class and call of the file.
#[derive(Default)]
struct Gathered<'tree> {
    given: Vec<Given<'tree>>,
    /// `SECRET_KEY = ...` assignments.
    secret_keys: Vec<Node<'tree>>,
    /// App configuration that sets the secret key: (statement, config expression, quote).
    app_secret_keys: Vec<(Node<'tree>, String, char)>,
    /// A call that loads configuration from elsewhere.
    loads_config: bool,
    /// The session setting is named somewhere (not only where it is given a value).
    session_mentioned: bool,
    /// The cookie settings named somewhere outside a test or development config class.
    mentioned: Vec<&'static str>,
    /// `CONFIG.update(...)` calls, with the config's text.
    updates: Vec<(Node<'tree>, String)>,
    classes: Vec<Node<'tree>>,
    imports: Vec<&'tree str>,
}

fn check(context: &Context) -> Checked {
    // A migration or an example configures no deployment: no edit goes there.
    if context.project.is_not_configuration() {
        return Ok(Vec::new());
    }
    let mut gathered = gather(context);
    // The other attributes' settings are the attribute rules' (check_attribute).
    gathered
        .given
        .retain(|given| !ATTRIBUTE_NEEDLES.contains(&given.name));
    if !context.whole {
        // The windows show every line that names a setting, but not the scope of an
        // indented one, nor what a missing setting's module or class holds.
        let is_true = |given: &Given| literal::unparenthesize(given.value).kind() == "true";
        let anything = !gathered.given.iter().all(is_true)
            || flask::may_miss(context, &gathered)
            || django::may_miss(context, &gathered);
        return if anything {
            Err(NeedsMore::WholeFile)
        } else {
            Ok(Vec::new())
        };
    }
    let module = django::SettingsModule::read(context);
    let placement = context.project.django_placement();
    let mut detections: Vec<Detection> = Vec::new();
    for given in &gathered.given {
        // A test or development config class's value is its own choice.
        if given.shape == Shape::Assignment && flask::is_not_deployed(given.site, context.source) {
            continue;
        }
        let mut judged = given_detection(context, given, module.as_ref())?;
        if given.shape == Shape::Assignment {
            judged = flask::overridden_in_production(context, &gathered, given, judged);
        }
        // A Django module's own settings: where they take effect says who reports them.
        let module_level =
            given.shape == Shape::Assignment && scope_of(given.site) == Scope::Module;
        match (&placement, module_level) {
            (Placement::NotDeployed(_), true) => {}
            (Placement::Extended(production), true) => {
                detections.extend(elsewhere(context, judged, production));
            }
            _ => detections.extend(judged),
        }
    }
    detections.sort_by_key(|d| (d.range.start, d.range.end));
    // A config class's new last line, which may end the file, goes before the
    // module's new lines at the end: the findings are in the order of their insertions.
    detections.extend(flask::missing(context, &gathered));
    if let Some(module) = &module {
        match placement {
            Placement::NotDeployed(_) => {}
            Placement::Extended(production) => {
                detections.extend(elsewhere(context, module.missing(context), production));
            }
            Placement::Production => {
                detections.extend(module.missing(context));
                detections.extend(module.inherited_false(context, SECURE_SETTINGS));
            }
            Placement::Alone => detections.extend(module.missing(context)),
        }
    }
    Ok(detections)
}

/// A base module's findings, which the production modules that extend it take: none
/// here where the run checks them all; else each, without its edit, saying where the
/// fix is due.
fn elsewhere(
    context: &Context,
    detections: Vec<Detection>,
    production: &[std::path::PathBuf],
) -> Vec<Detection> {
    let unchecked: Vec<String> = production
        .iter()
        .filter(|path| !context.project.in_run(path))
        .map(|path| context.project.shown(path))
        .collect();
    if unchecked.is_empty() {
        return Vec::new();
    }
    detections
        .into_iter()
        .filter(|detection| detection.verdict.is_fixable())
        .map(|detection| Detection {
            verdict: Verdict::Ambiguous,
            message: format!(
                "{}: the production settings take the fix ({}), which this run does not check",
                detection.message,
                unchecked.join(", ")
            ),
            edits: Vec::new(),
            opt_out: None,
            follow_up: None,
            ..detection
        })
        .collect()
}

fn gather<'tree>(context: &Context<'tree>) -> Gathered<'tree> {
    let (source, tree) = (context.source, context.tree);
    let text = |node: Node<'tree>| node.utf8_text(source).unwrap_or("");
    let mut gathered = Gathered::default();
    let statements = bindings::import_statements(tree, source);
    gathered.imports = bindings::imported_packages(&statements)
        .into_iter()
        .map(text)
        .collect();
    gathered.classes = parse::keyword_statements(tree, source, "class", &["class_definition"]);
    for name in setting_names().chain([SECRET_KEY]) {
        for node in parse::mentions(tree, source, name) {
            match node.kind() {
                "identifier" if text(node) == name => read_name(node, name, &mut gathered),
                "string" => read_key(node, name, source, &mut gathered),
                _ => {}
            }
        }
    }
    for dict in named_dicts(tree, source, REST_AUTH) {
        for entry in Mapping::Dict(dict.value).entries(source) {
            gathered.given.extend(setting(entry.key).map(|name| Given {
                name,
                value: entry.value,
                shape: Shape::SettingsDict,
                site: dict.site,
            }));
        }
    }
    for name in [FALCON_OPTION, "secret_key"] {
        for at in parse::occurrences(tree, source, name) {
            read_attribute(tree, at, name, source, &mut gathered);
        }
    }
    for method in CONFIG_METHODS {
        for at in parse::occurrences(tree, source, method) {
            let Some((call, callee)) = parse::call_named_at(tree, at, method.len()) else {
                continue;
            };
            let receiver = callee
                .child_by_field_name("object")
                .filter(|_| callee.kind() == "attribute");
            let arguments = call
                .child_by_field_name("arguments")
                .filter(|arguments| arguments.kind() == "argument_list");
            if let (Some(receiver), Some(arguments)) = (receiver, arguments) {
                if *method == "update" && is_config(receiver, source) {
                    let text = receiver.utf8_text(source).unwrap_or("").to_owned();
                    gathered.updates.push((call, text));
                }
                read_method(call, receiver, method, arguments, source, &mut gathered);
            }
        }
    }
    // In the order of the file, as a query over the tree gave them.
    gathered.given.sort_by_key(|given| given.site.start_byte());
    gathered.secret_keys.sort_by_key(|site| site.start_byte());
    gathered
        .app_secret_keys
        .sort_by_key(|(statement, _, _)| statement.start_byte());
    // Any mention of the session setting in code, not only where it is given a value
    // (`setdefault`, a subclass): the file has made its choice.
    // A test or development config class's own value is no choice for production.
    for name in SECURE_SETTINGS {
        let named = parse::mentions(tree, source, name)
            .into_iter()
            .filter(|node| !flask::is_in_undeployed_class(*node, source))
            .any(|node| match node.kind() {
                "string" => literal::plain_string(node, source) == Some(name),
                _ => node.utf8_text(source).ok() == Some(name),
            });
        if named {
            gathered.mentioned.push(name);
        }
    }
    gathered.session_mentioned = gathered.mentioned.contains(&SESSION_COOKIE_SECURE);
    gathered
}

/// The methods of a config that give settings (`update`, `from_mapping`) or load them
/// from elsewhere.
const CONFIG_METHODS: &[&str] = &[
    "update",
    "from_mapping",
    "from_object",
    "from_pyfile",
    "from_envvar",
    "from_file",
    "from_prefixed_env",
];

/// The dict of settings dj-rest-auth reads.
const REST_AUTH: &str = "REST_AUTH";

/// A setting given a value by its name: `NAME = value`, `NAME: bool = value`.
fn read_name<'tree>(name: Node<'tree>, text: &'static str, gathered: &mut Gathered<'tree>) {
    let Some(mut site) = parse::parent_holding(name, "assignment", "left") else {
        return;
    };
    // `A = B = value`: every target gets the value on the right of the chain, and the
    // statement is the outermost assignment.
    let Some(mut value) = site.child_by_field_name("right") else {
        return;
    };
    while value.kind() == "assignment" {
        match value.child_by_field_name("right") {
            Some(right) => value = right,
            None => return,
        }
    }
    while let Some(outer) = parse::parent_holding(site, "assignment", "right") {
        site = outer;
    }
    match text {
        SECRET_KEY => gathered.secret_keys.push(site),
        name => gathered.given.extend(setting(name).map(|name| Given {
            name,
            value,
            shape: Shape::Assignment,
            site,
        })),
    }
}

/// A setting given a value as a config's item: `X["NAME"] = value`.
fn read_key<'tree>(
    key: Node<'tree>,
    name: &'static str,
    source: &'tree [u8],
    gathered: &mut Gathered<'tree>,
) {
    if literal::plain_string(key, source) != Some(name) {
        return;
    }
    let Some(subscript) = parse::parent_holding(key, "subscript", "subscript") else {
        return;
    };
    let Some(site) = parse::parent_holding(subscript, "assignment", "left") else {
        return;
    };
    let (Some(receiver), Some(value)) = (
        subscript.child_by_field_name("value"),
        site.child_by_field_name("right"),
    ) else {
        return;
    };
    if !is_config(receiver, source) {
        return;
    }
    match name {
        SECRET_KEY => {
            let quote = literal::quote_of(key, source).unwrap_or('"');
            let statement = site.parent().unwrap_or(site);
            let config = receiver.utf8_text(source).unwrap_or("").to_owned();
            gathered.app_secret_keys.push((statement, config, quote));
        }
        name => gathered.given.extend(setting(name).map(|name| Given {
            name,
            value,
            shape: Shape::Entry,
            site,
        })),
    }
}

/// A dict literal bound to `name` (`REST_AUTH = {...}`): the assignment and the dict.
struct NamedDict<'tree> {
    site: Node<'tree>,
    value: Node<'tree>,
}

fn named_dicts<'tree>(tree: &'tree Tree, source: &[u8], name: &str) -> Vec<NamedDict<'tree>> {
    parse::mentions(tree, source, name)
        .into_iter()
        .filter(|node| node.kind() == "identifier" && node.utf8_text(source).ok() == Some(name))
        .filter_map(|node| {
            let site = parse::parent_holding(node, "assignment", "left")?;
            let value = site
                .child_by_field_name("right")
                .filter(|value| value.kind() == "dictionary")?;
            Some(NamedDict { site, value })
        })
        .collect()
}

/// `X.secure_cookies_by_default = value` (Falcon), `X.secret_key = value` (Flask).
fn read_attribute<'tree>(
    tree: &'tree Tree,
    at: usize,
    name: &str,
    source: &'tree [u8],
    gathered: &mut Gathered<'tree>,
) {
    let Some(identifier) = parse::identifier_at(tree, at, name.len()) else {
        return;
    };
    let Some(attribute) = parse::parent_holding(identifier, "attribute", "attribute") else {
        return;
    };
    let Some(site) = parse::parent_holding(attribute, "assignment", "left") else {
        return;
    };
    let (Some(receiver), Some(value)) = (
        attribute.child_by_field_name("object"),
        site.child_by_field_name("right"),
    ) else {
        return;
    };
    match name {
        FALCON_OPTION => gathered.given.push(Given {
            name: FALCON_OPTION,
            value,
            shape: Shape::Entry,
            site,
        }),
        _ => {
            let statement = site.parent().unwrap_or(site);
            let receiver = receiver.utf8_text(source).unwrap_or("");
            let config = format!("{receiver}.config");
            gathered.app_secret_keys.push((statement, config, '"'));
        }
    }
}

/// `X.update(...)` and `X.from_mapping(...)` on a config give settings; the other
/// `from_*` methods, and `from_mapping` given a mapping the file does not show, load
/// configuration from elsewhere.
fn read_method<'tree>(
    call: Node<'tree>,
    receiver: Node<'tree>,
    method: &str,
    arguments: Node<'tree>,
    source: &'tree [u8],
    gathered: &mut Gathered<'tree>,
) {
    let positional: Vec<Node> = crate::parse::code_children(arguments)
        .into_iter()
        .filter(|argument| argument.kind() != "keyword_argument")
        .collect();
    match method {
        "update" | "from_mapping" => {}
        _ => {
            gathered.loads_config = true;
            return;
        }
    }
    let mut mappings = vec![Mapping::Keywords(arguments)];
    for argument in &positional {
        match Mapping::of_value(*argument, source) {
            Some(mapping) => mappings.push(mapping),
            None if method == "from_mapping" => gathered.loads_config = true,
            None => {}
        }
    }
    if !is_config(receiver, source) {
        return;
    }
    for mapping in mappings {
        for entry in mapping.entries(source) {
            if entry.key == SECRET_KEY {
                let statement = call.parent().unwrap_or(call);
                let config = receiver.utf8_text(source).unwrap_or("").to_owned();
                let quote = literal::quote_of(entry.key_node, source).unwrap_or('"');
                gathered.app_secret_keys.push((statement, config, quote));
            }
            gathered.given.extend(setting(entry.key).map(|name| Given {
                name,
                value: entry.value,
                shape: Shape::Entry,
                site: call,
            }));
        }
    }
}

/// The setting of this name, of any attribute.
fn setting(name: &str) -> Option<&'static str> {
    setting_names().find(|&known| known == name)
}

/// The names of every setting the rule reads, of any attribute.
fn setting_names() -> impl Iterator<Item = &'static str> {
    SETTINGS
        .iter()
        .map(|s| s.name)
        .chain(ATTRIBUTE_SETTINGS.iter().map(|&(name, _)| name))
}

/// The settings of a file that leave a cookie without `attribute`, where the framework
/// reads them: a falsy HttpOnly setting made `True` (`CSRF_COOKIE_HTTPONLY` left for
/// review), a falsy SameSite setting made `"Lax"` (a policy is never changed).
pub fn check_attribute(context: &Context, attribute: SettingAttribute) -> Checked {
    let mut gathered = gather(context);
    gathered.given.retain(|given| {
        ATTRIBUTE_SETTINGS
            .iter()
            .any(|&(name, of)| name == given.name && of == attribute)
    });
    if gathered.given.is_empty() {
        return Ok(Vec::new());
    }
    // The windows do not show whether an indented setting is in a function.
    if !context.whole {
        return Err(NeedsMore::WholeFile);
    }
    let quote = literal::first_quote(context.tree.root_node(), context.source).unwrap_or('"');
    let mut detections = Vec::new();
    for given in &gathered.given {
        detections.extend(attribute_detection(context, given, attribute, quote)?);
    }
    Ok(detections)
}

fn attribute_detection(
    context: &Context,
    given: &Given,
    attribute: SettingAttribute,
    quote: char,
) -> Checked {
    let source = context.source;
    let settings_scope = matches!(given.shape, Shape::Assignment | Shape::SettingsDict);
    if settings_scope && scope_of(given.site) == Scope::Function {
        return Ok(Vec::new());
    }
    let name = given.name;
    let shown = String::from_utf8_lossy(&context.body[given.value.byte_range()]);
    let detection = |verdict, message: String, edits| Detection {
        subject: name,
        verdict,
        message,
        range: given.value.byte_range(),
        edits,
        opt_out: None,
        follow_up: None,
    };
    let review = |check: &str| {
        detection(
            Verdict::Dynamic,
            format!("{name} set to {shown}: check that it is {check}"),
            Vec::new(),
        )
    };
    let (set, fix, check) = match attribute {
        SettingAttribute::HttpOnly => (
            literal::truthiness(given.value, source),
            "True".to_owned(),
            "true in production",
        ),
        SettingAttribute::SameSite => {
            let set = match literal::plain_string(given.value, source) {
                Some(text) if crate::call::is_samesite_policy(text) => Some(true),
                // A string that is no policy is the framework's error to raise: review.
                Some(text) if !text.is_empty() => None,
                _ => match literal::truthiness(given.value, source) {
                    Some(true) => None,
                    other => other,
                },
            };
            (
                set,
                format!("{quote}Lax{quote}"),
                "a SameSite policy (\"Strict\", \"Lax\" or \"None\")",
            )
        }
    };
    let judged = match set {
        Some(true) => None,
        Some(false) if name == CSRF_COOKIE_HTTPONLY => Some(detection(
            Verdict::ReadByScripts,
            format!(
                "{name} set to {shown}: page scripts read the CSRF cookie by design; check \
                 that none must read it"
            ),
            Vec::new(),
        )),
        Some(false) if settings_scope && in_development_configuration(given.site, source) => {
            Some(detection(
                Verdict::Dynamic,
                format!(
                    "{name} set to {shown} beside DEBUG = True: check that this \
                     configuration is never deployed"
                ),
                Vec::new(),
            ))
        }
        Some(false) => match literal::replaced_range(given.value, source) {
            Some(replaced) => Some(detection(
                Verdict::Falsy,
                format!("{name} set to {shown}"),
                vec![Edit::replace(replaced, fix)],
            )),
            None => Some(review(check)),
        },
        None => {
            let (vocabulary, want) = match attribute {
                SettingAttribute::HttpOnly => (&super::HTTPONLY_VALUES, Want::Truthy),
                SettingAttribute::SameSite => (
                    &super::SAMESITE_VALUES,
                    Want::Text(crate::call::is_samesite_policy),
                ),
            };
            let judgement = values::judge(context, given.value, vocabulary, want)?;
            let flag = values::Flag {
                subject: name,
                said: format!("{name} set to {shown}"),
                range: given.value.byte_range(),
                value: given.value.byte_range(),
                fix: &fix,
                check,
            };
            return Ok(values::detections(context, judgement, &flag));
        }
    };
    Ok(judged.into_iter().collect())
}

/// A receiver whose last name is `config`: `app.config`, `self.config`, `config`.
fn is_config(receiver: Node, source: &[u8]) -> bool {
    let last = match receiver.kind() {
        "identifier" => Some(receiver),
        "attribute" => receiver.child_by_field_name("attribute"),
        _ => None,
    };
    last.and_then(|name| name.utf8_text(source).ok()) == Some("config")
}

/// Where a node is: the nearest class or function around it, or the module.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Scope {
    Module,
    Class,
    Function,
}

fn scope_of(node: Node) -> Scope {
    let mut node = node;
    while let Some(parent) = node.parent() {
        match parent.kind() {
            "class_definition" => return Scope::Class,
            "function_definition" | "lambda" => return Scope::Function,
            _ => node = parent,
        }
    }
    Scope::Module
}

/// The verdict on a setting given a value.
fn given_detection(
    context: &Context,
    given: &Given,
    module: Option<&django::SettingsModule>,
) -> Checked {
    let source = context.source;
    let settings_scope = matches!(given.shape, Shape::Assignment | Shape::SettingsDict);
    if settings_scope && scope_of(given.site) == Scope::Function {
        return Ok(Vec::new()); // a local variable, not a setting
    }
    let name = given.name;
    let checked = SETTINGS.iter().any(|s| s.name == name && s.checked_is_true);
    // In a complete settings module, Django's own checks decide: no finding where they
    // are silent whatever the value, since the module creates no such cookie.
    let module = module.filter(|_| {
        checked && given.shape == Shape::Assignment && scope_of(given.site) == Scope::Module
    });
    if module.is_some_and(|module| module.is_silent_about(name)) {
        return Ok(Vec::new());
    }
    let shown = String::from_utf8_lossy(&context.body[given.value.byte_range()]);
    let fix = |verdict, message| {
        let replaced = literal::replaced_range(given.value, source)?;
        Some(Detection {
            subject: name,
            verdict,
            message,
            range: given.value.byte_range(),
            edits: vec![Edit::replace(replaced, &context.settings.secure_value)],
            opt_out: None,
            follow_up: None,
        })
    };
    let review = || Detection {
        subject: name,
        verdict: Verdict::Dynamic,
        message: format!("{name} set to {shown}: check that it is true in production"),
        range: given.value.byte_range(),
        edits: Vec::new(),
        opt_out: None,
        follow_up: None,
    };
    let judged = match literal::truthiness(given.value, source) {
        Some(true) => {
            let is_true = literal::unparenthesize(given.value).kind() == "true";
            if module.is_some() && !is_true {
                fix(
                    Verdict::NotTrue,
                    format!("{name} set to {shown}: Django's deployment checks want exactly True"),
                )
                .or_else(|| Some(review()))
            } else {
                None
            }
        }
        Some(false) if settings_scope && in_development_configuration(given.site, source) => {
            Some(Detection {
                subject: name,
                verdict: Verdict::Dynamic,
                message: format!(
                    "{name} set to {shown} beside DEBUG = True: check that this \
                     configuration is never deployed"
                ),
                range: given.value.byte_range(),
                edits: Vec::new(),
                opt_out: None,
                follow_up: None,
            })
        }
        Some(false) => {
            let message = format!("{name} set to {shown}");
            let replaced = literal::replaced_range(given.value, source);
            let body = given.site.parent().and_then(|statement| statement.parent());
            let named = given
                .site
                .child_by_field_name("left")
                .is_some_and(|target| target.kind() == "identifier");
            match (replaced, body) {
                (Some(replaced), Some(body)) if given.shape == Shape::Assignment && named => {
                    let want = match module {
                        Some(_) => Want::IsTrue,
                        None => Want::Truthy,
                    };
                    let (edits, note, opt_out) = written(context, name, body, want, |value| {
                        vec![Edit::replace(replaced.clone(), value)]
                    });
                    Some(Detection {
                        subject: name,
                        verdict: Verdict::Falsy,
                        message: format!("{message}{note}"),
                        range: given.value.byte_range(),
                        edits,
                        opt_out,
                        follow_up: None,
                    })
                }
                _ => fix(Verdict::Falsy, message).or_else(|| Some(review())),
            }
        }
        None => {
            // Django's checks want the bool True of a setting its module gives.
            let want = match module {
                Some(_) => Want::IsTrue,
                None => Want::Truthy,
            };
            let judgement = values::judge(context, given.value, &super::SECURE_VALUES, want)?;
            let flag = values::Flag {
                subject: name,
                said: format!("{name} set to {shown}"),
                range: given.value.byte_range(),
                value: given.value.byte_range(),
                fix: &context.settings.secure_value,
                check: "true in production",
            };
            return Ok(values::detections(context, judgement, &flag));
        }
    };
    Ok(judged.into_iter().collect())
}

/// The edits that write `setting`'s value where `place` puts it, and what its finding
/// adds about it: read from the environment as the statements of `body` (a module or a
/// class's block) before it read their boolean settings, true when unset (DESIGN.md
/// section 10); else `secure_value`, with nothing to add.
fn written(
    context: &Context,
    setting: &str,
    body: Node,
    want: Want,
    place: impl Fn(&str) -> Vec<Edit>,
) -> (Vec<Edit>, String, Option<OptOut>) {
    let edits = place(&context.settings.secure_value);
    let Some(start) = edits.iter().map(|edit| edit.range.start).min() else {
        return (edits, String::new(), None);
    };
    if context.settings.fix_style != FixStyle::Idiom || !context.whole {
        return (edits, String::new(), None);
    }
    let reader = context.values(&super::SECURE_VALUES);
    let Some(idiom) = idiom::learn(&reader, body, start) else {
        return (edits, String::new(), None);
    };
    let vocabulary = &super::SECURE_VALUES;
    match idiom.write(
        setting,
        context.body,
        context.lines,
        vocabulary,
        want,
        &place,
    ) {
        Some(written) => {
            let line = context.lines.line_of(idiom.exemplar_at) + 1;
            let note = written.note(&idiom, context.project.file_name().as_deref(), line);
            let opt_out = OptOut {
                variable: written.variable,
                value: written.opt_out,
                written_like: idiom.exemplar.clone(),
                written_like_line: line,
            };
            (written.edits, format!("; {note}"), Some(opt_out))
        }
        None => (edits, String::new(), None),
    }
}

/// Whether the module or class body a setting is assigned in also assigns a true
/// `DEBUG`: a development configuration, whose false setting is a choice (local
/// development over plain HTTP) for review, not a fix.
fn in_development_configuration(site: Node, source: &[u8]) -> bool {
    let mut node = site;
    let body = loop {
        let Some(parent) = node.parent() else {
            break node;
        };
        match parent.kind() {
            "module" => break parent,
            "class_definition" => match parent.child_by_field_name("body") {
                Some(body) => break body,
                None => return false,
            },
            _ => node = parent,
        }
    };
    crate::parse::code_children(body)
        .into_iter()
        .any(|statement| {
            let assignment = crate::parse::first_code_child(statement).filter(|inner| {
                statement.kind() == "expression_statement" && inner.kind() == "assignment"
            });
            assignment.is_some_and(|assignment| {
                let target = assignment.child_by_field_name("left");
                let value = assignment.child_by_field_name("right");
                target.and_then(|t| t.utf8_text(source).ok()) == Some("DEBUG")
                    && value.is_some_and(|v| literal::truthiness(v, source) == Some(true))
            })
        })
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A Flask app whose configuration comes from elsewhere may set the cookie there:
    /// its missing setting is no finding, whichever loader reads it (`from_mapping`
    /// given what the file does not show as a mapping).
    #[test]
    fn each_loader_leaves_a_missing_setting_alone() {
        let app = "from flask import Flask\n\napp = Flask(__name__)\napp.secret_key = 'k'\n";
        let findings = |text: &str| {
            crate::engine::fix(text.as_bytes(), &crate::engine::Settings::default())
                .map(|report| report.findings.len())
        };
        assert_eq!(findings(app), Ok(1));
        // Flask 3.1's Config, flask/config.py.
        for method in [
            "from_envvar",
            "from_prefixed_env",
            "from_pyfile",
            "from_object",
            "from_file",
            "from_mapping",
        ] {
            let loading = format!("{app}app.config.{method}('settings')\n");
            assert_eq!(findings(&loading), Ok(0), "{method}");
        }
    }

    #[test]
    fn the_value_module_follows_every_setting() {
        let names: Vec<&str> = SETTINGS.iter().map(|s| s.name).collect();
        assert_eq!(names, SECURE_SETTINGS);
        let of = |attribute| {
            ATTRIBUTE_SETTINGS
                .iter()
                .filter(|(_, a)| *a == attribute)
                .map(|(name, _)| *name)
                .collect::<Vec<_>>()
        };
        assert_eq!(of(SettingAttribute::HttpOnly), HTTPONLY_SETTINGS);
        assert_eq!(of(SettingAttribute::SameSite), SAMESITE_SETTINGS);
    }

    #[test]
    fn every_setting_is_a_needle() {
        for setting in SETTINGS {
            assert!(NEEDLES.contains(&setting.name), "{}", setting.name);
        }
    }

    #[test]
    fn needles_are_whole_names_where_the_rule_reads_them() {
        let text = b"MIDDLEWARE_CLASSES = []\nMIDDLEWARE = []; SOCIAL_SECRET_KEY";
        let at = |needle: &str| {
            let found = memchr::memmem::find(text, needle.as_bytes()).expect("there");
            is_whole_name(text, found, needle)
        };
        assert!(!is_whole_name(text, 0, "MIDDLEWARE"));
        assert!(is_whole_name(text, 24, "MIDDLEWARE"));
        assert!(!at("SECRET_KEY"));
        let text = b"x = settings.MIDDLEWARE\n";
        assert!(!is_whole_name(text, 13, "MIDDLEWARE"));
        assert!(is_whole_name(
            b"\xef\xbb\xbfMIDDLEWARE = []",
            3,
            "MIDDLEWARE"
        ));
        for (text, reads) in [
            (&b"app.secret_key = 'k'"[..], true),
            (b"app.secret_key='k'", true),
            (b"if app.secret_key == 'k': pass", false),
            (b"def f(secret_key): pass", false),
            (b"sign(secret_key=key)", false),
        ] {
            let found = memchr::memmem::find(text, b"secret_key").expect("there");
            assert_eq!(is_whole_name(text, found, "secret_key"), reads, "{text:?}");
        }
    }
}
