//! `secure-cookie`: a cookie call without `secure=True` (DESIGN.md sections 1 to 3).
//!
//! What is a cookie call, which framework's signature applies, and the verdict.

mod frameworks;
mod signature;

use std::cell::RefCell;
use std::sync::LazyLock;

use tree_sitter::{Node, Query, QueryCursor, StreamingIterator};

use super::{Checked, Context, NeedsWholeFile, Rule};
use crate::bindings::{self, Bindings};
use crate::call::{Arguments, Outcome, Signature};
use crate::diagnostic::{Detection, Verdict};
use crate::parse;
use crate::source::is_blank;

pub static RULE: Rule = Rule {
    id: "secure-cookie",
    name: "SecureCookie",
    summary: "Cookie set without the Secure attribute",
    description: "A cookie set without the Secure attribute is also sent over plain HTTP, \
                  where anyone on the network path can read it and take over the session \
                  (CWE-614, Sonar rule S2092).",
    help: "Pass secure=True to set_cookie(), set_signed_cookie(), set_secure_cookie(), \
           Litestar's Cookie() and Sanic's add_cookie(). `cookie-fix --write` inserts it.",
    help_markdown: "Pass `secure=True` to `set_cookie()`, `set_signed_cookie()`, \
                    `set_secure_cookie()`, Litestar's `Cookie()` and Sanic's `add_cookie()`. \
                    `cookie-fix --write` inserts it. To keep a call \
                    as it is, add `# cookie-fix: ignore` on one of its lines.",
    fix_title: "Set the Secure attribute",
    help_uri: super::PROJECT_URI,
    docs: include_str!("docs.md"),
    default: true,
    needles: NEEDLES,
    may_match: may_be_called,
    query: Some(|| &QUERY),
    check,
};

/// The names of the calls this rule looks at.
pub const SETTERS: &[&str] = &["set_cookie", "set_signed_cookie", "set_secure_cookie"];

/// The setters, and the names of [`frameworks::COOKIE_OBJECTS`].
const NEEDLES: &[&str] = &[
    "set_cookie",
    "set_signed_cookie",
    "set_secure_cookie",
    "add_cookie",
    "Cookie",
];

/// Litestar's cookie class, called by its own name as often as through an attribute.
const COOKIE_CLASS: &str = "Cookie";

/// The keyword a fix passes.
const KEYWORD: &str = "secure";

static QUERY: LazyLock<Query> =
    LazyLock::new(|| super::compile_query("secure_cookie/query.scm", include_str!("query.scm")));

thread_local! {
    static CURSOR: RefCell<QueryCursor> = RefCell::new(QueryCursor::new());
}

/// Everything in a file that the rule reads, gathered in one pass of the query.
#[derive(Default)]
struct Captured<'tree> {
    calls: Vec<(Node<'tree>, Node<'tree>, Node<'tree>, &'static str)>,
    imports: Vec<Node<'tree>>,
    /// Local methods named like a setter: the name, the parameters, the definition.
    definitions: Vec<(&'static str, Node<'tree>, Node<'tree>)>,
}

