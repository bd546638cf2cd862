//! Parsing a body with tree-sitter, one parser per thread.
//!
//! tree-sitter-python's scanner looks past every comment line that follows a line
//! break to find the next line's indentation, and does so again after each of those
//! comments: a block of n comment lines costs n² (2,000 lines took 8 s). The parser
//! therefore sees a copy of the body in which each comment that stands alone on its
//! line is blanked to spaces: offsets, lines and every code token stay the same, and
//! the scanner crosses the whole block in one pass. Those comments are returned
//! beside the tree, for suppression markers.

use std::borrow::Cow;
use std::cell::RefCell;
use std::ops::Range;

use tree_sitter::{Node, Parser, Tree};

use crate::source::trim_blank;

thread_local! {
    static PARSER: RefCell<Parser> = RefCell::new({
        let mut parser = Parser::new();
        parser
            .set_language(&tree_sitter_python::LANGUAGE.into())
            .unwrap_or_else(|error| panic!("the Python grammar does not load: {error}"));
        parser
    });
}

/// A syntax tree, and the comments alone on their lines that the parser did not see.
pub struct Parsed {
    pub tree: Tree,
    /// Byte ranges from `#` to the end of the line. A range may lie inside a string
    /// (a line of a triple-quoted string that starts with `#`): check with the tree.
    pub own_line_comments: Vec<Range<usize>>,
}

/// Parses `body`; `None` only if the parser gives up, which it does not without a timeout.
pub fn parse(body: &[u8]) -> Option<Parsed> {
    let (masked, own_line_comments) = blank_own_line_comments(body);
    let tree = PARSER.with_borrow_mut(|parser| parser.parse(&masked, None))?;
    Some(Parsed {
        tree,
        own_line_comments,
    })
}

/// A copy of `body` with every comment that stands alone on its line replaced by spaces.
fn blank_own_line_comments(body: &[u8]) -> (Cow<'_, [u8]>, Vec<Range<usize>>) {
    let mut comments = Vec::new();
    let mut start = 0;
    while start < body.len() {
        let end = memchr::memchr(b'\n', &body[start..]).map_or(body.len(), |at| start + at);
        let line = &body[start..end];
        let indent = line.len() - trim_blank(line).len();
        if line.get(indent) == Some(&b'#') {
            let text_end = if line.ends_with(b"\r") { end - 1 } else { end };
            comments.push(start + indent..text_end);
        }
        start = end + 1;
    }
    if comments.is_empty() {
        return (Cow::Borrowed(body), comments);
    }
    let mut masked = body.to_vec();
    for comment in &comments {
        masked[comment.clone()].fill(b' ');
    }
    (Cow::Owned(masked), comments)
}

/// Whether `offset` is inside a string literal of the tree (so a `#` there is text).
pub fn in_string(tree: &Tree, offset: usize) -> bool {
    let mut node = tree.root_node().descendant_for_byte_range(offset, offset);
    while let Some(current) = node {
        if matches!(current.kind(), "string" | "string_content") {
            return true;
        }
        node = current.parent();
    }
    false
}

/// The first ERROR or MISSING node in source order, found without recursion
/// (files may nest expressions tens of thousands deep).
pub fn first_error(tree: &Tree) -> Option<Node<'_>> {
    let mut node = tree.root_node();
    if !node.has_error() {
        return None;
    }
    'descend: loop {
        if node.is_error() || node.is_missing() {
            return Some(node);
        }
        let mut cursor = node.walk();
        for child in node.children(&mut cursor) {
            if child.has_error() || child.is_missing() {
                node = child;
                continue 'descend;
            }
        }
        return Some(node);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn blanks_only_comments_alone_on_their_line() {
        let body = b"x = 1  # kept\n  # gone\r\n#gone too\ny = '#'\n";
        let (masked, comments) = blank_own_line_comments(body);
        assert_eq!(
            &*masked,
            b"x = 1  # kept\n        \r\n         \ny = '#'\n".as_slice()
        );
        assert_eq!(comments, [16..22, 24..33]);
    }

    #[test]
    fn a_hash_line_inside_a_string_is_text() {
        let body = b"s = '''\n# not a comment\n'''\n";
        let parsed = parse(body).unwrap();
        assert_eq!(parsed.own_line_comments, vec![8..23]);
        assert!(in_string(&parsed.tree, 8));
        assert!(first_error(&parsed.tree).is_none());
    }
}
