//! One run of the command line: the plan, the files, the engine on each, then the
//! report.
//!
//! Data flows one way: paths -> bytes -> `engine::fix` -> sorted outcomes -> writes
//! and output. Files are processed in parallel; everything shown is sorted first,
//! so the output is the same whatever the number of threads.

use std::collections::HashSet;
use std::fs;
use std::io;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Mutex;

use crate::cli::{Args, Mode};
use crate::engine::{self, Settings};
use crate::files::{self, io_reason, WalkOptions};
use crate::needles::Hits;
use crate::outcome::{Checked, Outcome};
pub use crate::output::report::ExitStatus;
use crate::output::report::{Product, Reporter};
use crate::output::{catalogue, Styles};
use crate::plan::{self, Plan};
use crate::project::{FileFacts, Found, Project, View};
use crate::rules;
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
    let read = read_all(roots, plan);
    let walked: Vec<PathBuf> = read.facts.iter().map(|(path, _)| path.clone()).collect();
    let mut facts: Vec<(PathBuf, FileFacts)> = read
        .facts
        .into_iter()
        .map(|(path, facts)| (files::absolute(&path), facts))
        .collect();
    let in_run: HashSet<PathBuf> = facts
        .iter()
        .map(|(path, _)| path.clone())
        .chain(
            read.candidates
                .iter()
                .map(|(path, _, _)| files::absolute(path)),
        )
        .collect();
    // A run over named files (a pre-commit hook) reads the project files they need.
    facts.extend(project_files_around(roots, &in_run));
    let folders = roots
        .iter()
        .filter(|root| root.is_dir())
        .map(|root| files::absolute(root))
        .collect();
    let tests_left_out = read.tests_left_out.len();
    let tests = read
        .tests_left_out
        .iter()
        .map(|path| files::absolute(path))
        .collect();
    let project = Project::assemble(facts, in_run, folders, tests, &rules::PROJECT);
    let mut interesting = read.outcomes;
    let mut candidates = read.candidates;
    // Files no needle brought, which the project asks a rule to read (a production
    // settings module that takes the fixes of what it inherits).
    let already: HashSet<&PathBuf> = candidates.iter().map(|(path, _, _)| path).collect();
    let asked: Vec<PathBuf> = walked
        .into_iter()
        .filter(|path| !already.contains(path))
        .filter(|path| {
            let view = project.view(path);
            !rules::read_for_project(plan.settings_for(path).rules, &view).is_empty()
        })
        .collect();
    for path in asked {
        match fs::read(&path) {
            Ok(bytes) => candidates.push((path, bytes, None)),
            Err(error) => interesting.push(Outcome {
                display: files::display(&path),
                result: Err(format!("cannot read: {}", io_reason(&error))),
                path,
            }),
        }
    }
    let checked = check_all(candidates, plan, &project);
    let tests = match plan.fix_tests {
        true => tests_to_fix(&checked, &project),
        false => Vec::new(),
    };
    interesting.extend(checked);
    interesting.extend(fix_tests(tests, plan, &project));
    Processed {
        checked: read.checked,
        tests_left_out,
        interesting,
    }
}

/// A file a rule may read: its path, its bytes, and the needles the first look found in
/// them (none for a file the project asks a rule to read).
type Candidate = (PathBuf, Vec<u8>, Option<Hits>);

/// What the first pass over the files keeps: the files a rule may read, with their
/// bytes; each file's project facts; the files it could not read.
struct Read {
    checked: usize,
    /// The test files the walk left out.
    tests_left_out: Vec<PathBuf>,
    candidates: Vec<Candidate>,
    facts: Vec<(PathBuf, FileFacts)>,
    outcomes: Vec<Outcome>,
}

