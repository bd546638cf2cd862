//! The truth value of a literal expression, as Python would compute it.

use tree_sitter::Node;

/// `Some(true)` or `Some(false)` for a literal with a known truth value,
/// `None` for anything that must be evaluated at run time.
pub fn truthiness(node: Node, source: &[u8]) -> Option<bool> {
    let node = unparenthesize(node);
    match node.kind() {
        "true" | "ellipsis" => Some(true),
        "false" | "none" => Some(false),
        "integer" | "float" => Some(!is_zero(node.utf8_text(source).ok()?)),
        "string" => string_truthiness(node),
        "concatenated_string" => {
            let mut cursor = node.walk();
            let mut any_nonempty = false;
            for part in node.named_children(&mut cursor) {
                match string_truthiness(part) {
                    Some(true) => any_nonempty = true,
                    Some(false) => {}
                    None if part.kind() == "comment" => {}
                    None => return None,
                }
            }
            Some(any_nonempty)
        }
        _ => None,
    }
}

/// The expression inside any number of parentheses.
pub fn unparenthesize(mut node: Node) -> Node {
    while node.kind() == "parenthesized_expression" {
        match node.named_child(0) {
            Some(inner) if inner.kind() != "comment" => node = inner,
            _ => break,
        }
    }
    node
}

fn string_truthiness(node: Node) -> Option<bool> {
    if node.kind() != "string" {
        return None;
    }
    let mut cursor = node.walk();
    let mut has_content = false;
    for child in node.named_children(&mut cursor) {
        match child.kind() {
            "interpolation" => return None,
            "string_content" => has_content = true,
            _ => {}
        }
    }
    Some(has_content)
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
    use super::is_zero;

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
