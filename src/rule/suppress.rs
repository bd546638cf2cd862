//! Suppression comments: `cookie-fix: ignore`, `NOSONAR`, `nosec`.

use std::ops::Range;

use memchr::memmem;

use crate::source::{is_blank, trim_blank, LineIndex};

/// The lines that carry a suppression marker in a comment.
#[derive(Debug, Default)]
pub struct Suppressions {
    /// 0-based lines with a marker comment, sorted.
    marked: Vec<usize>,
    /// 0-based lines whose only content is a marker comment, sorted.
    own_line: Vec<usize>,
}

/// Whether a comment's text carries a suppression marker, spelled as users type them:
/// `cookie-fix`, a colon and `ignore` with any blanks between (`cookie-fix:ignore`,
/// `cookie-fix :  ignore`), `NOSONAR` and `nosec`, all in any case.
pub fn has_marker(comment: &[u8]) -> bool {
    let comment = comment.to_ascii_lowercase();
    let found = |marker: &[u8]| memmem::find(&comment, marker).is_some();
    found(b"nosonar") || found(b"nosec") || has_ignore_marker(&comment)
}

/// `cookie-fix` `:` `ignore`, with blanks allowed around the colon, in a lowercase comment.
fn has_ignore_marker(comment: &[u8]) -> bool {
    memmem::find_iter(comment, b"cookie-fix").any(|at| {
        let rest = trim_blank(&comment[at + b"cookie-fix".len()..]);
        // DESIGN.md: a comment *containing* the marker suppresses (`ignored` too).
        rest.strip_prefix(b":")
            .is_some_and(|rest| trim_blank(rest).starts_with(b"ignore"))
    })
}

impl Suppressions {
    /// `comments` are the byte ranges of the file's comments, in any order.
    pub fn new(
        comments: impl IntoIterator<Item = Range<usize>>,
        source: &[u8],
        lines: &LineIndex,
    ) -> Self {
        let mut suppressions = Suppressions::default();
        for comment in comments {
            if !has_marker(&source[comment.clone()]) {
                continue;
            }
            let line = lines.line_of(comment.start);
            suppressions.marked.push(line);
            let before = &source[lines.line_start(line)..comment.start];
            if before.iter().all(is_blank) {
                suppressions.own_line.push(line);
            }
        }
        suppressions.marked.sort_unstable();
        suppressions.own_line.sort_unstable();
        suppressions
    }

    /// Whether a call spanning the 0-based lines `first..=last` is suppressed.
    pub fn covers(&self, first: usize, last: usize) -> bool {
        let marked_inside = self
            .marked
            .iter()
            .any(|&line| (first..=last).contains(&line));
        let marked_above = first
            .checked_sub(1)
            .is_some_and(|above| self.own_line.binary_search(&above).is_ok());
        marked_inside || marked_above
    }
}

#[cfg(test)]
mod tests {
    use super::has_marker;

    #[test]
    fn markers_in_the_spellings_users_type() {
        for comment in [
            "# cookie-fix: ignore",
            "# cookie-fix:ignore",
            "#cookie-fix :  ignore",
            "# Cookie-Fix:\tIGNORE",
            "# cookie-fix: ignore[secure-cookie]",
            "# NOSONAR",
            "# nosonar",
            "# NoSonar(S2092)",
            "# nosec",
            "# NOSEC B105",
            "# cookie-fix: ignored",
            "# why  # nosec",
        ] {
            assert!(has_marker(comment.as_bytes()), "{comment:?}");
        }
        for comment in [
            "# cookie-fix",
            "# cookie-fix ignore",
            "# cookie-fix: ig nore",
            "# ignore: cookie-fix",
            "# sonar",
            "# no sec",
        ] {
            assert!(!has_marker(comment.as_bytes()), "{comment:?}");
        }
    }
}
