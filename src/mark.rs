//! `--add-ignore`: the suppression markers that silence each finding needing review, as
//! ruff's `--add-noqa` writes its own.
//!
//! A marker goes at the end of a line the finding spans (its first, where it can),
//! joining a comment already there, or else on a line of its own above the finding.
//! A line whose end lies in a string or continues with a backslash takes no comment; a
//! line that another finding of the same rule spans, still reported or fixable, takes
//! none either, since the marker would silence that one too. Each marked file is read
//! again as `--check` reads it: every targeted finding must now be suppressed and every
//! other finding must be as it was, or the file is left unchanged.

use std::collections::BTreeMap;
use std::fmt;

use crate::diagnostic::Finding;
use crate::edit::{self, Edit};
use crate::engine::{self, FileError, FileReport, Settings};
use crate::parse;
use crate::rules::RULES;
use crate::scan;
use crate::source::{is_blank, trim_blank, LineIndex, Position, Source};

/// What `--add-ignore` made of one file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Marking {
    /// The whole file with its markers; `None` when no marker could be placed.
    pub marked: Option<Vec<u8>>,
    /// How many findings the markers silence.
    pub silenced: usize,
    /// The findings (indices into the report's) that no line could take a marker for.
    pub unplaced: Vec<usize>,
}

/// Why a file's markers were not written.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum MarkError {
    /// The file cannot be marked as it is: a syntax error outside the lines that
    /// `--check` reads, say, which only a parse of the whole file finds.
    File(FileError),
    /// The marked file does not parse, at this position of the marked file.
    Broken(Position),
    /// Read again, the marked file's findings are not those expected.
    Unsilenced,
}

impl fmt::Display for MarkError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            MarkError::File(error) => error.fmt(f),
            MarkError::Broken(at) => write!(
                f,
                "internal error: an ignore marker would break the syntax at line {}; \
                 file left unchanged",
                at.line
            ),
            MarkError::Unsilenced => write!(
                f,
                "internal error: the ignore markers would not silence exactly the \
                 findings that need review; file left unchanged"
            ),
        }
    }
}

impl std::error::Error for MarkError {}

/// Where a marker goes: after the last token or comment of a line, or on a new line
/// before it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
enum Place {
    Above(usize),
    End(usize),
}

/// The markers that silence the findings of `report` that need review and are not
/// suppressed, in `bytes` (the file `report` was made from with `settings`).
pub fn add_ignores(
    bytes: &[u8],
    report: &FileReport,
    settings: &Settings,
) -> Result<Marking, MarkError> {
    let targets: Vec<usize> = (0..report.findings.len())
        .filter(|&i| needs_marker(&report.findings[i]))
        .collect();
    if targets.is_empty() {
        return Ok(Marking {
            marked: None,
            silenced: 0,
            unplaced: Vec::new(),
        });
    }
    let source = Source::new(bytes).map_err(|e| MarkError::File(FileError::Decode(e)))?;
    let body = source.body();
    let bom_len = source.bom_len();
    let view = source.view_of(body);
    let lines = LineIndex::new(body, source.encoding());
    if bytes.len() > engine::MAX_PARSED_BYTES {
        return Err(MarkError::File(FileError::TooLarge {
            size: bytes.len(),
            whole: true,
        }));
    }
    let masked = parse::mask(&view, &scan::scan(&view, &[]).own_line_comments);
    let tree = parse::parse_whole(&masked).ok_or(MarkError::File(FileError::ParserFailed))?;
    if let Some(error) = parse::first_error(&tree) {
        let at = lines.position(error.start_byte());
        return Err(MarkError::File(FileError::Syntax(at)));
    }
    let reader = Lines {
        body,
        view: &view,
        lines: &lines,
        tree: &tree,
    };

    let spans: Vec<(usize, usize)> = report
        .findings
        .iter()
        .map(|f| {
            let range = f.range.start - bom_len..f.range.end - bom_len;
            (lines.line_of(range.start), lines.line_of(range.end))
        })
        .collect();
    // Findings a marker must not reach: those still reported or fixed.
    let kept: Vec<usize> = (0..report.findings.len())
        .filter(|&i| !report.findings[i].suppressed && !targets.contains(&i))
        .collect();
    let reaches = |place: Place, rule: &str| {
        kept.iter().any(|&i| {
            let (first, last) = spans[i];
            report.findings[i].rule == rule
                && match place {
                    Place::End(line) => (first..=last).contains(&line),
                    // The new line lies inside a finding that spans the line above too.
                    Place::Above(line) => first == line || (first < line && line <= last),
                }
        })
    };

    let mut places: BTreeMap<Place, Vec<&'static str>> = BTreeMap::new();
    let mut unplaced = Vec::new();
    for &i in &targets {
        let rule = report.findings[i].rule;
        let (first, last) = spans[i];
        let place = (first..=last)
            .filter(|&line| reader.takes_comment_at_end(line))
            .map(Place::End)
            .chain(
                reader
                    .takes_line_before(first)
                    .then_some(Place::Above(first)),
            )
            .find(|&place| !reaches(place, rule));
        match place {
            Some(place) => places.entry(place).or_default().push(rule),
            None => unplaced.push(i),
        }
    }
    if places.is_empty() {
        return Ok(Marking {
            marked: None,
            silenced: 0,
            unplaced,
        });
    }

    let edits: Vec<Edit> = places
        .iter()
        .map(|(&place, rules)| reader.marker_edit(place, &marker_text(rules)))
        .collect();
    let marked_body = edit::apply(body, &edits).map_err(|_| MarkError::Unsilenced)?;
    let marked = [source.bom(), &marked_body].concat();
    let silenced: Vec<usize> = targets
        .iter()
        .copied()
        .filter(|i| !unplaced.contains(i))
        .collect();
    recheck(&marked, report, &silenced, settings)?;
    Ok(Marking {
        marked: Some(marked),
        silenced: silenced.len(),
        unplaced,
    })
}

