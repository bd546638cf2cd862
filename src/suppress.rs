//! Suppression comments: `cookie-fix: ignore` (all rules), `cookie-fix: ignore[RULE,...]`
//! (those rules), `NOSONAR` and `nosec` (all rules), on any line a finding spans or
//! alone on the line above it.

use std::cell::RefCell;
use std::ops::Range;
use std::sync::LazyLock;

use memchr::memmem;
use tree_sitter::{Query, QueryCursor, StreamingIterator, Tree};

use crate::parse;
use crate::scan::Scan;
use crate::source::{is_blank, trim_blank, LineIndex};

static COMMENTS: LazyLock<Query> = LazyLock::new(|| {
    Query::new(&tree_sitter_python::LANGUAGE.into(), "(comment) @comment")
        .unwrap_or_else(|error| panic!("the comment query does not compile: {error}"))
});

thread_local! {
    static CURSOR: RefCell<QueryCursor> = RefCell::new(QueryCursor::new());
}

/// The comments of a tree, by a query (compiled on first use: it costs as much as a
/// rule's query to compile).
fn comments_in_tree(tree: &Tree, source: &[u8]) -> Vec<Range<usize>> {
    CURSOR.with_borrow_mut(|cursor| {
        let mut ranges = Vec::new();
        let mut matches = cursor.matches(&COMMENTS, tree.root_node(), source);
        while let Some(found) = matches.next() {
            ranges.extend(found.captures().iter().map(|c| c.node.byte_range()));
        }
        ranges
    })
}

/// What a marker suppresses.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Scope {
    All,
    /// The rule ids between the brackets of `ignore[...]`.
    Rules(Vec<String>),
}

impl Scope {
    fn covers(&self, rule: &str) -> bool {
        match self {
            Scope::All => true,
            Scope::Rules(ids) => ids.iter().any(|id| id == rule),
        }
    }
}

/// The lines that carry a suppression marker in a comment.
#[derive(Debug, Default)]
pub struct Suppressions {
    /// 0-based lines with a marker comment, sorted.
    marked: Vec<(usize, Scope)>,
    /// 0-based lines whose only content is a marker comment, sorted.
    own_line: Vec<(usize, Scope)>,
}

/// What a comment's marker suppresses, if it has one, spelled as users type them:
/// `cookie-fix`, a colon and `ignore` with any blanks between (`cookie-fix:ignore`,
/// `cookie-fix :  ignore[secure-cookie]`), `NOSONAR` and `nosec`, all in any case.
pub fn marker(comment: &[u8]) -> Option<Scope> {
    let lower = comment.to_ascii_lowercase();
    let found = |marker: &[u8]| memmem::find(&lower, marker).is_some();
    if found(b"nosonar") || found(b"nosec") {
        return Some(Scope::All);
    }
    // Every marker of the comment counts: `# cookie-fix: ignore[a]  # cookie-fix:
    // ignore[b]` covers both rules.
    memmem::find_iter(&lower, b"cookie-fix")
        .filter_map(|at| ignore_marker(&lower[at..]))
        .reduce(|all, scope| match (all, scope) {
            (Scope::Rules(mut ids), Scope::Rules(more)) => {
                ids.extend(more);
                Scope::Rules(ids)
            }
            _ => Scope::All,
        })
}

/// Whether a comment's text carries a suppression marker of any scope.
pub fn has_marker(comment: &[u8]) -> bool {
    marker(comment).is_some()
}

/// `cookie-fix` `:` `ignore`, then `[RULE, ...]` or nothing, in a lowercase comment
/// that starts with `cookie-fix`.
fn ignore_marker(from_name: &[u8]) -> Option<Scope> {
    let rest = trim_blank(&from_name[b"cookie-fix".len()..]);
    let after = trim_blank(rest.strip_prefix(b":")?).strip_prefix(b"ignore")?;
    match after.first() {
        Some(b'[') => {
            let end = memchr::memchr(b']', after)?;
            let ids = String::from_utf8_lossy(&after[1..end]);
            let ids = ids
                .split(',')
                .map(|id| id.trim().to_owned())
                .filter(|id| !id.is_empty())
                .collect();
            Some(Scope::Rules(ids))
        }
        // DESIGN.md: a comment *containing* the marker suppresses (`ignored` too).
        _ => Some(Scope::All),
    }
}

