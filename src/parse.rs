//! Parsing a body with tree-sitter, one parser per thread.
//!
//! tree-sitter-python's scanner looks past every comment line that follows a line
//! break to find the next line's indentation, and does so again after each of those
//! comments: a block of n comment lines costs n² (2,000 lines took 8 s). The parser
//! therefore sees a copy of the body in which each comment that stands alone on its
//! line (as [`crate::scan`] finds them, outside strings) is blanked to spaces: offsets,
//! lines and every code token stay the same, and the scanner crosses the whole block
//! in one pass. Those comments are kept beside the tree, for suppression markers.
//!
//! A parse reads either the whole body or only some windows of it; nodes keep their
//! offsets in the whole body either way.

use std::borrow::Cow;
use std::cell::RefCell;
use std::ops::Range;

use tree_sitter::{InputEdit, Node, Parser, Point, Tree};

use crate::edit::Edit;
use crate::scan;
use crate::source::LineIndex;

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
    /// Byte ranges from `#` to the end of the line.
    pub own_line_comments: Vec<Range<usize>>,
}

/// Parses the whole of `body`; `None` only if the parser gives up, which it does not
/// without a timeout.
pub fn parse(body: &[u8]) -> Option<Parsed> {
    let own_line_comments = scan::scan(body, &[]).own_line_comments;
    let tree = parse_whole(&mask(body, &own_line_comments))?;
    Some(Parsed {
        tree,
        own_line_comments,
    })
}

/// A copy of `body` with `comments` blanked to spaces.
pub fn mask<'b>(body: &'b [u8], comments: &[Range<usize>]) -> Cow<'b, [u8]> {
    if comments.is_empty() {
        return Cow::Borrowed(body);
    }
    let mut masked = body.to_vec();
    for comment in comments {
        masked[comment.clone()].fill(b' ');
    }
    Cow::Owned(masked)
}

/// Parses all of a masked body.
pub fn parse_whole(masked: &[u8]) -> Option<Tree> {
    with_ranges(&[], |parser| parser.parse(masked, None))
}

/// Parses only `windows` of a masked body (sorted and disjoint). Each starts at the
/// first token of a logical line and ends with its last line's line break, so the
/// parser reads it as a statement of the module whatever its indentation.
///
/// tree-sitter's lexer finds the range of each token it starts by walking the ranges
/// from the first (`ts_lexer_goto` in its `lexer.c`, 0.27), so a parse of n windows
/// costs n for every token: a 10 MiB module of 200,000 cookie calls took over five
/// minutes. Windows are therefore joined into a few ranges ([`joined_ranges`]), the
/// gaps between them read blanked ([`blank_gaps`]), which the parser crosses as it
/// crosses the range breaks.
pub fn parse_windows(masked: &[u8], windows: &[Range<usize>], lines: &LineIndex) -> Option<Tree> {
    let joined = joined_ranges(windows);
    let read = blank_gaps(masked, windows, &joined);
    let ranges: Vec<tree_sitter::Range> = joined
        .iter()
        .map(|range| tree_sitter::Range {
            start_byte: range.start,
            end_byte: range.end,
            start_point: point(lines, range.start),
            end_point: point(lines, range.end),
        })
        .collect();
    with_ranges(&ranges, |parser| parser.parse(&*read, None))
}

/// A gap between windows up to this long is always read, blanked: crossing it costs
/// the lexer next to nothing.
const SHORT_GAP: usize = 64;

/// A longer gap is read, blanked, when the windows after it hold this many times its
/// length. Under callgrind, a blanked byte costs tree-sitter about 250 instructions (the
/// scanner and the lexer each cross it), a range break about 7 for every token after
/// it, some one in three bytes of the windows: the two are even where the windows after
/// a gap hold about 100 times its length. (5,000 one-line windows apart by gaps of n
/// bytes: joining every gap costs 0.4 times what joining none does at n = 64, as much
/// at 1 KiB, 2.4 times at 4 KiB; this rule, at most the lesser of the two.)
const GAP_COST: usize = 100;