/// Whether `--add-ignore` writes a marker for a finding: it needs review and nothing
/// suppresses it yet.
pub fn needs_marker(finding: &Finding) -> bool {
    !finding.suppressed && !finding.verdict.is_fixable()
}

/// `# cookie-fix: ignore[RULE, ...]`, the rules in the table's order, each once.
fn marker_text(rules: &[&str]) -> String {
    let ids: Vec<&str> = RULES
        .iter()
        .map(|rule| rule.id)
        .filter(|id| rules.contains(id))
        .collect();
    format!("# cookie-fix: ignore[{}]", ids.join(", "))
}

/// Reads the marked file as `--check` will, and holds it to the promise: the syntax is
/// intact, the findings are the same ones in the same order, and exactly those in
/// `silenced` turned suppressed.
fn recheck(
    marked: &[u8],
    report: &FileReport,
    silenced: &[usize],
    settings: &Settings,
) -> Result<(), MarkError> {
    let source = Source::new(marked).map_err(|_| MarkError::Unsilenced)?;
    let view = source.view_of(source.body());
    let masked = parse::mask(&view, &scan::scan(&view, &[]).own_line_comments);
    let tree = parse::parse_whole(&masked).ok_or(MarkError::Unsilenced)?;
    if let Some(error) = parse::first_error(&tree) {
        let lines = LineIndex::new(&view, source.encoding());
        return Err(MarkError::Broken(lines.position(error.start_byte())));
    }
    let again = engine::fix(marked, settings).map_err(|_| MarkError::Unsilenced)?;
    let same =
        again.findings.len() == report.findings.len()
            && again.fixed.is_some() == report.fixed.is_some()
            && again.findings.iter().zip(&report.findings).enumerate().all(
                |(i, (after, before))| {
                    after.rule == before.rule
                        && after.verdict == before.verdict
                        && after.suppressed == (before.suppressed || silenced.contains(&i))
                },
            );
    if same {
        Ok(())
    } else {
        Err(MarkError::Unsilenced)
    }
}

/// A file's lines, and what its syntax tree says about where they end.
struct Lines<'a> {
    body: &'a [u8],
    /// What the parser read (offsets as the body's).
    view: &'a [u8],
    lines: &'a LineIndex<'a>,
    tree: &'a tree_sitter::Tree,
}

