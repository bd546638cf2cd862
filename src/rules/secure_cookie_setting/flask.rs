//! Flask configuration that leaves `SESSION_COOKIE_SECURE` out, where the file visibly
//! holds a whole configuration (flask 3.1, src/flask/app.py: the default is `False`).
//!
//! - A config class, the shape `app.config.from_object` reads (src/flask/config.py: every
//!   upper-case attribute, inherited ones too), that assigns `SECRET_KEY` in its body and
//!   is named as config classes are: its name or a base's ends with `Config`.
//! - An app configured in one file: it sets its secret key (`app.config["SECRET_KEY"]`,
//!   `app.secret_key`, `app.config.update(SECRET_KEY=...)`) and loads nothing from
//!   elsewhere (`from_object`, `from_pyfile`, `from_envvar`, `from_file`,
//!   `from_prefixed_env`, `from_mapping` of a mapping the file does not show).
//!
//! A file that names `SESSION_COOKIE_SECURE` anywhere has made its choice (a subclass
//! for production, a `setdefault`): nothing is reported as missing in it; nor in a
//! test module (one that imports `pytest` or `unittest`).

use tree_sitter::Node;

use super::{Gathered, SECRET_KEY, SESSION_COOKIE_SECURE};
use crate::diagnostic::{Detection, Verdict};
use crate::edit::{indentation_at, insert_line_after, starts_logical_line};
use crate::literal;
use crate::parse;
use crate::project::decider::Decision;
use crate::rules::Context;
use crate::source::{is_blank, line_start, trim_blank};
use crate::value::Want;

/// Whether the windows may show a Flask configuration that leaves the setting out: a
/// secret key set, where [`missing`] would look for the setting, or a config class.
pub fn may_miss(context: &Context, gathered: &Gathered) -> bool {
    let app = !gathered.app_secret_keys.is_empty() && imports_flask(gathered);
    let sets_a_secret_key = !gathered.secret_keys.is_empty() || app;
    // The other cookies' settings go beside the session's, where the file gives it.
    let session_given = gathered
        .given
        .iter()
        .any(|given| given.name == SESSION_COOKIE_SECURE);
    let companions = session_given && !companions(context, gathered).is_empty();
    // A production config class takes the setting with no secret key in the file, and
    // the windows may show neither the class nor what its body sets.
    let config_class = may_hold_config_class(context.body);
    (companions || (sets_a_secret_key || config_class) && !gathered.session_mentioned)
        && !is_test_module(gathered)
}

/// The settings of the project's other cookies that this file's configuration should
/// set beside the session's, and does not.
fn companions(context: &Context, gathered: &Gathered) -> Vec<&'static str> {
    let mut names = Vec::new();
    if context.project.uses_remember_cookie() {
        names.push(REMEMBER_COOKIE_SECURE);
    }
    if context.project.uses_seasurf() {
        names.push(CSRF_COOKIE_SECURE);
    }
    names.retain(|name| !gathered.mentioned.contains(name));
    names
}

/// flask-login 0.6 src/flask_login/config.py `COOKIE_SECURE = False`, read as
/// `config.get("REMEMBER_COOKIE_SECURE", COOKIE_SECURE)`; flask-seasurf 2.0
/// `_csrf_secure = app.config.get("CSRF_COOKIE_SECURE", False)`.
const REMEMBER_COOKIE_SECURE: &str = "REMEMBER_COOKIE_SECURE";
const CSRF_COOKIE_SECURE: &str = super::CSRF_COOKIE_SECURE;

fn imports_flask(gathered: &Gathered) -> bool {
    ["flask", "quart"]
        .iter()
        .any(|module| gathered.imports.contains(module))
}

fn is_test_module(gathered: &Gathered) -> bool {
    crate::rules::is_test_module(&gathered.imports)
}

