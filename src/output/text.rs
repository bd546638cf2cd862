//! Findings as `PATH:LINE:COL: RULE MESSAGE [fix]`.

use super::Styles;
use crate::diagnostic::Finding;

/// The label at the end of a finding line.
pub fn label(finding: &Finding) -> &'static str {
    if finding.verdict.is_settled() {
        "[settled]"
    } else if finding.suppressed {
        "[suppressed]"
    } else if finding.verdict.is_fixable() {
        "[fix]"
    } else {
        "[review]"
    }
}

pub fn finding_line(path: &str, finding: &Finding, styles: &Styles) -> String {
    let colour = if finding.verdict.is_settled() {
        styles.cyan
    } else if finding.verdict.is_fixable() {
        styles.red
    } else {
        styles.yellow
    };
    format!(
        "{bold}{path}{reset}:{line}:{column}: {colour}{rule}{reset} {message} {label}",
        bold = styles.bold,
        reset = styles.reset,
        line = finding.start.line,
        column = finding.start.column,
        rule = finding.rule,
        message = finding.message,
        label = label(finding),
    )
}
