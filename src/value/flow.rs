//! Where a name's value comes from, as far as one module shows it: the statements that
//! bind it before it is read, in order, through `if` branches (a value bound in a branch
//! holds under that branch's condition), and the statements that write one key of a
//! dict (`kwargs["secure"] = ...`, `.setdefault`, `.update`). A loop, a `try` or a `with`
//! that binds it, an unpacking or an augmented assignment make it unknown.
//!
//! The result is symbolic ([`Sym`]): the expressions a value may be, under the conditions
//! that choose between them, for the evaluator to read in a deployment.

use tree_sitter::Node;

use crate::literal;
use crate::mapping::Mapping;
use crate::parse;

/// What a name (or a dict's key) holds where it is read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Sym<'t> {
    /// The value of this expression, read in the scope it is in.
    Expr(Node<'t>),
    /// The first value where the condition holds, the second where it does not.
    If(Node<'t>, Box<Sym<'t>>, Box<Sym<'t>>),
    /// A parameter of the function, not bound again before the read.
    Parameter(Node<'t>),
    /// Bound by an import to this dotted path.
    Import(String),
    /// Not bound on this path in this scope: an outer scope's, or a builtin.
    Unbound,
    /// For a dict's key: not in the dict.
    Absent,
    /// Bound in a way that cannot be followed, and why.
    Unknown(&'static str),
    /// The path does not reach the read: it returned or raised before.
    Never,
}

/// What is followed: a name, or one key of the dict a name holds.
#[derive(Debug, Clone, Copy)]
pub enum Target<'s> {
    Name(&'s str),
    Key(&'s str, &'s str),
}

impl Target<'_> {
    fn name(&self) -> &str {
        match self {
            Target::Name(name) | Target::Key(name, _) => name,
        }
    }
}

/// The kinds of node that open a scope of their own.
const SCOPES: &[&str] = &["function_definition", "class_definition", "lambda"];

/// The innermost function, lambda, class or the module around `node`.
pub fn scope_of(node: Node) -> Node {
    crate::scope::scope_of(node)
}

/// The body statements of a scope (a function's or class's block, the module's own).
pub fn statements_of(scope: Node) -> Vec<Node> {
    match scope.kind() {
        "module" => parse::code_children(scope),
        _ => scope
            .child_by_field_name("body")
            .map(parse::code_children)
            .unwrap_or_default(),
    }
}

/// Whether the scope binds `name` anywhere of its own (not in nested scopes): an
/// assignment target, a `for` or `with` target, an import, a definition. A parameter
/// counts as bound.
pub fn binds(scope: Node, name: &str, source: &[u8]) -> bool {
    let is_function = matches!(scope.kind(), "function_definition" | "lambda");
    if is_function && crate::scope::parameter_names(scope, source).contains(&name) {
        return true;
    }
    crate::scope::nodes_of(scope).into_iter().any(|node| {
        let target = match node.kind() {
            "assignment" | "augmented_assignment" | "for_statement" | "for_in_clause" => {
                node.child_by_field_name("left")
            }
            "as_pattern" => node.child_by_field_name("alias"),
            "function_definition" | "class_definition" => node.child_by_field_name("name"),
            "dotted_name" | "aliased_import"
                if node
                    .parent()
                    .is_some_and(|p| p.kind().starts_with("import")) =>
            {
                Some(node)
            }
            _ => None,
        };
        target.is_some_and(|target| names_in_target(target, source).contains(&name))
    })
}

/// Whether the function declares `name` global or nonlocal: its reads are the outer one.
fn declared_outer(scope: Node, name: &str, source: &[u8]) -> bool {
    crate::scope::nodes_of(scope).into_iter().any(|node| {
        matches!(node.kind(), "global_statement" | "nonlocal_statement")
            && parse::code_children(node)
                .iter()
                .any(|n| n.utf8_text(source).ok() == Some(name))
    })
}

fn names_in_target<'s>(target: Node, source: &'s [u8]) -> Vec<&'s str> {
    let mut names = Vec::new();
    let mut stack = vec![target];
    while let Some(node) = stack.pop() {
        match node.kind() {
            "identifier" => names.extend(node.utf8_text(source).ok()),
            "pattern_list"
            | "tuple_pattern"
            | "list_pattern"
            | "tuple"
            | "list"
            | "list_splat_pattern"
            | "parenthesized_expression" => stack.extend(parse::code_children(node)),
            // `import a.b` binds `a`; `from m import a as b` binds `b`.
            "dotted_name" => names.extend(
                parse::first_code_child(node).and_then(|first| first.utf8_text(source).ok()),
            ),
            "aliased_import" => names.extend(
                node.child_by_field_name("alias")
                    .and_then(|alias| alias.utf8_text(source).ok()),
            ),
            _ => {}
        }
    }
    names
}