pub fn missing(context: &Context, gathered: &Gathered) -> Vec<Detection> {
    // A test module configures apps for its tests, which may well check the cookies
    // they get: its settings are its own business.
    if is_test_module(gathered) {
        return Vec::new();
    }
    let companions = companions(context, gathered);
    if gathered.session_mentioned {
        // The file has made its choice for the session cookie: the other cookies'
        // settings go beside it.
        return beside_the_session_setting(context, gathered, &companions);
    }
    let mut names = vec![SESSION_COOKIE_SECURE];
    names.extend(companions);
    let source = context.source;
    // The module that loads these classes gives the session setting itself, for every
    // one of them: a line here would change nothing.
    let given_on_load = context.project.session_setting_given_on_load().is_some();
    let configs: Vec<Node> = gathered
        .classes
        .iter()
        .copied()
        .filter(|class| is_config_class(*class, source) && !is_model(*class, source))
        .filter(|_| !given_on_load)
        .collect();
    // Production takes the fix where the file names it; tests and development keep
    // their own choice.
    let production: Vec<Node> = configs
        .iter()
        .copied()
        .filter(|class| role_of(*class, source) == Role::Production)
        .collect();
    let mut targets: Vec<(Node, Node)> = match production.is_empty() {
        false => production.iter().map(|class| (*class, *class)).collect(),
        true => gathered
            .secret_keys
            .iter()
            .filter_map(|assignment| Some((class_of(*assignment)?, *assignment)))
            .filter(|(class, _)| configs.contains(class))
            .filter(|(class, _)| {
                // The top of a hierarchy that sets the key: its subclasses inherit.
                !ancestors(*class, gathered, source)
                    .into_iter()
                    .any(|ancestor| sets_secret_key(ancestor, gathered))
            })
            .filter(|(class, _)| role_of(*class, source) == Role::Base)
            .collect(),
    };
    targets.dedup_by_key(|(class, _)| class.id());
    // A class nested in another ends where it does: its new line goes first, inside.
    targets.sort_by_key(|(class, _)| std::cmp::Reverse(class.start_byte()));
    let mut detections: Vec<Detection> = Vec::new();
    for (class, at) in targets {
        for &name in &names {
            let why = match production.is_empty() {
                false => Why::Production,
                true => Why::SecretKey,
            };
            detections.extend(config_class(context, class, at, why, name));
        }
    }
    if imports_flask(gathered) && !gathered.loads_config {
        // The first statement per app and block: each branch of an `if` sets its own.
        let mut seen: Vec<(&str, Option<usize>)> = Vec::new();
        for (statement, config, quote) in &gathered.app_secret_keys {
            let block = statement.parent().map(|parent| parent.id());
            if seen.contains(&(config.as_str(), block)) {
                continue;
            }
            seen.push((config, block));
            for &name in &names {
                detections.extend(app_config(
                    context, gathered, *statement, config, *quote, name,
                ));
            }
        }
    }
    detections
}

