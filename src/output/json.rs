//! `--output-format json`: one document with every finding, its edits, the
//! skipped paths and the summary. The schema is documented in docs/output-formats.md;
//! `schema_version` changes whenever a field changes meaning or disappears.

use serde_json::{json, Value};

use super::{FileFindings, Skipped, Summary};
use crate::cli::Mode;
use crate::diagnostic::Finding;

pub const SCHEMA_VERSION: u32 = 1;

pub fn document(
    mode: Mode,
    files: &[FileFindings],
    skipped: &[Skipped],
    summary: &Summary,
) -> String {
    let findings: Vec<Value> = files
        .iter()
        .flat_map(|file| {
            file.findings
                .iter()
                .zip(&file.fingerprints)
                .map(|(f, fingerprint)| finding(&file.path, f, fingerprint, mode))
        })
        .collect();
    let settled: Vec<Value> = files
        .iter()
        .flat_map(|file| file.settled.iter().map(|s| settled_entry(&file.path, s)))
        .collect();
    let skipped: Vec<Value> = skipped
        .iter()
        .map(|s| json!({ "path": s.path, "reason": s.reason }))
        .collect();
    let document = json!({
        "schema_version": SCHEMA_VERSION,
        "tool": { "name": "cookie-fix", "version": env!("CARGO_PKG_VERSION") },
        "mode": match mode {
            Mode::DryRun => "dry-run",
            Mode::Write => "write",
            Mode::Check => "check",
            Mode::AddIgnore => "add-ignore",
        },
        "findings": findings,
        "settled": settled,
        "skipped": skipped,
        "summary": {
            "files_checked": summary.files_checked,
            "files_with_fixes": summary.files_with_fixes,
            "fixes": summary.fixes,
            "review": summary.review,
            "settled": summary.settled,
            "suppressed": summary.suppressed,
            "skipped": summary.skipped,
            "baselined": summary.baselined.unwrap_or(0),
            "tests_left_out": summary.tests_left_out,
        },
    });
    serde_json::to_string_pretty(&document).unwrap_or_else(|e| format!("{{\"error\": \"{e}\"}}"))
}

fn finding(path: &str, finding: &Finding, fingerprint: &str, mode: Mode) -> Value {
    let edits: Vec<Value> = finding
        .edits
        .iter()
        .map(|edit| {
            json!({
                "byte_range": { "start": edit.range.start, "end": edit.range.end },
                "content": edit.content,
            })
        })
        .collect();
    json!({
        "path": path,
        "rule": finding.rule,
        "method": finding.subject,
        "verdict": finding.verdict.name(),
        "fixable": !finding.edits.is_empty(),
        "fixed": super::was_fixed(finding, mode),
        "suppressed": finding.suppressed,
        "message": finding.message,
        "start": { "line": finding.start.line, "column": finding.start.column },
        "end": { "line": finding.end.line, "column": finding.end.column },
        "byte_range": { "start": finding.range.start, "end": finding.range.end },
        "edits": edits,
        "opt_out": finding.opt_out.as_ref().map(|opt_out| json!({
            "variable": opt_out.variable,
            "value": opt_out.value,
            "written_like": { "setting": opt_out.written_like, "line": opt_out.written_like_line },
        })),
        "tests_over_http": finding.follow_up.as_ref().map(|follow_up| follow_up.uses.iter().map(|u| json!({
            "path": u.shown,
            "line": u.line,
            "client": u.client,
            "https_base_url": u.https_base_url,
        })).collect::<Vec<_>>()),
        "fingerprint": fingerprint,
    })
}

/// A value the code settles: where it is, what settles it, and where that is.
fn settled_entry(path: &str, entry: &Finding) -> Value {
    let settled_by = entry.settled_by.unwrap_or(entry.start);
    json!({
        "path": path,
        "rule": entry.rule,
        "method": entry.subject,
        "verdict": entry.verdict.name(),
        "message": entry.message,
        "start": { "line": entry.start.line, "column": entry.start.column },
        "end": { "line": entry.end.line, "column": entry.end.column },
        "settled_by": { "line": settled_by.line, "column": settled_by.column },
    })
}
