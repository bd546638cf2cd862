//! Edits as data: where `secure=...` goes in an argument list (DESIGN.md section 3),
//! and applying a file's edits in one pass.

use std::fmt;
use std::ops::Range;

use tree_sitter::Node;

use crate::source::{is_blank, trim_blank, LineIndex};

/// Replace the bytes of `range` with `content` (an insertion when the range is empty).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Edit {
    pub range: Range<usize>,
    pub content: String,
    /// What goes between this edit and another joined after it at the same place,
    /// before this one's line ending (see [`join_edits`]): `", "` after the only
    /// argument of an empty list, `","` after an argument line that ends a list without
    /// a trailing comma, nothing between attributes appended to a header value. A
    /// replacement joins others of the same bytes only when it has one.
    pub joined_by: Option<&'static str>,
}

impl Edit {
    pub fn insert(at: usize, content: impl Into<String>) -> Self {
        Self::replace(at..at, content)
    }

    pub fn replace(range: Range<usize>, content: impl Into<String>) -> Self {
        Edit {
            range,
            content: content.into(),
            joined_by: None,
        }
    }

    /// The same edit `by` bytes nearer the start.
    pub fn shifted_back(&self, by: usize) -> Self {
        Edit {
            range: self.range.start - by..self.range.end - by,
            ..self.clone()
        }
    }

    /// The same edit `by` bytes further into the file.
    pub fn shifted(&self, by: usize) -> Self {
        Edit {
            range: self.range.start + by..self.range.end + by,
            ..self.clone()
        }
    }
}

/// Several rules' edits of one range (an insertion at one place, or the replacement of
/// the same bytes) as one, in the order given, each content once (the comma two rules
/// add after a last argument is added once), each followed by its `joined_by` where
/// another follows it.
pub fn join_edits(range: Range<usize>, edits: &[&Edit]) -> Edit {
    let mut joined: Vec<&Edit> = Vec::with_capacity(edits.len());
    for &edit in edits {
        if !joined.iter().any(|seen| seen.content == edit.content) {
            joined.push(edit);
        }
    }
    let mut content = String::new();
    for (i, edit) in joined.iter().enumerate() {
        let followed = i + 1 < joined.len();
        match edit.joined_by.filter(|_| followed) {
            Some(joiner) => {
                let text = edit.content.trim_end_matches(['\r', '\n']);
                content.push_str(text);
                content.push_str(joiner);
                content.push_str(&edit.content[text.len()..]);
            }
            None => content.push_str(&edit.content),
        }
    }
    Edit {
        joined_by: joined.last().and_then(|edit| edit.joined_by),
        ..Edit::replace(range, content)
    }
}

/// Two edits that touch the same bytes, or insert at the same point in no defined order.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OverlappingEdits {
    pub at: usize,
}

impl fmt::Display for OverlappingEdits {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "two edits overlap at byte {}", self.at)
    }
}

/// The edits that add the keyword argument `argument` (`secure=True`) to an argument
/// list, or the entry `argument` (`"secure": True`) to a dict literal, as its new last item.
pub fn insert_argument(
    arguments: Node,
    argument: &str,
    source: &[u8],
    lines: &LineIndex,
) -> Vec<Edit> {
    let mut cursor = arguments.walk();
    let children: Vec<Node> = arguments.children(&mut cursor).collect();
    let last = children
        .iter()
        .rev()
        .find(|n| n.is_named() && !n.is_extra());
    let Some(&last) = last else {
        // Rule 1: `f()` -> `f(secure=True)`, `{}` -> `{"secure": True}`.
        return vec![Edit {
            joined_by: Some(", "),
            ..Edit::insert(arguments.start_byte() + 1, argument)
        }];
    };
    let close = children
        .last()
        .filter(|n| matches!(n.kind(), ")" | "}"))
        .map_or(arguments.end_byte(), |n| n.start_byte());
    let trailing_comma = children
        .iter()
        .find(|n| n.kind() == "," && n.start_byte() >= last.end_byte());

    // The last argument ends with its trailing comma, which a comment or a continuation
    // may put on a later line.
    let end = trailing_comma.map_or(last.end_byte(), |comma| comma.end_byte());
    let end_line = lines.line_of(end);
    let exploded = starts_line(last.start_byte(), source, lines)
        && starts_line(close, source, lines)
        && rest_is_layout(&source[end..], lines, end_line, end);
    if !exploded {
        // Rule 3: right after the last argument, before any trailing comma.
        return vec![Edit::insert(last.end_byte(), format!(", {argument}"))];
    }

    // Rule 2: a new line after the last argument's line, indented like its first line.
    let first_line = lines.line_of(last.start_byte());
    let indent_start = lines.line_start(first_line);
    let line = &source[indent_start..];
    let indent_len = line.len() - trim_blank(line).len();
    let indent = String::from_utf8_lossy(&source[indent_start..indent_start + indent_len]);
    let comma = if trailing_comma.is_some() { "," } else { "" };
    let new_line = format!("{indent}{argument}{comma}{}", lines.line_ending(end_line));
    let mut edits = Vec::with_capacity(2);
    if trailing_comma.is_none() {
        edits.push(Edit::insert(last.end_byte(), ","));
    }
    // After a line ending in a backslash, the new line is the one it joins: inside the
    // brackets that changes nothing Python reads.
    edits.push(Edit {
        joined_by: trailing_comma.is_none().then_some(","),
        ..Edit::insert(lines.line_end_with_newline(end_line), new_line)
    });
    edits
}

