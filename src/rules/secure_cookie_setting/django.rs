//! A complete Django settings module, and the cookie settings it leaves out that
//! Django's deployment checks (`manage.py check --deploy`) report.
//!
//! django 5.2, django/core/checks/security/sessions.py: `check_session_cookie_secure`
//! returns nothing when `SESSION_COOKIE_SECURE is True`; else W010 when
//! `"django.contrib.sessions" in INSTALLED_APPS`, W011 when
//! `"django.contrib.sessions.middleware.SessionMiddleware" in MIDDLEWARE`, W012 instead
//! of both. csrf.py: `check_csrf_cookie_secure` passes when `CSRF_USE_SESSIONS`, or
//! `"django.middleware.csrf.CsrfViewMiddleware" not in MIDDLEWARE`, or
//! `CSRF_COOKIE_SECURE is True`; else W016. global_settings.py: both settings, and
//! `CSRF_USE_SESSIONS`, default to `False`; `INSTALLED_APPS` and `MIDDLEWARE` to `[]`.

use std::collections::HashMap;

use tree_sitter::Node;

use super::{Gathered, Shape, CSRF_COOKIE_SECURE, SESSION_COOKIE_SECURE};
use crate::diagnostic::{Detection, Verdict};
use crate::edit::{line_ending_at, starts_logical_line, Edit};
use crate::literal;
use crate::parse;
use crate::rules::Context;

pub const INSTALLED_APPS: &str = "INSTALLED_APPS";
pub const MIDDLEWARE: &str = "MIDDLEWARE";
const CSRF_USE_SESSIONS: &str = "CSRF_USE_SESSIONS";
const SESSIONS_APP: &str = "django.contrib.sessions";
const SESSION_MIDDLEWARE: &str = "django.contrib.sessions.middleware.SessionMiddleware";
const CSRF_MIDDLEWARE: &str = "django.middleware.csrf.CsrfViewMiddleware";

/// Whether the windows may show a settings module that leaves a cookie setting out:
/// one assigns `INSTALLED_APPS` or `MIDDLEWARE` at top level and not both settings are
/// given anywhere.
pub fn may_miss(context: &Context, gathered: &Gathered) -> bool {
    // Given at module level: a statement of its own at the start of a line, which a
    // window shows whole (one in a class or function is no setting).
    let lines = context.lines;
    let given = |name: &str| {
        gathered.given.iter().any(|g| {
            let statement = g
                .site
                .parent()
                .filter(|s| s.kind() == "expression_statement");
            let at_top = statement.is_some_and(|s| {
                s.parent().is_some_and(|p| p.kind() == "module")
                    && lines.line_start(lines.line_of(s.start_byte())) == s.start_byte()
            });
            g.name == name && g.shape == Shape::Assignment && at_top
        })
    };
    if given(SESSION_COOKIE_SECURE) && given(CSRF_COOKIE_SECURE) {
        return false;
    }
    parse::code_children(context.tree.root_node())
        .into_iter()
        .any(|statement| {
            let start = statement.start_byte();
            context.lines.line_start(context.lines.line_of(start)) == start
                && assigned_name(statement, context.source)
                    .is_some_and(|name| name == INSTALLED_APPS || name == MIDDLEWARE)
        })
}

/// A settings module that assigns `INSTALLED_APPS` or `MIDDLEWARE` at top level with
/// no star import before: it holds a whole configuration, not an extension of another.
pub struct SettingsModule<'tree> {
    /// `INSTALLED_APPS` and `MIDDLEWARE` as far as the module tells.
    apps: Strings<'tree>,
    middleware: Strings<'tree>,
    /// The settings given a value at module level, in any block.
    set: Vec<&'tree str>,
    /// `CSRF_USE_SESSIONS`: `Some(true)` or `Some(false)` when known.
    csrf_use_sessions: Option<bool>,
    /// Where new settings go: the end, or before the star imports that end the module;
    /// `None` where no new line fits there.
    insert_at: Option<usize>,
}

/// A list of strings evaluated from the source, each with the literal it comes from.
#[derive(Debug, Clone, Default)]
struct Strings<'tree> {
    items: Vec<(String, Node<'tree>)>,
    /// Some items are not known (a call, a name not assigned a list above).
    partial: bool,
}

impl<'tree> Strings<'tree> {
    fn unknown() -> Self {
        Strings {
            items: Vec::new(),
            partial: true,
        }
    }

    fn extend(&mut self, other: Strings<'tree>) {
        self.items.extend(other.items);
        self.partial |= other.partial;
    }

