//! The evaluator: a flag's expression read as Python would compute it in a deployment
//! that serves HTTPS, runs with DEBUG off and sets no environment variable, keeping
//! what it read to get there ([`Read`]), so that the verdict can say what the value
//! follows. What the module does not show is unknown, and unknown values combine as in
//! Kleene's logic: `unknown or True` is true, `unknown and False` is false.

use std::ops::Range;

use tree_sitter::Node;

use super::flow::{self, Sym, Target};
use super::rows;
use super::{Needs, Reader};
use crate::literal;
use crate::parse;

/// A Python value, as far as it is known.
#[derive(Debug, Clone, PartialEq)]
pub enum Py {
    Bool(bool),
    Int(i64),
    Str(String),
    None,
    /// A tuple, list or set of values (for `in`).
    Seq(Vec<Val>),
    /// A value known only by its truth (a float, a string with escapes).
    Truth(bool),
    /// A dict's key that is not there: the keyword is not passed.
    Absent,
    /// The host a deployed application's request names: not a loopback one, and
    /// nothing else known.
    Host,
}

/// A value, and the literal it is exactly (which a fix may replace), if any.
#[derive(Debug, Clone, PartialEq)]
pub struct Val {
    /// `None` when it cannot be known.
    pub py: Option<Py>,
    /// The literal's bytes, when the value is a literal's own, reached unchanged.
    pub origin: Option<Range<usize>>,
}

impl Val {
    pub fn known(py: Py) -> Self {
        Val {
            py: Some(py),
            origin: None,
        }
    }

    pub fn unknown() -> Self {
        Val {
            py: None,
            origin: None,
        }
    }

    /// Its truth value, as `bool()` would give it.
    pub fn truth(&self) -> Option<bool> {
        self.py.as_ref().and_then(Py::truth)
    }

    pub fn text(&self) -> Option<&str> {
        match &self.py {
            Some(Py::Str(text)) => Some(text),
            _ => None,
        }
    }
}

impl Py {
    pub fn truth(&self) -> Option<bool> {
        match self {
            Py::Bool(b) | Py::Truth(b) => Some(*b),
            Py::Int(i) => Some(*i != 0),
            Py::Str(s) => Some(!s.is_empty()),
            Py::None | Py::Absent => Some(false),
            Py::Host => Some(true),
            Py::Seq(items) => Some(!items.is_empty()),
        }
    }

    /// Python's `==`, where it can be told (`True == 1`).
    fn equals(&self, other: &Py) -> Option<bool> {
        let number = |py: &Py| match py {
            Py::Bool(b) => Some(i64::from(*b)),
            Py::Int(i) => Some(*i),
            _ => None,
        };
        match (self, other) {
            (Py::Host, Py::Str(name)) | (Py::Str(name), Py::Host) => {
                is_loopback(name).then_some(false)
            }
            (Py::Str(a), Py::Str(b)) => Some(a == b),
            (Py::None, Py::None) => Some(true),
            (Py::None, Py::Str(_) | Py::Bool(_) | Py::Int(_))
            | (Py::Str(_) | Py::Bool(_) | Py::Int(_), Py::None) => Some(false),
            (Py::Str(_), Py::Bool(_) | Py::Int(_)) | (Py::Bool(_) | Py::Int(_), Py::Str(_)) => {
                Some(false)
            }
            _ => match (number(self), number(other)) {
                (Some(a), Some(b)) => Some(a == b),
                _ => None,
            },
        }
    }

    /// `str(value)`.
    pub fn to_str(&self) -> Option<String> {
        match self {
            Py::Bool(true) => Some("True".to_owned()),
            Py::Bool(false) => Some("False".to_owned()),
            Py::Int(i) => Some(i.to_string()),
            Py::Str(s) => Some(s.clone()),
            Py::None => Some("None".to_owned()),
            _ => None,
        }
    }
}

