//! `--output-format junit`: JUnit XML as ruff writes it, for CI systems that show test
//! reports. A test suite per file, a test case per finding, each with a `<failure>`;
//! a file that could not be processed is a suite with one `<error>`. Suppressed
//! findings, and after `--write` fixed ones, are left out.

use std::fmt::Write as _;

use super::{FileFindings, Skipped};
use crate::cli::Mode;

pub fn document(files: &[FileFindings], skipped: &[Skipped], mode: Mode) -> String {
    let mut suites = String::new();
    let (mut tests, mut failures) = (0, 0);
    for file in files {
        let findings: Vec<_> = file
            .findings
            .iter()
            .filter(|finding| !finding.suppressed && !super::was_fixed(finding, mode))
            .collect();
        if findings.is_empty() {
            continue;
        }
        let path = escape(&file.path);
        let class = escape(file.path.strip_suffix(".py").unwrap_or(&file.path));
        let count = findings.len();
        (tests, failures) = (tests + count, failures + count);
        // Writing to a String cannot fail.
        let _ = writeln!(
            suites,
            "  <testsuite name=\"{path}\" tests=\"{count}\" disabled=\"0\" errors=\"0\" failures=\"{count}\" package=\"cookie-fix\">"
        );
        for finding in findings {
            let (line, column) = (finding.start.line, finding.start.column);
            let message = escape(&finding.message);
            let label = super::text::label(finding);
            let _ = writeln!(
                suites,
                "    <testcase name=\"cookie-fix.{}\" classname=\"{class}\" line=\"{line}\" column=\"{column}\">\n      <failure message=\"{message}\">line {line}, col {column}, {message} {label}</failure>\n    </testcase>",
                finding.rule
            );
        }
        suites.push_str("  </testsuite>\n");
    }
    for skip in skipped {
        let (path, reason) = (escape(&skip.path), escape(&skip.reason));
        tests += 1;
        let _ = writeln!(
            suites,
            "  <testsuite name=\"{path}\" tests=\"1\" disabled=\"0\" errors=\"1\" failures=\"0\" package=\"cookie-fix\">\n    <testcase name=\"cookie-fix\" classname=\"{path}\">\n      <error message=\"{reason}\">{reason}</error>\n    </testcase>\n  </testsuite>"
        );
    }
    format!(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<testsuites name=\"cookie-fix\" tests=\"{tests}\" failures=\"{failures}\" errors=\"{}\">\n{suites}</testsuites>",
        skipped.len()
    )
}

/// Text as XML character data and attribute values take it.
fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&apos;"),
            // XML 1.0 has no way to write these: a path or message holding one is shown
            // with U+FFFD instead.
            c if (c as u32) < 0x20 && !matches!(c, '\t' | '\n' | '\r') => out.push('\u{fffd}'),
            c => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::escape;

    #[test]
    fn xml_escapes() {
        assert_eq!(
            escape("a<b>&\"c\"'\u{1}"),
            "a&lt;b&gt;&amp;&quot;c&quot;&apos;\u{fffd}"
        );
    }
}