    /// The literal of `item`, if the list holds it; `Err` when it cannot be told.
    fn find(&self, item: &str) -> Result<Option<Node<'tree>>, ()> {
        match self.items.iter().find(|(text, _)| text == item) {
            Some((_, node)) => Ok(Some(*node)),
            None if self.partial => Err(()),
            None => Ok(None),
        }
    }
}

impl<'tree> SettingsModule<'tree> {
    /// The module, if the whole tree is a complete settings module.
    pub fn read(context: &Context<'tree>) -> Option<Self> {
        let source = context.source;
        let statements = parse::code_children(context.tree.root_node());
        let mut star_before = false;
        let mut complete = false;
        let lines = context.lines;
        for statement in &statements {
            if holds_star_import(*statement) {
                star_before = true;
            }
            // At the start of a line, as the needle's own test wants it.
            let starts_line =
                lines.line_start(lines.line_of(statement.start_byte())) == statement.start_byte();
            let name = assigned_name(*statement, source).filter(|_| starts_line);
            if !star_before && matches!(name, Some(INSTALLED_APPS | MIDDLEWARE)) {
                complete = true;
                break;
            }
        }
        if !complete {
            return None;
        }
        let mut lists: HashMap<&str, Strings> = HashMap::new();
        let mut set = Vec::new();
        let mut csrf_use_sessions = Some(false);
        for statement in &statements {
            evaluate(*statement, source, &mut lists);
            for name in names_set_in(*statement, source) {
                if name == CSRF_USE_SESSIONS {
                    csrf_use_sessions = match assignment(*statement) {
                        Some((_, value)) => literal::truthiness(value, source),
                        None => None,
                    };
                }
                set.push(name);
            }
        }
        let list = |name: &str| lists.get(name).cloned().unwrap_or_default();
        Some(SettingsModule {
            apps: list(INSTALLED_APPS),
            middleware: list(MIDDLEWARE),
            set,
            csrf_use_sessions,
            insert_at: insertion_point(context, &statements),
        })
    }

    /// The settings Django's deployment checks report as not `True`, left out here.
    pub fn missing(&self, context: &Context) -> Vec<Detection> {
        [SESSION_COOKIE_SECURE, CSRF_COOKIE_SECURE]
            .into_iter()
            .filter(|name| !self.set.contains(name))
            .filter_map(|name| match self.warning(name) {
                Ok(Some((warning, at))) => Some(self.detection(context, name, warning, at)),
                _ => None,
            })
            .collect()
    }

    /// Whether Django's checks are known to say nothing of `name` whatever its value:
    /// the module creates no such cookie (no session app or middleware; no CSRF
    /// middleware, or the CSRF token in the session).
    pub fn is_silent_about(&self, name: &str) -> bool {
        matches!(self.warning(name), Ok(None))
    }

    /// The warning Django's checks give when `name` is not `True`, with the literal that
    /// causes it; `Err` when the module does not tell. An entry written here is in the
    /// list whatever else it gets at run time (`INSTALLED_APPS + PROVIDERS`); which of
    /// two warnings Django gives may then depend on that part, and both are named.
    #[allow(clippy::type_complexity)]
    fn warning(&self, name: &str) -> Result<Option<(&'static str, Node<'tree>)>, ()> {
        if name == SESSION_COOKIE_SECURE {
            let app = self.apps.find(SESSIONS_APP);
            let middleware = self.middleware.find(SESSION_MIDDLEWARE);
            return match (app, middleware) {
                (Ok(Some(app)), Ok(Some(_))) => Ok(Some(("W012", app))),
                (Ok(Some(app)), Ok(None)) => Ok(Some(("W010", app))),
                (Ok(Some(app)), Err(())) => Ok(Some((
                    "W010, or W012 if MIDDLEWARE gets the session middleware at run time",
                    app,
                ))),
                (Ok(None), Ok(Some(middleware))) => Ok(Some(("W011", middleware))),
                (Err(()), Ok(Some(middleware))) => Ok(Some((
                    "W011, or W012 if INSTALLED_APPS gets the session app at run time",
                    middleware,
                ))),
                (Ok(None), Ok(None)) => Ok(None),
                _ => Err(()),
            };
        }
        match (
            self.middleware.find(CSRF_MIDDLEWARE)?,
            self.csrf_use_sessions,
        ) {
            (None, _) | (_, Some(true)) => Ok(None),
            (Some(middleware), Some(false)) => Ok(Some(("W016", middleware))),
            (Some(_), None) => Err(()),
        }
    }