/// What the evaluation read on its way to the value: what the verdict follows.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Read {
    /// The request's scheme, read as HTTPS.
    Scheme(Range<usize>),
    /// The request's host, read as one that is not a loopback host.
    Host(Range<usize>),
    /// The debug switch, read as off.
    Debug(Range<usize>),
    /// A cookie setting another rule judges where it is defined, read as true.
    Setting(&'static str, Range<usize>),
    /// An environment variable or configuration value, read as unset: its name, the
    /// default's expression (none when there is none), and the lookup.
    Environment {
        variable: String,
        default: Option<Range<usize>>,
        at: Range<usize>,
    },
    /// A parameter of the function the value is read in, bound by no caller seen.
    Parameter(Range<usize>),
    /// A name bound to the value: its binding's expression.
    Binding(Range<usize>),
    /// A parameter of a method named like a cookie setter (its name): its callers are
    /// judged as cookie calls.
    Callers(String, Range<usize>),
}

/// Why a value is not known: the first reason met.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Unknown {
    pub reason: String,
    pub at: Range<usize>,
}

/// The reasons that say only that a value is known at run time.
const OPAQUE: &[&str] = &[
    "an attribute known only at run time",
    "a call the module does not show the result of",
    "an expression known only at run time",
    "an item known only at run time",
    "a name the module does not bind",
];

/// Whether a reason says no more than that the value is known only at run time.
pub fn is_opaque(reason: &str) -> bool {
    OPAQUE.contains(&reason)
}

/// A parameter's argument in one frame of calls.
#[derive(Debug, Clone, Copy)]
pub enum Argument<'t> {
    /// The caller's expression, read in the frame at this depth.
    Given(Node<'t>, usize),
    /// The parameter's default, read in the function's own scope.
    Default(Node<'t>),
    /// Not passed, and no default: the call raises.
    Missing,
}

/// A call being followed into a function: its parameters' arguments.
#[derive(Debug, Clone)]
pub struct Frame<'t> {
    pub function: Node<'t>,
    pub arguments: Vec<(String, Argument<'t>)>,
}

/// How deep calls and bindings are followed: a chain longer than this is left unknown.
const DEPTH: usize = 24;

pub struct Evaluator<'r, 'a, 't> {
    pub reader: &'r Reader<'a, 't>,
    pub reads: Vec<Read>,
    pub unknown: Option<Unknown>,
    /// Values that replace literals (a default tried as another), by the literal's bytes.
    pub overrides: Vec<(Range<usize>, Py)>,
    pub needs: Option<Needs>,
    pub frames: Vec<Frame<'t>>,
    depth: usize,
}

impl<'r, 'a, 't> Evaluator<'r, 'a, 't> {
    pub fn new(reader: &'r Reader<'a, 't>) -> Self {
        Evaluator {
            reader,
            reads: Vec::new(),
            unknown: None,
            overrides: Vec::new(),
            needs: None,
            frames: Vec::new(),
            depth: 0,
        }
    }

