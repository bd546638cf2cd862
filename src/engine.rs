//! One file in, findings and fixed bytes out: the pure core of cookie-fix.

use std::fmt;
use std::ops::Range;
use std::sync::LazyLock;

use memchr::memmem;

use crate::edit::{self, Edit, OverlappingEdits};
use crate::parse::{self, first_error, Parsed};
use crate::rule::{self, Detection, Outcome};
use crate::scan;
use crate::source::{self, is_blank, DecodeError, LineIndex, Position, Source};

/// What the engine needs to know beyond the file's bytes.
#[derive(Debug, Clone)]
pub struct Settings {
    /// The expression inserted as `secure=...`, `True` unless configured.
    pub secure_value: String,
}

impl Default for Settings {
    fn default() -> Self {
        Settings {
            secure_value: "True".to_owned(),
        }
    }
}

/// Why a finding was raised.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Verdict {
    /// No `secure` argument: fixed by inserting one.
    Missing,
    /// `secure` is a falsy literal: fixed by replacing it.
    Falsy,
    /// `secure` is an expression: needs review.
    Dynamic,
    /// `*args` / `**kwargs` may carry `secure`: needs review.
    Splat,
    /// Positional arguments may reach `secure` through the `*args` of the setter's
    /// definition in the file: needs review.
    ThroughArgs,
    /// A local definition of the setter has no `secure`: needs review.
    NoSecureParameter,
    /// The file's frameworks or definitions disagree on where `secure` goes: needs review.
    Ambiguous,
}

impl Verdict {
    /// Whether cookie-fix edits such a call (unless it is suppressed).
    pub fn is_fixable(self) -> bool {
        matches!(self, Verdict::Missing | Verdict::Falsy)
    }

    /// A stable, kebab-case name for machine-readable output.
    pub fn name(self) -> &'static str {
        match self {
            Verdict::Missing => "missing",
            Verdict::Falsy => "falsy",
            Verdict::Dynamic => "dynamic",
            Verdict::Splat => "splat",
            Verdict::ThroughArgs => "through-args",
            Verdict::NoSecureParameter => "no-secure-parameter",
            Verdict::Ambiguous => "ambiguous",
        }
    }
}

/// One cookie call that is not secure, or cannot be shown to be.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Finding {
    pub method: &'static str,
    pub verdict: Verdict,
    /// The call's bytes in the file (a BOM included in the offsets).
    pub range: Range<usize>,
    pub start: Position,
    pub end: Position,
    /// The source text of the `secure` value, when one is given.
    pub value: Option<String>,
    /// The edits that fix the call, in file offsets; empty unless fixable and not suppressed.
    pub edits: Vec<Edit>,
    pub suppressed: bool,
}

impl Finding {
    /// The finding's message, without the rule id or position.
    pub fn message(&self) -> String {
        let method = self.method;
        let value = self.value.as_deref().unwrap_or("");
        match self.verdict {
            Verdict::Missing => format!("{method}() without secure=True"),
            Verdict::Falsy => format!("{method}() with secure={value}"),
            Verdict::Dynamic => {
                format!("{method}() with secure={value}: check that it is true in production")
            }
            Verdict::Splat => {
                format!("{method}() passes *args or **kwargs: check that they set secure=True")
            }
            Verdict::ThroughArgs => format!(
                "{method}() is defined in this file with *args, through which these positional arguments may reach secure: check that they set it"
            ),
            Verdict::NoSecureParameter => format!(
                "{method}() is defined in this file without a secure parameter: make it set Secure"
            ),
            Verdict::Ambiguous => format!(
                "{method}(): the frameworks or definitions in this file disagree on where secure goes"
            ),
        }
    }
}

/// The result of processing one file that could be read and parsed.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct FileReport {
    /// In source order.
    pub findings: Vec<Finding>,
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
    /// The file mentions a cookie setter but is too large to parse (its size in bytes).
    TooLarge(usize),
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
            FileError::TooLarge(size) => write!(
                f,
                "file is {:.1} MiB; files over {} MiB are not parsed",
                *size as f64 / MIB as f64,
                MAX_PARSED_BYTES / MIB
            ),
            FileError::ParserFailed => write!(f, "internal error: the parser failed"),
        }
    }
}

impl std::error::Error for FileError {}

const MIB: usize = 1024 * 1024;

/// The largest file that is parsed. A syntax tree takes up to a kilobyte per short
/// line, so a huge generated file could take gigabytes; the largest hand-written or
/// generated module in our benchmark corpus of 50,000 files is 6 MiB.
pub const MAX_PARSED_BYTES: usize = 10 * MIB;

/// Finds the insecure cookie calls of one file and fixes what can be fixed.
///
/// Only the logical lines the rule reads are parsed at first (see [`crate::scan`]); the
/// whole file is parsed when those do not parse alone, and before any edit, since a file
/// with a syntax error is never edited. A syntax error elsewhere in a file that needs
/// no edit therefore goes unreported, as it does in a file without cookie calls.
pub fn fix(bytes: &[u8], settings: &Settings) -> Result<FileReport, FileError> {
    fix_with(bytes, settings, Windows::WhenWorthIt)
}

