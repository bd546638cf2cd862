//! A unified diff of one file, byte for byte, that `git apply` takes.

use similar::{capture_diff_slices, group_diff_ops, Algorithm, DiffTag};

const CONTEXT: usize = 3;
const NO_NEWLINE: &[u8] = b"\\ No newline at end of file\n";

/// Colours of a diff's lines, as ANSI escape sequences (empty for none).
#[derive(Debug, Clone, Copy, Default)]
pub struct DiffStyle {
    pub header: &'static str,
    pub hunk: &'static str,
    pub removed: &'static str,
    pub added: &'static str,
    pub reset: &'static str,
}

/// The diff from `old` to `new` with `a/PATH` and `b/PATH` headers.
/// Lines keep their own endings (CRLF stays CRLF) and their bytes (any encoding).
pub fn unified_diff(path: &str, old: &[u8], new: &[u8], style: &DiffStyle) -> Vec<u8> {
    let old_lines = split_lines(old);
    let new_lines = split_lines(new);
    let ops = capture_diff_slices(Algorithm::Myers, &old_lines, &new_lines);
    let mut out = Vec::new();
    let s = style;
    out.extend_from_slice(format!("{}--- a/{path}{}\n", s.header, s.reset).as_bytes());
    out.extend_from_slice(format!("{}+++ b/{path}{}\n", s.header, s.reset).as_bytes());
    for group in group_diff_ops(ops, CONTEXT) {
        let (Some(first), Some(last)) = (group.first(), group.last()) else {
            continue;
        };
        let old_range = first.old_range().start..last.old_range().end;
        let new_range = first.new_range().start..last.new_range().end;
        out.extend_from_slice(
            format!(
                "{}@@ -{} +{} @@{}\n",
                s.hunk,
                hunk_range(old_range.start, old_range.len()),
                hunk_range(new_range.start, new_range.len()),
                s.reset
            )
            .as_bytes(),
        );
        for op in &group {
            let (tag, old_part, new_part) = op.as_tag_tuple();
            let (lines, marker, colour) = match tag {
                DiffTag::Equal => (&old_lines[old_part], b' ', ""),
                DiffTag::Delete => (&old_lines[old_part], b'-', s.removed),
                DiffTag::Insert => (&new_lines[new_part], b'+', s.added),
                DiffTag::Replace => {
                    write_lines(&mut out, &old_lines[old_part], b'-', s.removed, s.reset);
                    (&new_lines[new_part], b'+', s.added)
                }
            };
            write_lines(&mut out, lines, marker, colour, s.reset);
        }
    }
    out
}

fn write_lines(out: &mut Vec<u8>, lines: &[&[u8]], marker: u8, colour: &str, reset: &str) {
    for line in lines {
        out.extend_from_slice(colour.as_bytes());
        out.push(marker);
        out.extend_from_slice(line);
        if !line.ends_with(b"\n") {
            out.push(b'\n');
            out.extend_from_slice(reset.as_bytes());
            out.extend_from_slice(NO_NEWLINE);
        } else {
            out.extend_from_slice(reset.as_bytes());
        }
    }
}

/// `start,len` with 1-based start; an empty range names the line before it.
fn hunk_range(start: usize, len: usize) -> String {
    match len {
        0 => format!("{start},0"),
        1 => format!("{}", start + 1),
        _ => format!("{},{len}", start + 1),
    }
}

/// Lines with their endings; the last may have none.
fn split_lines(bytes: &[u8]) -> Vec<&[u8]> {
    bytes.split_inclusive(|&b| b == b'\n').collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn diff_with_context_and_missing_final_newline() {
        let old = b"a\nb\nc\nd\ne\nf\ng\nr.set_cookie('k', 'v')";
        let new = b"a\nb\nc\nd\ne\nf\ng\nr.set_cookie('k', 'v', secure=True)";
        let diff = unified_diff("x.py", old, new, &DiffStyle::default());
        assert_eq!(
            String::from_utf8(diff).unwrap(),
            "--- a/x.py\n+++ b/x.py\n@@ -5,4 +5,4 @@\n e\n f\n g\n\
             -r.set_cookie('k', 'v')\n\\ No newline at end of file\n\
             +r.set_cookie('k', 'v', secure=True)\n\\ No newline at end of file\n"
        );
    }
}
