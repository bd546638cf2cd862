//! The reporter: prints each file's results as they come (already sorted), counts
//! them, prints the document of the formats that print one at the end, the summary,
//! and decides the exit status.

use std::collections::{BTreeMap, HashSet};
use std::fs;
use std::io::{self, Write};
use std::path::PathBuf;

use super::{
    diff, fingerprint, github, gitlab, json, junit, markdown, plural, rdjson, sarif, text,
    FileFindings, Skipped, Styles, Summary,
};
use crate::cli::{Args, Mode, OutputFormat};
use crate::diagnostic::{Finding, Verdict};
use crate::files::io_reason;
use crate::mark::Marking;
use crate::outcome::Outcome;
use crate::plan::Plan;
use crate::rules;

/// The process exit status (DESIGN.md section 5).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ExitStatus {
    /// Nothing (left) to fix.
    Success,
    /// Fixes pending, or findings left that the options count as failures.
    Failure,
    /// Bad arguments or configuration, or a file that could not be processed.
    Error,
}

impl From<ExitStatus> for std::process::ExitCode {
    fn from(status: ExitStatus) -> Self {
        std::process::ExitCode::from(match status {
            ExitStatus::Success => 0,
            ExitStatus::Failure => 1,
            ExitStatus::Error => 2,
        })
    }
}