/// Walks the roots and reads every file once: most end here, holding no rule's needle.
fn read_all(roots: &[PathBuf], plan: &Plan) -> Read {
    let checked = AtomicUsize::new(0);
    let tests_left_out = Mutex::new(Vec::new());
    let kept = Mutex::new((Vec::new(), Vec::new(), Vec::new()));
    let threads = std::thread::available_parallelism().map_or(1, usize::from);
    let options = WalkOptions {
        excludes: &plan.excludes,
        tests: plan.tests.as_ref().map(|tests| (tests, &tests_left_out)),
        respect_gitignore: plan.respect_gitignore,
        threads,
    };
    files::walk(roots, &options, || {
        let (checked, kept) = (&checked, &kept);
        move |entry: Result<PathBuf, ignore::Error>| {
            checked.fetch_add(1, Ordering::Relaxed);
            let path = match entry {
                Ok(path) => path,
                Err(error) => {
                    let mut kept = kept.lock().unwrap_or_else(|e| e.into_inner());
                    kept.2.push(walk_error(error));
                    return;
                }
            };
            let bytes = match fs::read(&path) {
                Ok(bytes) => bytes,
                Err(error) => {
                    let outcome = Outcome {
                        display: files::display(&path),
                        result: Err(format!("cannot read: {}", io_reason(&error))),
                        path,
                    };
                    let mut kept = kept.lock().unwrap_or_else(|e| e.into_inner());
                    kept.2.push(outcome);
                    return;
                }
            };
            let (found, hits) = engine::first_look(&bytes, &plan.settings_for(&path));
            let candidate = found.candidate;
            let facts = FileFacts::gather(&path, &bytes, found, &rules::PROJECT);
            // Most files end here: only the others take the lock.
            if facts.is_some() || candidate {
                let mut kept = kept.lock().unwrap_or_else(|e| e.into_inner());
                if let Some(facts) = facts {
                    kept.1.push((path.clone(), facts));
                }
                if candidate {
                    kept.0.push((path, bytes, Some(hits)));
                }
            }
        }
    });
    let (candidates, facts, outcomes) = kept.into_inner().unwrap_or_else(|e| e.into_inner());
    Read {
        checked: checked.into_inner(),
        tests_left_out: tests_left_out
            .into_inner()
            .unwrap_or_else(|e| e.into_inner()),
        candidates,
        facts,
        outcomes,
    }
}

/// The engine on each file a rule may read, in parallel, with the project's facts.
fn check_all(candidates: Vec<Candidate>, plan: &Plan, project: &Project) -> Vec<Outcome> {
    let threads = std::thread::available_parallelism().map_or(1, usize::from);
    let next = AtomicUsize::new(0);
    // Each slot is taken once, by the thread that draws its index.
    type Slot = Mutex<Option<Candidate>>;
    let candidates: Vec<Slot> = candidates
        .into_iter()
        .map(|c| Mutex::new(Some(c)))
        .collect();
    let outcomes = Mutex::new(Vec::new());
    std::thread::scope(|scope| {
        for _ in 0..threads.min(candidates.len()).max(1) {
            scope.spawn(|| loop {
                let at = next.fetch_add(1, Ordering::Relaxed);
                let Some(slot) = candidates.get(at) else {
                    break;
                };
                let taken = slot.lock().unwrap_or_else(|e| e.into_inner()).take();
                let Some((path, bytes, hits)) = taken else {
                    continue;
                };
                let settings = plan.settings_for(&path);
                let view = project.view(&path);
                let outcome = process_file(path, bytes, hits, &settings, plan.mode, &view);
                if let Some(outcome) = outcome {
                    outcomes
                        .lock()
                        .unwrap_or_else(|e| e.into_inner())
                        .push(outcome);
                }
            });
        }
    });
    outcomes.into_inner().unwrap_or_else(|e| e.into_inner())
}

