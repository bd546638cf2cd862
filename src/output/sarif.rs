//! `--output-format sarif`: SARIF 2.1.0 as GitHub code scanning takes it.

use std::fmt::Write as _;

use serde_json::{json, Value};

use super::{FileFindings, Skipped};
use crate::diagnostic::Finding;
use crate::rules::{self, Rule, RULES};

const INFORMATION_URI: &str = rules::PROJECT_URI;

pub fn document(files: &[FileFindings], skipped: &[Skipped]) -> String {
    let results: Vec<Value> = files
        .iter()
        .flat_map(|file| {
            file.findings
                .iter()
                .zip(&file.fingerprints)
                .map(|(f, fingerprint)| result(&file.path, f, fingerprint))
        })
        .collect();
    let notifications: Vec<Value> = skipped
        .iter()
        .map(|s| {
            json!({
                "level": "error",
                "message": { "text": format!("{}: {}", s.path, s.reason) },
                "locations": [{ "physicalLocation": { "artifactLocation": artifact(&s.path) } }],
            })
        })
        .collect();
    let document = json!({
        "$schema": "https://json.schemastore.org/sarif-2.1.0.json",
        "version": "2.1.0",
        "runs": [{
            "tool": { "driver": {
                "name": "cookie-fix",
                "version": env!("CARGO_PKG_VERSION"),
                "semanticVersion": env!("CARGO_PKG_VERSION"),
                "informationUri": INFORMATION_URI,
                "rules": RULES.iter().map(|rule| descriptor(rule)).collect::<Vec<_>>(),
            }},
            "columnKind": "unicodeCodePoints",
            "originalUriBaseIds": { "%SRCROOT%": { "description": {
                "text": "The folder cookie-fix ran in."
            }}},
            "invocations": [{
                "executionSuccessful": skipped.is_empty(),
                "toolExecutionNotifications": notifications,
            }],
            "results": results,
        }],
    });
    serde_json::to_string_pretty(&document).unwrap_or_else(|e| format!("{{\"error\": \"{e}\"}}"))
}

/// A rule's `reportingDescriptor`, from the rule table.
fn descriptor(rule: &Rule) -> Value {
    json!({
        "id": rule.id,
        "name": rule.name,
        "shortDescription": { "text": rule.summary },
        "fullDescription": { "text": rule.description },
        "help": {
            "text": rule.help,
            "markdown": rule.help_markdown,
        },
        "helpUri": rule.help_uri(),
        "defaultConfiguration": { "level": "error" },
        "properties": {
            "tags": ["security", format!("external/cwe/cwe-{}", rule.cwe)],
            "security-severity": rule.security_severity,
            "precision": "high",
            "problem.severity": "error",
        },
    })
}

fn result(path: &str, finding: &Finding, fingerprint: &str) -> Value {
    let level = if finding.verdict.is_fixable() {
        "error"
    } else {
        "warning"
    };
    let rule_index = rules::index_of(finding.rule).unwrap_or(0);
    let mut result = json!({
        "ruleId": finding.rule,
        "ruleIndex": rule_index,
        "level": level,
        "message": { "text": finding.message },
        "locations": [{ "physicalLocation": {
            "artifactLocation": artifact(path),
            "region": {
                "startLine": finding.start.line,
                "startColumn": finding.start.column,
                "endLine": finding.end.line,
                "endColumn": finding.end.column,
                "byteOffset": finding.range.start,
                "byteLength": finding.range.len(),
            },
        }}],
        "partialFingerprints": { super::fingerprint::SARIF_KEY: fingerprint },
    });
    if !finding.edits.is_empty() {
        let replacements: Vec<Value> = finding
            .edits
            .iter()
            .map(|edit| {
                json!({
                    "deletedRegion": {
                        "byteOffset": edit.range.start,
                        "byteLength": edit.range.len(),
                    },
                    "insertedContent": { "text": edit.content },
                })
            })
            .collect();
        result["fixes"] = json!([{
            "description": { "text": RULES[rule_index].fix_title },
            "artifactChanges": [{
                "artifactLocation": artifact(path),
                "replacements": replacements,
            }],
        }]);
    }
    if finding.suppressed {
        result["suppressions"] = json!([{ "kind": "inSource" }]);
    }
    result
}

/// A repository-relative URI for a relative path, a `file://` URI for an absolute one.
fn artifact(path: &str) -> Value {
    if path.starts_with('/') {
        json!({ "uri": format!("file://{}", percent_encode(path)) })
    } else {
        json!({ "uri": percent_encode(path), "uriBaseId": "%SRCROOT%" })
    }
}

/// Percent-encodes everything but unreserved characters and `/` (RFC 3986).
fn percent_encode(path: &str) -> String {
    let mut out = String::with_capacity(path.len());
    for byte in path.bytes() {
        if byte.is_ascii_alphanumeric() || b"-._~/".contains(&byte) {
            out.push(byte as char);
        } else {
            // Writing to a String cannot fail.
            let _ = write!(out, "%{byte:02X}");
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::percent_encode;

    #[test]
    fn uris_are_percent_encoded() {
        assert_eq!(percent_encode("a b/é.py"), "a%20b/%C3%A9.py");
    }
}