    pub fn source(&self) -> &'a [u8] {
        self.reader.source
    }

    pub fn text(&self, node: Node) -> &'a str {
        node.utf8_text(self.reader.source).unwrap_or("")
    }

    /// An unknown value, recording why if it is the first.
    pub fn unknown(&mut self, reason: &str, at: Node) -> Val {
        if self.unknown.is_none() {
            self.unknown = Some(Unknown {
                reason: reason.to_owned(),
                at: at.byte_range(),
            });
        }
        Val::unknown()
    }

    /// The windows lack what the value needs: say what, and stop.
    pub fn need(&mut self, needs: Needs, at: Node) -> Val {
        if self.needs.is_none() {
            self.needs = Some(needs);
        }
        self.unknown("the windows do not show it", at)
    }

    pub fn eval(&mut self, node: Node<'t>) -> Val {
        if self.depth >= DEPTH {
            return self.unknown("followed too far", node);
        }
        self.depth += 1;
        let value = self.eval_inner(node);
        self.depth -= 1;
        value
    }

    fn eval_inner(&mut self, node: Node<'t>) -> Val {
        if let Some((_, py)) = self.overrides.iter().find(|(r, _)| *r == node.byte_range()) {
            return Val {
                py: Some(py.clone()),
                origin: Some(node.byte_range()),
            };
        }
        match node.kind() {
            "parenthesized_expression" => match parse::first_code_child(node) {
                Some(inner) => {
                    let value = self.eval(inner);
                    // `(False)` is replaced whole, parentheses included, unless a comment
                    // inside keeps some of them.
                    let origin = match value.origin {
                        Some(_) => literal::replaced_range(node, self.source()),
                        None => None,
                    };
                    Val { origin, ..value }
                }
                None => self.unknown("empty parentheses", node),
            },
            "true" => self.literal(Py::Bool(true), node),
            "false" => self.literal(Py::Bool(false), node),
            "none" => self.literal(Py::None, node),
            "integer" => match parse_int(self.text(node)) {
                Some(value) => self.literal(Py::Int(value), node),
                None => self.literal_truth(node),
            },
            "float" => self.literal_truth(node),
            "string" | "concatenated_string" => match literal::plain_string(node, self.source()) {
                Some(text) if node.kind() == "string" => {
                    self.literal(Py::Str(text.to_owned()), node)
                }
                _ => self.literal_truth(node),
            },
            "tuple" | "list" | "set" => {
                let items = parse::code_children(node)
                    .into_iter()
                    .map(|item| self.eval(item))
                    .collect();
                Val::known(Py::Seq(items))
            }
            "not_operator" => match node.child_by_field_name("argument") {
                Some(argument) => match self.eval(argument).truth() {
                    Some(truth) => Val::known(Py::Bool(!truth)),
                    None => Val::unknown(),
                },
                None => self.unknown("not without an operand", node),
            },
            "boolean_operator" => self.boolean(node),
            "comparison_operator" => self.comparison(node),
            "conditional_expression" => self.conditional(node),
            "identifier" => self.name(node),
            "attribute" => match rows::attribute(self, node) {
                Some(value) => value,
                None => self.attribute(node),
            },
            "subscript" => match rows::subscript(self, node) {
                Some(value) => value,
                None => self.subscript(node),
            },
            "call" => match rows::call(self, node) {
                Some(value) => value,
                None => self.unknown("a call the module does not show the result of", node),
            },
            _ => self.unknown("an expression known only at run time", node),
        }
    }

    /// A literal's value; it can be replaced unless a comment is inside it.
    fn literal(&self, py: Py, node: Node) -> Val {
        Val {
            py: Some(py),
            origin: literal::replaced_range(node, self.source()),
        }
    }

    fn literal_truth(&mut self, node: Node) -> Val {
        match literal::truthiness(node, self.source()) {
            Some(truth) => self.literal(Py::Truth(truth), node),
            None => self.unknown("a string known only at run time", node),
        }
    }

    /// `a or b`, `a and b`: Python returns an operand; where the first is unknown, the
    /// result is known only by a truth both sides share.
    fn boolean(&mut self, node: Node<'t>) -> Val {
        let (Some(left), Some(right)) = (
            node.child_by_field_name("left"),
            node.child_by_field_name("right"),
        ) else {
            return self.unknown("an incomplete boolean operator", node);
        };
        let is_or = node
            .child_by_field_name("operator")
            .is_some_and(|op| self.text(op) == "or");
        let first = self.eval(left);
        match (first.truth(), is_or) {
            (Some(true), true) | (Some(false), false) => first,
            (Some(_), _) => self.eval(right),
            (None, _) => {
                let second = self.eval(right);
                match (second.truth(), is_or) {
                    // `x or True` is true whatever x is; `x and False` false.
                    (Some(true), true) => Val::known(Py::Truth(true)),
                    (Some(false), false) => Val::known(Py::Truth(false)),
                    _ => Val::unknown(),
                }
            }
        }
    }

    fn conditional(&mut self, node: Node<'t>) -> Val {
        let parts = parse::code_children(node);
        let [then, condition, otherwise] = parts.as_slice() else {
            return self.unknown("an incomplete conditional expression", node);
        };
        match self.eval(*condition).truth() {
            Some(true) => self.eval(*then),
            Some(false) => self.eval(*otherwise),
            None => {
                let (a, b) = (self.eval(*then), self.eval(*otherwise));
                join(a, b)
            }
        }
    }

    fn comparison(&mut self, node: Node<'t>) -> Val {
        let operands = parse::code_children(node);
        let mut cursor = node.walk();
        let operators: Vec<String> = node
            .children_by_field_name("operators", &mut cursor)
            .map(|op| {
                op.utf8_text(self.source())
                    .unwrap_or("")
                    .split_whitespace()
                    .collect::<Vec<_>>()
                    .join(" ")
            })
            .collect();
        if operands.len() != operators.len() + 1 {
            return self.unknown("a comparison the parser split oddly", node);
        }
        let mut left = self.eval(operands[0]);
        let mut result = Some(true);
        for (operator, operand) in operators.iter().zip(&operands[1..]) {
            let right = self.eval(*operand);
            let this = compare(operator, &left, &right);
            result = match (result, this) {
                (Some(false), _) | (_, Some(false)) => Some(false),
                (Some(true), Some(true)) => Some(true),
                _ => None,
            };
            left = right;
        }
        match result {
            Some(truth) => Val::known(Py::Bool(truth)),
            None => Val::unknown(),
        }
    }

    /// A name: what the innermost scope that binds it holds where it is read.
    fn name(&mut self, node: Node<'t>) -> Val {
        let name = self.text(node);
        if let Some(value) = rows::identifier(self, node, name) {
            return value;
        }
        let source = self.source();
        let mut read = Some(node);
        let mut scope = flow::scope_of(node);
        loop {
            match scope.kind() {
                "module" => {
                    if !self.reader.whole {
                        return self.need(Needs::WholeFile, node);
                    }
                    let sym = flow::value_at(scope, Target::Name(name), read, source);
                    return self.sym(sym, node);
                }
                "function_definition" | "lambda"
                    if !flow::is_declared_outer(scope, name, source)
                        && flow::binds(scope, name, source) =>
                {
                    let sym = flow::value_at(scope, Target::Name(name), read, source);
                    return self.sym(sym, node);
                }
                // A class body's names are seen only by the body itself.
                "class_definition" if read == Some(node) && flow::binds(scope, name, source) => {
                    if !self.reader.whole {
                        return self.need(Needs::WholeFile, node);
                    }
                    let sym = flow::value_at(scope, Target::Name(name), read, source);
                    return self.sym(sym, node);
                }
                _ => {}
            }
            // An outer scope's name is read when the inner one runs: once it has run.
            read = None;
            scope = match scope.parent() {
                Some(parent) => flow::scope_of(parent),
                None => return self.unknown("a name the module does not bind", node),
            };
            if scope.kind() == "module" && !self.reader.whole {
                return self.need(Needs::WholeFile, node);
            }
        }
    }

    /// The value of what a name or key holds.
    pub fn sym(&mut self, sym: Sym<'t>, at: Node<'t>) -> Val {
        match sym {
            Sym::Expr(expression) => {
                self.reads.push(Read::Binding(expression.byte_range()));
                self.eval(expression)
            }
            Sym::If(condition, then, otherwise) => match self.eval(condition).truth() {
                Some(true) => self.sym(*then, at),
                Some(false) => self.sym(*otherwise, at),
                None => {
                    let (a, b) = (self.sym(*then, at), self.sym(*otherwise, at));
                    join(a, b)
                }
            },
            Sym::Parameter(parameter) => self.parameter(parameter, at),
            Sym::Import(_) => self.unknown("an imported name", at),
            Sym::Unbound => self.unknown("a name the module does not bind", at),
            Sym::Absent => Val::known(Py::Absent),
            Sym::Unknown(reason) => self.unknown(reason, at),
            Sym::Never => self.unknown("a path that does not reach the cookie", at),
        }
    }

    /// A parameter: its argument in the call being followed, else a parameter of the
    /// function the value is read in, which its callers decide.
    fn parameter(&mut self, parameter: Node<'t>, at: Node<'t>) -> Val {
        let function = flow::scope_of(parameter);
        let name = parameter_name(parameter, self.source());
        let frame = self
            .frames
            .iter()
            .rposition(|frame| frame.function == function);
        let Some(depth) = frame else {
            let method = function
                .child_by_field_name("name")
                .map(|n| self.text(n))
                .filter(|name| self.reader.vocabulary.sinks.contains(name))
                .filter(|_| enclosing_class(parameter).is_some());
            if let Some(method) = method {
                self.reads
                    .push(Read::Callers(format!("{method}()"), parameter.byte_range()));
                return Val::known(Py::Bool(true));
            }
            self.reads.push(Read::Parameter(parameter.byte_range()));
            return self.unknown("a parameter", at);
        };
        let argument = self.frames[depth]
            .arguments
            .iter()
            .find(|(bound, _)| *bound == name)
            .map(|&(_, argument)| argument);
        match argument {
            Some(Argument::Given(expression, caller)) => {
                let saved = self.frames.clone();
                self.frames.truncate(caller);
                let value = self.eval(expression);
                self.frames = saved;
                value
            }
            Some(Argument::Default(default)) => {
                let saved = self.frames.clone();
                self.frames.truncate(depth);
                let value = self.eval(default);
                self.frames = saved;
                value
            }
            Some(Argument::Missing) | None => {
                self.unknown("a parameter the call does not pass", at)
            }
        }
    }

    /// `self.name`: a class attribute the enclosing class assigns.
    fn attribute(&mut self, node: Node<'t>) -> Val {
        let object = node.child_by_field_name("object");
        let attribute = node.child_by_field_name("attribute");
        let (Some(object), Some(attribute)) = (object, attribute) else {
            return self.unknown("an attribute", node);
        };
        if matches!(self.text(object), "self" | "cls") {
            // The windows may not show the class around the method.
            if !self.reader.whole {
                return self.need(Needs::WholeFile, node);
            }
            if let Some(class) = enclosing_class(node) {
                let name = self.text(attribute);
                if flow::binds(class, name, self.source()) {
                    let sym = flow::value_at(class, Target::Name(name), None, self.source());
                    return self.sym(sym, node);
                }
            }
        }
        self.unknown("an attribute known only at run time", node)
    }

    /// `d["key"]` of a dict the scope writes out.
    fn subscript(&mut self, node: Node<'t>) -> Val {
        let (Some(value), Some(index)) = (
            node.child_by_field_name("value"),
            node.child_by_field_name("subscript"),
        ) else {
            return self.unknown("a subscript", node);
        };
        let key = literal::plain_string(index, self.source());
        match (value.kind(), key) {
            ("identifier", Some(key)) => {
                let name = self.text(value);
                self.key(name, key, node)
            }
            _ => self.unknown("an item known only at run time", node),
        }
    }

    /// What key `key` of the dict named `name` holds where `at` reads it.
    pub fn key(&mut self, name: &str, key: &str, at: Node<'t>) -> Val {
        let source = self.source();
        let mut scope = flow::scope_of(at);
        let mut read = Some(at);
        loop {
            let binds = flow::binds(scope, name, source);
            if scope.kind() == "module" || binds {
                if scope.kind() == "module" && !self.reader.whole {
                    return self.need(Needs::WholeFile, at);
                }
                let sym = flow::value_at(scope, Target::Key(name, key), read, source);
                // Other modules may add to a module's dict: only a function's own dict
                // is known to lack a key.
                if scope.kind() == "module" && sym == Sym::Absent {
                    return self.unknown("a module's dict, which other modules may change", at);
                }
                return self.sym(sym, at);
            }
            read = None;
            scope = match scope.parent() {
                Some(parent) => flow::scope_of(parent),
                None => return self.unknown("a dict the module does not bind", at),
            };
        }
    }

    /// The value a call of a function of the module returns, its parameters bound to
    /// the call's arguments.
    pub fn returned(&mut self, call: Node<'t>, function: Node<'t>, skip_self: bool) -> Val {
        if self.frames.iter().any(|frame| frame.function == function) {
            return self.unknown("a recursive function", call);
        }
        let Some(arguments) =
            bind_arguments(call, function, skip_self, self.source(), self.frames.len())
        else {
            return self.unknown(
                "a call whose arguments cannot be matched to parameters",
                call,
            );
        };
        self.frames.push(Frame {
            function,
            arguments,
        });
        let sym = flow::returned(function, self.source());
        let value = self.sym(sym, call);
        self.frames.pop();
        value
    }
}