/// What `target` holds where `read` reads it, in the scope `scope` (the innermost one
/// that binds the name, found by the caller): the statements of the scope before the
/// read, followed through the blocks that hold it. With `read` `None`, what it holds
/// once the scope has run to its end (a module's name read later by a function).
pub fn value_at<'t>(
    scope: Node<'t>,
    target: Target,
    read: Option<Node<'t>>,
    source: &[u8],
) -> Sym<'t> {
    let initial = match (scope.kind(), target) {
        ("function_definition" | "lambda", Target::Name(name)) => {
            match parameter_node(scope, name, source) {
                Some(parameter) => Sym::Parameter(parameter),
                None => Sym::Unbound,
            }
        }
        // A `**kwargs` parameter's key is what the callers pass.
        ("function_definition" | "lambda", Target::Key(name, _)) => {
            match parameter_node(scope, name, source) {
                Some(parameter) => Sym::Parameter(parameter),
                None => Sym::Unbound,
            }
        }
        _ => Sym::Unbound,
    };
    if scope.kind() == "lambda" {
        return initial;
    }
    let statements = statements_of(scope);
    let reader = Reader { target, source };
    match read {
        Some(read) => reader.before(&statements, read, initial),
        None => reader.run(&statements, initial),
    }
}

/// The parameter of a function named `name`: its identifier, or the whole parameter
/// (`name=default`, `name: T = default`).
pub fn parameter_node<'t>(function: Node<'t>, name: &str, source: &[u8]) -> Option<Node<'t>> {
    let parameters = function.child_by_field_name("parameters")?;
    parse::code_children(parameters).into_iter().find(|p| {
        let id = match p.kind() {
            "identifier" => Some(*p),
            "typed_parameter" | "list_splat_pattern" | "dictionary_splat_pattern" => {
                parse::first_code_child(*p)
            }
            "default_parameter" | "typed_default_parameter" => p.child_by_field_name("name"),
            _ => None,
        };
        id.and_then(|id| id.utf8_text(source).ok()) == Some(name)
    })
}

/// The default of a parameter node, if it has one.
pub fn parameter_default(parameter: Node) -> Option<Node> {
    match parameter.kind() {
        "default_parameter" | "typed_default_parameter" => parameter.child_by_field_name("value"),
        _ => None,
    }
}

struct Reader<'s> {
    target: Target<'s>,
    source: &'s [u8],
}

