//! One file in, findings and fixed bytes out: the pure core of cookie-fix.

use std::collections::BTreeMap;
use std::fmt;
use std::ops::Range;

use crate::diagnostic::{Detection, Finding};
use crate::edit::{self, Edit, OverlappingEdits};
use crate::needles::{self, Hits};
use crate::parse::{self, first_error};
use crate::project::View;
use crate::rules::{Context, NeedsMore, Rule, RuleSet};
use crate::scan::{self, Hit};
use crate::source::{self, DecodeError, LineIndex, Position, Source};
use crate::suppress::Suppressions;

pub use crate::rules::Settings;

/// The result of processing one file that could be read and parsed.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct FileReport {
    /// In source order.
    pub findings: Vec<Finding>,
    /// The values the code settles (DESIGN.md section 8), which are no findings, in
    /// source order.
    pub settled: Vec<Finding>,
    /// The whole fixed file, when any edit applies.
    pub fixed: Option<Vec<u8>>,
}

/// Why a file was skipped.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum FileError {
    Decode(DecodeError),
    /// The file does not parse: (1-based) position of the first error.
    Syntax(Position),
    /// Applying the fixes would have introduced a syntax error at this position.
    BrokenFix(Position),
    Overlap(OverlappingEdits),
    /// The file holds a rule's needle but is too large to read (over
    /// [`MAX_READ_BYTES`]), or to parse whole (over [`MAX_PARSED_BYTES`]) where it must
    /// be: its size in bytes, and which.
    TooLarge {
        size: usize,
        whole: bool,
    },
    /// The parser gave up (it has no time limit set, so this should not happen).
    ParserFailed,
}

impl fmt::Display for FileError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            FileError::Decode(error) => error.fmt(f),
            FileError::Syntax(at) => write!(
                f,
                "syntax error at line {} column {}; file left unchanged",
                at.line, at.column
            ),
            FileError::BrokenFix(at) => write!(
                f,
                "internal error: the fix would break the syntax at line {}; file left unchanged",
                at.line
            ),
            FileError::Overlap(overlap) => {
                write!(f, "internal error: {overlap}; file left unchanged")
            }
            FileError::TooLarge { size, whole: false } => write!(
                f,
                "file is {:.1} MiB; files over {} MiB are not parsed",
                *size as f64 / MIB as f64,
                MAX_READ_BYTES / MIB
            ),
            FileError::TooLarge { size, whole: true } => write!(
                f,
                "file is {:.1} MiB and has to be parsed whole, which takes up to {} bytes of \
                 memory per byte; files over {} MiB are read only through the lines that \
                 hold cookie code",
                *size as f64 / MIB as f64,
                PEAK_MEMORY_PER_BYTE,
                MAX_PARSED_BYTES / MIB
            ),
            FileError::ParserFailed => write!(f, "internal error: the parser failed"),
        }
    }
}

impl std::error::Error for FileError {}

const MIB: usize = 1024 * 1024;

/// The largest file that is read: its needles' lines are parsed as windows, in memory
/// that grows with what they cover, not with the file. The largest hand-written or
/// generated module of the benchmark corpus of 50,000 files is 6 MiB.
pub const MAX_READ_BYTES: usize = 64 * MIB;

/// The peak memory of a whole parse and its verification, per byte of the file, at its
/// worst: 8 MiB of `x = 1` lines (the densest code: a statement every 6 bytes) peaked
/// at 2.1 GB under `/usr/bin/time -v`, 255 bytes per byte; a 6 MiB module of the
/// corpus (kubernetes' `core_v1_api.py`) took 87 MB, 15 per byte.
pub const PEAK_MEMORY_PER_BYTE: usize = 256;

/// What one whole parse may take, at worst: one per thread runs at a time.
const WHOLE_PARSE_MEMORY: usize = 2560 * MIB;

/// The largest file that is parsed whole, as a fix or a rule needs (10 MiB).
pub const MAX_PARSED_BYTES: usize = WHOLE_PARSE_MEMORY / PEAK_MEMORY_PER_BYTE;