/// Either of two values, known only where they agree.
fn join(a: Val, b: Val) -> Val {
    match (a.truth(), b.truth()) {
        (Some(x), Some(y)) if x == y => {
            if a.py == b.py {
                Val { origin: None, ..a }
            } else {
                Val::known(Py::Truth(x))
            }
        }
        _ => Val::unknown(),
    }
}

fn compare(operator: &str, left: &Val, right: &Val) -> Option<bool> {
    let (Some(a), Some(b)) = (&left.py, &right.py) else {
        return None;
    };
    match operator {
        "==" => a.equals(b),
        "!=" | "<>" => a.equals(b).map(|e| !e),
        "is" => identical(a, b),
        "is not" => identical(a, b).map(|e| !e),
        "in" => contains(b, a),
        "not in" => contains(b, a).map(|c| !c),
        _ => None,
    }
}

/// `is` between singletons (`None`, `True`, `False`).
fn identical(a: &Py, b: &Py) -> Option<bool> {
    match (a, b) {
        (Py::None, Py::None) => Some(true),
        (Py::Bool(x), Py::Bool(y)) => Some(x == y),
        (Py::None, Py::Bool(_) | Py::Str(_) | Py::Int(_))
        | (Py::Bool(_) | Py::Str(_) | Py::Int(_), Py::None) => Some(false),
        (Py::Bool(_), Py::Str(_) | Py::Int(_)) | (Py::Str(_) | Py::Int(_), Py::Bool(_)) => {
            Some(false)
        }
        _ => None,
    }
}

