//! A value that is false in a deployment, and where it can be fixed: an environment or
//! configuration read whose default decides (the default becomes the literal that makes
//! the whole expression true, in the spelling its chain uses), or a falsy literal,
//! replaced where it is written. Either is fixed only at a link of the chain that feeds
//! nothing but cookie flags: a default or literal that other settings share is left
//! alone, for review.

use std::ops::Range;

use tree_sitter::Node;

use super::eval::{Argument, Evaluator, Py, Read, Val};
use super::flow;
use super::{satisfies, Judgement, Needs, Reader, Want};
use crate::edit::Edit;
use crate::literal;
use crate::parse;

/// The verdict on a value that evaluated false.
pub fn insecure<'t>(
    reader: &Reader<'_, 't>,
    value: Node<'t>,
    want: Want,
    ev: &Evaluator<'_, '_, 't>,
    result: &Val,
) -> Result<Judgement, Needs> {
    let root = reader.tree.root_node();
    let mut shared = Vec::new();
    let mut broader = Vec::new();
    let mut first_variable = None;
    for read in &ev.reads {
        let Read::Environment {
            variable,
            default: Some(default),
            ..
        } = read
        else {
            continue;
        };
        first_variable.get_or_insert_with(|| variable.clone());
        let Some(default) = node_at(root, default) else {
            continue;
        };
        if !feeds_only_flags(reader, default, value, ev)? {
            shared.push(variable.clone());
            continue;
        }
        // A variable that names no cookie (`FORCE_HTTPS`, `APP_SSL`) may decide more than
        // cookies where the module does not show it (a shell script, a proxy's
        // configuration): its default stays.
        if !names_a_cookie(variable) {
            broader.push(variable.clone());
            continue;
        }
        for (py, text) in candidates(reader, default, ev) {
            let mut tried = Evaluator::new(reader);
            tried.frames = ev.frames.clone();
            tried.overrides = vec![(default.byte_range(), py)];
            if satisfies(&tried.eval(value), want) == Some(true) {
                let replaced =
                    literal::replaced_range(default, reader.source).unwrap_or(default.byte_range());
                return Ok(Judgement::DefaultInsecure {
                    variable: variable.clone(),
                    edit: Edit::replace(replaced, text.clone()),
                    secure_default: text,
                });
            }
        }
    }
    if let Some(variable) = first_variable.or_else(|| required_variable(ev)) {
        let unset = match (&result.py, want) {
            (Some(py), Want::IsTrue) if py.truth() == Some(true) => format!(
                "it is {} when {variable} is unset, not the bool True that Django's deployment \
                 checks test for",
                shown(py)
            ),
            _ => format!("it is false when {variable} is unset"),
        };
        return Ok(Judgement::Review(Some(
            match (shared.first(), broader.first()) {
                (Some(other), _) => format!(
                    "{unset}, and the default of {other} also feeds other settings: give the \
                 cookie's own read a secure default"
                ),
                (None, Some(other)) => format!(
                    "{unset}, and {other} names no cookie, so a secure default there may change \
                 more than cookies: give the cookie a variable of its own"
                ),
                (None, None) => format!("{unset}, and no default of it can be made true"),
            },
        )));
    }
    if let Some(origin) = &result.origin {
        let Some(literal) = node_at(root, origin) else {
            return Ok(Judgement::Review(None));
        };
        return Ok(if feeds_only_flags(reader, literal, value, ev)? {
            Judgement::Falsy {
                literal: origin.clone(),
            }
        } else {
            let line = line_of(reader.source, origin.start);
            Judgement::Review(Some(format!(
                "it is bound to {} at line {line}, which other code reads too",
                reader.text(literal)
            )))
        });
    }
    if result.py == Some(Py::Absent) {
        return Ok(Judgement::Absent);
    }
    let read = |pick: fn(&Read) -> bool| ev.reads.iter().any(pick);
    let commented = literal::truthiness(value, reader.source) == Some(false)
        && literal::replaced_range(value, reader.source).is_none();
    Ok(Judgement::Review(Some(
        if commented {
            "it is false, but a comment inside it would be lost if it were replaced: set it \
             by hand"
        } else if read(|r| matches!(r, Read::Debug(_))) {
            "it is true only where DEBUG is on"
        } else if read(|r| matches!(r, Read::Scheme(_))) {
            "it is false on HTTPS"
        } else {
            "it is always false"
        }
        .to_owned(),
    )))
}

/// Whether a variable's name says it is about cookies or the session
/// (`SESSION_COOKIE_SECURE`, `COOKIES_SECURE`, `CSRF_SECURE`).
fn names_a_cookie(variable: &str) -> bool {
    let upper = variable.to_ascii_uppercase();
    ["COOKIE", "SESSION", "CSRF"]
        .iter()
        .any(|word| upper.contains(word))
}