/// Finds the insecure cookie calls of one file and fixes what can be fixed.
///
/// Only the logical lines the rule reads are parsed at first (see [`crate::scan`]); the
/// whole file is parsed when those do not parse alone, and before any edit, since a file
/// with a syntax error is never edited. A syntax error elsewhere in a file that needs
/// no edit therefore goes unreported, as it does in a file without cookie calls.
pub fn fix(bytes: &[u8], settings: &Settings) -> Result<FileReport, FileError> {
    fix_with(bytes, settings, Windows::WhenWorthIt, &View::alone(), None)
}

/// What the first look at a file found: whether [`fix`] may find anything (a needle of
/// a selected rule, or binary bytes, an error to report), and whether the project pass
/// may learn a fact from it. Most files of a code base are worth neither.
pub fn first_look(bytes: &[u8], settings: &Settings) -> (crate::project::Found, Hits) {
    let hits = needles::find(bytes, settings.rules);
    let found = crate::project::Found {
        candidate: source::reject_binary(bytes).is_err() || !hits.rules.is_empty(),
        facts: hits.facts,
    };
    (found, hits)
}

/// [`fix`] for a file of a project, whose facts (DESIGN.md section 9) its rules read.
pub fn fix_in_project(
    bytes: &[u8],
    settings: &Settings,
    project: &View,
    found: Option<Hits>,
) -> Result<FileReport, FileError> {
    fix_with(bytes, settings, Windows::WhenWorthIt, project, found)
}

/// [`fix`] parsing every file whole, and every fixed result whole again: the reference
/// the tests hold windows and incremental parsing to.
#[doc(hidden)]
pub fn fix_parsing_whole(bytes: &[u8], settings: &Settings) -> Result<FileReport, FileError> {
    fix_with(bytes, settings, Windows::Never, &View::alone(), None)
}

/// [`fix`] parsing windows first even in a file they mostly cover: for the tests, whose
/// files are small.
#[doc(hidden)]
pub fn fix_parsing_windows(bytes: &[u8], settings: &Settings) -> Result<FileReport, FileError> {
    fix_with(bytes, settings, Windows::Always, &View::alone(), None)
}

/// Whether a report from windows first agrees with the reference, a parse of the whole
/// file: they are equal, except that a syntax error outside the windows goes
/// unreported when nothing is edited. The claim the tests hold the windows to.
#[doc(hidden)]
pub fn windows_agree(
    windows: &Result<FileReport, FileError>,
    whole: &Result<FileReport, FileError>,
) -> bool {
    match (windows, whole) {
        (Ok(report), Err(FileError::Syntax(_))) => report.fixed.is_none(),
        _ => windows == whole,
    }
}

/// Whether to parse windows first (and fixed results incrementally).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Windows {
    Never,
    WhenWorthIt,
    Always,
}

