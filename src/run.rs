//! One run of the command line: settings, files, the engine on each, then the report.
//!
//! Data flows one way: paths -> bytes -> `engine::fix` -> sorted outcomes -> writes
//! and output. Files are processed in parallel; everything shown is sorted first,
//! so the output is the same whatever the number of threads.

use std::collections::{BTreeMap, HashSet};
use std::fs;
use std::io::{self, Read, Write};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Mutex;

use crate::cli::{Args, Mode, OutputFormat};
use crate::config::{self, Config};
use crate::diagnostic::{Finding, Verdict};
use crate::engine::{self, FileReport, Settings};
use crate::files::{self, Excludes, WalkOptions};
use crate::mark::{self, Marking};
use crate::output::{
    self, diff, fingerprint, github, gitlab, json, junit, plural, rdjson, sarif, text,
    FileFindings, Skipped, Styles, Summary,
};
use crate::rules::{self, RuleSet, RULES};
use crate::write;

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

/// What happened to one file.
#[derive(Debug)]
struct Outcome {
    /// Where the bytes are read from and written to.
    path: PathBuf,
    /// The path as users see it: as given, without a leading `./`.
    display: String,
    result: Result<Checked, String>,
}

#[derive(Debug)]
struct Checked {
    /// The bytes read, kept for a file with findings (to diff, to write, to fingerprint).
    original: Vec<u8>,
    report: FileReport,
    /// Under `--add-ignore`: the markers for the findings that need review.
    marking: Option<Marking>,
}

impl Checked {
    /// What the run writes in place of the original: the fixed file under `--write`,
    /// the marked one under `--add-ignore`.
    fn rewritten(&self, mode: Mode) -> Option<&[u8]> {
        match mode {
            Mode::Write => self.report.fixed.as_deref(),
            Mode::AddIgnore => self.marking.as_ref()?.marked.as_deref(),
            Mode::DryRun | Mode::Check => None,
        }
    }
}

/// Everything the run decided before looking at files.
struct Plan {
    mode: Mode,
    settings: Settings,
    /// Rules not to run on the files each glob set matches.
    per_file_ignores: Vec<(Excludes, RuleSet)>,
    excludes: Excludes,
    force_exclude: bool,
    respect_gitignore: bool,
    /// `--baseline`: the fingerprints of the findings to leave out.
    baseline: Option<HashSet<String>>,
}

pub fn run(args: &Args) -> ExitStatus {
    let stderr_styles = Styles::for_stream(args.color, &io::stderr());
    if args.list_rules || args.explain.is_some() {
        return document_rules(args, &stderr_styles);
    }
    match plan(args) {
        Ok(plan) => execute(args, &plan),
        Err(message) => {
            eprintln!(
                "{}error{}: {message}",
                stderr_styles.red, stderr_styles.reset
            );
            ExitStatus::Error
        }
    }
}

/// `--list-rules` and `--explain RULE`: what the rule table holds.
fn document_rules(args: &Args, stderr_styles: &Styles) -> ExitStatus {
    let text = match &args.explain {
        Some(id) => match rules::by_id(id) {
            Some(rule) => rule.docs.to_owned(),
            None => {
                let error = rules::UnknownRule(id.clone());
                let (red, reset) = (stderr_styles.red, stderr_styles.reset);
                eprintln!("{red}error{reset}: {error}");
                return ExitStatus::Error;
            }
        },
        None => {
            let width = RULES.iter().map(|rule| rule.id.len()).max().unwrap_or(0);
            RULES
                .iter()
                .map(|rule| {
                    let default = if rule.default { "on " } else { "off" };
                    format!("{:width$}  {default}  {}\n", rule.id, rule.summary)
                })
                .collect()
        }
    };
    let mut stdout = io::stdout().lock();
    match stdout
        .write_all(text.as_bytes())
        .and_then(|()| stdout.flush())
    {
        Err(error) if error.kind() != io::ErrorKind::BrokenPipe => {
            eprintln!(
                "error: cannot write to standard output: {}",
                io_reason(&error)
            );
            ExitStatus::Error
        }
        _ => ExitStatus::Success,
    }
}

