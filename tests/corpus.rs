//! The lexical pass held to tree-sitter on a folder of real Python (by default the
//! benchmark corpus; `COOKIE_FIX_CORPUS=DIR` names another). For every file whose whole
//! parse has no error:
//! - the comments the pass finds alone on their line are exactly the tree's, and so
//!   are the others (after code) where the pass models the whole file;
//! - every import, and every needle of a rule where it counts (never in a comment, a
//!   setter's or a class's name only as an identifier, a header's name anywhere but in
//!   triple quotes), lies in a window;
//! - and, for a file that may call a setter, parsing windows first gives the same
//!   report as parsing the whole file.
//!
//! Slow (it parses every file whole), so not part of `cargo test`:
//! `cargo test --release --test corpus -- --ignored --nocapture`

use std::ops::Range;
use std::path::{Path, PathBuf};
use std::sync::Mutex;

use tree_sitter::{Node, Parser};

use cookie_fix::engine::{fix_parsing_whole, fix_parsing_windows, windows_agree};
use cookie_fix::rules::{Counts, RuleSet};
use cookie_fix::source::{Encoding, LineIndex};
use cookie_fix::{needles, parse, scan, Settings};

#[derive(Default, Debug)]
struct Tally {
    files: usize,
    not_parsed: usize,
    not_modelled: usize,
    compared: usize,
    windows_not_alone: usize,
    failures: Vec<String>,
}

#[test]
#[ignore = "needs the benchmark corpus; minutes of CPU"]
fn the_lexical_pass_agrees_with_tree_sitter_on_the_corpus() {
    let root = std::env::var_os("COOKIE_FIX_CORPUS")
        .map_or_else(|| PathBuf::from("target/bench/corpus"), PathBuf::from);
    assert!(
        root.is_dir(),
        "no folder {} (scripts/make-corpus.sh builds it)",
        root.display()
    );
    let mut paths = Vec::new();
    collect(&root, &mut paths);
    let next = Mutex::new(paths.into_iter());
    let tally = Mutex::new(Tally::default());
    std::thread::scope(|scope| {
        for _ in 0..std::thread::available_parallelism().map_or(2, |n| n.get()) {
            scope.spawn(|| {
                let mut parser = Parser::new();
                parser
                    .set_language(&tree_sitter_python::LANGUAGE.into())
                    .expect("Python grammar");
                loop {
                    let Some(path) = next.lock().expect("lock").next() else {
                        return;
                    };
                    let Ok(bytes) = std::fs::read(&path) else {
                        continue;
                    };
                    let outcome = check(&mut parser, &bytes);
                    let mut tally = tally.lock().expect("lock");
                    tally.files += 1;
                    match outcome {
                        Outcome::NotParsed => tally.not_parsed += 1,
                        Outcome::Checked {
                            modelled,
                            compared,
                            windows_alone,
                            failures,
                        } => {
                            tally.not_modelled += usize::from(!modelled);
                            tally.compared += usize::from(compared);
                            tally.windows_not_alone += usize::from(windows_alone == Some(false));
                            tally.failures.extend(
                                failures
                                    .into_iter()
                                    .map(|f| format!("{}: {f}", path.display())),
                            );
                        }
                    }
                }
            });
        }
    });
    let tally = tally.into_inner().expect("lock");
    println!(
        "{} files; {} with a syntax error skipped; {} not modelled by the lexical pass (parsed whole); \
         {} compared with a whole parse, of which {} had windows that did not parse alone; \
         {} failures",
        tally.files,
        tally.not_parsed,
        tally.not_modelled,
        tally.compared,
        tally.windows_not_alone,
        tally.failures.len()
    );
    assert!(tally.failures.is_empty(), "{}", tally.failures.join("\n"));
}

enum Outcome {
    NotParsed,
    Checked {
        modelled: bool,
        compared: bool,
        /// For a file compared: whether its windows parse without error on their own.
        windows_alone: Option<bool>,
        failures: Vec<String>,
    },
}

