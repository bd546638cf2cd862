//! What is a cookie call, and its verdict (DESIGN.md sections 1 and 2).

mod frameworks;
mod literal;
mod signature;
mod suppress;
mod verdict;

use std::cell::RefCell;
use std::sync::LazyLock;

use tree_sitter::{Node, Query, QueryCursor, StreamingIterator, Tree};

use crate::parse::{self, Parsed};
use crate::source::LineIndex;
pub use frameworks::{Family, FAMILIES};
pub use literal::truthiness;
pub use signature::Signature;
pub use verdict::Outcome;

/// The names of the calls cookie-fix looks at.
pub const SETTERS: &[&str] = &["set_cookie", "set_signed_cookie", "set_secure_cookie"];

static QUERY: LazyLock<Query> = LazyLock::new(|| {
    Query::new(
        &tree_sitter_python::LANGUAGE.into(),
        include_str!("query.scm"),
    )
    .unwrap_or_else(|error| panic!("rule/query.scm does not compile: {error}"))
});

thread_local! {
    static CURSOR: RefCell<QueryCursor> = RefCell::new(QueryCursor::new());
}

/// One cookie call that is not secure, or that cannot be proven secure.
#[derive(Debug)]
pub struct Detection<'tree> {
    pub call: Node<'tree>,
    pub arguments: Node<'tree>,
    pub method: &'static str,
    pub outcome: Outcome,
    pub suppressed: bool,
}

/// Everything in a file that the rule reads, gathered in one pass of the query.
#[derive(Default)]
struct Captured<'tree> {
    calls: Vec<(Node<'tree>, Node<'tree>, Node<'tree>, &'static str)>,
    imports: Vec<Node<'tree>>,
    definitions: Vec<(&'static str, Node<'tree>)>,
    comments: Vec<Node<'tree>>,
}

/// Finds the cookie calls of a parsed file that are not secure, in source order.
pub fn detect<'tree>(
    parsed: &'tree Parsed,
    source: &[u8],
    lines: &LineIndex,
) -> Vec<Detection<'tree>> {
    let tree = &parsed.tree;
    let captured = capture(tree, source);
    let families = frameworks::imported_families(
        captured
            .imports
            .iter()
            .filter_map(|n| n.utf8_text(source).ok()),
    );
    // Comments alone on their line were hidden from the parser (see parse.rs). The
    // lexical pass that found them can misjudge a body it does not model (an
    // unterminated string): where the tree says a string, it is one.
    let own_line = parsed
        .own_line_comments
        .iter()
        .filter(|range| suppress::has_marker(&source[(*range).clone()]))
        .filter(|range| !parse::in_string(tree, range.start))
        .cloned();
    let comments = captured
        .comments
        .iter()
        .map(|n| n.byte_range())
        .chain(own_line);
    let suppressions = suppress::Suppressions::new(comments, source, lines);

    let mut detections = Vec::new();
    for &(call, receiver, arguments, method) in &captured.calls {
        if !is_response(receiver, source) || is_single_plain_argument(arguments) {
            continue;
        }
        let framework = frameworks::signatures_for(method, &families);
        let forwarded = frameworks::forwarded_signatures(&families);
        let local: Vec<Signature> = captured
            .definitions
            .iter()
            .filter(|(name, _)| *name == method)
            .map(|&(_, parameters)| Signature::from_parameters(parameters, source, &forwarded))
            .collect();
        let signatures = if local.is_empty() { framework } else { local };
        let outcome = verdict::Arguments::new(arguments, source).evaluate(&signatures, source);
        if outcome == Outcome::Secure {
            continue;
        }
        let first = lines.line_of(call.start_byte());
        let last = lines.line_of(call.end_byte());
        detections.push(Detection {
            call,
            arguments,
            method,
            outcome,
            suppressed: suppressions.covers(first, last),
        });
    }
    detections.sort_by_key(|d| (d.call.start_byte(), d.call.end_byte()));
    detections
}

fn capture<'tree>(tree: &'tree Tree, source: &[u8]) -> Captured<'tree> {
    let query = &*QUERY;
    let index = |name: &str| {
        query
            .capture_index_for_name(name)
            .unwrap_or_else(|| panic!("rule/query.scm has no @{name}"))
    };
    let (call, receiver, method, arguments) = (
        index("call"),
        index("receiver"),
        index("method"),
        index("arguments"),
    );
    let (import, definition, definition_name, parameters, comment) = (
        index("import"),
        index("definition"),
        index("definition.name"),
        index("definition.parameters"),
        index("comment"),
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
            if let Some(comment) = node(comment) {
                captured.comments.push(comment);
            } else if let Some(import) = node(import) {
                captured.imports.push(import);
            } else if let (Some(definition), Some(name), Some(parameters)) =
                (node(definition), node(definition_name), node(parameters))
            {
                if let Some(name) = setter(name).filter(|_| is_method(definition)) {
                    captured.definitions.push((name, parameters));
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

/// Whether a function definition is a method, the only kind of definition an attribute
/// call can reach: the nearest class or function around it is a class (its body, or a
/// block in its body such as `if` or `try`). A module-level `def set_cookie()` is a view
/// or a helper, and a function nested in a method is neither.
fn is_method(definition: Node) -> bool {
    let mut node = definition;
    while let Some(parent) = node.parent() {
        match parent.kind() {
            "class_definition" => return true,
            "function_definition" | "lambda" => return false,
            _ => node = parent,
        }
    }
    false
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
            "comment",
        ] {
            assert!(QUERY.capture_index_for_name(name).is_some(), "@{name}");
        }
    }
}