fn plan(args: &Args) -> Result<Plan, String> {
    let config = if args.isolated {
        None
    } else if let Some(path) = &args.config {
        Some(config::load(path).map_err(|e| e.to_string())?)
    } else {
        let cwd = std::env::current_dir().map_err(|e| format!("current folder: {e}"))?;
        config::discover(&cwd).map_err(|e| e.to_string())?
    };
    let options = config
        .as_ref()
        .map(|c| c.options.clone())
        .unwrap_or_default();

    let from_config = args.secure_value.is_none() && options.secure_value.is_some();
    let secure_value = args
        .secure_value
        .clone()
        .or(options.secure_value.clone())
        .unwrap_or_else(|| Settings::default().secure_value);
    rules::check_fix_value(&secure_value).map_err(|reason| {
        let origin = match config.as_ref().filter(|_| from_config) {
            Some(config) => format!(" (secure-value in {})", config.path.display()),
            None => String::new(),
        };
        format!("invalid secure value `{secure_value}`{origin}: {reason}")
    })?;

    if args.statistics && args.output_format != OutputFormat::Text {
        return Err(
            "--statistics prints text: it cannot be combined with --output-format".to_owned(),
        );
    }

    let excludes = excludes(args, config.as_ref())?;
    let in_config = |key: &str| match &config {
        Some(config) => format!(" ({key} in {})", config.path.display()),
        None => String::new(),
    };
    let select = args.select.as_deref().or(options.select.as_deref());
    let extend_select: Vec<String> = options
        .extend_select
        .iter()
        .flatten()
        .chain(&args.extend_select)
        .cloned()
        .collect();
    let ignore: Vec<String> = options
        .ignore
        .iter()
        .flatten()
        .chain(&args.ignore)
        .cloned()
        .collect();
    let rules = rules::selection(select, &extend_select, &ignore).map_err(|unknown| {
        // Name the config file when the id came from it.
        let from_cli = args
            .select
            .iter()
            .flatten()
            .chain(&args.extend_select)
            .chain(&args.ignore)
            .any(|id| *id == unknown.0);
        let origin = if from_cli {
            String::new()
        } else {
            in_config("rule selection")
        };
        format!("{unknown}{origin}")
    })?;
    let per_file_ignores = per_file_ignores(config.as_ref())?;
    Ok(Plan {
        mode: args.mode(),
        settings: Settings {
            secure_value,
            rules,
        },
        per_file_ignores,
        excludes,
        force_exclude: args.force_exclude || options.force_exclude.unwrap_or(false),
        respect_gitignore: !args.no_ignore && options.respect_gitignore.unwrap_or(true),
        baseline: args.baseline.as_deref().map(read_baseline).transpose()?,
    })
}

/// The fingerprints of a JSON report's findings (`--output-format json`).
fn read_baseline(path: &Path) -> Result<HashSet<String>, String> {
    let shown = path.display();
    let bytes =
        fs::read(path).map_err(|e| format!("baseline {shown}: cannot read: {}", io_reason(&e)))?;
    let report: serde_json::Value =
        serde_json::from_slice(&bytes).map_err(|e| format!("baseline {shown}: not JSON: {e}"))?;
    let findings = report["findings"].as_array().ok_or_else(|| {
        format!("baseline {shown}: not a cookie-fix JSON report (no \"findings\" list)")
    })?;
    findings
        .iter()
        .map(|finding| {
            finding["fingerprint"]
                .as_str()
                .map(str::to_owned)
                .ok_or_else(|| format!("baseline {shown}: a finding has no \"fingerprint\""))
        })
        .collect()
}

/// Default excludes (or the config's `exclude`), then `extend-exclude`, then `--exclude`.
/// `per-file-ignores` of the config: globs read like excludes, from the config's folder.
fn per_file_ignores(config: Option<&Config>) -> Result<Vec<(Excludes, RuleSet)>, String> {
    let Some(config) = config else {
        return Ok(Vec::new());
    };
    let origin = || format!(" (per-file-ignores in {})", config.path.display());
    let mut ignores = Vec::new();
    for (pattern, ids) in config.options.per_file_ignores.iter().flatten() {
        let rules = RuleSet::parse(ids).map_err(|unknown| format!("{unknown}{}", origin()))?;
        let glob = Excludes::new([(pattern.as_str(), config.root())]).map_err(|bad| {
            format!(
                "invalid pattern `{}`{}: {}",
                bad.pattern,
                origin(),
                bad.reason
            )
        })?;
        ignores.push((glob, rules));
    }
    Ok(ignores)
}