/// The other cookies' settings, each as a new statement beside the one that gives
/// `SESSION_COOKIE_SECURE` its value (the first of the file's deployed ones), written
/// the way it is: a class attribute, a module's setting, `app.config["..."] = ...`, or a
/// new entry of the same `app.config.update(...)`.
fn beside_the_session_setting(
    context: &Context,
    gathered: &Gathered,
    names: &[&'static str],
) -> Vec<Detection> {
    let source = context.source;
    let Some(session) = gathered.given.iter().find(|given| {
        given.name == SESSION_COOKIE_SECURE && !is_in_undeployed_class(given.site, source)
    }) else {
        return Vec::new();
    };
    // Flask's configuration only: a config class, or a file that imports Flask.
    let flask = class_of(session.site).is_some_and(|class| is_config_class(class, source))
        || imports_flask(gathered);
    if !flask {
        return Vec::new();
    }
    // False in a base class: production's own lines, as the session's fix is.
    if literal::truthiness(session.value, source) == Some(false) {
        if let Some(production) = production_overriding(session.site, gathered, source) {
            let mut detections = Vec::new();
            for class in production {
                for &name in names {
                    detections.extend(config_class(context, class, class, Why::Production, name));
                }
            }
            return detections;
        }
    }
    let mut detections = Vec::new();
    for &name in names {
        let mut message = format!(
            "{name} is not set beside {SESSION_COOKIE_SECURE}, and the project uses the cookie \
             it governs; it is False by default"
        );
        let mut opt_out = None;
        let edits = match session.shape {
            super::Shape::Entry if session.site.kind() == "call" => {
                let Some(mapping) = crate::mapping::Mapping::of(session.site) else {
                    continue;
                };
                let quote = literal::first_quote(session.site, source).unwrap_or('"');
                let place =
                    |value: &str| mapping.insert(name, value, quote, context.body, context.lines);
                match block_of(session.site) {
                    Some(block) => {
                        let (edits, note, written_opt_out) =
                            super::written(context, name, block, Want::Truthy, place);
                        message.push_str(&note);
                        opt_out = written_opt_out;
                        edits
                    }
                    None => place(&context.settings.secure_value),
                }
            }
            _ => {
                let statement = session.site.parent().unwrap_or(session.site);
                if !statement_alone(context, statement) {
                    continue;
                }
                let target = session.site.child_by_field_name("left");
                let written = target.and_then(|t| t.utf8_text(source).ok()).unwrap_or("");
                // Only a target that names the setting names its companion too.
                if !written.contains(SESSION_COOKIE_SECURE) {
                    continue;
                }
                let new = written.replace(SESSION_COOKIE_SECURE, name);
                let indent = indentation_at(context.body, context.lines, statement.start_byte());
                let place = |value: &str| {
                    let line = format!("{new} = {value}");
                    vec![insert_line_after(
                        context.lines,
                        statement.end_byte(),
                        indent,
                        &line,
                    )]
                };
                // Written in the idiom of the module, class or function body it is in.
                match statement.parent() {
                    Some(body) => {
                        let (edits, note, written_opt_out) =
                            super::written(context, name, body, Want::Truthy, place);
                        message.push_str(&note);
                        opt_out = written_opt_out;
                        edits
                    }
                    None => place(&context.settings.secure_value),
                }
            }
        };
        detections.push(Detection {
            subject: name,
            verdict: Verdict::Missing,
            message,
            range: session.site.byte_range(),
            edits,
            opt_out,
            follow_up: None,
        });
    }
    detections
}

/// Whether a statement is in a module's or block's body and has its lines to itself.
fn statement_alone(context: &Context, statement: Node) -> bool {
    let (body, lines) = (context.body, context.lines);
    let in_block = statement.kind() == "expression_statement"
        && statement
            .parent()
            .is_some_and(|parent| matches!(parent.kind(), "module" | "block"));
    let start_line = lines.line_start(lines.line_of(statement.start_byte()));
    let end_line = lines.line_of(statement.end_byte());
    let line_end = lines.line_start(end_line) + lines.line_text(end_line).len();
    let before = &body[start_line..statement.start_byte()];
    let after = trim_blank(&body[statement.end_byte()..line_end]);
    in_block
        && before.iter().all(is_blank)
        && starts_logical_line(body, lines, statement.start_byte())
        && (after.is_empty() || after[0] == b'#')
}

/// What a config class is for, as its name and body say.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Role {
    /// `ProductionConfig`, or a class that asks for HTTPS (`PREFERRED_URL_SCHEME =
    /// "https"`).
    Production,
    /// `TestingConfig`, or `TESTING = True`.
    Test,
    /// `DevelopmentConfig`, `LocalConfig`, or `DEBUG = True`.
    Development,
    Base,
}

/// A config class's role: the words of its name first (`ProdConfig`, `Testing_Config`;
/// not `ProductConfig` or `DeliveryConfig`), then what its body sets.
pub fn role_of(class: Node, source: &[u8]) -> Role {
    let name = class
        .child_by_field_name("name")
        .and_then(|n| n.utf8_text(source).ok())
        .unwrap_or("");
    let words = name_words(name);
    let named = |list: &[&str]| words.iter().any(|word| list.contains(&word.as_str()));
    if named(&["production", "prod", "live"]) {
        return Role::Production;
    }
    if named(&["test", "tests", "testing"]) {
        return Role::Test;
    }
    if named(&["development", "dev", "local", "debug"]) {
        return Role::Development;
    }
    let body = class
        .child_by_field_name("body")
        .map(parse::code_children)
        .unwrap_or_default();
    let set = |wanted: &str| {
        body.iter().find_map(|statement| {
            let (target, value) = crate::settings_module::assignment(*statement)?;
            (target.utf8_text(source).ok()? == wanted).then_some(value)
        })
    };
    let is_true = |name| set(name).and_then(|v| literal::truthiness(v, source)) == Some(true);
    if is_true("TESTING") {
        Role::Test
    } else if is_true("DEBUG") {
        Role::Development
    } else if set("PREFERRED_URL_SCHEME").and_then(|v| literal::plain_string(v, source))
        == Some("https")
    {
        Role::Production
    } else {
        Role::Base
    }
}