/// The ranges that the parse of `windows` reads: the windows, joined across every gap
/// that costs less to read blanked than to jump. Each gap kept costs the lexer less than
/// [`GAP_COST`] steps per byte of it, and each joined one a few passes over it, so the
/// parse stays linear in the file.
fn joined_ranges(windows: &[Range<usize>]) -> Vec<Range<usize>> {
    let mut ranges: Vec<Range<usize>> = Vec::new();
    let mut covered_after = 0;
    // From the last window back, counting the windows' length after each gap.
    for window in windows.iter().rev() {
        match ranges.last_mut() {
            Some(next) => {
                let gap = next.start - window.end;
                if gap <= SHORT_GAP || gap * GAP_COST <= covered_after {
                    next.start = window.start;
                } else {
                    ranges.push(window.clone());
                }
            }
            None => ranges.push(window.clone()),
        }
        covered_after += window.len();
    }
    ranges.reverse();
    ranges
}

/// `masked` as the parse of `windows` through `ranges` reads it: every byte of a gap
/// between windows that a range spans becomes a form feed, but line feeds, which keep
/// tree-sitter's rows. Windows end with their line break, so the parser meets a gap
/// where a line ends, as at a range break: both the grammar and the scanner skip form
/// feeds there, and the scanner counts a line's indentation from the last line feed or
/// form feed (`scanner.c`, tree-sitter-python 0.25), which leaves the window after the
/// gap at the module's level, where a range break leaves it.
fn blank_gaps<'m>(
    masked: &'m [u8],
    windows: &[Range<usize>],
    ranges: &[Range<usize>],
) -> Cow<'m, [u8]> {
    let mut read = Cow::Borrowed(masked);
    for pair in windows.windows(2) {
        let gap = pair[0].end..pair[1].start;
        let spanned = ranges
            .binary_search_by_key(&gap.start, |range| range.end)
            .is_err();
        if spanned && !gap.is_empty() {
            for byte in &mut read.to_mut()[gap] {
                if *byte != b'\n' {
                    *byte = 0x0c;
                }
            }
        }
    }
    read
}

/// Parses a masked body after `edits`, reusing the parts of `old`, its whole tree from
/// before them, that they left alone. `edits` are in offsets of the old body, which
/// `lines` indexes; `masked` must be the old masked body with exactly these edits.
pub fn reparse(old: &mut Tree, edits: &[Edit], lines: &LineIndex, masked: &[u8]) -> Option<Tree> {
    let mut sorted: Vec<&Edit> = edits.iter().collect();
    sorted.sort_by_key(|edit| edit.range.start);
    // From the last edit back, so that each one's offsets are still those of the old body.
    for edit in sorted.into_iter().rev() {
        let start_position = point(lines, edit.range.start);
        old.edit(&InputEdit {
            start_byte: edit.range.start,
            old_end_byte: edit.range.end,
            new_end_byte: edit.range.start + edit.content.len(),
            start_position,
            old_end_position: point(lines, edit.range.end),
            new_end_position: advance(start_position, edit.content.as_bytes()),
        });
    }
    with_ranges(&[], |parser| parser.parse(masked, Some(old)))
}

/// Runs `parse` with the thread's parser reading only `ranges` (all of the text if empty).
fn with_ranges(
    ranges: &[tree_sitter::Range],
    parse: impl FnOnce(&mut Parser) -> Option<Tree>,
) -> Option<Tree> {
    PARSER.with_borrow_mut(|parser| {
        parser.set_included_ranges(ranges).ok()?;
        parse(parser)
    })
}

/// tree-sitter's position of a byte: 0-based row, column in bytes.
fn point(lines: &LineIndex, offset: usize) -> Point {
    let row = lines.line_of(offset);
    Point::new(row, offset - lines.line_start(row))
}

/// Where a position moves to past `text`.
fn advance(from: Point, text: &[u8]) -> Point {
    match memchr::memrchr(b'\n', text) {
        Some(last) => Point::new(
            from.row + memchr::memchr_iter(b'\n', text).count(),
            text.len() - last - 1,
        ),
        None => Point::new(from.row, from.column + text.len()),
    }
}

