//! One run of the command line: the plan, the files, the engine on each, then the
//! report.
//!
//! Data flows one way: paths -> bytes -> `engine::fix` -> sorted outcomes -> writes
//! and output. Files are processed in parallel; everything shown is sorted first,
//! so the output is the same whatever the number of threads.

use std::fs;
use std::io;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Mutex;

use crate::cli::{Args, Mode};
use crate::engine::{self, Settings};
use crate::files::{self, io_reason, WalkOptions};
use crate::outcome::{Checked, Outcome};
pub use crate::output::report::ExitStatus;
use crate::output::report::{Product, Reporter};
use crate::output::{catalogue, Styles};
use crate::plan::{self, Plan};
use crate::stdin;
use crate::write;

pub fn run(args: &Args) -> ExitStatus {
    let stderr_styles = Styles::for_stream(args.color, &io::stderr());
    if args.list_rules || args.explain.is_some() {
        return catalogue::print(args, &stderr_styles);
    }
    match plan::plan(args) {
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
        stdin::run(args, plan, &mut report);
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
            Ok(_) if plan.excludes_named(&path) => {
                report.skip_excluded(&display);
            }
            Ok(_) => roots.push(path),
        }
    }

    let outcomes = process_all(&roots, plan);
    report.summary.files_checked = outcomes.checked;
    report.summary.tests_left_out = outcomes.tests_left_out;
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
    /// Test files the walk left out.
    tests_left_out: usize,
    /// Files with findings or errors; clean files are only counted.
    interesting: Vec<Outcome>,
}

fn process_all(roots: &[PathBuf], plan: &Plan) -> Processed {
    let checked = AtomicUsize::new(0);
    let tests_left_out = AtomicUsize::new(0);
    let interesting = Mutex::new(Vec::new());
    let threads = std::thread::available_parallelism().map_or(1, usize::from);
    let options = WalkOptions {
        excludes: &plan.excludes,
        tests: plan.tests.as_ref().map(|tests| (tests, &tests_left_out)),
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
        tests_left_out: tests_left_out.into_inner(),
        interesting: interesting.into_inner().unwrap_or_else(|e| e.into_inner()),
    }
}

/// Reads and fixes one file; `None` when there is nothing to report.
fn process_file(path: PathBuf, settings: &Settings, mode: Mode) -> Option<Outcome> {
    let result = match fs::read(&path) {
        Err(error) => Err(format!("cannot read: {}", io_reason(&error))),
        Ok(bytes) => match engine::fix(&bytes, settings) {
            Ok(report) if report.findings.is_empty() && report.settled.is_empty() => return None,
            Ok(report) => Checked::new(bytes, report, settings, mode),
            Err(error) => Err(error.to_string()),
        },
    };
    Some(Outcome {
        display: files::display(&path),
        path,
        result,
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
