//! A module of settings read as a settings loader reads it (Django's `settings.py`, a
//! Flask config module): the names its top-level statements give a value, the lists of
//! strings it builds (`INSTALLED_APPS = [...]`, `+=`, `.append(...)`), its star imports.
//! Shared by the settings rule, which reads the file it checks, and the project pass,
//! which reads the modules a settings module inherits from.

use std::collections::HashMap;

use tree_sitter::Node;

use crate::literal;
use crate::parse;

/// A list of strings evaluated from the source, each with the literal it comes from.
#[derive(Debug, Clone, Default)]
pub struct Strings<'tree> {
    pub items: Vec<(String, Node<'tree>)>,
    /// Some items are not known (a call, a name not assigned a list above).
    pub partial: bool,
}

impl<'tree> Strings<'tree> {
    pub fn unknown() -> Self {
        Strings {
            items: Vec::new(),
            partial: true,
        }
    }

    pub fn extend(&mut self, other: Strings<'tree>) {
        self.items.extend(other.items);
        self.partial |= other.partial;
    }

    /// The literal of `item`, if the list holds it; `Err` when it cannot be told (there
    /// is nothing more to say of why: part of the list is known only at run time).
    #[allow(clippy::result_unit_err)]
    pub fn find(&self, item: &str) -> Result<Option<Node<'tree>>, ()> {
        match self.items.iter().find(|(text, _)| text == item) {
            Some((_, node)) => Ok(Some(*node)),
            None if self.partial => Err(()),
            None => Ok(None),
        }
    }
}

/// The expression statement's assignment: its target and value.
pub fn assignment(statement: Node) -> Option<(Node, Node)> {
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
pub fn assigned_name<'s>(statement: Node, source: &'s [u8]) -> Option<&'s str> {
    let (target, _) = assignment(statement)?;
    (target.kind() == "identifier")
        .then(|| target.utf8_text(source).ok())
        .flatten()
}

/// The names a top-level statement gives a value: its targets, and those of the
/// statements in its blocks (`if`, `try`, ...), but not in a class or function.
pub fn names_set_in<'s>(statement: Node, source: &'s [u8]) -> Vec<&'s str> {
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
pub fn evaluate<'tree>(
    statement: Node<'tree>,
    source: &'tree [u8],
    lists: &mut HashMap<String, Strings<'tree>>,
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
                lists.insert(text(target).to_owned(), strings);
                return;
            }
            ("augmented_assignment", Some(target), Some(value))
                if target.kind() == "identifier" =>
            {
                let operator = inner.child_by_field_name("operator").map(text);
                let strings = strings_of(value, source, lists);
                let list = lists
                    .entry(text(target).to_owned())
                    .or_insert_with(Strings::unknown);
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
pub fn list_method<'tree>(
    call: Node<'tree>,
    source: &'tree [u8],
    lists: &HashMap<String, Strings<'tree>>,
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

pub fn one_string<'tree>(item: Node<'tree>, source: &[u8]) -> Strings<'tree> {
    match literal::plain_string(item, source) {
        Some(text) => Strings {
            items: vec![(text.to_owned(), item)],
            partial: false,
        },
        None => Strings::unknown(),
    }
}

/// The strings of a list expression: literals, `+`, `*splats` and names of lists above.
pub fn strings_of<'tree>(
    value: Node<'tree>,
    source: &'tree [u8],
    lists: &HashMap<String, Strings<'tree>>,
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
pub fn holds_star_import(statement: Node) -> bool {
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

/// What a settings module leaves in effect at its end, for a module that star-imports
/// it: its lists of strings, the names it gives a value, and the truth of each name's
/// last value where that is a literal.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Exports {
    /// Each list's strings, and whether some of it is known only at run time.
    pub lists: HashMap<String, (Vec<String>, bool)>,
    pub set: Vec<String>,
    /// `Some(truth)` for a literal, `None` for an expression.
    pub values: HashMap<String, Option<bool>>,
}

/// A module's top-level statements followed in order, a star import bringing in what
/// `inherited` says the imported module exports (anchored at the import statement).
#[derive(Debug, Default)]
pub struct Evaluated<'tree> {
    pub lists: HashMap<String, Strings<'tree>>,
    pub set: Vec<String>,
    /// The last value of each name: its node, or what a star import brought.
    pub values: HashMap<String, Given<'tree>>,
}

/// A name's last value in a module.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Given<'tree> {
    /// Assigned here: the value.
    Here(Node<'tree>),
    /// Brought by a star import (the statement): the truth of its literal, if one.
    Imported(Node<'tree>, Option<bool>),
}

impl<'tree> Evaluated<'tree> {
    pub fn of(
        statements: &[Node<'tree>],
        source: &'tree [u8],
        inherited: &dyn Fn(Node<'tree>) -> Option<Exports>,
    ) -> Self {
        let mut evaluated = Evaluated::default();
        for &statement in statements {
            if holds_star_import(statement) {
                if let Some(exports) = inherited(statement) {
                    evaluated.import(statement, exports);
                    continue;
                }
            }
            evaluate(statement, source, &mut evaluated.lists);
            for name in names_set_in(statement, source) {
                if !evaluated.set.iter().any(|set| set == name) {
                    evaluated.set.push(name.to_owned());
                }
            }
            if let Some((target, value)) = assignment(statement) {
                if target.kind() == "identifier" {
                    let name = target.utf8_text(source).unwrap_or("").to_owned();
                    evaluated.values.insert(name, Given::Here(value));
                }
            }
        }
        evaluated
    }

    fn import(&mut self, statement: Node<'tree>, exports: Exports) {
        for (name, (items, partial)) in exports.lists {
            let strings = Strings {
                items: items.into_iter().map(|item| (item, statement)).collect(),
                partial,
            };
            self.lists.insert(name, strings);
        }
        for name in exports.set {
            if !self.set.contains(&name) {
                self.set.push(name);
            }
        }
        for (name, truth) in exports.values {
            self.values.insert(name, Given::Imported(statement, truth));
        }
    }

    /// What a module that star-imports this one gets.
    pub fn exports(&self, source: &[u8]) -> Exports {
        Exports {
            lists: self
                .lists
                .iter()
                .map(|(name, strings)| {
                    let items = strings.items.iter().map(|(item, _)| item.clone()).collect();
                    (name.clone(), (items, strings.partial))
                })
                .collect(),
            set: self.set.clone(),
            values: self
                .values
                .iter()
                .map(|(name, given)| {
                    let truth = match given {
                        Given::Here(value) => literal::truthiness(*value, source),
                        Given::Imported(_, truth) => *truth,
                    };
                    (name.clone(), truth)
                })
                .collect(),
        }
    }
}