    fn detection(
        &self,
        context: &Context,
        name: &'static str,
        warning: &str,
        at: Node,
    ) -> Detection {
        let message = format!(
            "{name} is not set, so it is False: `manage.py check --deploy` warns \
             (security.{warning})"
        );
        let Some(insert_at) = self.insert_at else {
            return Detection {
                subject: name,
                verdict: Verdict::Ambiguous,
                message: format!(
                    "{message}; add {name} = True before the star imports that end the module"
                ),
                range: at.byte_range(),
                edits: Vec::new(),
            };
        };
        let ending = line_ending_at(context.lines, insert_at);
        let value = &context.settings.secure_value;
        let line = format!("{name} = {value}");
        let content = if insert_at == context.body.len()
            && !context.body.is_empty()
            && !context.body.ends_with(b"\n")
            && !context.body.ends_with(b"\r")
        {
            format!("{ending}{line}")
        } else {
            format!("{line}{ending}")
        };
        Detection {
            subject: name,
            verdict: Verdict::Missing,
            message,
            range: at.byte_range(),
            edits: vec![Edit::insert(insert_at, content)],
        }
    }
}

/// The expression statement's assignment: its target and value.
fn assignment(statement: Node) -> Option<(Node, Node)> {
    let inner = parse::first_code_child(statement)?;
    if statement.kind() != "expression_statement" || inner.kind() != "assignment" {
        return None;
    }
    Some((
        inner.child_by_field_name("left")?,
        inner.child_by_field_name("right")?,
    ))
}

/// `NAME` of a statement `NAME = value`.
fn assigned_name<'s>(statement: Node, source: &'s [u8]) -> Option<&'s str> {
    let (target, _) = assignment(statement)?;
    (target.kind() == "identifier")
        .then(|| target.utf8_text(source).ok())
        .flatten()
}

/// The names a top-level statement gives a value: its targets, and those of the
/// statements in its blocks (`if`, `try`, ...), but not in a class or function.
fn names_set_in<'s>(statement: Node, source: &'s [u8]) -> Vec<&'s str> {
    let mut names = Vec::new();
    let mut stack = vec![statement];
    while let Some(node) = stack.pop() {
        match node.kind() {
            "class_definition" | "function_definition" | "decorated_definition" => continue,
            "assignment" | "augmented_assignment" => {
                if let Some(target) = node.child_by_field_name("left") {
                    let mut targets = vec![target];
                    while let Some(target) = targets.pop() {
                        match target.kind() {
                            "identifier" => names.extend(target.utf8_text(source).ok()),
                            "pattern_list" | "tuple_pattern" | "list_pattern" => {
                                targets.extend(parse::code_children(target))
                            }
                            _ => {}
                        }
                    }
                }
            }
            _ => {}
        }
        stack.extend(parse::code_children(node));
    }
    names
}

/// Follows a top-level statement's changes to the module's lists of strings:
/// `NAME = [...]`, `NAME += [...]`, `NAME.append(...)`, `.extend(...)`, `.insert(...)`.
/// A list changed in any other way, or in a block, is no longer known.
fn evaluate<'tree>(
    statement: Node<'tree>,
    source: &'tree [u8],
    lists: &mut HashMap<&'tree str, Strings<'tree>>,
) {
    let text = |node: Node<'tree>| node.utf8_text(source).unwrap_or("");
    if let Some(inner) =
        parse::first_code_child(statement).filter(|_| statement.kind() == "expression_statement")
    {
        let target = inner.child_by_field_name("left");
        let value = inner.child_by_field_name("right");
        match (inner.kind(), target, value) {
            ("assignment", Some(target), Some(value)) if target.kind() == "identifier" => {
                let strings = strings_of(value, source, lists);
                lists.insert(text(target), strings);
                return;
            }
            ("augmented_assignment", Some(target), Some(value))
                if target.kind() == "identifier" =>
            {
                let operator = inner.child_by_field_name("operator").map(text);
                let strings = strings_of(value, source, lists);
                let list = lists.entry(text(target)).or_insert_with(Strings::unknown);
                if operator == Some("+=") {
                    list.extend(strings);
                } else {
                    *list = Strings::unknown();
                }
                return;
            }
            ("call", _, _) => {
                if let Some((name, strings)) = list_method(inner, source, lists) {
                    if let Some(list) = lists.get_mut(name) {
                        list.extend(strings);
                    }
                    return;
                }
            }
            _ => {}
        }
    }
    // Any other statement that gives a known list a value makes it unknown.
    for name in names_set_in(statement, source) {
        if let Some(list) = lists.get_mut(name) {
            *list = Strings::unknown();
        }
    }
}