fn fix_with(
    bytes: &[u8],
    settings: &Settings,
    mode: Windows,
    project: &View,
    found: Option<Hits>,
) -> Result<FileReport, FileError> {
    source::reject_binary(bytes).map_err(FileError::Decode)?;
    let mut hits = found.unwrap_or_else(|| needles::find(bytes, settings.rules));
    // Rules the project asks to read the file read all of it.
    let asked = crate::rules::read_for_project(settings.rules, project);
    let mode = match asked.is_empty() {
        true => mode,
        false => Windows::Never,
    };
    hits.rules = hits.rules.union(asked);
    if hits.rules.is_empty() {
        return Ok(FileReport::default());
    }
    if bytes.len() > MAX_READ_BYTES {
        return Err(FileError::TooLarge {
            size: bytes.len(),
            whole: false,
        });
    }
    let source = Source::new(bytes).map_err(FileError::Decode)?;
    let body = source.body();
    let bom_len = source.bom_len();
    let lines = LineIndex::new(body, source.encoding());
    // What the parser and the rules read; messages and edits come from the body itself.
    let view = source.view_of(body);
    let found: Vec<Hit> = hits
        .found
        .iter()
        .filter_map(|hit| {
            let at = hit.at.checked_sub(bom_len)?;
            Some(Hit { at, ..*hit })
        })
        .collect();
    let mut scan = scan::scan(&view, &found);
    let masked = parse::mask(&view, &scan.own_line_comments);
    // A file too large to parse whole can only be read through its windows.
    let whole_allowed = bytes.len() <= MAX_PARSED_BYTES;
    let parse_whole_if_allowed = |masked: &[u8], lines: &LineIndex| match whole_allowed {
        true => parse_whole(masked, lines),
        false => Err(FileError::TooLarge {
            size: bytes.len(),
            whole: true,
        }),
    };
    let worth = |found: &[Range<usize>]| match mode {
        Windows::Never => false,
        Windows::WhenWorthIt => !whole_allowed || worth_windows(found, body.len()),
        Windows::Always => true,
    };
    let windows = scan.windows.as_deref().filter(|found| worth(found));
    if windows.is_some_and(|found| found.is_empty()) {
        // Needles only where they do not count (in comments, a name in a string): nothing
        // to read.
        return Ok(FileReport::default());
    }
    let windowed = windows.and_then(|windows| parse_windows(&masked, windows, &lines));
    let mut parsed_whole = windowed.is_none();
    let mut tree = match windowed {
        Some(tree) => tree,
        None => parse_whole_if_allowed(&masked, &lines)?,
    };
    let exact = scan.windows.is_some();
    let mut widened = false;
    let mut findings = loop {
        let suppressions = Suppressions::in_file(&tree, &scan, exact, &view, &lines);
        let context = Context {
            tree: &tree,
            whole: parsed_whole,
            source: &view,
            body,
            lines: &lines,
            settings,
            methods_in_windows: if parsed_whole { &[] } else { &scan.methods },
            whole_allowed,
            project,
        };
        let needs = match check_rules(&context, hits.rules, &suppressions) {
            Ok(findings) => break findings,
            Err(_) if parsed_whole => panic!("a rule refused the tree of a whole file"),
            Err(needs) => needs,
        };
        // The windows of the classes and functions around what a rule asked for, once;
        // the whole file if one is at the module's level, or if that is not enough.
        let around = match needs {
            NeedsMore::ScopesOf(offsets) if !widened => offsets
                .iter()
                .map(|&offset| scan.enclosing_definition(offset))
                .collect::<Option<Vec<usize>>>(),
            _ => None,
        };
        widened = true;
        let wider = around.and_then(|starts| {
            let mut wider_hits = found.clone();
            wider_hits.extend(starts.into_iter().map(Hit::anywhere));
            wider_hits.sort_unstable();
            wider_hits.dedup();
            let wider = scan::scan(&view, &wider_hits);
            let tree = wider
                .windows
                .as_deref()
                .filter(|found| worth(found))
                .and_then(|windows| parse_windows(&masked, windows, &lines))?;
            Some((wider, tree))
        });
        match wider {
            Some((wider, wider_tree)) => (scan, tree) = (wider, wider_tree),
            None => {
                tree = parse_whole_if_allowed(&masked, &lines)?;
                parsed_whole = true;
            }
        }
    };
    // Before sorting: insertions at one place are joined in the table's order of rules,
    // each rule's in the order it returned them.
    let edits = merged_edits(&findings);
    // Stable: findings of several rules at one place stay in table order.
    findings.sort_by_key(|f| (f.range.start, f.range.end));
    // The same finding twice (a parameter's caller, reached from two cookies of its
    // function) is one.
    findings.dedup_by(|a, b| a.rule == b.rule && a.range == b.range && a.message == b.message);
    let (settled, findings): (Vec<Finding>, Vec<Finding>) =
        findings.into_iter().partition(|f| f.verdict.is_settled());
    if edits.is_empty() {
        return Ok(report(findings, settled, None, bom_len));
    }
    if !parsed_whole {
        tree = parse_whole_if_allowed(&masked, &lines)?;
    }
    let fixed_body = edit::apply(body, &edits).map_err(FileError::Overlap)?;
    let incremental = mode != Windows::Never;
    let fixed_view = source.view_of(&fixed_body);
    verify(&mut tree, &masked, &edits, &lines, &fixed_view, incremental)?;
    let fixed = [source.bom(), &fixed_body].concat();
    Ok(report(findings, settled, Some(fixed), bom_len))
}