/// The named children of `node` that are code. tree-sitter places its *extras*, comments
/// and backslash line continuations, among the children of whatever node they fall in,
/// so every walk of an argument or parameter list that counts or indexes must skip them.
pub fn code_children(node: Node<'_>) -> Vec<Node<'_>> {
    let mut cursor = node.walk();
    let children = node
        .named_children(&mut cursor)
        .filter(|child| !child.is_extra())
        .collect();
    children
}

/// The first code child of `node` (see [`code_children`]).
pub fn first_code_child(node: Node<'_>) -> Option<Node<'_>> {
    let mut cursor = node.walk();
    let first = node
        .named_children(&mut cursor)
        .find(|child| !child.is_extra());
    first
}

/// The offsets of `text` in the parts of `source` that `tree` was parsed from: its
/// windows, or all of it. Only there can a node be found, and a file's windows are
/// often a small part of it, so a rule that looks its sinks up by name searches them.
/// The gaps between windows that a parse read blanked ([`parse_windows`]) are searched
/// too: an offset there lies in no node but the module, as one in a comment alone on
/// its line does in a whole parse.
pub fn occurrences(tree: &Tree, source: &[u8], text: &str) -> Vec<usize> {
    let finder = memchr::memmem::Finder::new(text.as_bytes());
    let mut found = Vec::new();
    for range in tree.included_ranges() {
        let end = range.end_byte.min(source.len());
        let start = range.start_byte.min(end);
        found.extend(finder.find_iter(&source[start..end]).map(|at| start + at));
    }
    found
}

/// The nodes of the tree that hold `text` in code: the identifier it is, or the string
/// literal it is in; an occurrence in a comment, or outside the tree's windows, is none.
/// Searching the bytes and asking the tree is cheaper than a query pattern over every
/// identifier or string of a file.
pub fn mentions<'tree>(tree: &'tree Tree, source: &[u8], text: &str) -> Vec<Node<'tree>> {
    let root = tree.root_node();
    occurrences(tree, source, text)
        .into_iter()
        .filter_map(|at| {
            let mut node = root.descendant_for_byte_range(at, at + text.len())?;
            while node.kind() != "string" && node.kind() != "identifier" {
                match node.kind() {
                    "string_content" | "string_start" | "string_end" => node = node.parent()?,
                    _ => return None,
                }
            }
            Some(node)
        })
        .collect()
}

/// The call whose callee is the name at `at..at + len`, by itself (`Cookie(...)`) or as
/// the last name of an attribute (`datastructures.Cookie(...)`, `r.add_cookie(...)`):
/// the call and its callee. A rule whose sinks are calls of a few names looks them up
/// where its needles are, which costs less than a query over every call of a file.
pub fn call_named_at(tree: &Tree, at: usize, len: usize) -> Option<(Node<'_>, Node<'_>)> {
    let name = identifier_at(tree, at, len)?;
    let callee = parent_holding(name, "attribute", "attribute").unwrap_or(name);
    let call = parent_holding(callee, "call", "function")?;
    Some((call, callee))
}

/// The identifier that is exactly the bytes `at..at + len`, if the tree has one there.
pub fn identifier_at(tree: &Tree, at: usize, len: usize) -> Option<Node<'_>> {
    tree.root_node()
        .descendant_for_byte_range(at, at + len)
        .filter(|node| node.kind() == "identifier" && node.byte_range() == (at..at + len))
}

/// The parent of `node` when it is a `kind` that holds `node` as its `field`: the
/// assignment whose `left` a name is, the call whose `function` an attribute is.
pub fn parent_holding<'t>(node: Node<'t>, kind: &str, field: &str) -> Option<Node<'t>> {
    node.parent()
        .filter(|parent| parent.kind() == kind && parent.child_by_field_name(field) == Some(node))
}