/// [`fix`] parsing every file whole, and every fixed result whole again: the reference
/// the tests hold windows and incremental parsing to.
#[doc(hidden)]
pub fn fix_parsing_whole(bytes: &[u8], settings: &Settings) -> Result<FileReport, FileError> {
    fix_with(bytes, settings, Windows::Never)
}

/// [`fix`] parsing windows first even in a file they mostly cover: for the tests, whose
/// files are small.
#[doc(hidden)]
pub fn fix_parsing_windows(bytes: &[u8], settings: &Settings) -> Result<FileReport, FileError> {
    fix_with(bytes, settings, Windows::Always)
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

fn fix_with(bytes: &[u8], settings: &Settings, mode: Windows) -> Result<FileReport, FileError> {
    source::reject_binary(bytes).map_err(FileError::Decode)?;
    if !may_call_setter(bytes) {
        return Ok(FileReport::default());
    }
    if bytes.len() > MAX_PARSED_BYTES {
        return Err(FileError::TooLarge(bytes.len()));
    }
    let source = Source::new(bytes).map_err(FileError::Decode)?;
    let body = source.body();
    let lines = LineIndex::new(body, source.encoding());
    // What the parser and the rule read; messages and edits come from the body itself.
    let view = source.view_of(body);
    let scan = scan::scan(&view);
    let masked = parse::mask(&view, &scan.own_line_comments);
    let windows = scan.windows.as_deref().filter(|found| match mode {
        Windows::Never => false,
        Windows::WhenWorthIt => worth_windows(found, body.len()),
        Windows::Always => true,
    });
    if windows.is_some_and(|found| found.is_empty()) {
        // Setter names only in comments and strings: nothing to read.
        return Ok(FileReport::default());
    }
    let windowed = windows
        .and_then(|windows| parse::parse_windows(&masked, windows, &lines))
        .filter(|tree| !tree.root_node().has_error());
    let parsed_whole = windowed.is_none();
    let parsed = Parsed {
        tree: match windowed {
            Some(tree) => tree,
            None => parse_whole(&masked, &lines)?,
        },
        own_line_comments: scan.own_line_comments,
    };

    let detections = rule::detect(&parsed, &view, &lines);
    let findings: Vec<Finding> = detections
        .into_iter()
        .map(|detection| finding(detection, body, &lines, settings))
        .collect();
    let edits: Vec<Edit> = findings.iter().flat_map(|f| f.edits.clone()).collect();
    if edits.is_empty() {
        return Ok(report(findings, None, source.bom_len()));
    }
    let mut tree = if parsed_whole {
        parsed.tree
    } else {
        parse_whole(&masked, &lines)?
    };
    let fixed_body = edit::apply(body, &edits).map_err(FileError::Overlap)?;
    let incremental = mode != Windows::Never;
    let fixed_view = source.view_of(&fixed_body);
    verify(&mut tree, &masked, &edits, &lines, &fixed_view, incremental)?;
    let fixed = [source.bom(), &fixed_body].concat();
    Ok(report(findings, Some(fixed), source.bom_len()))
}

/// Windows are parsed first when they leave out enough of the file for the parse of
/// the whole, should it still be needed, to cost little more.
fn worth_windows(windows: &[Range<usize>], body_len: usize) -> bool {
    let covered: usize = windows.iter().map(|w| w.len()).sum();
    covered <= body_len / 2
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
    let fixed_masked = parse::mask(fixed_view, &scan::scan(fixed_view).own_line_comments);
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
fn report(mut findings: Vec<Finding>, fixed: Option<Vec<u8>>, bom_len: usize) -> FileReport {
    if bom_len > 0 {
        for finding in &mut findings {
            finding.range = finding.range.start + bom_len..finding.range.end + bom_len;
            for edit in &mut finding.edits {
                *edit = edit.shifted(bom_len);
            }
        }
    }
    FileReport { findings, fixed }
}

/// Checks that `expr` can stand as `secure=EXPR` in any call: one ASCII expression
/// on one line, not a falsy literal.
pub fn check_secure_value(expr: &str) -> Result<(), String> {
    if !expr.is_ascii() || expr.contains(['\n', '\r']) {
        return Err("it must be ASCII text on one line".to_owned());
    }
    let probe = format!("f(secure={expr})\n");
    let tree = parse::parse(probe.as_bytes())
        .ok_or("the parser failed")?
        .tree;
    let value = tree
        .root_node()
        .named_child(0)
        .and_then(|statement| statement.named_child(0))
        .and_then(|call| call.child_by_field_name("arguments"))
        .filter(|arguments| arguments.named_child_count() == 1)
        .and_then(|arguments| arguments.named_child(0))
        .filter(|argument| argument.kind() == "keyword_argument")
        .and_then(|argument| argument.child_by_field_name("value"));
    let whole = "f(secure=".len().."f(secure=".len() + expr.len();
    match value {
        Some(value) if first_error(&tree).is_none() && value.byte_range() == whole => {
            if rule::truthiness(value, probe.as_bytes()) == Some(false) {
                Err("it is falsy, so cookies would stay insecure".to_owned())
            } else {
                Ok(())
            }
        }
        _ => Err("it is not a single Python expression".to_owned()),
    }
}

/// The cheap test that spares most files a parse: could a setter be called here?
///
/// True for every occurrence of a setter's name that might be an attribute call:
/// unless the name is preceded on its line by something other than `.` (as in
/// `def set_cookie`, `"set_cookie"`) or followed on its line by something other than
/// `(` (as in `Response.set_cookie)`), it counts. Whatever may stand between the dot,
/// the name and the parenthesis across lines (continuations, comments in brackets)
/// makes the occurrence count too, so no real call is ever missed.
pub fn may_call_setter(bytes: &[u8]) -> bool {
    // Every setter name ends in `_cookie`: one scan finds candidates for all of them.
    static SUFFIX: LazyLock<memmem::Finder<'static>> =
        LazyLock::new(|| memmem::Finder::new(b"_cookie"));
    SUFFIX.find_iter(bytes).any(|at| {
        let end = at + b"_cookie".len();
        rule::SETTERS.iter().any(|setter| {
            let prefix = &setter.as_bytes()[..setter.len() - b"_cookie".len()];
            bytes[..at].ends_with(prefix)
                && !is_identifier_byte(bytes.get(end))
                && attribute_before(&bytes[..at - prefix.len()])
                && call_after(&bytes[end..])
        })
    })
}

fn is_identifier_byte(byte: Option<&u8>) -> bool {
    byte.is_some_and(|&b| b.is_ascii_alphanumeric() || b == b'_' || b >= 0x80)
}

/// The name may follow a `.`: the last byte before it on its line, past blanks, is a
/// dot, or there is none (the dot may be on an earlier line).
fn attribute_before(before: &[u8]) -> bool {
    match before.iter().rev().find(|b| !is_blank(b)) {
        Some(b'.' | b'\n' | b'\r') | None => true,
        Some(_) => false,
    }
}

/// The name may be called: the next byte on its line, past blanks, is `(`, or there is
/// none (the parenthesis may be on a later line, after a comment or a continuation).
fn call_after(after: &[u8]) -> bool {
    match after.iter().find(|b| !is_blank(b)) {
        Some(b'(' | b'\n' | b'\r' | b'#' | b'\\') | None => true,
        Some(_) => false,
    }
}

/// A finding in body offsets.
fn finding(detection: Detection, body: &[u8], lines: &LineIndex, settings: &Settings) -> Finding {
    let Detection {
        call,
        arguments,
        method,
        outcome,
        suppressed,
    } = detection;
    let text = |range: &Range<usize>| String::from_utf8_lossy(&body[range.clone()]).into_owned();
    let (verdict, value, edits) = match outcome {
        Outcome::Missing => (
            Verdict::Missing,
            None,
            edit::insert_argument(
                arguments,
                &format!("secure={}", settings.secure_value),
                body,
                lines,
            ),
        ),
        Outcome::Falsy { value, replaced } => (
            Verdict::Falsy,
            Some(text(&value)),
            vec![Edit::replace(replaced, settings.secure_value.clone())],
        ),
        Outcome::Dynamic(range) => (Verdict::Dynamic, Some(text(&range)), Vec::new()),
        Outcome::Splat => (Verdict::Splat, None, Vec::new()),
        Outcome::ThroughArgs => (Verdict::ThroughArgs, None, Vec::new()),
        Outcome::NoSecureParameter => (Verdict::NoSecureParameter, None, Vec::new()),
        // detect() drops secure calls; were one to slip through, review is the safe verdict.
        Outcome::Ambiguous | Outcome::Secure => (Verdict::Ambiguous, None, Vec::new()),
    };
    let edits = if suppressed { Vec::new() } else { edits };
    Finding {
        method,
        verdict,
        range: call.byte_range(),
        start: lines.position(call.start_byte()),
        end: lines.position(call.end_byte()),
        value,
        edits,
        suppressed,
    }
}

#[cfg(test)]
mod tests {
    use super::may_call_setter;

    #[test]
    fn prefilter_keeps_every_possible_call() {
        for call in [
            "r.set_cookie('k', 'v')",
            "r . set_signed_cookie ('k', 'v')",
            "make_response(x).set_secure_cookie(",
            "(r\n    .set_cookie\n    ('k', 'v'))",
            "r.set_cookie  # why\n    ('k', 'v')",
            "r.\\\nset_cookie('k')",
            "r.set_cookie",
        ] {
            assert!(may_call_setter(call.as_bytes()), "{call:?}");
        }
    }

    #[test]
    fn prefilter_drops_what_cannot_be_a_call() {
        for text in [
            "def set_cookie(self, key):",
            "handler = Response.set_cookie, other",
            "'set_cookie'",
            "r.set_cookies('k')",
            "r.reset_cookie('k')",
            "x = 1",
        ] {
            assert!(!may_call_setter(text.as_bytes()), "{text:?}");
        }
    }
}