/// The findings of every rule of `rules` in one tree, or what the rules that could not
/// tell need, together: the whole file if any needs it.
fn check_rules(
    context: &Context,
    rules: RuleSet,
    suppressions: &Suppressions,
) -> Result<Vec<Finding>, NeedsMore> {
    let mut findings: Vec<Finding> = Vec::new();
    let mut needs: Option<NeedsMore> = None;
    for (_, rule) in rules.iter() {
        match (rule.check)(context) {
            Ok(detections) if needs.is_none() => findings.extend(
                detections
                    .into_iter()
                    .map(|detection| finding(rule, detection, context.lines, suppressions)),
            ),
            Ok(_) => {}
            Err(asked) => {
                needs = Some(match (needs.take(), asked) {
                    (None, asked) => asked,
                    (Some(NeedsMore::ScopesOf(mut offsets)), NeedsMore::ScopesOf(more)) => {
                        offsets.extend(more);
                        NeedsMore::ScopesOf(offsets)
                    }
                    _ => NeedsMore::WholeFile,
                });
            }
        }
    }
    match needs {
        Some(needs) => Err(needs),
        None => Ok(findings),
    }
}

/// The edits of all findings: insertions at one place are joined into one edit, in
/// the order of the findings (the rule table's, then each rule's own), by
/// [`edit::join_edits`]; any other overlap is left for [`edit::apply`] to refuse.
fn merged_edits(findings: &[Finding]) -> Vec<Edit> {
    let mut joined: BTreeMap<(usize, usize), Vec<&Edit>> = BTreeMap::new();
    let mut edits = Vec::new();
    for edit in findings.iter().flat_map(|finding| &finding.edits) {
        // Insertions at one place, and replacements of the same bytes that say they
        // join (attributes appended to one header value), become one edit.
        if edit.range.is_empty() || edit.joined_by.is_some() {
            joined
                .entry((edit.range.start, edit.range.end))
                .or_default()
                .push(edit);
        } else if !edits.contains(edit) {
            // The same replacement asked for twice (one default that two cookies
            // read) is made once.
            edits.push(edit.clone());
        }
    }
    edits.extend(
        joined
            .into_iter()
            .map(|((start, end), edits)| edit::join_edits(start..end, &edits)),
    );
    edits
}

/// A rule's detection as a finding: its position, and whether a comment suppresses it.
fn finding(
    rule: &Rule,
    detection: Detection,
    lines: &LineIndex,
    suppressions: &Suppressions,
) -> Finding {
    let Detection {
        subject,
        verdict,
        message,
        range,
        edits,
        opt_out,
        follow_up,
    } = detection;
    let first = lines.line_of(range.start);
    let last = lines.line_of(range.end);
    let settled = verdict.is_settled();
    let suppressed = !settled && suppressions.covers(rule.id, first, last);
    let settled_by = match verdict {
        crate::diagnostic::Verdict::Settled(_, at) => Some(lines.position(at)),
        _ => None,
    };
    Finding {
        rule: rule.id,
        subject,
        verdict,
        message,
        start: lines.position(range.start),
        end: lines.position(range.end),
        range,
        edits: if suppressed { Vec::new() } else { edits },
        suppressed,
        settled_by,
        opt_out: opt_out.filter(|_| !suppressed),
        follow_up: follow_up.filter(|_| !suppressed),
    }
}