/// `NAME.append(s)`, `NAME.extend(list)`, `NAME.insert(i, s)`: the list and what it gains.
fn list_method<'tree>(
    call: Node<'tree>,
    source: &'tree [u8],
    lists: &HashMap<&'tree str, Strings<'tree>>,
) -> Option<(&'tree str, Strings<'tree>)> {
    let function = call.child_by_field_name("function")?;
    let object = function.child_by_field_name("object")?;
    let method = function
        .child_by_field_name("attribute")?
        .utf8_text(source)
        .ok()?;
    if function.kind() != "attribute" || object.kind() != "identifier" {
        return None;
    }
    let name = object.utf8_text(source).ok()?;
    let arguments = parse::code_children(call.child_by_field_name("arguments")?);
    let strings = match (method, arguments.as_slice()) {
        ("append", [item]) | ("insert", [_, item]) => one_string(*item, source),
        ("extend", [items]) => strings_of(*items, source, lists),
        _ => Strings::unknown(),
    };
    Some((name, strings))
}

fn one_string<'tree>(item: Node<'tree>, source: &[u8]) -> Strings<'tree> {
    match literal::plain_string(item, source) {
        Some(text) => Strings {
            items: vec![(text.to_owned(), item)],
            partial: false,
        },
        None => Strings::unknown(),
    }
}

/// The strings of a list expression: literals, `+`, `*splats` and names of lists above.
fn strings_of<'tree>(
    value: Node<'tree>,
    source: &'tree [u8],
    lists: &HashMap<&'tree str, Strings<'tree>>,
) -> Strings<'tree> {
    let value = literal::unparenthesize(value);
    match value.kind() {
        "list" | "tuple" => {
            let mut strings = Strings::default();
            for item in parse::code_children(value) {
                match item.kind() {
                    "list_splat" => match parse::first_code_child(item) {
                        Some(inner) => strings.extend(strings_of(inner, source, lists)),
                        None => strings.partial = true,
                    },
                    _ => strings.extend(one_string(item, source)),
                }
            }
            strings
        }
        "binary_operator" => {
            let operator = value
                .child_by_field_name("operator")
                .and_then(|o| o.utf8_text(source).ok());
            match (
                operator,
                value.child_by_field_name("left"),
                value.child_by_field_name("right"),
            ) {
                (Some("+"), Some(left), Some(right)) => {
                    let mut strings = strings_of(left, source, lists);
                    strings.extend(strings_of(right, source, lists));
                    strings
                }
                _ => Strings::unknown(),
            }
        }
        "identifier" => value
            .utf8_text(source)
            .ok()
            .and_then(|name| lists.get(name))
            .cloned()
            .unwrap_or_else(Strings::unknown),
        _ => Strings::unknown(),
    }
}

/// A star import, or a block (`try:`, `if`) that holds one.
fn holds_star_import(statement: Node) -> bool {
    let mut stack = vec![statement];
    while let Some(node) = stack.pop() {
        match node.kind() {
            "import_from_statement"
                if parse::code_children(node)
                    .iter()
                    .any(|child| child.kind() == "wildcard_import") =>
            {
                return true;
            }
            "class_definition" | "function_definition" | "decorated_definition" => {}
            "if_statement" | "try_statement" | "with_statement" | "block" | "else_clause"
            | "elif_clause" | "except_clause" | "finally_clause" => {
                stack.extend(parse::code_children(node))
            }
            _ => {}
        }
    }
    false
}

/// The end of the module; or, when it ends with star imports (`from .local import *`,
/// also in a `try:`), the start of the first of them, above the comments just over it,
/// so that local overrides still win.
/// `None` when the first of those imports shares its line with what comes before it
/// (`"""; from .local import *`): no new line could go between them.
fn insertion_point(context: &Context, statements: &[Node]) -> Option<usize> {
    let trailing = statements
        .iter()
        .rev()
        .take_while(|statement| holds_star_import(**statement))
        .last();
    let Some(first) = trailing else {
        return Some(context.body.len());
    };
    let lines = context.lines;
    if !starts_logical_line(context.body, lines, first.start_byte()) {
        return None;
    }
    let mut line = lines.line_of(first.start_byte());
    // Comments alone on the lines just above go with the imports; the parser does not
    // see them (parse.rs), so they are read from the lines, outside strings.
    while line > 0 {
        let start = lines.line_start(line - 1);
        let is_comment = lines.line_text(line - 1).first() == Some(&b'#')
            && !parse::in_string(context.tree, start);
        if !is_comment {
            break;
        }
        line -= 1;
    }
    Some(lines.line_start(line))
}