/// Only white space between the start of its line and `offset`.
fn starts_line(offset: usize, source: &[u8], lines: &LineIndex) -> bool {
    let start = lines.line_start(lines.line_of(offset));
    source[start..offset].iter().all(is_blank)
}

/// What follows the last argument and its comma on their line is layout: nothing, a
/// comment, or a backslash continuation; and the line has an ending for the new line
/// to follow.
fn rest_is_layout(after: &[u8], lines: &LineIndex, line: usize, offset: usize) -> bool {
    let line_end = lines.line_start(line) + lines.line_text(line).len();
    if lines.line_ending(line).is_empty() {
        return false;
    }
    let rest = trim_blank(&after[..line_end - offset]);
    rest.is_empty() || rest[0] == b'#' || rest == b"\\"
}

/// The line ending new lines take at `offset`: that of the line before it, or of the
/// file's first line, or LF.
pub fn line_ending_at(lines: &LineIndex, offset: usize) -> &'static str {
    let before = lines.line_of(offset.saturating_sub(1));
    [lines.line_ending(before), lines.line_ending(0)]
        .into_iter()
        .find(|ending| !ending.is_empty())
        .map_or("\n", |ending| match ending {
            "\r\n" => "\r\n",
            "\r" => "\r",
            _ => "\n",
        })
}

/// Whether a statement at `offset` begins a logical line of its own: only blanks before
/// it on its line, and the line before it not continued by a backslash. A new line
/// placed after its block or before it then lands where Python reads it.
pub fn starts_logical_line(body: &[u8], lines: &LineIndex, offset: usize) -> bool {
    let line = lines.line_of(offset);
    let blanks_before = body[lines.line_start(line)..offset].iter().all(is_blank);
    let continued = line > 0 && lines.line_text(line - 1).ends_with(b"\\");
    blanks_before && !continued
}

/// The indentation of the line `offset` is on.
pub fn indentation_at<'b>(body: &'b [u8], lines: &LineIndex, offset: usize) -> &'b [u8] {
    let start = lines.line_start(lines.line_of(offset));
    let line = &body[start..];
    &line[..line.len() - trim_blank(line).len()]
}

/// The edit that adds `statement` as a line of its own after the line `offset` ends,
/// indented with `indent`.
pub fn insert_line_after(lines: &LineIndex, offset: usize, indent: &[u8], statement: &str) -> Edit {
    let line = lines.line_of(offset);
    let ending = line_ending_at(lines, offset);
    let indent = String::from_utf8_lossy(indent);
    let end = lines.line_end_with_newline(line);
    if lines.line_ending(line).is_empty() {
        Edit::insert(end, format!("{ending}{indent}{statement}"))
    } else {
        Edit::insert(end, format!("{indent}{statement}{ending}"))
    }
}

/// Applies edits in one pass. They must not overlap; insertions at the same point
/// are refused too, since their order would be a guess.
pub fn apply(source: &[u8], edits: &[Edit]) -> Result<Vec<u8>, OverlappingEdits> {
    let mut sorted: Vec<&Edit> = edits.iter().collect();
    sorted.sort_by_key(|e| (e.range.start, e.range.end));
    let added: usize = sorted.iter().map(|e| e.content.len()).sum();
    let mut out = Vec::with_capacity(source.len() + added);
    let mut done = 0;
    let mut last_insert_at = None;
    for edit in sorted {
        let overlaps = edit.range.start < done
            || (edit.range.is_empty() && last_insert_at == Some(edit.range.start));
        if overlaps || edit.range.end > source.len() {
            return Err(OverlappingEdits {
                at: edit.range.start,
            });
        }
        out.extend_from_slice(&source[done..edit.range.start]);
        out.extend_from_slice(edit.content.as_bytes());
        done = edit.range.end;
        last_insert_at = edit.range.is_empty().then_some(edit.range.start);
    }
    out.extend_from_slice(&source[done..]);
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn applies_sorted_edits() {
        let edits = [Edit::replace(4..5, "True"), Edit::insert(0, ">")];
        assert_eq!(apply(b"abc x y", &edits).unwrap(), b">abc True y");
    }

    #[test]
    fn refuses_overlaps() {
        let overlapping = [Edit::replace(0..3, "a"), Edit::replace(2..4, "b")];
        assert_eq!(
            apply(b"abcdef", &overlapping),
            Err(OverlappingEdits { at: 2 })
        );
        let same_point = [Edit::insert(2, "a"), Edit::insert(2, "b")];
        assert_eq!(
            apply(b"abcdef", &same_point),
            Err(OverlappingEdits { at: 2 })
        );
        assert_eq!(
            apply(b"abc", &[Edit::insert(9, "x")]),
            Err(OverlappingEdits { at: 9 })
        );
    }
}

#[cfg(test)]
mod join_tests {
    use super::*;

    #[test]
    fn joined_insertions_keep_the_argument_list_valid() {
        let only = |content: &str, joined_by| Edit {
            joined_by,
            ..Edit::insert(4, content)
        };
        let (a, b) = (only("a=1", Some(", ")), only("b=2", Some(", ")));
        assert_eq!(join_edits(4..4, &[&a, &b]).content, "a=1, b=2");
        let (a, b) = (
            only("    a=1\r\n", Some(",")),
            only("    b=2\r\n", Some(",")),
        );
        assert_eq!(
            join_edits(4..4, &[&a, &b]).content,
            "    a=1,\r\n    b=2\r\n"
        );
        let (a, b) = (only(", a=1", None), only(", b=2", None));
        assert_eq!(join_edits(4..4, &[&a, &b, &a]).content, ", a=1, b=2");
        assert_eq!(join_edits(4..4, &[&a]).content, ", a=1");
    }
}