/// Windows are parsed first when they leave out enough of the file for the parse of
/// the whole, should it still be needed, to cost little more.
fn worth_windows(windows: &[Range<usize>], body_len: usize) -> bool {
    let covered: usize = windows.iter().map(|w| w.len()).sum();
    covered <= body_len / 2
}

/// Parses the windows of a masked body; none if they do not parse alone.
fn parse_windows(
    masked: &[u8],
    windows: &[Range<usize>],
    lines: &LineIndex,
) -> Option<tree_sitter::Tree> {
    parse::parse_windows(masked, windows, lines).filter(|tree| !tree.root_node().has_error())
}

/// Parses all of a masked body, refusing it if it has a syntax error.
fn parse_whole(masked: &[u8], lines: &LineIndex) -> Result<tree_sitter::Tree, FileError> {
    let tree = parse::parse_whole(masked).ok_or(FileError::ParserFailed)?;
    if let Some(error) = first_error(&tree) {
        return Err(FileError::Syntax(lines.position(error.start_byte())));
    }
    Ok(tree)
}

/// Parses the fixed body again (its view, as the original's was read), reusing `tree`
/// (the original's) where the edits left it alone if `incremental`, and refuses a
/// result with a syntax error.
fn verify(
    tree: &mut tree_sitter::Tree,
    masked: &[u8],
    edits: &[Edit],
    lines: &LineIndex,
    fixed_view: &[u8],
    incremental: bool,
) -> Result<(), FileError> {
    let fixed_masked = parse::mask(fixed_view, &scan::scan(fixed_view, &[]).own_line_comments);
    let edited_masked = edit::apply(masked, edits).map_err(FileError::Overlap)?;
    // Incremental parsing is exact only if the edits are all that changed; were an edit
    // to turn a line into a comment or out of one, the masks differ and all is parsed.
    let reparsed = if incremental && *fixed_masked == *edited_masked {
        parse::reparse(tree, edits, lines, &fixed_masked)
    } else {
        parse::parse_whole(&fixed_masked)
    }
    .ok_or(FileError::ParserFailed)?;
    match first_error(&reparsed) {
        Some(error) => {
            let fixed_lines = LineIndex::new(fixed_view, lines.encoding());
            Err(FileError::BrokenFix(
                fixed_lines.position(error.start_byte()),
            ))
        }
        None => Ok(()),
    }
}

/// The report in file offsets, which count the BOM that body offsets leave out.
fn report(
    mut findings: Vec<Finding>,
    mut settled: Vec<Finding>,
    fixed: Option<Vec<u8>>,
    bom_len: usize,
) -> FileReport {
    if bom_len > 0 {
        for finding in findings.iter_mut().chain(&mut settled) {
            finding.range = finding.range.start + bom_len..finding.range.end + bom_len;
            for edit in &mut finding.edits {
                *edit = edit.shifted(bom_len);
            }
        }
    }
    FileReport {
        findings,
        settled,
        fixed,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A rule that asks for the scope of a sink reads it through windows: the syntax
    /// error at the end, outside every window, is never parsed (nor would it be, but
    /// for a fix).
    #[test]
    fn the_scopes_rules_ask_for_are_read_through_windows() {
        let after = "x = = 1\n";
        for (body, findings) in [
            (
                "import httpx\n\nclass T:\n    def test(self):\n        client = httpx.Client()\n        client.headers['Set-Cookie'] = 'sid=1'\n",
                0,
            ),
            (
                "from http.cookies import SimpleCookie\n\ndef view():\n    c = SimpleCookie()\n    c['sid'] = token\n    c['sid']['secure'] = settings.SECURE\n    print(c)\n",
                1,
            ),
        ] {
            let body = format!("{body}{after}");
            let report = fix_parsing_windows(body.as_bytes(), &Settings::default());
            assert_eq!(report.map(|r| r.findings.len()), Ok(findings), "{body}");
            let whole = fix_parsing_whole(body.as_bytes(), &Settings::default());
            assert!(matches!(whole, Err(FileError::Syntax(_))), "{body}");
        }
    }
}