/// The lower-case words of a class name: `ProdConfig` -> prod, config; `HTTPSConfig` ->
/// https, config; `dev_config2` -> dev, config, 2.
fn name_words(name: &str) -> Vec<String> {
    let chars: Vec<char> = name.chars().collect();
    let mut words: Vec<String> = Vec::new();
    let mut current = String::new();
    for (at, &c) in chars.iter().enumerate() {
        if !c.is_ascii_alphanumeric() {
            words.extend((!current.is_empty()).then(|| std::mem::take(&mut current)));
            continue;
        }
        let previous = at.checked_sub(1).map(|before| chars[before]);
        let next_is_lower = chars.get(at + 1).is_some_and(|n| n.is_ascii_lowercase());
        let boundary = previous.is_some_and(|p| {
            p.is_ascii_alphanumeric()
                && ((p.is_ascii_lowercase() && c.is_ascii_uppercase())
                    || (p.is_ascii_uppercase() && c.is_ascii_uppercase() && next_is_lower)
                    || p.is_ascii_digit() != c.is_ascii_digit())
        });
        if boundary && !current.is_empty() {
            words.push(std::mem::take(&mut current));
        }
        current.push(c.to_ascii_lowercase());
    }
    words.extend((!current.is_empty()).then_some(current));
    words
}

/// Whether a line of the bytes starts a class whose name or a base's ends with
/// `Config`, in its header up to the colon: what [`is_config_class`] reads in the parse.
/// A byte search, so that only such files are read whole, not every file that says
/// `class` and `Config` somewhere.
fn may_hold_config_class(body: &[u8]) -> bool {
    memchr::memmem::find_iter(body, b"class ").any(|at| {
        if !body[line_start(body, at)..at].iter().all(is_blank) {
            return false;
        }
        let end = memchr::memchr(b':', &body[at..]).map_or(body.len(), |i| at + i);
        let header = &body[at..end];
        memchr::memmem::find_iter(header, b"Config").any(|i| {
            !header
                .get(i + "Config".len())
                .is_some_and(|b| b.is_ascii_alphanumeric() || *b == b'_')
        })
    })
}

/// Named as config classes are (`Config`, `ProductionConfig(BaseConfig)`): a class that
/// names an environment variable `SECRET_KEY` is no configuration.
fn is_config_class(class: Node, source: &[u8]) -> bool {
    let name = class
        .child_by_field_name("name")
        .and_then(|n| n.utf8_text(source).ok());
    let bases = class
        .child_by_field_name("superclasses")
        .map(parse::code_children)
        .unwrap_or_default();
    name.into_iter()
        .chain(bases.iter().filter_map(|base| last_name(*base, source)))
        .any(|name| name.ends_with("Config"))
}

/// A pydantic model or dataclass, whose `SECRET_KEY: str = ...` is a field that
/// `from_object` does not read as a class attribute the same way.
fn is_model(class: Node, source: &[u8]) -> bool {
    let bases = class
        .child_by_field_name("superclasses")
        .map(parse::code_children)
        .unwrap_or_default();
    let decorated = class.parent().is_some_and(|parent| {
        parent.kind() == "decorated_definition"
            && parent.utf8_text(source).is_ok_and(|text| {
                text.trim_start().starts_with("@dataclass")
                    || text.contains("@dataclasses.dataclass")
            })
    });
    decorated
        || bases
            .iter()
            .filter_map(|base| last_name(*base, source))
            .any(|name| {
                matches!(
                    name,
                    "BaseSettings" | "BaseModel" | "Settings" | "NamedTuple" | "TypedDict"
                )
            })
}

fn sets_secret_key(class: Node, gathered: &Gathered) -> bool {
    gathered
        .secret_keys
        .iter()
        .any(|key| class_of(*key) == Some(class))
}

/// Why a config class takes a new line.
#[derive(Clone, Copy)]
enum Why<'a> {
    /// It is production's, and leaves the setting out.
    Production,
    /// It sets the secret key and no class of the file is production's.
    SecretKey,
    /// It is production's, and inherits `False` from the named class.
    Inherits(&'a str),
}