/// `item in container`.
fn contains(container: &Py, item: &Py) -> Option<bool> {
    match (container, item) {
        (Py::Str(haystack), Py::Str(needle)) => Some(haystack.contains(needle.as_str())),
        (Py::Seq(items), Py::Host) => {
            let all_loopback = items.iter().all(|i| i.text().is_some_and(is_loopback));
            all_loopback.then_some(false)
        }
        (Py::Seq(items), item) => {
            let mut unknown = false;
            for candidate in items {
                match candidate.py.as_ref().and_then(|py| py.equals(item)) {
                    Some(true) => return Some(true),
                    Some(false) => {}
                    None => unknown = true,
                }
            }
            (!unknown).then_some(false)
        }
        _ => None,
    }
}

/// A loopback host, as a browser exempts it from the Secure rules (and a development
/// server serves it): `localhost`, `127.0.0.1`, `::1`.
pub fn is_loopback(name: &str) -> bool {
    let name = name.trim_start_matches('[').trim_end_matches(']');
    let host = name.split(':').next().unwrap_or(name);
    name == "::1"
        || host == "localhost"
        || host.ends_with(".localhost")
        || host.starts_with("127.")
        || host == "0.0.0.0"
}

fn parse_int(text: &str) -> Option<i64> {
    let text = text.replace('_', "");
    let lower = text.to_ascii_lowercase();
    for (prefix, radix) in [("0x", 16), ("0o", 8), ("0b", 2)] {
        if let Some(digits) = lower.strip_prefix(prefix) {
            return i64::from_str_radix(digits, radix).ok();
        }
    }
    lower.parse().ok()
}