impl<'s> Reader<'s> {
    fn text<'t>(&self, node: Node<'t>) -> &'s str
    where
        's: 't,
    {
        node.utf8_text(self.source).unwrap_or("")
    }

    /// The state after running `statements` from `state`.
    fn run<'t>(&self, statements: &[Node<'t>], mut state: Sym<'t>) -> Sym<'t> {
        for statement in statements {
            if state == Sym::Never {
                break;
            }
            state = self.statement(*statement, state);
        }
        state
    }

    /// The state where `read` is, running the statements before it (and into the one
    /// that holds it).
    fn before<'t>(&self, statements: &[Node<'t>], read: Node<'t>, mut state: Sym<'t>) -> Sym<'t> {
        for statement in statements {
            if contains(*statement, read) {
                return self.inside_statement(*statement, read, state);
            }
            state = self.statement(*statement, state);
        }
        state
    }

    /// The state at `read`, inside `statement` (a compound statement's block, or the
    /// statement itself).
    fn inside_statement<'t>(&self, statement: Node<'t>, read: Node<'t>, state: Sym<'t>) -> Sym<'t> {
        let blocks: Vec<Node> = match statement.kind() {
            "if_statement"
            | "elif_clause"
            | "else_clause"
            | "for_statement"
            | "while_statement"
            | "try_statement"
            | "with_statement"
            | "except_clause"
            | "finally_clause"
            | "match_statement"
            | "case_clause"
            | "decorated_definition" => parse::code_children(statement),
            _ => Vec::new(),
        };
        let loops = matches!(
            statement.kind(),
            "for_statement" | "while_statement" | "with_statement"
        );
        if loops && self.binds(statement) {
            return Sym::Unknown("bound by a loop or a with statement");
        }
        for block in blocks {
            if !contains(block, read) {
                continue;
            }
            return match block.kind() {
                "block" => self.before(&parse::code_children(block), read, state),
                "elif_clause" | "else_clause" | "except_clause" | "finally_clause"
                | "case_clause" => self.inside_statement(block, read, state),
                // The read is in a condition or a header: what holds before the statement.
                _ => state,
            };
        }
        // A loop runs its body again: what the body binds may reach the read.
        state
    }

    /// Whether `node` (not entering nested scopes) binds the target's name.
    fn binds(&self, node: Node) -> bool {
        let name = self.target.name();
        let mut stack = vec![node];
        while let Some(node) = stack.pop() {
            if SCOPES.contains(&node.kind()) {
                if node
                    .child_by_field_name("name")
                    .is_some_and(|n| self.text(n) == name)
                {
                    return true;
                }
                continue;
            }
            let target = match node.kind() {
                "assignment" | "augmented_assignment" | "for_statement" => {
                    node.child_by_field_name("left")
                }
                "as_pattern" => node.child_by_field_name("alias"),
                _ => None,
            };
            if target.is_some_and(|t| names_in_target(t, self.source).contains(&name)) {
                return true;
            }
            if let Target::Key(..) = self.target {
                if self.dict_write(node).is_some() {
                    return true;
                }
            }
            stack.extend(parse::code_children(node));
        }
        false
    }

    /// The state after one statement.
    fn statement<'t>(&self, statement: Node<'t>, state: Sym<'t>) -> Sym<'t> {
        match statement.kind() {
            "expression_statement" => {
                let Some(inner) = parse::first_code_child(statement) else {
                    return state;
                };
                match inner.kind() {
                    "assignment" => self.assignment(inner, state),
                    "augmented_assignment" => {
                        let left = inner.child_by_field_name("left");
                        if left.is_some_and(|l| self.is_name(l)) {
                            Sym::Unknown("changed by an augmented assignment")
                        } else {
                            state
                        }
                    }
                    _ => match self.dict_write(inner) {
                        Some(write) => apply(write, state),
                        None => state,
                    },
                }
            }
            "return_statement" | "raise_statement" | "continue_statement" | "break_statement" => {
                Sym::Never
            }
            "if_statement" => self.if_statement(statement, state),
            "import_statement" | "import_from_statement" => self.import(statement, state),
            "function_definition" | "class_definition" => {
                let named = statement
                    .child_by_field_name("name")
                    .is_some_and(|n| self.text(n) == self.target.name());
                if named {
                    Sym::Unknown("bound to a definition")
                } else {
                    state
                }
            }
            "decorated_definition" => match statement.child_by_field_name("definition") {
                Some(definition) => self.statement(definition, state),
                None => state,
            },
            "delete_statement" => {
                let deletes = parse::code_children(statement)
                    .into_iter()
                    .any(|n| self.is_name(n) || matches!(self.subscript_key(n), Some(true)));
                match (deletes, self.target) {
                    (true, Target::Key(..)) => Sym::Absent,
                    (true, Target::Name(_)) => Sym::Unbound,
                    _ => state,
                }
            }
            "global_statement" | "nonlocal_statement" | "pass_statement" | "assert_statement"
            | "comment" => state,
            _ if self.binds(statement) => Sym::Unknown("bound in a loop, try or with block"),
            _ => state,
        }
    }

    fn is_name(&self, node: Node) -> bool {
        node.kind() == "identifier" && self.text(node) == self.target.name()
    }

    /// Whether `node` is `name[key]` for the target (`Some(true)`), another key of the
    /// name's dict (`Some(false)`), or not a subscript of it (`None`).
    fn subscript_key(&self, node: Node) -> Option<bool> {
        let Target::Key(_, key) = self.target else {
            return None;
        };
        if node.kind() != "subscript" {
            return None;
        }
        let value = node.child_by_field_name("value")?;
        if !self.is_name(value) {
            return None;
        }
        let index = node.child_by_field_name("subscript")?;
        match literal::plain_string(index, self.source) {
            Some(text) => Some(text == key),
            None => Some(true), // a key known only at run time may be this one
        }
    }

    fn assignment<'t>(&self, assignment: Node<'t>, state: Sym<'t>) -> Sym<'t> {
        // `a = b = value`: every target of the chain gets the last value.
        let mut targets = Vec::new();
        let mut node = assignment;
        loop {
            targets.extend(node.child_by_field_name("left"));
            match node.child_by_field_name("right") {
                Some(right) if right.kind() == "assignment" => node = right,
                right => {
                    return self.targets(&targets, right, state);
                }
            }
        }
    }

    fn targets<'t>(
        &self,
        targets: &[Node<'t>],
        value: Option<Node<'t>>,
        state: Sym<'t>,
    ) -> Sym<'t> {
        let mut state = state;
        for target in targets {
            if self.is_name(*target) {
                state = match (self.target, value) {
                    (Target::Name(_), Some(value)) => Sym::Expr(value),
                    // An annotation alone (`x: int`) binds nothing.
                    (Target::Name(_), None) => state,
                    (Target::Key(_, key), Some(value)) => self.dict_value(value, key),
                    (Target::Key(..), None) => state,
                };
            } else if names_in_target(*target, self.source).contains(&self.target.name())
                && target.kind() != "identifier"
            {
                state = Sym::Unknown("bound by unpacking");
            } else if let (Some(is_key), Some(value)) = (self.subscript_key(*target), value) {
                if is_key {
                    state = match self.target {
                        Target::Key(_, key)
                            if target
                                .child_by_field_name("subscript")
                                .and_then(|i| literal::plain_string(i, self.source))
                                == Some(key) =>
                        {
                            Sym::Expr(value)
                        }
                        _ => Sym::Unknown("written under a key known only at run time"),
                    };
                }
            }
        }
        state
    }

    /// The key's state once a name is bound to the dict `value`.
    fn dict_value<'t>(&self, value: Node<'t>, key: &str) -> Sym<'t> {
        let Some(mapping) = Mapping::of_value(value, self.source) else {
            return Sym::Unknown("not a dict the module writes out");
        };
        if let Some(entry) = mapping.get(key, self.source) {
            return Sym::Expr(entry.value);
        }
        if mapping.has_splat(self.source) {
            return Sym::Unknown("given a ** splat that may add the key");
        }
        // A key written as an expression may be this one.
        let unread = parse::code_children(mapping.node())
            .into_iter()
            .any(|item| {
                item.kind() == "pair"
                    && item
                        .child_by_field_name("key")
                        .is_some_and(|k| literal::plain_string(k, self.source).is_none())
            });
        if unread {
            Sym::Unknown("a key known only at run time")
        } else {
            Sym::Absent
        }
    }

    /// A call that writes the target's key: `d.setdefault(key, v)`, `d.update(key=v)`,
    /// `d.update({key: v})`, `d.pop(key)`; a call handed the dict (which may write it).
    fn dict_write<'t>(&self, node: Node<'t>) -> Option<Write<'t>> {
        let Target::Key(_, key) = self.target else {
            return None;
        };
        if node.kind() != "call" {
            return None;
        }
        let function = node.child_by_field_name("function")?;
        let arguments = node.child_by_field_name("arguments")?;
        let items = parse::code_children(arguments);
        if function.kind() == "attribute"
            && function
                .child_by_field_name("object")
                .is_some_and(|o| self.is_name(o))
        {
            let method = self.text(function.child_by_field_name("attribute")?);
            let first_is_key = items
                .first()
                .map(|k| literal::plain_string(*k, self.source) == Some(key));
            return match method {
                "setdefault" => match (first_is_key, items.get(1)) {
                    (Some(true), Some(value)) => Some(Write::SetDefault(*value)),
                    (Some(true), None) => Some(Write::Unknown),
                    (Some(false), _) if literal::plain_string(items[0], self.source).is_some() => {
                        None
                    }
                    _ => Some(Write::Unknown),
                },
                "pop" => match first_is_key {
                    Some(true) => Some(Write::Remove),
                    Some(false) if literal::plain_string(items[0], self.source).is_some() => None,
                    _ => Some(Write::Unknown),
                },
                "update" => {
                    let mut write = None;
                    for item in &items {
                        match item.kind() {
                            "keyword_argument" => {
                                let name = item.child_by_field_name("name").map(|n| self.text(n));
                                if name == Some(key) {
                                    write = item.child_by_field_name("value").map(Write::Set);
                                }
                            }
                            _ => match self.dict_value(*item, key) {
                                Sym::Expr(value) => write = Some(Write::Set(value)),
                                Sym::Absent => {}
                                _ => return Some(Write::Unknown),
                            },
                        }
                    }
                    write
                }
                "clear" => Some(Write::Remove),
                "get" | "items" | "keys" | "values" | "copy" | "__contains__" => None,
                _ => Some(Write::Unknown),
            };
        }
        // Handed whole to another call, which may change it.
        let handed = items.iter().any(|item| self.is_name(*item));
        handed.then_some(Write::Unknown)
    }

    fn if_statement<'t>(&self, statement: Node<'t>, state: Sym<'t>) -> Sym<'t> {
        let Some(condition) = statement.child_by_field_name("condition") else {
            return Sym::Unknown("under an if statement without a condition");
        };
        let consequence = block_of(statement);
        let then = self.run(&consequence, state.clone());
        let mut clauses: Vec<Node> = Vec::new();
        let mut cursor = statement.walk();
        for child in statement.children_by_field_name("alternative", &mut cursor) {
            clauses.push(child);
        }
        let otherwise = self.clauses(&clauses, state);
        branch(condition, then, otherwise)
    }

    fn clauses<'t>(&self, clauses: &[Node<'t>], state: Sym<'t>) -> Sym<'t> {
        let Some((first, rest)) = clauses.split_first() else {
            return state;
        };
        let body = block_of(*first);
        match first.kind() {
            "elif_clause" => {
                let Some(condition) = first.child_by_field_name("condition") else {
                    return Sym::Unknown("under an elif without a condition");
                };
                let then = self.run(&body, state.clone());
                branch(condition, then, self.clauses(rest, state))
            }
            _ => self.run(&body, state),
        }
    }

    fn import<'t>(&self, statement: Node<'t>, state: Sym<'t>) -> Sym<'t> {
        let name = self.target.name();
        let bindings = crate::bindings::Bindings::of([statement], self.source);
        match bindings.path_of_name(name) {
            Some(path) => match self.target {
                Target::Name(_) => Sym::Import(path.to_owned()),
                Target::Key(..) => Sym::Unknown("an imported dict"),
            },
            None if names_in_target(statement, self.source).contains(&name) => {
                Sym::Unknown("imported from a relative module")
            }
            None => state,
        }
    }
}