/// The new last line of a config class that lacks the setting, reported at `at` (its
/// `SECRET_KEY`, or the class).
fn config_class(
    context: &Context,
    class: Node,
    at: Node,
    why: Why,
    setting: &'static str,
) -> Option<Detection> {
    let source = context.source;
    let name = class.child_by_field_name("name")?.utf8_text(source).ok()?;
    let body = class.child_by_field_name("body")?;
    let statements = parse::code_children(body);
    let (first, last) = (statements.first()?, statements.last()?);
    let lines = context.lines;
    if !starts_logical_line(context.body, lines, first.start_byte()) {
        return None; // `class C: SECRET_KEY = ...` on its header's line: none to add to
    }
    let indent = indentation_at(context.body, lines, first.start_byte());
    // Beside the class's other cookie settings, where a maintainer keeps them; else last.
    let beside = statements.iter().rev().find(|statement| {
        crate::settings_module::assignment(**statement)
            .and_then(|(target, _)| target.utf8_text(source).ok())
            .is_some_and(|name| name.contains("_COOKIE_"))
            && statement_alone(context, **statement)
    });
    let after = beside.unwrap_or(last);
    let (edits, note, opt_out) = super::written(context, setting, body, Want::Truthy, |value| {
        vec![insert_line_after(
            lines,
            after.end_byte(),
            indent,
            &format!("{setting} = {value}"),
        )]
    });
    let message = match why {
        Why::Production => format!(
            "production config class {name} does not set {setting}, which is False by default"
        ),
        Why::SecretKey => format!(
            "config class {name} sets {SECRET_KEY} but not {setting}, which is False by default"
        ),
        Why::Inherits(base) => format!(
            "production config class {name} inherits {setting} = False from {base}: \
             production sets it, so the development and test classes keep plain HTTP"
        ),
    };
    if let Some(decided) = decided_elsewhere(context, setting, message.clone(), at) {
        return Some(decided);
    }
    Some(Detection {
        subject: setting,
        verdict: Verdict::Missing,
        message: format!("{message}{note}"),
        range: at.byte_range(),
        edits,
        opt_out,
        follow_up: None,
    })
}

/// Where a session interface of the project's own decides the session cookie's Secure,
/// `SESSION_COOKIE_SECURE` would change nothing: the finding says where it is decided,
/// and edits nothing.
fn decided_elsewhere(
    context: &Context,
    setting: &'static str,
    message: String,
    at: Node,
) -> Option<Detection> {
    if setting != SESSION_COOKIE_SECURE {
        return None;
    }
    if context.project.never_uses_session() {
        return Some(Detection {
            subject: setting,
            verdict: Verdict::Ambiguous,
            message: format!(
                "{message}; but it would change nothing: no module of the project uses the \
                 session (no `session`, `flash()`, Flask-Login, Flask-WTF, OAuth client or \
                 server-side session extension), so the app sends no session cookie"
            ),
            range: at.byte_range(),
            edits: Vec::new(),
            opt_out: None,
            follow_up: None,
        });
    }
    let (decider, decision) = context.project.session_cookie_decided_by()?;
    let (verdict, decided) = match decision {
        Decision::Settles(settled) => (
            Verdict::Settled(settled.how, at.start_byte()),
            format!("where it {}", settled.explanation()),
        ),
        Decision::Decides(Some(why)) => (Verdict::Ambiguous, format!("where {why}")),
        Decision::Decides(None) | Decision::Follows => (
            Verdict::Ambiguous,
            "which the code does not settle".to_owned(),
        ),
    };
    Some(Detection {
        subject: setting,
        verdict,
        message: format!(
            "{message}; but it would change nothing: the session cookie's Secure is decided \
             by {decider}, {decided}"
        ),
        range: at.byte_range(),
        edits: Vec::new(),
        opt_out: None,
        follow_up: None,
    })
}