impl Suppressions {
    /// The markers in a file's comments. The lexical pass found them all
    /// ([`crate::scan`]); where it models the whole body (`exact`), its trailing comments
    /// are the tree's, and where it does not, the tree's are read instead. Its comments
    /// alone on their line are used either way, since the parser did not see them (see
    /// parse.rs); where the tree says a string, the pass misjudged it, and it is one.
    pub fn in_file(
        tree: &Tree,
        scan: &Scan,
        exact: bool,
        source: &[u8],
        lines: &LineIndex,
    ) -> Self {
        let marked = |range: &&Range<usize>| has_marker(&source[(*range).clone()]);
        let not_in_string = |range: &&Range<usize>| !parse::in_string(tree, range.start);
        let own_line = scan
            .own_line_comments
            .iter()
            .filter(marked)
            .filter(not_in_string)
            .cloned();
        let trailing: Vec<Range<usize>> = if exact {
            scan.trailing_comments
                .iter()
                .filter(marked)
                .filter(not_in_string)
                .cloned()
                .collect()
        } else {
            comments_in_tree(tree, source)
        };
        Self::new(trailing.into_iter().chain(own_line), source, lines)
    }

    /// `comments` are the byte ranges of the file's comments, in any order.
    pub fn new(
        comments: impl IntoIterator<Item = Range<usize>>,
        source: &[u8],
        lines: &LineIndex,
    ) -> Self {
        let mut suppressions = Suppressions::default();
        for comment in comments {
            let Some(scope) = marker(&source[comment.clone()]) else {
                continue;
            };
            let line = lines.line_of(comment.start);
            let before = &source[lines.line_start(line)..comment.start];
            if before.iter().all(is_blank) {
                suppressions.own_line.push((line, scope.clone()));
            }
            suppressions.marked.push((line, scope));
        }
        suppressions.marked.sort_by_key(|(line, _)| *line);
        suppressions.own_line.sort_by_key(|(line, _)| *line);
        suppressions
    }

    /// Whether a finding of `rule` spanning the 0-based lines `first..=last` is suppressed.
    pub fn covers(&self, rule: &str, first: usize, last: usize) -> bool {
        let marked_inside = on_lines(&self.marked, first, last).any(|scope| scope.covers(rule));
        let marked_above = first.checked_sub(1).is_some_and(|above| {
            on_lines(&self.own_line, above, above).any(|scope| scope.covers(rule))
        });
        marked_inside || marked_above
    }
}

/// The scopes of the markers on the lines `first..=last`, found by a search: a file may
/// hold a marker and a finding on every line.
fn on_lines(markers: &[(usize, Scope)], first: usize, last: usize) -> impl Iterator<Item = &Scope> {
    let start = markers.partition_point(|(line, _)| *line < first);
    markers[start..]
        .iter()
        .take_while(move |(line, _)| *line <= last)
        .map(|(_, scope)| scope)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn markers_in_the_spellings_users_type() {
        for comment in [
            "# cookie-fix: ignore",
            "# cookie-fix:ignore",
            "#cookie-fix :  ignore",
            "# Cookie-Fix:\tIGNORE",
            "# cookie-fix: ignore  # why",
            "# cookie-fix: ignored",
            "# NOSONAR",
            "# nosonar",
            "# NoSonar(S2092)",
            "# nosec",
            "# NOSEC B105",
            "# why  # nosec",
        ] {
            assert_eq!(marker(comment.as_bytes()), Some(Scope::All), "{comment:?}");
        }
        for comment in [
            "# cookie-fix",
            "# cookie-fix ignore",
            "# cookie-fix: ig nore",
            "# ignore: cookie-fix",
            "# sonar",
            "# no sec",
        ] {
            assert_eq!(marker(comment.as_bytes()), None, "{comment:?}");
        }
    }

    #[test]
    fn markers_may_name_rules() {
        assert_eq!(
            marker(b"# cookie-fix: ignore[secure-cookie]"),
            Some(Scope::Rules(vec!["secure-cookie".into()]))
        );
        assert_eq!(
            marker(b"# cookie-fix:ignore[ secure-cookie , Secure-Cookie-Header ]"),
            Some(Scope::Rules(vec![
                "secure-cookie".into(),
                "secure-cookie-header".into()
            ]))
        );
        assert_eq!(
            marker(b"# cookie-fix: ignore[a]  # why  # cookie-fix: ignore[b]"),
            Some(Scope::Rules(vec!["a".into(), "b".into()]))
        );
        assert_eq!(
            marker(b"# cookie-fix: ignore[a]  # cookie-fix: ignore"),
            Some(Scope::All)
        );
        let body = b"x = 1  # cookie-fix: ignore[other-rule]\n# cookie-fix: ignore[secure-cookie]\ny = 2\n";
        let lines = LineIndex::new(body, crate::source::Encoding::Utf8);
        let comments = [7..39, 40..75];
        let suppressions = Suppressions::new(comments, body, &lines);
        assert!(!suppressions.covers("secure-cookie", 0, 0));
        assert!(suppressions.covers("other-rule", 0, 0));
        assert!(suppressions.covers("secure-cookie", 2, 2));
        assert!(!suppressions.covers("other-rule", 2, 2));
    }
}