/// `--statistics` as ruff prints it: the count, the rule, the verdict, `[*]` where
/// cookie-fix fixes such findings, and the rule's summary; most frequent first.
fn statistics_lines(statistics: &BTreeMap<(&'static str, Verdict), usize>) -> Vec<String> {
    let mut rows: Vec<(&(&str, Verdict), &usize)> = statistics.iter().collect();
    rows.sort_by(|a, b| b.1.cmp(a.1).then_with(|| a.0.cmp(b.0)));
    let count_width = rows
        .iter()
        .map(|(_, n)| n.to_string().len())
        .max()
        .unwrap_or(0);
    let rule_width = rows
        .iter()
        .map(|((rule, _), _)| rule.len())
        .max()
        .unwrap_or(0);
    rows.into_iter()
        .map(|(&(rule, verdict), count)| {
            let marker = if verdict.is_fixable() { "[*]" } else { "[ ]" };
            let summary = rules::by_id(rule).map_or("", |rule| rule.summary);
            format!(
                "{count:>count_width$}\t{rule:<rule_width$}\t{}\t{marker} {summary}",
                verdict.name()
            )
        })
        .collect()
}

/// Where the product (findings, diff, document) goes: stdout, or `-o FILE`.
pub struct Product {
    out: Box<dyn Write>,
    styles: Styles,
    /// The file's name, for a message when writing to it fails.
    file: Option<PathBuf>,
}

impl Product {
    pub fn open(args: &Args) -> Result<Self, String> {
        match &args.output_file {
            Some(path) => {
                let file = fs::File::create(path).map_err(|error| {
                    format!("{}: cannot write: {}", path.display(), io_reason(&error))
                })?;
                Ok(Product {
                    styles: Styles::for_stream(args.color, &file),
                    out: Box::new(io::BufWriter::new(file)),
                    file: Some(path.clone()),
                })
            }
            None => Ok(Product {
                styles: Styles::for_stream(args.color, &io::stdout()),
                out: Box::new(io::BufWriter::new(io::stdout())),
                file: None,
            }),
        }
    }
}

/// Prints as results come in (already sorted), counts, and decides the exit status.
pub struct Reporter {
    mode: Mode,
    format: OutputFormat,
    quiet: bool,
    verbose: bool,
    stdout: Box<dyn Write>,
    /// `-o FILE`, where the product goes instead of stdout.
    output_file: Option<PathBuf>,
    /// Set once stdout is closed (`| head`): the rest of the product is dropped quietly.
    stdout_closed: bool,
    out_styles: Styles,
    pub err_styles: Styles,
    pub summary: Summary,
    /// For the formats that print one document at the end: every file's findings.
    documented: Vec<FileFindings>,
    /// Every path that could not be processed, and why.
    skipped: Vec<Skipped>,
    /// Errors that are not about a file (standard input or output).
    other_errors: usize,
    /// `--baseline`: the fingerprints of the review findings to leave out.
    baseline: Option<HashSet<String>>,
    /// With `--statistics`: the findings not suppressed (and not fixed) of each rule and
    /// verdict, counted instead of printed.
    statistics: Option<BTreeMap<(&'static str, Verdict), usize>>,
}

impl Reporter {
    pub fn new(args: &Args, plan: &Plan, product: Product) -> Self {
        let summary = Summary {
            baselined: plan.baseline.as_ref().map(|_| 0),
            ..Summary::default()
        };
        Reporter {
            mode: plan.mode,
            baseline: plan.baseline.clone(),
            format: args.output_format,
            quiet: args.quiet,
            verbose: args.verbose,
            stdout: product.out,
            output_file: product.file,
            stdout_closed: false,
            out_styles: product.styles,
            err_styles: Styles::for_stream(args.color, &io::stderr()),
            summary,
            documented: Vec::new(),
            skipped: Vec::new(),
            other_errors: 0,
            statistics: args.statistics.then(BTreeMap::new),
        }
    }

    pub fn product(&mut self, bytes: &[u8]) {
        if self.stdout_closed {
            return;
        }
        if let Err(error) = self.stdout.write_all(bytes) {
            self.stdout_closed = true;
            self.stdout_failed(&error);
        }
    }

    fn product_line(&mut self, line: &str) {
        self.product(format!("{line}\n").as_bytes());
    }

    /// A closed pipe (`| head`) ends the product quietly; any other failure is an error.
    fn stdout_failed(&mut self, error: &io::Error) {
        let target = match &self.output_file {
            Some(path) => format!("{}", path.display()),
            None if error.kind() == io::ErrorKind::BrokenPipe => return,
            None => "standard output".to_owned(),
        };
        self.fail(&format!("cannot write to {target}: {}", io_reason(error)));
    }

    /// An error that concerns no file in particular.
    pub fn fail(&mut self, message: &str) {
        self.other_errors += 1;
        self.print_error(message);
    }

    fn print_error(&self, message: &str) {
        let s = self.err_styles;
        eprintln!("{}error{}: {message}", s.red, s.reset);
    }

    /// A path that could not be processed.
    pub fn skip(&mut self, path: &str, reason: &str) {
        self.print_error(&format!("{path}: {reason}"));
        self.summary.skipped += 1;
        self.skipped.push(Skipped {
            path: path.to_owned(),
            reason: reason.to_owned(),
        });
    }

    pub fn skip_excluded(&mut self, display: &str) {
        if self.verbose {
            eprintln!("{display}: skipped: excluded");
        }
    }

    pub fn file(&mut self, outcome: &Outcome) {
        let checked = match &outcome.result {
            Ok(checked) => checked,
            Err(reason) => {
                self.skip(&outcome.display, reason);
                return;
            }
        };
        let path = outcome.display.as_str();
        // Only a baseline and the documents read fingerprints.
        let mut fingerprints = if self.baseline.is_some() || self.format.is_document() {
            fingerprint::of_file(path, &checked.original, &checked.report.findings)
        } else {
            Vec::new()
        };
        let mut findings = checked.report.findings.clone();
        if let Some(baseline) = &self.baseline {
            // Only findings that need review: a pending fix stays reported, as --write
            // makes it whatever a baseline says.
            let known = |finding: &Finding, fingerprint: &String| {
                !finding.verdict.is_fixable() && baseline.contains(fingerprint)
            };
            let before = findings.len();
            let (kept, kept_fingerprints): (Vec<Finding>, Vec<String>) = findings
                .into_iter()
                .zip(fingerprints)
                .filter(|(finding, fingerprint)| !known(finding, fingerprint))
                .unzip();
            *self.summary.baselined.get_or_insert(0) += before - kept.len();
            (findings, fingerprints) = (kept, kept_fingerprints);
        }
        let findings = &findings;
        self.summary.add(findings);
        let settled = &checked.report.settled;
        self.summary.settled += settled.len();
        if self.verbose && self.statistics.is_none() {
            for entry in settled {
                eprintln!("{}", text::finding_line(path, entry, &self.err_styles));
            }
        }
        if let Some(marking) = &checked.marking {
            self.marked(path, findings, marking);
            return;
        }

        if let Some(statistics) = &mut self.statistics {
            let left = findings
                .iter()
                .filter(|f| !f.suppressed && !super::was_fixed(f, self.mode));
            for finding in left {
                *statistics
                    .entry((finding.rule, finding.verdict))
                    .or_default() += 1;
            }
            return;
        }
        for finding in findings {
            if finding.suppressed {
                if self.verbose {
                    eprintln!("{}", text::finding_line(path, finding, &self.err_styles));
                }
                continue;
            }
            match (self.format, self.mode) {
                // After `--write`, an annotation would mark as wrong what is fixed.
                (OutputFormat::Github, mode) if !super::was_fixed(finding, mode) => {
                    self.product_line(&github::annotation(path, finding));
                }
                (OutputFormat::Text, Mode::Check) => {
                    let line = text::finding_line(path, finding, &self.out_styles);
                    self.product_line(&line);
                }
                // The JSON and SARIF documents carry review findings themselves.
                (OutputFormat::Text, _) if !finding.verdict.is_fixable() && !self.quiet => {
                    let s = self.err_styles;
                    let line = text::finding_line(path, finding, &s);
                    eprintln!("{}warning{}: {line}", s.yellow, s.reset);
                }
                _ => {}
            }
        }
        // JSON keeps every finding and says which were fixed, Markdown says what was;
        // SARIF's results are what is left to look at.
        if self.format.is_document() {
            let (findings, fingerprints): (Vec<Finding>, Vec<String>) = findings
                .iter()
                .cloned()
                .zip(std::mem::take(&mut fingerprints))
                .filter(|(finding, _)| {
                    matches!(self.format, OutputFormat::Json | OutputFormat::Markdown)
                        || !super::was_fixed(finding, self.mode)
                })
                .unzip();
            let original = match self.format {
                OutputFormat::Rdjson => checked.original.clone(),
                _ => Vec::new(),
            };
            // The JSON report lists the settled values apart; the other formats only
            // what is left to look at.
            let settled = match self.format {
                OutputFormat::Json => settled.clone(),
                _ => Vec::new(),
            };
            self.documented.push(FileFindings {
                path: path.to_owned(),
                findings,
                fingerprints,
                settled,
                original,
            });
        }
        let show_diff = self.format == OutputFormat::Text && self.mode == Mode::DryRun;
        if let (true, Some(fixed)) = (show_diff, &checked.report.fixed) {
            let diff = diff::unified_diff(path, &checked.original, fixed, &self.out_styles.diff());
            self.product(&diff);
        }
    }

    /// `--add-ignore`: counts the markers, and warns of each finding left without one.
    fn marked(&mut self, path: &str, findings: &[Finding], marking: &Marking) {
        self.summary.silenced += marking.silenced;
        self.summary.files_marked += usize::from(marking.marked.is_some());
        self.summary.unplaced += marking.unplaced.len();
        if self.quiet {
            return;
        }
        let s = self.err_styles;
        for finding in marking.unplaced.iter().filter_map(|&i| findings.get(i)) {
            let line = text::finding_line(path, finding, &s);
            eprintln!(
                "{}warning{}: {line}: no ignore marker added: each of its lines ends in a \
                 string or a backslash, or a marker there would also silence another finding",
                s.yellow, s.reset
            );
        }
    }

    pub fn finish(mut self, args: &Args, plan: &Plan) -> ExitStatus {
        let document = match self.format {
            OutputFormat::Json => Some(json::document(
                plan.mode,
                &self.documented,
                &self.skipped,
                &self.summary,
            )),
            OutputFormat::Sarif => Some(sarif::document(&self.documented, &self.skipped)),
            OutputFormat::Gitlab => Some(gitlab::document(&self.documented, self.mode)),
            OutputFormat::Rdjson => Some(rdjson::document(&self.documented, self.mode)),
            OutputFormat::Junit => {
                Some(junit::document(&self.documented, &self.skipped, self.mode))
            }
            OutputFormat::Markdown => Some(markdown::document(
                plan.mode,
                &self.documented,
                &self.skipped,
                &self.summary,
            )),
            OutputFormat::Text | OutputFormat::Github => None,
        };
        if let Some(document) = document {
            self.product_line(&document);
        }
        if let Some(statistics) = self.statistics.take() {
            for line in statistics_lines(&statistics) {
                self.product_line(&line);
            }
        }
        if let Err(error) = self.stdout.flush() {
            self.stdout_failed(&error);
        }
        if !self.quiet {
            eprintln!("{}", self.summary.line(plan.mode));
            if self.verbose {
                let checked = self.summary.files_checked;
                eprintln!("{} checked.", plural(checked, "file", "files"));
            }
        }
        let fixes = self.summary.fixes;
        let pending = match plan.mode {
            Mode::DryRun | Mode::Check => fixes > 0,
            Mode::Write => args.exit_non_zero_on_fix && fixes > 0,
            // What --add-ignore could not do is left: findings without a marker.
            Mode::AddIgnore => self.summary.unplaced > 0,
        };
        // Under --add-ignore, what is left for review is what could not be marked.
        let review_fails = args.strict && plan.mode != Mode::AddIgnore && self.summary.review > 0;
        if self.summary.skipped > 0 || self.other_errors > 0 {
            ExitStatus::Error
        } else if (pending || review_fails) && !args.exit_zero {
            ExitStatus::Failure
        } else {
            ExitStatus::Success
        }
    }
}