/// A false value given in a base config class that the file's production config
/// classes extend (src/flask/config.py `from_object` reads inherited attributes): each
/// production class that does not give the setting itself takes `NAME = True` as its own
/// line, and the base keeps its value for the development and test classes that inherit
/// it too. `judged` (the finding of the value in place) as it is elsewhere.
pub fn overridden_in_production(
    context: &Context,
    gathered: &Gathered,
    given: &super::Given,
    judged: Vec<Detection>,
) -> Vec<Detection> {
    let source = context.source;
    let is_false = matches!(&judged[..], [detection] if detection.verdict == Verdict::Falsy);
    let production = match is_false {
        true => production_overriding(given.site, gathered, source),
        false => None,
    };
    let (Some(production), Some(base)) = (production, class_of(given.site)) else {
        return judged;
    };
    let base_name = base
        .child_by_field_name("name")
        .and_then(|n| n.utf8_text(source).ok())
        .unwrap_or("");
    let above_base = ancestors(base, gathered, source);
    let mut detections = Vec::new();
    for class in production {
        // Given in the class itself or a class between it and the base.
        let own = std::iter::once(class).chain(
            ancestors(class, gathered, source)
                .into_iter()
                .filter(|c| *c != base && !above_base.contains(c)),
        );
        let sets = own.into_iter().any(|c| {
            gathered
                .given
                .iter()
                .any(|g| g.name == given.name && class_of(g.site) == Some(c))
        });
        if !sets {
            let why = Why::Inherits(base_name);
            detections.extend(config_class(context, class, class, why, given.name));
        }
    }
    detections
}

/// The production config classes of the file that extend the base config class whose
/// body `site` is a statement of; `None` if there are none.
fn production_overriding<'t>(
    site: Node<'t>,
    gathered: &Gathered<'t>,
    source: &[u8],
) -> Option<Vec<Node<'t>>> {
    let base = class_of(site)
        .filter(|class| is_config_class(*class, source) && !is_model(*class, source))
        .filter(|class| role_of(*class, source) == Role::Base)?;
    let production: Vec<Node> = gathered
        .classes
        .iter()
        .copied()
        .filter(|class| is_config_class(*class, source) && !is_model(*class, source))
        .filter(|class| role_of(*class, source) == Role::Production)
        .filter(|class| ancestors(*class, gathered, source).contains(&base))
        .collect();
    (!production.is_empty()).then_some(production)
}

/// Whether a setting given a value in a class body is a test or development config
/// class's own choice, not reported.
pub fn is_not_deployed(site: Node, source: &[u8]) -> bool {
    class_of(site).is_some_and(|class| {
        is_config_class(class, source)
            && matches!(role_of(class, source), Role::Test | Role::Development)
    })
}

/// Whether a node lies in the body of a test or development config class.
pub fn is_in_undeployed_class(node: Node, source: &[u8]) -> bool {
    let mut current = node;
    while let Some(parent) = current.parent() {
        if parent.kind() == "class_definition" {
            return is_config_class(parent, source)
                && matches!(role_of(parent, source), Role::Test | Role::Development);
        }
        current = parent;
    }
    false
}

/// The class whose body an assignment is a statement of.
fn class_of(assignment: Node) -> Option<Node> {
    let statement = assignment.parent()?;
    let block = statement.parent()?;
    let class = block.parent()?;
    (statement.kind() == "expression_statement"
        && block.kind() == "block"
        && class.kind() == "class_definition")
        .then_some(class)
}

/// The classes of the file that `class` inherits from, by name, through any depth.
fn ancestors<'tree>(
    class: Node<'tree>,
    gathered: &Gathered<'tree>,
    source: &[u8],
) -> Vec<Node<'tree>> {
    let by_name = |name: &str| {
        gathered
            .classes
            .iter()
            .copied()
            .filter(|c| {
                c.child_by_field_name("name")
                    .and_then(|n| n.utf8_text(source).ok())
                    == Some(name)
            })
            .collect::<Vec<_>>()
    };
    let mut found: Vec<Node> = Vec::new();
    let mut stack = vec![class];
    while let Some(class) = stack.pop() {
        let Some(bases) = class.child_by_field_name("superclasses") else {
            continue;
        };
        for base in parse::code_children(bases) {
            for ancestor in last_name(base, source).map(by_name).unwrap_or_default() {
                if ancestor != class && !found.contains(&ancestor) {
                    found.push(ancestor);
                    stack.push(ancestor);
                }
            }
        }
    }
    found
}

/// `Config` of `Config` or `settings.Config`.
fn last_name<'s>(node: Node, source: &'s [u8]) -> Option<&'s str> {
    match node.kind() {
        "identifier" => node.utf8_text(source).ok(),
        "attribute" => node
            .child_by_field_name("attribute")
            .and_then(|n| n.utf8_text(source).ok()),
        _ => None,
    }
}