/// The key of a subscript `x[key]` when it is one expression; `None` when it is a tuple
/// of keys (`x["a", "b"]`, `x["a",]`, `x[("a", "b")]`), which tree-sitter lays out as
/// several `subscript` fields, a trailing comma, or a tuple node: the first of them is
/// not the key.
pub fn subscript_key(subscript: Node<'_>) -> Option<Node<'_>> {
    let mut cursor = subscript.walk();
    let mut keys = subscript.children_by_field_name("subscript", &mut cursor);
    let key = keys.next()?;
    if keys.next().is_some() {
        return None;
    }
    let mut cursor = subscript.walk();
    let trailing_comma = subscript
        .children(&mut cursor)
        .any(|child| child.kind() == ",");
    let mut inner = key;
    while inner.kind() == "parenthesized_expression" {
        inner = first_code_child(inner)?;
    }
    (!trailing_comma && inner.kind() != "tuple").then_some(key)
}

/// The statements of one of `kinds` that a keyword starts (`import`, `class`), found
/// through the keyword in the bytes: a rule that reads nothing else of them needs no
/// query over all of the tree.
pub fn keyword_statements<'t>(
    tree: &'t Tree,
    source: &[u8],
    keyword: &str,
    kinds: &[&str],
) -> Vec<Node<'t>> {
    let root = tree.root_node();
    let mut statements: Vec<Node> = occurrences(tree, source, keyword)
        .into_iter()
        .filter_map(|at| {
            let word = root.descendant_for_byte_range(at, at + keyword.len())?;
            let statement = word.parent().filter(|_| word.kind() == keyword)?;
            kinds.contains(&statement.kind()).then_some(statement)
        })
        .collect();
    statements.dedup_by_key(|statement| statement.id());
    statements
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
    use crate::source::Encoding;

    #[test]
    fn masks_only_comments_alone_on_their_line() {
        let body = b"x = 1  # kept\n  # gone\r\n#gone too\ny = '#'\n";
        let comments = scan::scan(body, &[]).own_line_comments;
        assert_eq!(comments, [16..22, 24..33]);
        assert_eq!(
            &*mask(body, &comments),
            b"x = 1  # kept\n        \r\n         \ny = '#'\n".as_slice()
        );
    }

    #[test]
    fn a_hash_line_inside_a_string_is_text() {
        let body = b"s = '''\n# not a comment\n'''  # set_cookie\nx = 1\n";
        let parsed = parse(body).unwrap();
        assert!(parsed.own_line_comments.is_empty());
        assert!(in_string(&parsed.tree, 8));
        assert!(first_error(&parsed.tree).is_none());
    }

    #[test]
    fn a_window_parses_as_a_statement_of_the_module() {
        let body = b"class A:\n    def f(self):\n        r.set_cookie('k')\n";
        let lines = LineIndex::new(body, Encoding::Utf8);
        let window = 34..body.len();
        let tree = parse_windows(body, std::slice::from_ref(&window), &lines).unwrap();
        assert!(first_error(&tree).is_none());
        let call = tree
            .root_node()
            .named_child(0)
            .unwrap()
            .named_child(0)
            .unwrap();
        assert_eq!((call.kind(), call.start_byte()), ("call", 34));
        assert_eq!(call.start_position(), Point::new(2, 8));
    }

    #[test]
    fn a_tuple_of_keys_is_no_key() {
        let key_of = |code: &str| {
            let parsed = parse(code.as_bytes()).unwrap();
            let mut subscript = parsed.tree.root_node();
            while subscript.kind() != "subscript" {
                subscript = subscript.named_child(0).unwrap();
            }
            subscript_key(subscript).map(|key| code[key.byte_range()].to_owned())
        };
        assert_eq!(key_of("x['a']\n").as_deref(), Some("'a'"));
        assert_eq!(key_of("x[('a')]\n").as_deref(), Some("('a')"));
        assert_eq!(key_of("x[k]\n").as_deref(), Some("k"));
        for tuple in [
            "x['a', 'b']\n",
            "x['a',]\n",
            "x[('a', 'b')]\n",
            "x[(('a', 'b'))]\n",
        ] {
            assert_eq!(key_of(tuple), None, "{tuple}");
        }
    }

    #[test]
    fn windows_join_across_short_gaps_and_those_the_windows_after_outweigh() {
        let join = |windows: &[Range<usize>]| joined_ranges(windows);
        assert_eq!(join(&[]), Vec::<Range<usize>>::new());
        assert_eq!(join(&[4..10, 14..20, 84..90]), vec![4..90]);
        // 65 bytes apart, with 6 after: two ranges.
        assert_eq!(join(&[4..10, 75..81]), [4..10, 75..81]);
        // 65 bytes apart, with 6,500 after: one.
        assert_eq!(join(&[4..10, 75..6575]), vec![4..6575]);
        // The last gap is too long for what follows it, the first is not.
        assert_eq!(
            join(&[0..10, 1000..101_000, 101_100..101_110]),
            [0..101_000, 101_100..101_110]
        );
    }

    #[test]
    fn a_joined_gap_is_blanked_but_its_line_feeds() {
        let body = b"a\n  x = 1 # c\r\n  b\n\nc\n";
        let windows = [0..2, 17..19, 20..22];
        let read = blank_gaps(body, &windows, &[0..19, 20..22]);
        let mut expected = b"a\n".to_vec();
        expected.extend([0x0c; 12]);
        expected.extend(b"\n\x0c\x0cb\n\nc\n");
        assert_eq!(*read, *expected);
        assert!(matches!(
            blank_gaps(body, &windows, &windows),
            Cow::Borrowed(_)
        ));
    }

    /// The windows of every fixture, parsed with their gaps joined, give the tree that
    /// the windows alone give, node for node, position for position.
    #[test]
    fn joined_windows_parse_as_the_windows_alone() {
        let all = crate::rules::RULES
            .iter()
            .map(|rule| rule.id)
            .collect::<Vec<_>>();
        let rules = crate::rules::RuleSet::parse(&all).unwrap();
        let testdata = concat!(env!("CARGO_MANIFEST_DIR"), "/testdata");
        let (mut compared, mut joined) = (0, 0);
        for folder in std::fs::read_dir(testdata).expect("the fixtures") {
            for entry in std::fs::read_dir(folder.expect("a folder").path()).expect("a folder") {
                let path = entry.expect("an entry").path();
                if path.extension().is_none_or(|e| e != "py") {
                    continue;
                }
                let bytes = std::fs::read(&path).expect("a fixture");
                let Ok(source) = crate::source::Source::new(&bytes) else {
                    continue;
                };
                let view = source.view_of(source.body());
                let hits = crate::needles::find(&view, rules);
                let scan = scan::scan(&view, &hits.found);
                let Some(windows) = scan.windows.filter(|w| !w.is_empty()) else {
                    continue;
                };
                let masked = mask(&view, &scan.own_line_comments);
                let lines = LineIndex::new(&view, source.encoding());
                let alone: Vec<tree_sitter::Range> = windows
                    .iter()
                    .map(|window| tree_sitter::Range {
                        start_byte: window.start,
                        end_byte: window.end,
                        start_point: point(&lines, window.start),
                        end_point: point(&lines, window.end),
                    })
                    .collect();
                let expected = with_ranges(&alone, |parser| parser.parse(&*masked, None)).unwrap();
                if expected.root_node().has_error() {
                    continue;
                }
                let tree = parse_windows(&masked, &windows, &lines).unwrap();
                assert_eq!(nodes(&tree), nodes(&expected), "{}", path.display());
                compared += 1;
                joined += usize::from(joined_ranges(&windows).len() < windows.len());
            }
        }
        assert!(
            compared > 150 && joined > 100,
            "{compared} compared, {joined} joined"
        );
    }

    /// Every node of a tree, in order, with its kind and place.
    fn nodes(tree: &Tree) -> Vec<(&str, Range<usize>, Point, Point)> {
        let mut cursor = tree.walk();
        let mut nodes = Vec::new();
        'walk: loop {
            let node = cursor.node();
            nodes.push((
                node.kind(),
                node.byte_range(),
                node.start_position(),
                node.end_position(),
            ));
            if cursor.goto_first_child() {
                continue;
            }
            while !cursor.goto_next_sibling() {
                if !cursor.goto_parent() {
                    break 'walk;
                }
            }
        }
        nodes
    }

    #[test]
    fn a_reparse_equals_a_fresh_parse() {
        let body = b"f(a)\ng(b)\n";
        let lines = LineIndex::new(body, Encoding::Utf8);
        for edits in [
            vec![Edit::insert(3, ", secure=True"), Edit::insert(8, ", c")],
            vec![Edit::insert(3, ",\n  x"), Edit::replace(7..8, "[b]")],
        ] {
            let fixed = crate::edit::apply(body, &edits).unwrap();
            let mut tree = parse_whole(body).unwrap();
            let reparsed = reparse(&mut tree, &edits, &lines, &fixed).unwrap();
            let fresh = parse_whole(&fixed).unwrap();
            assert_eq!(reparsed.root_node().to_sexp(), fresh.root_node().to_sexp());
            assert_eq!(
                reparsed.root_node().end_position(),
                fresh.root_node().end_position()
            );
        }
    }
}