impl Plan {
    /// The settings for one file: the run's, less the rules its per-file ignores name.
    fn settings_for(&self, path: &Path) -> std::borrow::Cow<'_, Settings> {
        let ignored = self
            .per_file_ignores
            .iter()
            .filter(|(glob, _)| glob.matches_any_ancestor(path))
            .fold(RuleSet::EMPTY, |set, (_, rules)| set.union(*rules));
        if ignored.is_empty() {
            return std::borrow::Cow::Borrowed(&self.settings);
        }
        let mut settings = self.settings.clone();
        settings.rules = settings.rules.without(ignored);
        std::borrow::Cow::Owned(settings)
    }
}

fn excludes(args: &Args, config: Option<&Config>) -> Result<Excludes, String> {
    let here = PathBuf::from(".");
    let root = config.map_or(here.as_path(), Config::root);
    let options = config.map(|c| &c.options);
    let base: Vec<&str> = match options.and_then(|o| o.exclude.as_ref()) {
        Some(exclude) => exclude.iter().map(String::as_str).collect(),
        None => files::DEFAULT_EXCLUDES.to_vec(),
    };
    let extend = options
        .and_then(|o| o.extend_exclude.as_ref())
        .into_iter()
        .flatten()
        .map(String::as_str);
    let patterns = base
        .into_iter()
        .chain(extend)
        .map(|p| (p, root))
        .chain(args.exclude.iter().map(|p| (p.as_str(), here.as_path())));
    Excludes::new(patterns).map_err(|bad| {
        let origin = config.map_or(String::new(), |c| format!(" (in {})", c.path.display()));
        format!(
            "invalid exclude pattern `{}`{origin}: {}",
            bad.pattern, bad.reason
        )
    })
}

fn execute(args: &Args, plan: &Plan) -> ExitStatus {
    let product = match Product::open(args) {
        Ok(product) => product,
        Err(message) => {
            let s = Styles::for_stream(args.color, &io::stderr());
            eprintln!("{}error{}: {message}", s.red, s.reset);
            return ExitStatus::Error;
        }
    };
    let mut report = Reporter::new(args, plan, product);
    let reads_stdin = args.paths.iter().any(|p| p == Path::new("-"))
        // As in ruff: a file name for standard input, and no path, means standard input.
        || (args.paths.is_empty() && args.stdin_filename.is_some());
    if reads_stdin {
        if args.paths.len() > 1 {
            report.fail("`-` (standard input) cannot be combined with other paths");
            return report.finish(args, plan);
        }
        run_stdin(args, plan, &mut report);
        return report.finish(args, plan);
    }
    if args.stdin_filename.is_some() && !args.quiet {
        let s = report.err_styles;
        eprintln!(
            "{}warning{}: --stdin-filename is ignored: no `-` among the paths",
            s.yellow, s.reset
        );
    }
    let paths = if args.paths.is_empty() {
        vec![PathBuf::from(".")]
    } else {
        args.paths.clone()
    };

    let mut roots = Vec::new();
    for path in paths {
        let display = files::display(&path);
        match fs::symlink_metadata(&path) {
            Err(error) if error.kind() == io::ErrorKind::NotFound => {
                report.skip(&display, "No such file or directory");
            }
            Err(error) => report.skip(&display, &format!("cannot read: {}", io_reason(&error))),
            Ok(_) if plan.force_exclude && plan.excludes.matches_any_ancestor(&path) => {
                report.skip_excluded(&display);
            }
            Ok(_) => roots.push(path),
        }
    }

    let outcomes = process_all(&roots, plan);
    report.summary.files_checked = outcomes.checked;
    let mut outcomes = outcomes.interesting;
    outcomes.sort_by(|a, b| a.display.cmp(&b.display).then(a.path.cmp(&b.path)));
    // A file named on the command line may also lie in a folder named there.
    outcomes.dedup_by(|a, b| files::absolute(&a.path) == files::absolute(&b.path));

    if matches!(plan.mode, Mode::Write | Mode::AddIgnore) {
        for outcome in &mut outcomes {
            write_outcome(outcome, plan.mode);
        }
    }
    for outcome in &outcomes {
        report.file(outcome);
    }
    report.finish(args, plan)
}

