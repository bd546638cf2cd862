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
use crate::parse;
use crate::rules::Context;
use crate::source::{is_blank, trim_blank};

/// Whether the windows may show a Flask configuration that leaves the setting out: a
/// secret key set, where [`missing`] would look for the setting.
pub fn may_miss(gathered: &Gathered) -> bool {
    let app = !gathered.app_secret_keys.is_empty() && imports_flask(gathered);
    let sets_a_secret_key = !gathered.secret_keys.is_empty() || app;
    sets_a_secret_key && !gathered.session_mentioned && !is_test_module(gathered)
}

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
    if gathered.session_mentioned || is_test_module(gathered) {
        return Vec::new();
    }
    // A class nested in another ends where it does: its new line goes first, inside.
    let mut classes: Vec<Node> = gathered.secret_keys.clone();
    classes.sort_by_key(|assignment| std::cmp::Reverse(assignment.start_byte()));
    let mut detections: Vec<Detection> = classes
        .into_iter()
        .filter_map(|assignment| config_class(context, gathered, assignment))
        .collect();
    if imports_flask(gathered) && !gathered.loads_config {
        // The first statement per app and block: each branch of an `if` sets its own.
        let mut seen: Vec<(&str, Option<usize>)> = Vec::new();
        for (statement, config, quote) in &gathered.app_secret_keys {
            let block = statement.parent().map(|parent| parent.id());
            if seen.contains(&(config.as_str(), block)) {
                continue;
            }
            seen.push((config, block));
            detections.extend(app_config(context, *statement, config, *quote));
        }
    }
    detections
}

/// A class that assigns `SECRET_KEY` in its body, unless a base class in the file does
/// too (the base is the one reported).
fn config_class(context: &Context, gathered: &Gathered, assignment: Node) -> Option<Detection> {
    let source = context.source;
    if assignment.child_by_field_name("type").is_some() {
        return None; // `SECRET_KEY: str = ...`: a pydantic or dataclass field
    }
    let class = class_of(assignment)?;
    let name = class.child_by_field_name("name")?.utf8_text(source).ok()?;
    // Named as config classes are (`Config`, `ProductionConfig(BaseConfig)`): a class
    // that names an environment variable SECRET_KEY is no configuration.
    let bases = class
        .child_by_field_name("superclasses")
        .map(parse::code_children)
        .unwrap_or_default();
    let is_config = std::iter::once(name)
        .chain(bases.iter().filter_map(|base| last_name(*base, source)))
        .any(|name| name.ends_with("Config"));
    if !is_config {
        return None;
    }
    let has_secret_key = |class: Node| {
        gathered
            .secret_keys
            .iter()
            .any(|key| key.child_by_field_name("type").is_none() && class_of(*key) == Some(class))
    };
    if ancestors(class, gathered, source)
        .into_iter()
        .any(has_secret_key)
    {
        return None;
    }
    let body = class.child_by_field_name("body")?;
    let statements = parse::code_children(body);
    let (first, last) = (statements.first()?, statements.last()?);
    let lines = context.lines;
    if !starts_logical_line(context.body, lines, first.start_byte()) {
        return None; // `class C: SECRET_KEY = ...` on its header's line: none to add to
    }
    let indent = indentation_at(context.body, lines, first.start_byte());
    let statement = format!(
        "{SESSION_COOKIE_SECURE} = {}",
        context.settings.secure_value
    );
    let edit = insert_line_after(lines, last.end_byte(), indent, &statement);
    Some(Detection {
        subject: SESSION_COOKIE_SECURE,
        verdict: Verdict::Missing,
        message: format!(
            "config class {name} sets {SECRET_KEY} but not {SESSION_COOKIE_SECURE}, \
             which is False by default"
        ),
        range: assignment.byte_range(),
        edits: vec![edit],
    })
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
fn app_config(context: &Context, statement: Node, config: &str, quote: char) -> Option<Detection> {
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
    let alone = before.iter().all(is_blank)
        && starts_logical_line(body, lines, statement.start_byte())
        && (after.is_empty() || after[0] == b'#');
    if !in_block || !alone || config.contains(['\n', '\r', '#', '\\']) {
        return None;
    }
    let indent = indentation_at(body, lines, statement.start_byte());
    let new = format!(
        "{config}[{quote}{SESSION_COOKIE_SECURE}{quote}] = {}",
        context.settings.secure_value
    );
    Some(Detection {
        subject: SESSION_COOKIE_SECURE,
        verdict: Verdict::Missing,
        message: format!(
            "the app is configured here without {SESSION_COOKIE_SECURE}, which is False by default"
        ),
        range: statement.byte_range(),
        edits: vec![insert_line_after(lines, statement.end_byte(), indent, &new)],
    })
}