/// The cookie calls of a parsed file that are not secure, in source order.
fn check(context: &Context) -> Checked {
    let source = context.source;
    let captured = capture(context, source);
    let families = frameworks::imported_families(
        captured
            .imports
            .iter()
            .filter_map(|n| n.utf8_text(source).ok()),
    );

    let mut detections = Vec::new();
    for &(call, receiver, arguments, method) in &captured.calls {
        if !is_response(receiver, source) || is_single_plain_argument(arguments) {
            continue;
        }
        let framework = frameworks::signatures_for(method, &families);
        let forwarded = frameworks::forwarded_signatures(&families);
        let own: Vec<Signature> = captured
            .definitions
            .iter()
            .filter(|(defined, _, _)| *defined == method)
            .map(|&(_, parameters, _)| signature::from_parameters(parameters, source, &forwarded))
            .collect();
        // `set_signed_cookie` and `set_secure_cookie` pass their keyword arguments on to
        // `self.set_cookie(...)`: a subclass's `set_cookie` in this file receives `secure`.
        let mut forwarded_to = Vec::new();
        if own.is_empty() && method != "set_cookie" {
            for &(defined, parameters, definition) in &captured.definitions {
                if defined != "set_cookie" {
                    continue;
                }
                match overrides_inherited(definition) {
                    Some(true) => forwarded_to
                        .push(signature::from_parameters(parameters, source, &forwarded)),
                    Some(false) => {}
                    // The window shows the method, not its class.
                    None if !context.whole => return Err(NeedsWholeFile),
                    None => {}
                }
            }
        }
        let signatures = if own.is_empty() { framework } else { own };
        let outcome = if forwarded_to.iter().any(|s| !s.keyword) {
            Outcome::NoSecureParameter
        } else {
            Arguments::new(arguments, source, KEYWORD).evaluate(&signatures, source)
        };
        let forwards = !forwarded_to.is_empty();
        if let Some(detection) = detection(context, call, arguments, method, outcome, forwards) {
            detections.push(detection);
        }
    }
    detections.extend(cookie_objects(context, &captured.imports));
    detections.sort_by_key(|d| (d.range.start, d.range.end));
    Ok(detections)
}

/// The findings on calls of [`frameworks::COOKIE_OBJECTS`], looked up where their
/// names are: a query pattern for them would visit every call of every file.
fn cookie_objects(context: &Context, imports: &[Node]) -> Vec<Detection> {
    let source = context.source;
    let mut calls = Vec::new();
    for object in frameworks::COOKIE_OBJECTS {
        for at in memchr::memmem::find_iter(source, object.name.as_bytes()) {
            let Some((call, callee)) = parse::call_named_at(context.tree, at, object.name.len())
            else {
                continue;
            };
            let arguments = call
                .child_by_field_name("arguments")
                .filter(|arguments| arguments.kind() == "argument_list");
            if let Some(arguments) = arguments {
                calls.push((call, callee, arguments, object));
            }
        }
    }
    if calls.is_empty() {
        return Vec::new();
    }
    let bindings = Bindings::of(bindings::import_statements(context.tree, source), source);
    let modules: Vec<&str> = imports
        .iter()
        .filter_map(|n| n.utf8_text(source).ok())
        .collect();
    let mut detections = Vec::new();
    for (call, callee, arguments, object) in calls {
        let is_sink = match object.callee {
            frameworks::Callee::Class(paths) => bindings
                .path_of(callee, source)
                .is_some_and(|path| paths.contains(&path.as_str())),
            frameworks::Callee::Method(imported) => {
                callee.kind() == "attribute" && imported.iter().any(|m| modules.contains(m))
            }
        };
        if !is_sink {
            continue;
        }
        let outcome = Arguments::new(arguments, source, KEYWORD)
            .evaluate(std::slice::from_ref(&object.signature), source);
        detections.extend(detection(
            context,
            call,
            arguments,
            object.name,
            outcome,
            false,
        ));
    }
    detections
}

/// Whether a method is defined in a class with base classes, where it overrides an
/// inherited one (a handler's `set_cookie`), rather than in a class of its own (a
/// helper's); `None` when the tree does not show its class.
fn overrides_inherited(definition: Node) -> Option<bool> {
    let mut node = definition;
    while let Some(parent) = node.parent() {
        if parent.kind() == "class_definition" {
            let bases = parent.child_by_field_name("superclasses");
            return Some(bases.is_some_and(|bases| !parse::code_children(bases).is_empty()));
        }
        node = parent;
    }
    None
}