fn required_variable(ev: &Evaluator) -> Option<String> {
    ev.reads.iter().find_map(|read| match read {
        Read::Environment {
            variable,
            default: None,
            ..
        } => Some(variable.clone()),
        _ => None,
    })
}

fn shown(py: &Py) -> String {
    match py {
        Py::Str(text) => format!("the string {text:?}"),
        Py::Int(i) => i.to_string(),
        _ => "a true value".to_owned(),
    }
}

fn node_at<'t>(root: Node<'t>, range: &Range<usize>) -> Option<Node<'t>> {
    let mut node = root.descendant_for_byte_range(range.start, range.end)?;
    // The outermost node of exactly these bytes (a parenthesised literal's own node).
    while let Some(parent) = node.parent() {
        if parent.byte_range() != *range {
            break;
        }
        node = parent;
    }
    Some(node)
}

fn line_of(source: &[u8], offset: usize) -> usize {
    source[..offset].iter().filter(|&&b| b == b'\n').count() + 1
}

/// The values a default may take to make the expression true, each with its text: the
/// default's own spelling turned over first (`"false"` to `"true"`, `"No"` to `"Yes"`,
/// `"0"` to `"1"`, `False` to `True`), then the strings the expression compares with,
/// then the usual spellings of true.
fn candidates(reader: &Reader, default: Node, ev: &Evaluator) -> Vec<(Py, String)> {
    let source = reader.source;
    let quote = literal::quote_of(default, source)
        .or_else(|| literal::first_quote(reader.tree.root_node(), source))
        .unwrap_or('"');
    let prefix: String = match literal::unparenthesize(default).kind() {
        "string" => reader
            .text(default)
            .chars()
            .take_while(|c| c.is_ascii_alphabetic())
            .collect(),
        _ => String::new(),
    };
    let string = |text: &str| {
        (
            Py::Str(text.to_owned()),
            format!("{prefix}{quote}{text}{quote}"),
        )
    };
    let mut candidates: Vec<(Py, String)> = Vec::new();
    let inner = literal::unparenthesize(default);
    match inner.kind() {
        "false" | "none" => candidates.push((Py::Bool(true), "True".to_owned())),
        "integer" if reader.text(inner).trim() == "0" => {
            candidates.push((Py::Int(1), "1".to_owned()))
        }
        "string" => {
            if let Some(text) = literal::plain_string(inner, source) {
                if let Some(turned) = turned_over(text) {
                    candidates.push(string(&turned));
                }
            }
        }
        _ => {}
    }
    let mut compared: Vec<String> = strings_compared(reader, ev);
    compared.extend(["true", "True", "1", "yes", "on"].map(str::to_owned));
    for text in compared {
        if !candidates
            .iter()
            .any(|(py, _)| *py == Py::Str(text.clone()))
        {
            candidates.push(string(&text));
        }
    }
    if !matches!(inner.kind(), "string" | "concatenated_string") {
        candidates.push((Py::Bool(true), "True".to_owned()));
    }
    candidates
}

/// The literal's spelling of false turned into the same spelling of true.
fn turned_over(text: &str) -> Option<String> {
    let lower = text.to_ascii_lowercase();
    SPELLINGS
        .iter()
        .any(|(false_, _)| *false_ == lower)
        .then(|| spelled_as(text, true))
        .flatten()
}

/// Spellings of false and true that env parsers accept, as pairs.
const SPELLINGS: &[(&str, &str)] = &[
    ("false", "true"),
    ("no", "yes"),
    ("off", "on"),
    ("0", "1"),
    ("n", "y"),
    ("f", "t"),
    ("disabled", "enabled"),
    ("disable", "enable"),
];

/// A literal spelling of true or false turned into the same spelling of `truth`, in
/// the case it is written in (`False`, `FALSE`, `false`); `None` for a word of neither.
pub fn spelled_as(text: &str, truth: bool) -> Option<String> {
    let lower = text.to_ascii_lowercase();
    let turned = SPELLINGS.iter().find_map(|&(false_, true_)| {
        (false_ == lower || true_ == lower).then_some(if truth { true_ } else { false_ })
    })?;
    let upper = text.chars().all(|c| !c.is_ascii_lowercase()) && text.len() > 1;
    let capital = text.chars().next().is_some_and(|c| c.is_ascii_uppercase());
    Some(if upper {
        turned.to_ascii_uppercase()
    } else if capital {
        let mut chars = turned.chars();
        chars
            .next()
            .map(|c| c.to_ascii_uppercase().to_string() + chars.as_str())
            .unwrap_or_default()
    } else {
        turned.to_owned()
    })
}

