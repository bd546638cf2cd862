//! How results are shown: diffs, findings as text or GitHub annotations, the summary.

pub mod catalogue;
pub mod diff;
pub mod fingerprint;
pub mod github;
pub mod gitlab;
pub mod json;
pub mod junit;
pub mod markdown;
pub mod rdjson;
pub mod report;
pub mod sarif;
pub mod text;

use std::io::IsTerminal;

use crate::cli::{ColorChoice, Mode};
use crate::diagnostic::Finding;

/// ANSI styles, all empty when colour is off.
#[derive(Debug, Clone, Copy, Default)]
pub struct Styles {
    pub bold: &'static str,
    pub red: &'static str,
    pub green: &'static str,
    pub yellow: &'static str,
    pub cyan: &'static str,
    pub reset: &'static str,
}

impl Styles {
    const ON: Styles = Styles {
        bold: "\x1b[1m",
        red: "\x1b[31m",
        green: "\x1b[32m",
        yellow: "\x1b[33m",
        cyan: "\x1b[36m",
        reset: "\x1b[0m",
    };

    /// Colour for a stream: `--color`, then `NO_COLOR`, then `FORCE_COLOR`, then whether it is a terminal.
    pub fn for_stream(choice: ColorChoice, stream: &impl IsTerminal) -> Self {
        let set = |name| std::env::var_os(name).is_some_and(|v| !v.is_empty());
        let on = match choice {
            ColorChoice::Always => true,
            ColorChoice::Never => false,
            ColorChoice::Auto if set("NO_COLOR") => false,
            ColorChoice::Auto if set("FORCE_COLOR") => true,
            ColorChoice::Auto => stream.is_terminal(),
        };
        if on {
            Self::ON
        } else {
            Styles::default()
        }
    }

    pub fn diff(&self) -> diff::DiffStyle {
        diff::DiffStyle {
            header: self.bold,
            hunk: self.cyan,
            removed: self.red,
            added: self.green,
            reset: self.reset,
        }
    }
}

/// Whether a run has fixed a finding: under `--write`, a finding with edits was
/// written (a file whose fix could not be written is skipped, with its findings).
pub fn was_fixed(finding: &Finding, mode: Mode) -> bool {
    mode == Mode::Write && !finding.edits.is_empty()
}

/// "1 call", "2 calls".
pub fn plural(count: usize, one: &str, many: &str) -> String {
    format!("{count} {}", if count == 1 { one } else { many })
}

/// The findings of one file, for the formats that print one document at the end.
#[derive(Debug, Clone)]
pub struct FileFindings {
    pub path: String,
    pub findings: Vec<Finding>,
    /// Each finding's [`fingerprint`], in order.
    pub fingerprints: Vec<String>,
    /// The values the code settles (DESIGN.md section 8), for the JSON report.
    pub settled: Vec<Finding>,
    /// The file's bytes, for the formats that count positions in bytes (rdjson);
    /// empty for the others.
    pub original: Vec<u8>,
}

/// A path that could not be processed, and why.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Skipped {
    pub path: String,
    pub reason: String,
}

/// The counts a run ends with.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Summary {
    pub files_checked: usize,
    /// Files with at least one fix (pending, or applied under --write).
    pub files_with_fixes: usize,
    /// Calls fixed, or to be fixed.
    pub fixes: usize,
    /// Findings that need review (not suppressed).
    pub review: usize,
    /// Values the code settles, which need no finding (DESIGN.md section 8).
    pub settled: usize,
    pub suppressed: usize,
    /// Paths that could not be read, decoded, parsed or written.
    pub skipped: usize,
    /// With `--baseline`: the findings it held, left out.
    pub baselined: Option<usize>,
    /// Test files the walk left out (`--include-tests` brings them back).
    pub tests_left_out: usize,
    /// With `--add-ignore`: the findings markers now silence, the files they are in,
    /// and the findings no line could take a marker for.
    pub silenced: usize,
    pub files_marked: usize,
    pub unplaced: usize,
}

impl Summary {
    pub fn add(&mut self, findings: &[Finding]) {
        let fixes = findings
            .iter()
            .filter(|f| f.verdict.is_fixable() && !f.suppressed)
            .count();
        self.fixes += fixes;
        self.files_with_fixes += usize::from(fixes > 0);
        self.review += findings
            .iter()
            .filter(|f| !f.verdict.is_fixable() && !f.suppressed)
            .count();
        self.suppressed += findings.iter().filter(|f| f.suppressed).count();
    }

    /// `Would fix 3 findings in 2 files; 1 needs review; 0 suppressed; 0 skipped.`
    pub fn line(&self, mode: Mode) -> String {
        if mode == Mode::AddIgnore {
            return format!(
                "Added ignore markers for {} in {}; {} could not be marked; {} left \
                 for --write; {} skipped.",
                plural(self.silenced, "finding", "findings"),
                plural(self.files_marked, "file", "files"),
                self.unplaced,
                plural(self.fixes, "fix", "fixes"),
                self.skipped,
            );
        }
        let verb = if mode == Mode::Write {
            "Fixed"
        } else {
            "Would fix"
        };
        let needs = if self.review == 1 { "needs" } else { "need" };
        let mut baselined = self
            .baselined
            .map_or(String::new(), |count| format!("; {count} baselined"));
        if self.tests_left_out > 0 {
            let files = plural(self.tests_left_out, "test file", "test files");
            baselined.push_str(&format!("; {files} left out"));
        }
        format!(
            "{verb} {} in {}; {} {needs} review; {} settled; {} suppressed; {} skipped{baselined}.",
            plural(self.fixes, "finding", "findings"),
            plural(self.files_with_fixes, "file", "files"),
            self.review,
            self.settled,
            self.suppressed,
            self.skipped,
        )
    }
}
