//! The truth value of a literal expression, as Python would compute it.

use std::ops::Range;

use tree_sitter::Node;

use crate::parse;

/// `Some(true)` or `Some(false)` for a literal with a known truth value,
/// `None` for anything that must be evaluated at run time.
pub fn truthiness(node: Node, source: &[u8]) -> Option<bool> {
    let node = unparenthesize(node);
    match node.kind() {
        "true" | "ellipsis" => Some(true),
        "false" | "none" => Some(false),
        "integer" | "float" => Some(!is_zero(node.utf8_text(source).ok()?)),
        "string" => string_truthiness(node, source),
        "concatenated_string" => {
            let mut any_nonempty = false;
            for part in parse::code_children(node) {
                match string_truthiness(part, source) {
                    Some(true) => any_nonempty = true,
                    Some(false) => {}
                    None => return None,
                }
            }
            Some(any_nonempty)
        }
        _ => None,
    }
}

/// The expression inside any number of parentheses, past comments and continuations.
pub fn unparenthesize(mut node: Node) -> Node {
    while node.kind() == "parenthesized_expression" {
        match parse::first_code_child(node) {
            Some(inner) => node = inner,
            None => break,
        }
    }
    node
}

/// The bytes that become `True` when the literal `value` is replaced: the whole value,
/// parentheses included (`(False)` -> `True`), except parentheses with a comment inside,
/// which stay with their comment (`((  # why` `(False)))` -> `((  # why` `True))`).
/// `None` when the literal itself holds a comment (`"" # why` then `""` on the next
/// line), which no replacement could keep.
///
/// Comments are found in the bytes, not in the tree: the parser does not see those alone
/// on their line (see parse.rs). No falsy literal holds a `#` of its own: its strings
/// are empty.
pub fn replaced_range(value: Node, source: &[u8]) -> Option<Range<usize>> {
    let holds_comment = |node: Node| source[node.byte_range()].contains(&b'#');
    let mut node = value;
    while holds_comment(node) {
        node = match node.kind() {
            "parenthesized_expression" => parse::first_code_child(node)?,
            _ => return None,
        };
    }
    Some(node.byte_range())
}

/// Whether a string literal is non-empty, read from its text between the quotes: the
/// tree cannot tell, since tree-sitter puts some contents in no node of their own (the
/// `\\` of `r"\\"` becomes part of the closing quote). Outside a raw string, a
/// backslash before a line ending is no character; an f-string with a replacement field
/// is known only at run time.
fn string_truthiness(node: Node, source: &[u8]) -> Option<bool> {
    if node.kind() != "string" {
        return None;
    }
    let mut cursor = node.walk();
    if node
        .named_children(&mut cursor)
        .any(|child| child.kind() == "interpolation")
    {
        return None;
    }
    let (prefix, content) = prefix_and_content(source.get(node.byte_range())?)?;
    if prefix.iter().any(|b| b.eq_ignore_ascii_case(&b'r')) {
        return Some(!content.is_empty());
    }
    let mut rest = content;
    loop {
        let continued = [b"\\\r\n".as_slice(), b"\\\n", b"\\\r"]
            .iter()
            .find_map(|escape| rest.strip_prefix(*escape));
        match continued {
            Some(after) => rest = after,
            None => return Some(!rest.is_empty()),
        }
    }
}

/// The text of a plain string literal, as its value: one piece, no replacement
/// field, no escape (a backslash anywhere gives `None`), not bytes. A dict key or a
/// setting's name, read as Python would compare it.
pub fn plain_string<'s>(node: Node, source: &'s [u8]) -> Option<&'s str> {
    let node = unparenthesize(node);
    if node.kind() != "string" {
        return None;
    }
    let (prefix, content) = prefix_and_content(source.get(node.byte_range())?)?;
    if prefix
        .iter()
        .any(|b| matches!(b.to_ascii_lowercase(), b'b' | b'f' | b't'))
    {
        return None;
    }
    if content.contains(&b'\\') {
        return None;
    }
    std::str::from_utf8(content).ok()
}