/// A statement's change to one key of a dict.
enum Write<'t> {
    Set(Node<'t>),
    SetDefault(Node<'t>),
    Remove,
    Unknown,
}

fn apply<'t>(write: Write<'t>, state: Sym<'t>) -> Sym<'t> {
    match write {
        Write::Set(value) => Sym::Expr(value),
        Write::Remove => Sym::Absent,
        Write::Unknown => Sym::Unknown("handed to a call that may change the dict"),
        Write::SetDefault(value) => set_default(state, value),
    }
}

fn set_default<'t>(state: Sym<'t>, value: Node<'t>) -> Sym<'t> {
    match state {
        Sym::Absent | Sym::Unbound => Sym::Expr(value),
        Sym::If(condition, then, otherwise) => Sym::If(
            condition,
            Box::new(set_default(*then, value)),
            Box::new(set_default(*otherwise, value)),
        ),
        other => other,
    }
}

/// The state after a branch: the same on both sides needs no condition; a side that
/// does not go on (it returned) leaves the other.
fn branch<'t>(condition: Node<'t>, then: Sym<'t>, otherwise: Sym<'t>) -> Sym<'t> {
    match (then, otherwise) {
        (Sym::Never, other) | (other, Sym::Never) => other,
        (then, otherwise) if then == otherwise => then,
        (then, otherwise) => Sym::If(condition, Box::new(then), Box::new(otherwise)),
    }
}