/// The name of a parameter node.
pub fn parameter_name<'s>(parameter: Node, source: &'s [u8]) -> &'s str {
    let id = match parameter.kind() {
        "identifier" => Some(parameter),
        "typed_parameter" => parse::first_code_child(parameter),
        _ => parameter.child_by_field_name("name"),
    };
    id.and_then(|id| id.utf8_text(source).ok()).unwrap_or("")
}

/// The class whose method holds `node`.
pub fn enclosing_class(node: Node) -> Option<Node> {
    let function = {
        let mut scope = flow::scope_of(node);
        while scope.kind() == "lambda" {
            scope = flow::scope_of(scope.parent()?);
        }
        scope
    };
    if function.kind() != "function_definition" {
        return None;
    }
    let class = flow::scope_of(function.parent()?);
    (class.kind() == "class_definition").then_some(class)
}

/// A call's arguments bound to a function's parameters, as Python binds them: by
/// position (past `self` for a method called through an object), then by keyword, then
/// defaults. `None` where a splat or an odd parameter makes it uncertain.
pub fn bind_arguments<'t>(
    call: Node<'t>,
    function: Node<'t>,
    skip_self: bool,
    source: &[u8],
    caller_depth: usize,
) -> Option<Vec<(String, Argument<'t>)>> {
    let parameters = parse::code_children(function.child_by_field_name("parameters")?);
    let arguments = parse::code_children(call.child_by_field_name("arguments")?);
    let mut positional = Vec::new();
    let mut keywords = Vec::new();
    for argument in arguments {
        match argument.kind() {
            "keyword_argument" => {
                let name = argument
                    .child_by_field_name("name")?
                    .utf8_text(source)
                    .ok()?;
                keywords.push((name, argument.child_by_field_name("value")?));
            }
            "list_splat" | "dictionary_splat" => return None,
            _ => positional.push(argument),
        }
    }
    let mut bound = Vec::new();
    let mut position = 0;
    let mut keyword_only = false;
    for (index, parameter) in parameters.iter().enumerate() {
        let kind = parameter.kind();
        if index == 0 && skip_self {
            continue;
        }
        match kind {
            "list_splat_pattern" | "keyword_separator" => {
                keyword_only = true;
                continue;
            }
            "dictionary_splat_pattern" | "positional_separator" => continue,
            _ => {}
        }
        let name = parameter_name(*parameter, source);
        let given_by_position = (!keyword_only)
            .then(|| positional.get(position).copied())
            .flatten();
        if !keyword_only {
            position += 1;
        }
        let by_keyword = keywords.iter().find(|(k, _)| *k == name).map(|&(_, v)| v);
        let argument = match (given_by_position, by_keyword) {
            (Some(value), _) | (None, Some(value)) => Argument::Given(value, caller_depth),
            (None, None) => match flow::parameter_default(*parameter) {
                Some(default) => Argument::Default(default),
                None => Argument::Missing,
            },
        };
        bound.push((name.to_owned(), argument));
    }
    Some(bound)
}

/// Every parameter of a function bound to its default (or missing): the function
/// called with nothing but what it must be given.
pub fn bind_defaults<'t>(function: Node<'t>, source: &[u8]) -> Vec<(String, Argument<'t>)> {
    let Some(parameters) = function.child_by_field_name("parameters") else {
        return Vec::new();
    };
    parse::code_children(parameters)
        .into_iter()
        .map(|parameter| {
            let argument = match flow::parameter_default(parameter) {
                Some(default) => Argument::Default(default),
                None => Argument::Missing,
            };
            (parameter_name(parameter, source).to_owned(), argument)
        })
        .collect()
}

/// Whether a parameter has no default.
pub fn is_required(parameter: Node) -> bool {
    flow::parameter_default(parameter).is_none()
}
