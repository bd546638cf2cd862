//! `--output-format gitlab`: a GitLab Code Quality report, the fields GitLab documents
//! (docs.gitlab.com, "Code Quality", "Import Code Quality results from a CI/CD job"):
//! `description`, `check_name`, `fingerprint`, `severity`, `location.path`,
//! `location.lines.begin`. It has no place for a suppressed finding, nor (after
//! `--write`) for one fixed: both are left out.

use serde_json::{json, Value};

use super::FileFindings;
use crate::cli::Mode;

pub fn document(files: &[FileFindings], mode: Mode) -> String {
    let issues: Vec<Value> = files
        .iter()
        .flat_map(|file| {
            file.findings
                .iter()
                .zip(&file.fingerprints)
                .filter(|(finding, _)| !finding.suppressed && !super::was_fixed(finding, mode))
                .map(|(finding, fingerprint)| {
                    json!({
                        "description": format!("{} {}", finding.message, super::text::label(finding)),
                        "check_name": finding.rule,
                        "fingerprint": fingerprint,
                        // A pending fix is a defect to fix; a review, one to look at.
                        "severity": if finding.verdict.is_fixable() { "major" } else { "minor" },
                        "location": {
                            "path": file.path,
                            "lines": { "begin": finding.start.line },
                        },
                    })
                })
        })
        .collect();
    serde_json::to_string_pretty(&issues).unwrap_or_else(|e| format!("{{\"error\": \"{e}\"}}"))
}