struct Processed {
    checked: usize,
    /// Files with findings or errors; clean files are only counted.
    interesting: Vec<Outcome>,
}

fn process_all(roots: &[PathBuf], plan: &Plan) -> Processed {
    let checked = AtomicUsize::new(0);
    let interesting = Mutex::new(Vec::new());
    let threads = std::thread::available_parallelism().map_or(1, usize::from);
    let options = WalkOptions {
        excludes: &plan.excludes,
        respect_gitignore: plan.respect_gitignore,
        threads,
    };
    files::walk(roots, &options, || {
        let (checked, interesting) = (&checked, &interesting);
        move |entry: Result<PathBuf, ignore::Error>| {
            checked.fetch_add(1, Ordering::Relaxed);
            let outcome = match entry {
                Ok(path) => {
                    let settings = plan.settings_for(&path);
                    process_file(path, &settings, plan.mode)
                }
                Err(error) => Some(walk_error(error)),
            };
            // Most files end clean: only the others take the lock.
            if let Some(outcome) = outcome {
                let mut interesting = interesting.lock().unwrap_or_else(|e| e.into_inner());
                interesting.push(outcome);
            }
        }
    });
    Processed {
        checked: checked.into_inner(),
        interesting: interesting.into_inner().unwrap_or_else(|e| e.into_inner()),
    }
}

/// Reads and fixes one file; `None` when there is nothing to report.
fn process_file(path: PathBuf, settings: &Settings, mode: Mode) -> Option<Outcome> {
    let result = match fs::read(&path) {
        Err(error) => Err(format!("cannot read: {}", io_reason(&error))),
        Ok(bytes) => match engine::fix(&bytes, settings) {
            Ok(report) if report.findings.is_empty() => return None,
            Ok(report) => checked(bytes, report, settings, mode),
            Err(error) => Err(error.to_string()),
        },
    };
    Some(Outcome {
        display: files::display(&path),
        path,
        result,
    })
}

/// A file's report, with its markers under `--add-ignore`.
fn checked(
    original: Vec<u8>,
    report: FileReport,
    settings: &Settings,
    mode: Mode,
) -> Result<Checked, String> {
    let marking = match mode {
        Mode::AddIgnore => {
            Some(mark::add_ignores(&original, &report, settings).map_err(|e| e.to_string())?)
        }
        Mode::DryRun | Mode::Write | Mode::Check => None,
    };
    Ok(Checked {
        original,
        report,
        marking,
    })
}

fn walk_error(error: ignore::Error) -> Outcome {
    let path = error_path(&error).unwrap_or_default();
    let reason = match error_io(&error) {
        Some(io) => format!("cannot read: {}", io_reason(io)),
        None => error.to_string(),
    };
    Outcome {
        display: files::display(&path),
        path,
        result: Err(reason),
    }
}

fn error_path(error: &ignore::Error) -> Option<PathBuf> {
    match error {
        ignore::Error::WithPath { path, .. } => Some(path.clone()),
        ignore::Error::WithDepth { err, .. } | ignore::Error::WithLineNumber { err, .. } => {
            error_path(err)
        }
        ignore::Error::Loop { child, .. } => Some(child.clone()),
        _ => None,
    }
}

fn error_io(error: &ignore::Error) -> Option<&io::Error> {
    match error {
        ignore::Error::Io(io) => Some(io),
        ignore::Error::WithPath { err, .. }
        | ignore::Error::WithDepth { err, .. }
        | ignore::Error::WithLineNumber { err, .. } => error_io(err),
        _ => None,
    }
}

/// An I/O error's reason without Rust's " (os error N)" suffix.
fn io_reason(error: &io::Error) -> String {
    let text = error.to_string();
    match text.find(" (os error") {
        Some(at) => text[..at].to_owned(),
        None => text,
    }
}

fn write_outcome(outcome: &mut Outcome, mode: Mode) {
    let Ok(checked) = &outcome.result else {
        return;
    };
    let Some(rewritten) = checked.rewritten(mode) else {
        return;
    };
    if let Err(error) = write::write_fixed(&outcome.path, &checked.original, rewritten) {
        outcome.result = Err(error.to_string());
    }
}

