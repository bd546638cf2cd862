//! Suppression comments: `cookie-fix: ignore`, `NOSONAR`, `nosec`.

use std::ops::Range;

use crate::source::{is_blank, LineIndex};

const MARKERS: &[&str] = &["cookie-fix: ignore", "NOSONAR", "nosec"];

/// The lines that carry a suppression marker in a comment.
#[derive(Debug, Default)]
pub struct Suppressions {
    /// 0-based lines with a marker comment, sorted.
    marked: Vec<usize>,
    /// 0-based lines whose only content is a marker comment, sorted.
    own_line: Vec<usize>,
}

/// Whether a comment's text carries a suppression marker.
pub fn has_marker(comment: &[u8]) -> bool {
    MARKERS
        .iter()
        .any(|marker| memchr::memmem::find(comment, marker.as_bytes()).is_some())
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