/// The test files that the fixes of `outcomes` name as talking plain HTTP to the app
/// through a client that keeps a Secure cookie to itself (`--fix-tests`), and those of
/// the same projects that expect the app at the origin such a client talks to
/// (`"http://testserver/login"`), which moves to HTTPS with it.
fn tests_to_fix(outcomes: &[Outcome], project: &Project) -> Vec<PathBuf> {
    let uses: Vec<&crate::diagnostic::TestUse> = outcomes
        .iter()
        .filter_map(|outcome| outcome.result.as_ref().ok())
        .flat_map(|checked| &checked.report.findings)
        .filter(|finding| !finding.edits.is_empty())
        .filter_map(|finding| finding.follow_up.as_ref())
        .flat_map(|follow_up| follow_up.uses.iter())
        .collect();
    let mut tests: Vec<PathBuf> = uses.iter().map(|u| u.path.clone()).collect();
    // One use per project stands for it: its view knows the project's origins.
    let mut seen: Vec<Option<PathBuf>> = Vec::new();
    for test in &uses {
        let view = project.view(&test.path);
        let root = view.root().map(Path::to_path_buf);
        if seen.contains(&root) {
            continue;
        }
        seen.push(root);
        tests.extend(view.tests_holding(&view.test_origins()));
    }
    tests.sort();
    tests.dedup();
    tests
}

/// `https-test-client` on each of `tests`, which the walk left out: the only rule that
/// edits test code.
fn fix_tests(tests: Vec<PathBuf>, plan: &Plan, project: &Project) -> Vec<Outcome> {
    let Some(index) = rules::RULES
        .iter()
        .position(|rule| rule.id == rules::https_test_client::RULE.id)
    else {
        return Vec::new();
    };
    let mut outcomes = Vec::new();
    for path in tests {
        // A per-file ignore of the rule holds here too.
        if plan.ignores(&path, index) {
            continue;
        }
        let mut settings = plan.settings_for(&path).into_owned();
        settings.rules = rules::RuleSet::single(index);
        let bytes = match fs::read(&path) {
            Ok(bytes) => bytes,
            Err(error) => {
                outcomes.push(Outcome {
                    display: files::display(&path),
                    result: Err(format!("cannot read: {}", io_reason(&error))),
                    path,
                });
                continue;
            }
        };
        let view = project.view(&path);
        outcomes.extend(process_file(path, bytes, None, &settings, plan.mode, &view));
    }
    outcomes
}

/// Checks and fixes one file; `None` when there is nothing to report.
fn process_file(
    path: PathBuf,
    bytes: Vec<u8>,
    hits: Option<Hits>,
    settings: &Settings,
    mode: Mode,
    project: &View,
) -> Option<Outcome> {
    let result = match engine::fix_in_project(&bytes, settings, project, hits) {
        Ok(report) if report.findings.is_empty() && report.settled.is_empty() => return None,
        Ok(report) => Checked::new(bytes, report, settings, mode),
        Err(error) => Err(error.to_string()),
    };
    Some(Outcome {
        display: files::display(&path),
        path,
        result,
    })
}

/// For files named on the command line: the files of their project that hold its facts
/// (`manage.py`, `wsgi.py`, `asgi.py`, the settings modules), found below the nearest
/// folder above them that holds `manage.py`, which the run does not check.
fn project_files_around(roots: &[PathBuf], in_run: &HashSet<PathBuf>) -> Vec<(PathBuf, FileFacts)> {
    let mut projects: Vec<PathBuf> = roots
        .iter()
        .filter(|root| root.is_file())
        .filter_map(|root| {
            files::absolute(root)
                .ancestors()
                .skip(1)
                .find(|folder| folder.join("manage.py").is_file())
                .map(Path::to_path_buf)
        })
        .collect();
    projects.sort();
    projects.dedup();
    let mut facts = Vec::new();
    for folder in projects {
        for path in files::project_files(&folder, FileFacts::may_be_named) {
            let path = files::absolute(&path);
            if in_run.contains(&path) {
                continue;
            }
            let Ok(bytes) = fs::read(&path) else {
                continue;
            };
            let found = Found {
                candidate: true,
                facts: true,
            };
            if !FileFacts::may_hold(&path, &bytes, found, &rules::PROJECT) {
                continue;
            }
            facts.extend(FileFacts::read(&path, &bytes, &rules::PROJECT).map(|f| (path, f)));
        }
    }
    facts
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