/// The finding for one call's outcome, with its message and edits; none if it is secure.
fn detection(
    context: &Context,
    call: Node,
    arguments: Node,
    method: &'static str,
    outcome: Outcome,
    forwards_to_local: bool,
) -> Option<Detection> {
    let body = context.body;
    let fix_value = &context.settings.secure_value;
    let text = |range: std::ops::Range<usize>| String::from_utf8_lossy(&body[range]).into_owned();
    let edits = outcome.edits(arguments, KEYWORD, fix_value, body, context.lines);
    let (verdict, message) = match outcome {
        Outcome::Secure => return None,
        Outcome::Missing => (
            Verdict::Missing,
            format!("{method}() without {KEYWORD}=True"),
        ),
        Outcome::Falsy { value, .. } => (
            Verdict::Falsy,
            format!("{method}() with {KEYWORD}={}", text(value)),
        ),
        Outcome::Dynamic(value) => (
            Verdict::Dynamic,
            format!(
                "{method}() with {KEYWORD}={}: check that it is true in production",
                text(value)
            ),
        ),
        Outcome::Splat => (
            Verdict::Splat,
            format!("{method}() passes *args or **kwargs: check that they set {KEYWORD}=True"),
        ),
        Outcome::ThroughArgs => (
            Verdict::ThroughArgs,
            format!(
                "{method}() is defined in this file with *args, through which these positional arguments may reach {KEYWORD}: check that they set it"
            ),
        ),
        Outcome::NoSecureParameter if forwards_to_local => (
            Verdict::NoSecureParameter,
            format!(
                "{method}() passes {KEYWORD}= on to set_cookie(), which is defined in this file without a {KEYWORD} parameter: make it set Secure"
            ),
        ),
        Outcome::NoSecureParameter => (
            Verdict::NoSecureParameter,
            format!(
                "{method}() is defined in this file without a {KEYWORD} parameter: make it set Secure"
            ),
        ),
        Outcome::Ambiguous => (
            Verdict::Ambiguous,
            format!(
                "{method}(): the frameworks or definitions in this file disagree on where {KEYWORD} goes"
            ),
        ),
    };
    Some(Detection {
        subject: method,
        verdict,
        message,
        range: call.byte_range(),
        edits,
    })
}

fn capture<'tree>(context: &Context<'tree>, source: &[u8]) -> Captured<'tree> {
    let tree = context.tree;
    let query = &*QUERY;
    let index = |name: &str| {
        query
            .capture_index_for_name(name)
            .unwrap_or_else(|| panic!("secure_cookie/query.scm has no @{name}"))
    };
    let (call, receiver, method, arguments) = (
        index("call"),
        index("receiver"),
        index("method"),
        index("arguments"),
    );
    let (import, definition, definition_name, parameters) = (
        index("import"),
        index("definition"),
        index("definition.name"),
        index("definition.parameters"),
    );

    let setter = |node: Node| {
        let text = node.utf8_text(source).ok()?;
        SETTERS.iter().copied().find(|&name| name == text)
    };

    CURSOR.with_borrow_mut(|cursor| {
        let mut captured = Captured::default();
        let mut matches = cursor.matches(query, tree.root_node(), source);
        while let Some(found) = matches.next() {
            let node = |capture| found.nodes_for_capture_index(capture).next();
            if let Some(import) = node(import) {
                captured.imports.push(import);
            } else if let (Some(definition), Some(name), Some(parameters)) =
                (node(definition), node(definition_name), node(parameters))
            {
                // Only a method is what an attribute call reaches: a module-level
                // `def set_cookie()` is a view or a helper.
                if let Some(name) = setter(name).filter(|_| context.is_method(definition)) {
                    captured.definitions.push((name, parameters, definition));
                }
            } else if let (Some(call), Some(receiver), Some(method), Some(arguments)) =
                (node(call), node(receiver), node(method), node(arguments))
            {
                if let Some(method) = setter(method) {
                    captured.calls.push((call, receiver, arguments, method));
                }
            }
        }
        captured
    })
}

/// Test clients and cookie jars also have a `set_cookie`; their calls are not HTTP responses.
fn is_response(receiver: Node, source: &[u8]) -> bool {
    let Some(name) = last_name(receiver, source) else {
        return true;
    };
    let name = name.to_ascii_lowercase();
    !(name.ends_with("client")
        || name.ends_with("app")
        || name.contains("jar")
        || name == "cookies")
}

/// The last name in a receiver expression: `client` in `self.client`,
/// `test_client` in `app.test_client()`, `responses` in `responses[0]`.
fn last_name<'s>(mut node: Node, source: &'s [u8]) -> Option<&'s str> {
    loop {
        node = match node.kind() {
            "identifier" => return node.utf8_text(source).ok(),
            "attribute" => node.child_by_field_name("attribute")?,
            "call" => node.child_by_field_name("function")?,
            "subscript" => node.child_by_field_name("value")?,
            "parenthesized_expression" | "await" => parse::first_code_child(node)?,
            _ => return None,
        };
    }
}