/// What a function returns, as its body shows it: its `return` statements under the
/// conditions that lead to them (`None` where it ends without one).
pub fn returned<'t>(function: Node<'t>, source: &[u8]) -> Sym<'t> {
    let statements = statements_of(function);
    match returns(&statements, source) {
        Some(sym) => sym,
        None => Sym::Unknown("the result of a function that may return None"),
    }
}

/// The value a block returns, if every path through it returns (`None` when a path
/// falls through to what follows it).
fn returns<'t>(statements: &[Node<'t>], source: &[u8]) -> Option<Sym<'t>> {
    for (at, statement) in statements.iter().enumerate() {
        match statement.kind() {
            "return_statement" => {
                return Some(match parse::first_code_child(*statement) {
                    Some(value) => Sym::Expr(value),
                    None => Sym::Unknown("the result of a function that may return None"),
                })
            }
            "raise_statement" => return Some(Sym::Never),
            "if_statement" => {
                let condition = statement.child_by_field_name("condition")?;
                let then = block_of(*statement);
                let mut cursor = statement.walk();
                let clauses: Vec<Node> = statement
                    .children_by_field_name("alternative", &mut cursor)
                    .collect();
                let then = returns(&then, source);
                let otherwise = clause_returns(&clauses, source);
                if then.is_none() && otherwise.is_none() {
                    if holds_return(*statement) {
                        return Some(Sym::Unknown(
                            "the result of a function that returns from inside a block",
                        ));
                    }
                    continue;
                }
                let rest = || {
                    returns(&statements[at + 1..], source).unwrap_or(Sym::Unknown(
                        "the result of a function that may return None",
                    ))
                };
                let then = then.unwrap_or_else(rest);
                let otherwise = otherwise.unwrap_or_else(rest);
                return Some(branch(condition, then, otherwise));
            }
            _ if holds_return(*statement) => {
                return Some(Sym::Unknown(
                    "the result of a function that returns from inside a loop, try or with block",
                ))
            }
            _ => {}
        }
    }
    None
}