impl Lines<'_> {
    /// The offset past a line's last token or comment; `None` for a line of blanks or
    /// of a comment alone (the parser did not read those, see parse.rs).
    fn content_end(&self, line: usize) -> Option<usize> {
        let text = self.lines.line_text(line);
        let content = trim_blank(text);
        if content.is_empty() || content[0] == b'#' {
            return None;
        }
        let trailing = text.iter().rev().take_while(|b| is_blank(b)).count();
        Some(self.lines.line_start(line) + text.len() - trailing)
    }

    /// What the last byte before `end` belongs to: a comment, a string that goes on past
    /// the line, or code.
    fn ending(&self, end: usize) -> Ending {
        let last = end - 1;
        let mut node = self.tree.root_node().descendant_for_byte_range(last, end);
        while let Some(current) = node {
            match current.kind() {
                "comment" => return Ending::Comment,
                "string" if current.end_byte() > end => return Ending::InString,
                _ => {}
            }
            node = current.parent();
        }
        if self.view[last] == b'\\' {
            Ending::Continued
        } else {
            Ending::Code
        }
    }

    /// Whether a comment can be added at the end of `line`.
    fn takes_comment_at_end(&self, line: usize) -> bool {
        self.content_end(line)
            .is_some_and(|end| matches!(self.ending(end), Ending::Code | Ending::Comment))
    }

    /// Whether a line of its own can be added before `line`: the line before it (or the
    /// last one with code) neither leaves a string open nor continues with a backslash.
    fn takes_line_before(&self, line: usize) -> bool {
        (0..line)
            .rev()
            .find_map(|above| self.content_end(above))
            .is_none_or(|end| matches!(self.ending(end), Ending::Code | Ending::Comment))
    }

    fn marker_edit(&self, place: Place, marker: &str) -> Edit {
        match place {
            Place::End(line) => {
                let end = self
                    .content_end(line)
                    .unwrap_or(self.lines.line_start(line));
                Edit::insert(end, format!("  {marker}"))
            }
            Place::Above(line) => {
                let start = self.lines.line_start(line);
                let indent = edit::indentation_at(self.body, self.lines, start);
                let ending = edit::line_ending_at(self.lines, start);
                let indent = String::from_utf8_lossy(indent);
                Edit::insert(start, format!("{indent}{marker}{ending}"))
            }
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Ending {
    Code,
    Comment,
    /// The line ends inside a string (triple-quoted, or an f-string's field).
    InString,
    /// A backslash joins the next line to this one.
    Continued,
}

#[cfg(test)]
mod tests {
    use super::*;

    fn marked(source: &str) -> (String, Marking) {
        let settings = Settings::default();
        let report = engine::fix(source.as_bytes(), &settings).expect("the input parses");
        let marking = add_ignores(source.as_bytes(), &report, &settings).expect("markers fit");
        let text = marking
            .marked
            .as_deref()
            .map_or_else(|| source.to_owned(), |m| String::from_utf8_lossy(m).into());
        (text, marking)
    }

    #[test]
    fn a_marker_goes_on_the_first_line_and_joins_a_comment() {
        let (text, marking) = marked(
            "response.set_cookie('a', v, secure=flag)\n\
             response.set_cookie('b', v, secure=flag)  # why\n",
        );
        assert_eq!(
            text,
            "response.set_cookie('a', v, secure=flag)  # cookie-fix: ignore[secure-cookie]\n\
             response.set_cookie('b', v, secure=flag)  # why  # cookie-fix: ignore[secure-cookie]\n"
        );
        assert_eq!((marking.silenced, marking.unplaced.len()), (2, 0));
    }

    #[test]
    fn a_line_ending_in_a_string_or_a_backslash_is_passed_over() {
        let (text, _) = marked("response.set_cookie('''a\nb''', v, secure=flag)\n");
        assert_eq!(
            text,
            "response.set_cookie('''a\nb''', v, secure=flag)  # cookie-fix: ignore[secure-cookie]\n"
        );
        let (text, _) =
            marked("x = response.set_cookie('''a\nb''', v, secure=flag) \\\n    or 1\n");
        assert_eq!(
            text,
            "# cookie-fix: ignore[secure-cookie]\nx = response.set_cookie('''a\nb''', v, secure=flag) \\\n    or 1\n"
        );
        let (text, _) = marked("response.set_cookie('a', v, \\\n    secure=flag)\n");
        assert_eq!(
            text,
            "response.set_cookie('a', v, \\\n    secure=flag)  # cookie-fix: ignore[secure-cookie]\n"
        );
    }

    #[test]
    fn a_line_shared_with_a_fix_of_the_same_rule_is_passed_over() {
        // Neither its line nor a line above it can be marked without hiding the fix.
        let source =
            "if x:\n    response.set_cookie('a', v); response.set_cookie('b', v, secure=flag)\n";
        let (text, marking) = marked(source);
        assert_eq!(text, source);
        assert_eq!(
            (marking.silenced, marking.unplaced.as_slice()),
            (0, &[1][..])
        );
        // Split over two lines, the second can be marked.
        let (text, _) =
            marked("response.set_cookie('a', v); response.set_cookie(\n    'b', v, secure=flag)\n");
        assert_eq!(
            text,
            "response.set_cookie('a', v); response.set_cookie(\n    'b', v, secure=flag)  # cookie-fix: ignore[secure-cookie]\n"
        );
    }

    #[test]
    fn a_line_above_inside_a_fix_of_the_same_rule_is_passed_over() {
        let source = "resp.set_cookie(\n    'a',\n    resp.set_cookie('''x\ny''', v, secure=flag) \\\n    or 1,\n)\n";
        let (text, marking) = marked(source);
        assert_eq!(text, source);
        assert_eq!(marking.unplaced, [1]);
    }

    #[test]
    fn a_finding_no_line_can_take_is_left_unplaced() {
        let (text, marking) = marked(
            "x = 1 + \\\n    response.set_cookie('a', v, secure=flag) + \\\n    response.set_cookie('b', v)\n",
        );
        assert_eq!(marking.unplaced, [0]);
        assert!(marking.marked.is_none());
        assert!(text.starts_with("x = 1"));
    }
}