/// The plain strings the expression and what it followed hold (the spellings of true it
/// compares a variable with).
fn strings_compared(reader: &Reader, ev: &Evaluator) -> Vec<String> {
    let root = reader.tree.root_node();
    let mut ranges: Vec<Range<usize>> = ev
        .reads
        .iter()
        .filter_map(|read| match read {
            Read::Binding(at) => Some(at.clone()),
            Read::Environment { at, .. } => Some(at.clone()),
            _ => None,
        })
        .collect();
    for frame in &ev.frames {
        ranges.push(frame.function.byte_range());
    }
    let mut found = Vec::new();
    for range in ranges {
        let Some(node) = node_at(root, &range) else {
            continue;
        };
        let mut stack = vec![node];
        while let Some(node) = stack.pop() {
            if node.kind() == "string" {
                if let Some(text) = literal::plain_string(node, reader.source) {
                    if !text.is_empty() && text.len() <= 8 && !found.iter().any(|f| f == text) {
                        found.push(text.to_owned());
                    }
                }
                continue;
            }
            stack.extend(parse::code_children(node));
        }
    }
    found
}

/// Whether the link of the chain that holds `node` feeds nothing but cookie flags: the
/// flag's own expression does; a name's binding does when every read of the name is a
/// flag's (or feeds one); a parameter's default or a caller's argument when every read
/// of the parameter is.
fn feeds_only_flags<'t>(
    reader: &Reader<'_, 't>,
    node: Node<'t>,
    value: Node<'t>,
    ev: &Evaluator<'_, '_, 't>,
) -> Result<bool, Needs> {
    if flow::contains(value, node) {
        return Ok(true);
    }
    if !reader.whole {
        return Err(Needs::WholeFile);
    }
    // A caller's argument binds a parameter of the function being followed.
    for frame in &ev.frames {
        for (name, argument) in &frame.arguments {
            let bound = match argument {
                Argument::Given(expression, _) | Argument::Default(expression) => *expression,
                Argument::Missing => continue,
            };
            if flow::contains(bound, node) {
                return Ok(reads_are_flags(reader, frame.function, name, 0));
            }
        }
    }
    if let Some(variable) = schema_entry(node, reader.source) {
        return Ok(variable_read_only_in(reader, variable, value));
    }
    // A parameter's default.
    let mut current = node;
    while let Some(parent) = current.parent() {
        match parent.kind() {
            "parameters" | "lambda_parameters" => {
                let Some(function) = parent.parent() else {
                    return Ok(false);
                };
                let parameter = super::eval::parameter_name(current, reader.source);
                return Ok(reads_are_flags(reader, function, parameter, 0));
            }
            "assignment"
                if parent
                    .child_by_field_name("right")
                    .is_some_and(|r| flow::contains(r, node)) =>
            {
                return Ok(match parent.child_by_field_name("left") {
                    Some(target) if target.kind() == "identifier" => {
                        let scope = flow::scope_of(parent);
                        reads_are_flags(reader, scope, reader.text(target), 0)
                    }
                    Some(target) => is_flag_target(reader, target),
                    None => false,
                });
            }
            "function_definition" | "class_definition" | "module" => return Ok(false),
            _ => current = parent,
        }
    }
    Ok(false)
}

/// The variable whose schema entry holds `node` as its default: django-environ's
/// `Env(NAME=(cast, default))`.
fn schema_entry<'s>(node: Node, source: &'s [u8]) -> Option<&'s str> {
    let mut tuple = node.parent()?;
    while tuple.kind() == "parenthesized_expression" {
        tuple = tuple.parent()?;
    }
    let entry = tuple.parent().filter(|p| p.kind() == "keyword_argument")?;
    let is_value = entry
        .child_by_field_name("value")
        .is_some_and(|value| literal::unparenthesize(value) == tuple);
    let items = parse::code_children(tuple);
    let is_default = tuple.kind() == "tuple" && items.len() == 2 && items[1] == node;
    let in_a_call = entry
        .parent()
        .and_then(|arguments| arguments.parent())
        .is_some_and(|call| call.kind() == "call");
    (is_value && is_default && in_a_call)
        .then(|| entry.child_by_field_name("name")?.utf8_text(source).ok())
        .flatten()
}

/// Whether the module names the variable, in a string, only inside `value` (and in its
/// schema entry's keyword): its default then feeds nothing else.
fn variable_read_only_in(reader: &Reader, variable: &str, value: Node) -> bool {
    let mut stack = vec![reader.tree.root_node()];
    while let Some(node) = stack.pop() {
        if node.kind() == "string" {
            if literal::plain_string(node, reader.source) == Some(variable)
                && !flow::contains(value, node)
            {
                return false;
            }
            continue;
        }
        let mut cursor = node.walk();
        stack.extend(node.named_children(&mut cursor));
    }
    true
}

/// How long a chain of names is followed for [`reads_are_flags`].
const CHAIN: usize = 6;

