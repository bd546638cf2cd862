//! Calls that delete a cookie (DESIGN.md section 8): an empty value with a zero or past
//! lifetime. A deletion follows the cookie it deletes: it is judged, and fixed, only
//! where the file sets that cookie with a flag written as a literal (fixed in the same
//! run, or already Secure); where the cookie's flag is settled otherwise, or the file
//! does not set it, the deletion is left as it is. A Secure deletion that a browser
//! receives over plain HTTP is ignored (RFC 6265bis), so logout would break where the
//! cookie itself follows the scheme.

use tree_sitter::Node;

use crate::literal;
use crate::parse;

/// The name of the cookie a call deletes, as the file writes it (a literal's text, or
/// the expression's without blanks); `None` for a call that sets a cookie.
pub fn deleted(arguments: Node, source: &[u8]) -> Option<String> {
    let children = parse::code_children(arguments);
    let keyword = |names: &[&str]| {
        children.iter().find_map(|argument| {
            let name = argument
                .child_by_field_name("name")?
                .utf8_text(source)
                .ok()?;
            names
                .contains(&name)
                .then(|| argument.child_by_field_name("value"))
                .flatten()
        })
    };
    let positional: Vec<Node> = children
        .iter()
        .copied()
        .filter(|a| {
            !matches!(
                a.kind(),
                "keyword_argument" | "list_splat" | "dictionary_splat"
            )
        })
        .collect();
    let value = keyword(&["value"]).or_else(|| positional.get(1).copied());
    let empty = match value {
        Some(value) => literal::plain_string(value, source) == Some(""),
        // Left out, the value is the empty string (werkzeug, django, starlette).
        None => true,
    };
    let ended = keyword(&["max_age"]).is_some_and(|age| is_zero_or_less(age, source))
        || keyword(&["expires"]).is_some_and(|expires| is_past(expires, source))
        || keyword(&["expires_days"]).is_some_and(|days| is_zero_or_less(days, source));
    if !empty || !ended {
        return None;
    }
    let name = keyword(&["key", "name"]).or_else(|| positional.first().copied())?;
    Some(name_of(name, source))
}

/// The name of the cookie a call sets, as [`deleted`] writes it.
pub fn name(arguments: Node, source: &[u8]) -> Option<String> {
    let children = parse::code_children(arguments);
    let by_keyword = children.iter().find_map(|argument| {
        let name = argument
            .child_by_field_name("name")?
            .utf8_text(source)
            .ok()?;
        matches!(name, "key" | "name")
            .then(|| argument.child_by_field_name("value"))
            .flatten()
    });
    let first = children.first().filter(|a| {
        !matches!(
            a.kind(),
            "keyword_argument" | "list_splat" | "dictionary_splat"
        )
    });
    Some(name_of(by_keyword.or(first.copied())?, source))
}

fn name_of(node: Node, source: &[u8]) -> String {
    match literal::plain_string(node, source) {
        Some(text) => format!("{text:?}"),
        None => node
            .utf8_text(source)
            .unwrap_or("")
            .split_whitespace()
            .collect(),
    }
}

/// `0`, `-1`, `0.0`: a lifetime that has ended.
fn is_zero_or_less(node: Node, source: &[u8]) -> bool {
    let node = literal::unparenthesize(node);
    match node.kind() {
        "integer" | "float" => literal::truthiness(node, source) == Some(false),
        "unary_operator" => node
            .child_by_field_name("operator")
            .is_some_and(|op| op.utf8_text(source).ok() == Some("-")),
        _ => false,
    }
}

/// `expires=0`, a date string of 1970, `datetime(1970, ...)`, `datetime.fromtimestamp(0)`.
fn is_past(node: Node, source: &[u8]) -> bool {
    let node = literal::unparenthesize(node);
    match node.kind() {
        "integer" | "float" | "unary_operator" => is_zero_or_less(node, source),
        "string" => literal::plain_string(node, source).is_some_and(|text| text.contains("1970")),
        "call" => {
            let callee = node
                .child_by_field_name("function")
                .and_then(|f| f.utf8_text(source).ok())
                .unwrap_or("");
            let first = node
                .child_by_field_name("arguments")
                .and_then(parse::first_code_child);
            let first = first.and_then(|a| a.utf8_text(source).ok()).unwrap_or("");
            (callee.ends_with("datetime") && first == "1970")
                || (callee.ends_with("fromtimestamp") && first == "0")
        }
        _ => false,
    }
}