fn clause_returns<'t>(clauses: &[Node<'t>], source: &[u8]) -> Option<Sym<'t>> {
    let (first, rest) = clauses.split_first()?;
    let body = block_of(*first);
    match first.kind() {
        "elif_clause" => {
            let condition = first.child_by_field_name("condition")?;
            let then = returns(&body, source);
            let otherwise = clause_returns(rest, source);
            match (then, otherwise) {
                (Some(then), Some(otherwise)) => Some(branch(condition, then, otherwise)),
                (None, None) => None,
                _ => Some(Sym::Unknown(
                    "the result of a function that returns on some branches only",
                )),
            }
        }
        _ => returns(&body, source),
    }
}

/// Whether a statement holds a `return` of its function (not of a nested one).
fn holds_return(statement: Node) -> bool {
    let mut stack = vec![statement];
    while let Some(node) = stack.pop() {
        if node.kind() == "return_statement" {
            return true;
        }
        if SCOPES.contains(&node.kind()) {
            continue;
        }
        stack.extend(parse::code_children(node));
    }
    false
}

/// Whether `inner` lies within `outer`.
pub fn contains(outer: Node, inner: Node) -> bool {
    outer.start_byte() <= inner.start_byte() && inner.end_byte() <= outer.end_byte()
}

/// Whether the scope's own code (not its nested scopes) declares `name` global or
/// nonlocal.
pub fn is_declared_outer(scope: Node, name: &str, source: &[u8]) -> bool {
    declared_outer(scope, name, source)
}

/// The statements of an `if`'s or `elif`'s consequence, or an `else`'s body.
fn block_of(clause: Node) -> Vec<Node> {
    clause
        .child_by_field_name("consequence")
        .or_else(|| clause.child_by_field_name("body"))
        .map(parse::code_children)
        .unwrap_or_default()
}