fn check(parser: &mut Parser, bytes: &[u8]) -> Outcome {
    let Some(tree) = parser.parse(bytes, None) else {
        return Outcome::NotParsed;
    };
    if tree.root_node().has_error() {
        return Outcome::NotParsed;
    }
    let hits = needles::find(bytes, RuleSet::defaults());
    let scan = scan::scan(bytes, &hits.found);
    let mut failures = Vec::new();
    let mut comments = Vec::new();
    let mut trailing = Vec::new();
    let mut must_be_read = Vec::new();
    let mut stack = vec![tree.root_node()];
    while let Some(node) = stack.pop() {
        match node.kind() {
            "comment" => {
                let text_end = if bytes[..node.end_byte()].ends_with(b"\r") {
                    node.end_byte() - 1
                } else {
                    node.end_byte()
                };
                if alone_on_line(node, bytes) {
                    comments.push(node.start_byte()..text_end);
                } else {
                    trailing.push(node.start_byte()..text_end);
                }
            }
            "import_statement" | "import_from_statement" | "future_import_statement" => {
                must_be_read.push(node)
            }
            _ => {}
        }
        let mut cursor = node.walk();
        stack.extend(node.children(&mut cursor));
    }
    for hit in &hits.found {
        let node = tree
            .root_node()
            .descendant_for_byte_range(hit.at, hit.at + 1);
        if let Some(node) = node.filter(|node| counts(*node, hit.counts, bytes)) {
            must_be_read.push(node);
        }
    }
    comments.sort_by_key(|c| c.start);
    trailing.sort_by_key(|c| c.start);
    if scan.windows.is_some() && trailing != scan.trailing_comments {
        failures.push(format!(
            "trailing comments differ: tree {} at {:?}, lexical pass {} at {:?}",
            trailing.len(),
            first_difference(&trailing, &scan.trailing_comments),
            scan.trailing_comments.len(),
            first_difference(&scan.trailing_comments, &trailing),
        ));
    }
    if comments != scan.own_line_comments {
        failures.push(format!(
            "own-line comments differ: tree {} at {:?}, lexical pass {} at {:?}",
            comments.len(),
            first_difference(&comments, &scan.own_line_comments),
            scan.own_line_comments.len(),
            first_difference(&scan.own_line_comments, &comments),
        ));
    }
    if let Some(windows) = &scan.windows {
        for node in must_be_read {
            if !windows
                .iter()
                .any(|w| w.start <= node.start_byte() && node.end_byte() <= w.end)
            {
                failures.push(format!(
                    "{} at line {} is in no window",
                    node.kind(),
                    node.start_position().row + 1
                ));
            }
        }
    }
    let compared = !hits.rules.is_empty();
    let windows_alone = scan.windows.as_ref().filter(|_| compared).map(|windows| {
        let lines = LineIndex::new(bytes, Encoding::Utf8);
        let masked = parse::mask(bytes, &scan.own_line_comments);
        parse::parse_windows(&masked, windows, &lines).is_some_and(|t| !t.root_node().has_error())
    });
    if compared {
        let settings = Settings::default();
        let windowed = fix_parsing_windows(bytes, &settings);
        let whole = fix_parsing_whole(bytes, &settings);
        if !windows_agree(&windowed, &whole) {
            failures.push(format!(
                "windows first: {windowed:?}\nwhole file: {whole:?}"
            ));
        }
    }
    Outcome::Checked {
        modelled: scan.windows.is_some(),
        compared,
        windows_alone,
        failures,
    }
}

/// Whether a needle counts at `node`, the tree's smallest node at its first byte, as
/// tree-sitter reads the file: never in a comment; a name only as an identifier; a
/// header's name anywhere but in a triple-quoted string.
fn counts(node: Node, counts: Counts, bytes: &[u8]) -> bool {
    let string = std::iter::successors(Some(node), |node| node.parent())
        .take_while(|node| node.kind() != "interpolation")
        .find(|node| node.kind() == "string");
    match counts {
        _ if node.kind() == "comment" => false,
        Counts::Anywhere => true,
        Counts::AsAName => node.kind() == "identifier",
        Counts::OutsideLongStrings => string.is_none_or(|string| {
            let text = &bytes[string.byte_range()];
            let quotes = text.iter().skip_while(|b| b.is_ascii_alphabetic());
            let quotes: Vec<u8> = quotes.take(3).copied().collect();
            !(quotes == b"'''" || quotes == b"\"\"\"")
        }),
    }
}

fn alone_on_line(node: Node, bytes: &[u8]) -> bool {
    let line_start = bytes[..node.start_byte()]
        .iter()
        .rposition(|&b| b == b'\n')
        .map_or(0, |at| at + 1);
    bytes[line_start..node.start_byte()]
        .iter()
        .all(|b| matches!(b, b' ' | b'\t' | 0x0c))
}

fn first_difference(a: &[Range<usize>], b: &[Range<usize>]) -> Option<Range<usize>> {
    a.iter().find(|r| !b.contains(r)).cloned()
}

fn collect(folder: &Path, paths: &mut Vec<PathBuf>) {
    let Ok(entries) = std::fs::read_dir(folder) else {
        return;
    };
    for entry in entries.flatten() {
        let path = entry.path();
        let Ok(kind) = entry.file_type() else {
            continue;
        };
        if kind.is_dir() {
            collect(&path, paths);
        } else if kind.is_file()
            && path
                .extension()
                .is_some_and(|e| e == "py" || e == "pyi" || e == "pyw")
        {
            paths.push(path);
        }
    }
}