/// Whether every read of `name` in `scope` (and, for a module's name, in its functions
/// that do not bind it themselves) is, or feeds, a cookie flag.
fn reads_are_flags(reader: &Reader, scope: Node, name: &str, depth: usize) -> bool {
    if depth > CHAIN {
        return false;
    }
    let source = reader.source;
    let mut stack = vec![scope];
    let mut nodes = Vec::new();
    while let Some(scope) = stack.pop() {
        for node in crate::scope::nodes_of(scope) {
            let nested = matches!(
                node.kind(),
                "function_definition" | "class_definition" | "lambda"
            );
            // A nested function reads the outer name unless it binds its own.
            if nested && !flow::binds(node, name, source) {
                stack.push(node);
            }
            nodes.push(node);
        }
    }
    nodes
        .into_iter()
        .filter(|node| node.kind() == "identifier" && reader.text(*node) == name)
        .filter(|node| !is_binding(*node))
        .all(|read| is_flag_read(reader, read, depth))
}

/// Whether an identifier is where a name is bound (an assignment's target, a
/// parameter, a definition's name), not read.
fn is_binding(identifier: Node) -> bool {
    let Some(parent) = identifier.parent() else {
        return false;
    };
    let named = |field: &str| parent.child_by_field_name(field) == Some(identifier);
    match parent.kind() {
        "assignment" | "augmented_assignment" | "for_statement" => named("left"),
        "function_definition" | "class_definition" | "keyword_argument" => named("name"),
        "default_parameter" | "typed_default_parameter" => named("name"),
        // `options.secure` names an attribute, not the name `secure`.
        "attribute" => named("attribute"),
        "parameters" | "lambda_parameters" | "typed_parameter" | "global_statement"
        | "nonlocal_statement" | "dotted_name" | "aliased_import" => true,
        _ => false,
    }
}

/// Whether a read of a name is (part of) a cookie flag's value.
fn is_flag_read(reader: &Reader, read: Node, depth: usize) -> bool {
    let mut current = read;
    while let Some(parent) = current.parent() {
        match parent.kind() {
            "keyword_argument" => {
                let name = parent.child_by_field_name("name").map(|n| reader.text(n));
                return name.is_some_and(|name| reader.vocabulary.is_flag(name));
            }
            "pair" => {
                let key = parent
                    .child_by_field_name("key")
                    .and_then(|k| literal::plain_string(k, reader.source));
                return key.is_some_and(|key| reader.vocabulary.is_flag(key));
            }
            "assignment" => {
                let is_value = parent
                    .child_by_field_name("right")
                    .is_some_and(|r| flow::contains(r, read));
                let Some(target) = parent.child_by_field_name("left").filter(|_| is_value) else {
                    return false;
                };
                if target.kind() == "identifier" {
                    let name = reader.text(target);
                    if reader.vocabulary.setting(name).is_some() {
                        return true;
                    }
                    // A module's name is its own setting, which other modules or the
                    // framework may read; a function's is read only where it is.
                    let scope = flow::scope_of(parent);
                    return scope.kind() != "module"
                        && reads_are_flags(reader, scope, name, depth + 1);
                }
                return is_flag_target(reader, target);
            }
            "argument_list" => {
                // Only through a parse of the value (`bool(x)`, `x.lower()`).
                let call = parent.parent();
                let callee = call
                    .and_then(|c| c.child_by_field_name("function"))
                    .map(|f| match f.kind() {
                        "attribute" => f
                            .child_by_field_name("attribute")
                            .map(|a| reader.text(a))
                            .unwrap_or(""),
                        _ => reader.text(f),
                    });
                if !callee
                    .is_some_and(|c| matches!(c, "bool" | "str" | "int" | "strtobool" | "asbool"))
                {
                    return false;
                }
            }
            "expression_statement"
            | "return_statement"
            | "block"
            | "module"
            | "if_statement"
            | "while_statement"
            | "for_statement"
            | "with_statement"
            | "function_definition"
            | "class_definition"
            | "decorated_definition"
            | "lambda" => return false,
            _ => {}
        }
        current = parent;
    }
    false
}

/// Whether an assignment target is a cookie setting or flag: `X.SESSION_COOKIE_SECURE`,
/// `app.config["SESSION_COOKIE_SECURE"]`, `morsel["secure"]`.
fn is_flag_target(reader: &Reader, target: Node) -> bool {
    match target.kind() {
        "attribute" => target
            .child_by_field_name("attribute")
            .is_some_and(|a| reader.vocabulary.setting(reader.text(a)).is_some()),
        "subscript" => target
            .child_by_field_name("subscript")
            .and_then(|k| literal::plain_string(k, reader.source))
            .is_some_and(|key| {
                reader.vocabulary.is_flag(&key.to_ascii_lowercase())
                    || reader.vocabulary.is_flag(key)
            }),
        _ => false,
    }
}