/// `jar.set_cookie(cookie)`, `response.set_cookie(Cookie(...))`: a cookie object, not a key.
fn is_single_plain_argument(arguments: Node) -> bool {
    match parse::code_children(arguments).as_slice() {
        [only] => !matches!(
            only.kind(),
            "list_splat" | "dictionary_splat" | "keyword_argument"
        ),
        _ => false,
    }
}

/// The finer test of a needle: could the setter named at `at` be called here?
///
/// True for every occurrence of a setter's name that might be an attribute call:
/// unless the name is preceded on its line by something other than `.` (as in
/// `def set_cookie`, `"set_cookie"`) or followed on its line by something other than
/// `(` (as in `Response.set_cookie)`), it counts. Whatever may stand between the dot,
/// the name and the parenthesis across lines (continuations, comments in brackets)
/// makes the occurrence count too, so no real call is ever missed. Litestar's `Cookie`
/// may also be called by its own name: only a longer name (`SimpleCookie`) rules it out.
fn may_be_called(bytes: &[u8], at: usize, needle: &str) -> bool {
    let end = at + needle.len();
    let called = !is_identifier_byte(bytes.get(end)) && call_after(&bytes[end..]);
    if needle == COOKIE_CLASS {
        // `Cookie(` by its own name or through a module: not `SimpleCookie(`.
        return called && !is_identifier_byte(at.checked_sub(1).and_then(|b| bytes.get(b)));
    }
    called && attribute_before(&bytes[..at])
}

fn is_identifier_byte(byte: Option<&u8>) -> bool {
    byte.is_some_and(|&b| b.is_ascii_alphanumeric() || b == b'_' || b >= 0x80)
}

/// The name may follow a `.`: the last byte before it on its line, past blanks, is a
/// dot, or there is none (the dot may be on an earlier line).
fn attribute_before(before: &[u8]) -> bool {
    match before.iter().rev().find(|b| !is_blank(b)) {
        Some(b'.' | b'\n' | b'\r') | None => true,
        Some(_) => false,
    }
}

/// The name may be called: the next byte on its line, past blanks, is `(`, or there is
/// none (the parenthesis may be on a later line, after a comment or a continuation).
fn call_after(after: &[u8]) -> bool {
    match after.iter().find(|b| !is_blank(b)) {
        Some(b'(' | b'\n' | b'\r' | b'#' | b'\\') | None => true,
        Some(_) => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn query_compiles_with_every_capture() {
        for name in [
            "call",
            "receiver",
            "method",
            "arguments",
            "import",
            "definition",
            "definition.name",
            "definition.parameters",
        ] {
            assert!(QUERY.capture_index_for_name(name).is_some(), "@{name}");
        }
    }

    fn may_call_setter(text: &str) -> bool {
        let bytes = text.as_bytes();
        SETTERS.iter().any(|setter| {
            memchr::memmem::find_iter(bytes, setter).any(|at| may_be_called(bytes, at, setter))
        })
    }

    #[test]
    fn prefilter_keeps_every_possible_call() {
        for call in [
            "r.set_cookie('k', 'v')",
            "r . set_signed_cookie ('k', 'v')",
            "make_response(x).set_secure_cookie(",
            "(r\n    .set_cookie\n    ('k', 'v'))",
            "r.set_cookie  # why\n    ('k', 'v')",
            "r.\\\nset_cookie('k')",
            "r.set_cookie",
        ] {
            assert!(may_call_setter(call), "{call:?}");
        }
    }

    #[test]
    fn prefilter_drops_what_cannot_be_a_call() {
        for text in [
            "def set_cookie(self, key):",
            "handler = Response.set_cookie, other",
            "'set_cookie'",
            "r.set_cookies('k')",
            "r.reset_cookie('k')",
            "x = 1",
        ] {
            assert!(!may_call_setter(text), "{text:?}");
        }
    }
}