fn run_stdin(args: &Args, plan: &Plan, report: &mut Reporter) {
    let display = args
        .stdin_filename
        .as_deref()
        .map_or_else(|| "-".to_owned(), files::display);
    let mut bytes = Vec::new();
    if let Err(error) = io::stdin().lock().read_to_end(&mut bytes) {
        report.fail(&format!(
            "-: cannot read standard input: {}",
            io_reason(&error)
        ));
        return;
    }
    let excluded = args
        .stdin_filename
        .as_deref()
        .is_some_and(|name| plan.excludes.matches_any_ancestor(name));
    report.summary.files_checked = 1;
    let result = if excluded {
        report.skip_excluded(&display);
        Ok(Checked {
            original: Vec::new(),
            report: FileReport::default(),
            marking: None,
        })
    } else {
        let settings = match &args.stdin_filename {
            Some(name) => plan.settings_for(name),
            None => std::borrow::Cow::Borrowed(&plan.settings),
        };
        engine::fix(&bytes, &settings)
            .map_err(|e| e.to_string())
            .and_then(|file| checked(bytes.clone(), file, &settings, plan.mode))
    };
    let rewrites = matches!(plan.mode, Mode::Write | Mode::AddIgnore);
    if rewrites && args.output_format == OutputFormat::Text {
        // The product is the source itself: rewritten, or as it came when there is
        // nothing to change or it cannot be processed, so a pipe never loses the code.
        let source = match &result {
            Ok(checked) => checked.rewritten(plan.mode).unwrap_or(&bytes),
            Err(_) => &bytes,
        };
        report.product(source);
    }
    let outcome = Outcome {
        path: PathBuf::from("-"),
        display,
        result,
    };
    report.file(&outcome);
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
struct Product {
    out: Box<dyn Write>,
    styles: Styles,
    /// The file's name, for a message when writing to it fails.
    file: Option<PathBuf>,
}

impl Product {
    fn open(args: &Args) -> Result<Self, String> {
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
struct Reporter {
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
    err_styles: Styles,
    summary: Summary,
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
    fn new(args: &Args, plan: &Plan, product: Product) -> Self {
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

    fn product(&mut self, bytes: &[u8]) {
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
    fn fail(&mut self, message: &str) {
        self.other_errors += 1;
        self.print_error(message);
    }

    fn print_error(&self, message: &str) {
        let s = self.err_styles;
        eprintln!("{}error{}: {message}", s.red, s.reset);
    }

    /// A path that could not be processed.
    fn skip(&mut self, path: &str, reason: &str) {
        self.print_error(&format!("{path}: {reason}"));
        self.summary.skipped += 1;
        self.skipped.push(Skipped {
            path: path.to_owned(),
            reason: reason.to_owned(),
        });
    }

    fn skip_excluded(&mut self, display: &str) {
        if self.verbose {
            eprintln!("{display}: skipped: excluded");
        }
    }

    fn file(&mut self, outcome: &Outcome) {
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
        if let Some(marking) = &checked.marking {
            self.marked(path, findings, marking);
            return;
        }

        if let Some(statistics) = &mut self.statistics {
            let left = findings
                .iter()
                .filter(|f| !f.suppressed && !output::was_fixed(f, self.mode));
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
                (OutputFormat::Github, mode) if !output::was_fixed(finding, mode) => {
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
        // JSON keeps every finding and says which were fixed; SARIF's results are
        // what is left to look at.
        if self.format.is_document() {
            let (findings, fingerprints): (Vec<Finding>, Vec<String>) = findings
                .iter()
                .cloned()
                .zip(std::mem::take(&mut fingerprints))
                .filter(|(finding, _)| {
                    self.format == OutputFormat::Json || !output::was_fixed(finding, self.mode)
                })
                .unzip();
            let original = match self.format {
                OutputFormat::Rdjson => checked.original.clone(),
                _ => Vec::new(),
            };
            self.documented.push(FileFindings {
                path: path.to_owned(),
                findings,
                fingerprints,
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

    fn finish(mut self, args: &Args, plan: &Plan) -> ExitStatus {
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