/// A one-piece string literal's prefix (`rb`) and the text between its quotes.
fn prefix_and_content(text: &[u8]) -> Option<(&[u8], &[u8])> {
    let prefix_len = text.iter().take_while(|b| b.is_ascii_alphabetic()).count();
    let (prefix, quoted) = text.split_at(prefix_len);
    let quote = *quoted.first()?;
    let triple = quoted.len() >= 6 && quoted[1] == quote && quoted[2] == quote;
    let quotes = if triple { 3 } else { 1 };
    let content = quoted.get(quotes..quoted.len().checked_sub(quotes)?)?;
    Some((prefix, content))
}

/// The quote character a string literal is written with.
pub fn quote_of(node: Node, source: &[u8]) -> Option<char> {
    let text = source.get(unparenthesize(node).byte_range())?;
    text.iter()
        .find(|b| matches!(b, b'"' | b'\''))
        .map(|&b| b as char)
}

/// The quote of the first string literal in `node` (itself included), in source order:
/// the quote a string a fix writes beside it takes.
pub fn first_quote(node: Node, source: &[u8]) -> Option<char> {
    let mut cursor = node.walk();
    let mut pending = vec![node];
    while let Some(node) = pending.pop() {
        if node.kind() == "string" {
            return quote_of(node, source);
        }
        let children: Vec<Node> = node.named_children(&mut cursor).collect();
        pending.extend(children.into_iter().rev());
    }
    None
}

/// Whether a numeric literal's value is zero (`0`, `0x0`, `0.0`, `0e5`, `0j`, `0_0`).
fn is_zero(text: &str) -> bool {
    let text = text.to_ascii_lowercase().replace('_', "");
    let text = text.trim_end_matches(['j', 'l']);
    let digits = ["0x", "0o", "0b"]
        .iter()
        .find_map(|prefix| text.strip_prefix(prefix))
        .unwrap_or_else(|| text.split('e').next().unwrap_or(text));
    digits.chars().all(|c| c == '0' || c == '.')
}

#[cfg(test)]
mod tests {
    use super::{is_zero, truthiness};

    fn string_value(literal: &str) -> Option<bool> {
        let source = format!("x = {literal}\n");
        let parsed = crate::parse::parse(source.as_bytes()).expect("a tree");
        let value = parsed
            .tree
            .root_node()
            .named_child(0)
            .and_then(|statement| statement.named_child(0))
            .and_then(|assignment| assignment.child_by_field_name("right"))
            .expect("an assignment");
        truthiness(value, source.as_bytes())
    }

    #[test]
    fn string_literals_as_python_reads_them() {
        for (literal, truth) in [
            (r#"''"#, Some(false)),
            (r#""""#, Some(false)),
            (r#"b''"#, Some(false)),
            (r#"rb"""#, Some(false)),
            (r#"''''''"#, Some(false)),
            (r#""""""""#, Some(false)),
            (r#"f''"#, Some(false)),
            (r#"'' """#, Some(false)),
            ("'\\\n'", Some(false)),
            ("'\\\r\n'", Some(false)),
            (r#"r'\\'"#, Some(true)),
            (r#"r"\\""#, Some(true)),
            ("r'\\\n'", Some(true)),
            (r#"'\\'"#, Some(true)),
            (r#"'\x00'"#, Some(true)),
            (r#"' '"#, Some(true)),
            (r#"'''a'''"#, Some(true)),
            (r#"'' 'a'"#, Some(true)),
            (r#"f'{x}'"#, None),
        ] {
            assert_eq!(string_value(literal), truth, "{literal}");
        }
    }

    #[test]
    fn zero_literals() {
        for zero in [
            "0", "00", "0x0", "0o0", "0b0", "0.0", ".0", "0.", "0e10", "0j", "0_0",
        ] {
            assert!(is_zero(zero), "{zero}");
        }
        for nonzero in ["1", "0x10", "0.1", "1e-3", "1j", "10"] {
            assert!(!is_zero(nonzero), "{nonzero}");
        }
    }
}