/// `app.config["SESSION_COOKIE_SECURE"] = True` as a new statement after the one that
/// sets the app's secret key, when that statement has its lines to itself.
fn app_config(
    context: &Context,
    gathered: &Gathered,
    statement: Node,
    config: &str,
    quote: char,
    setting: &'static str,
) -> Option<Detection> {
    let message =
        format!("the app is configured here without {setting}, which is False by default");
    if let Some(decided) = decided_elsewhere(context, setting, message.clone(), statement) {
        return Some(decided);
    }
    // An `app.config.update(...)` that sets cookie settings is where a maintainer adds one.
    // Either way the value is written as the statements of its block before it read
    // their boolean settings (DESIGN.md section 10).
    if let Some(update) = cookie_update(context, gathered, config) {
        let quote = literal::first_quote(update.node(), context.source).unwrap_or(quote);
        let place = |value: &str| update.insert(setting, value, quote, context.body, context.lines);
        let (edits, note, opt_out) = match block_of(update.node()) {
            Some(block) => super::written(context, setting, block, Want::Truthy, place),
            None => (place(&context.settings.secure_value), String::new(), None),
        };
        return Some(Detection {
            subject: setting,
            verdict: Verdict::Missing,
            message: format!("{message}{note}"),
            range: statement.byte_range(),
            edits,
            opt_out,
            follow_up: None,
        });
    }
    if !statement_alone(context, statement) || config.contains(['\n', '\r', '#', '\\']) {
        return None;
    }
    let block = statement.parent()?;
    let indent = indentation_at(context.body, context.lines, statement.start_byte());
    let place = |value: &str| {
        let new = format!("{config}[{quote}{setting}{quote}] = {value}");
        vec![insert_line_after(
            context.lines,
            statement.end_byte(),
            indent,
            &new,
        )]
    };
    let (edits, note, opt_out) = super::written(context, setting, block, Want::Truthy, place);
    Some(Detection {
        subject: setting,
        verdict: Verdict::Missing,
        message: format!("{message}{note}"),
        range: statement.byte_range(),
        edits,
        opt_out,
        follow_up: None,
    })
}

/// The block or module whose statement holds `node`.
fn block_of(node: Node) -> Option<Node> {
    let mut block = node.parent();
    while let Some(inner) = block.filter(|node| !matches!(node.kind(), "block" | "module")) {
        block = inner.parent();
    }
    block
}

/// The first `CONFIG.update(...)` of the file that gives a cookie setting, as the
/// mapping a new setting joins.
fn cookie_update<'t>(
    context: &Context<'t>,
    gathered: &Gathered<'t>,
    config: &str,
) -> Option<crate::mapping::Mapping<'t>> {
    let source = context.source;
    gathered
        .updates
        .iter()
        .filter(|(call, receiver)| {
            *receiver == config
                && crate::mapping::Mapping::of(*call).is_some_and(|mapping| {
                    mapping
                        .entries(source)
                        .iter()
                        .any(|entry| entry.key.contains("_COOKIE_"))
                        && !mapping.has_splat(source)
                })
        })
        .min_by_key(|(call, _)| call.start_byte())
        .and_then(|(call, _)| crate::mapping::Mapping::of(*call))
}

#[cfg(test)]
mod config_class_tests {
    use super::may_hold_config_class;

    #[test]
    fn a_config_class_is_told_by_its_header() {
        for code in [
            "class ProductionConfig(object):\n    X = 1\n",
            "class Prod(BaseConfig):\n",
            "    class Inner(\n        base.Config,\n    ):\n",
        ] {
            assert!(may_hold_config_class(code.as_bytes()), "{code}");
        }
        for code in [
            "class Configuration:\n",
            "class App(ConfigMixin):\n",
            "x = 'class A(Config)'\n",
            "class A: pass  # Config\nConfig = 1\n",
        ] {
            assert!(!may_hold_config_class(code.as_bytes()), "{code}");
        }
    }
}

#[cfg(test)]
mod tests {
    use super::name_words;

    #[test]
    fn a_class_name_splits_into_its_words() {
        for (name, words) in [
            ("ProdConfig", vec!["prod", "config"]),
            ("ProductConfig", vec!["product", "config"]),
            ("HTTPSConfig", vec!["https", "config"]),
            ("Testing_Config", vec!["testing", "config"]),
            ("dev_config2", vec!["dev", "config", "2"]),
            ("Config", vec!["config"]),
        ] {
            assert_eq!(name_words(name), words, "{name}");
        }
    }
}
