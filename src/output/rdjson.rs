//! `--output-format rdjson`: reviewdog's Diagnostic Format (a `DiagnosticResult`,
//! proto/rdf/reviewdog.proto), with each fix as one `suggestions` entry, so that a
//! reviewer accepts it in one click. Positions are 1-based lines and columns counted
//! in bytes of the file, as the format counts UTF-8 bytes; ranges end exclusive.
//! Suppressed findings, and after `--write` fixed ones, are left out.

use serde_json::{json, Value};

use super::FileFindings;
use crate::cli::Mode;
use crate::edit;
use crate::rules;
use crate::source::{Encoding, LineIndex};

pub fn document(files: &[FileFindings], mode: Mode) -> String {
    let diagnostics: Vec<Value> = files
        .iter()
        .flat_map(|file| {
            // Columns count bytes whatever the encoding: UTF-8 counts nothing else.
            let lines = LineIndex::new(&file.original, Encoding::SingleByte);
            file.findings
                .iter()
                .filter(|finding| !finding.suppressed && !super::was_fixed(finding, mode))
                .map(move |finding| {
                    let mut diagnostic = json!({
                        "message": finding.message,
                        "location": {
                            "path": file.path,
                            "range": range(&lines, finding.range.start, finding.range.end),
                        },
                        "severity": if finding.verdict.is_fixable() { "ERROR" } else { "WARNING" },
                        "code": { "value": finding.rule, "url": rule_uri(finding.rule) },
                    });
                    if let Some(suggestion) = suggestion(&file.original, &lines, finding) {
                        diagnostic["suggestions"] = json!([suggestion]);
                    }
                    diagnostic
                })
                .collect::<Vec<_>>()
        })
        .collect();
    let document = json!({
        "source": { "name": "cookie-fix", "url": rules::PROJECT_URI },
        "diagnostics": diagnostics,
    });
    serde_json::to_string_pretty(&document).unwrap_or_else(|e| format!("{{\"error\": \"{e}\"}}"))
}

/// The page of the rule with this id (every finding's rule is in the table).
fn rule_uri(id: &str) -> String {
    rules::by_id(id).map_or_else(|| rules::PROJECT_URI.to_owned(), |rule| rule.help_uri())
}

/// A finding's edits as one replacement: from the first edit's start to the last
/// one's end, the file's bytes there with every edit made.
fn suggestion(original: &[u8], lines: &LineIndex, finding: &crate::Finding) -> Option<Value> {
    let start = finding.edits.iter().map(|e| e.range.start).min()?;
    let end = finding.edits.iter().map(|e| e.range.end).max()?;
    let local: Vec<edit::Edit> = finding
        .edits
        .iter()
        .map(|e| e.shifted_back(start))
        .collect();
    let replaced = edit::apply(original.get(start..end)?, &local).ok()?;
    Some(json!({
        "range": range(lines, start, end),
        "text": String::from_utf8_lossy(&replaced),
    }))
}

fn range(lines: &LineIndex, start: usize, end: usize) -> Value {
    json!({ "start": position(lines, start), "end": position(lines, end) })
}

fn position(lines: &LineIndex, offset: usize) -> Value {
    let position = lines.position(offset);
    json!({ "line": position.line, "column": position.column })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn positions_count_bytes_from_1() {
        let lines = LineIndex::new("a\r\nbé\rc\n".as_bytes(), Encoding::SingleByte);
        assert_eq!(position(&lines, 0), json!({ "line": 1, "column": 1 }));
        assert_eq!(position(&lines, 6), json!({ "line": 2, "column": 4 }));
        assert_eq!(position(&lines, 7), json!({ "line": 3, "column": 1 }));
    }
}
