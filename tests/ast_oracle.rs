//! Holds the engine to Python's own reading of the code: every generated file
//! (tests/support/generate.rs) and every `testdata/**/*.py` is fixed in process, and
//! scripts/ast_oracle.py checks each output with `ast` and `tokenize` (see its
//! docstring for the rules). It shares no code with the engine, so a misreading of the
//! syntax tree that the engine and tests/properties.rs would share shows up here.
//! The project cases are fixed by the built program within their project and judged in
//! the oracle's project mode (`--project`), which allows what only a project decides.
//!
//! `AST_ORACLE_SEED` and `AST_ORACLE_CASES` explore other generated files;
//! `AST_ORACLE_KEEP=1` keeps the folder of inputs, outputs and manifest.

mod support;

use std::fs;
use std::path::{Path, PathBuf};
use std::process::Command;

use proptest::strategy::{Strategy, ValueTree};
use proptest::test_runner::{Config, RngAlgorithm, TestRng, TestRunner};
use serde_json::json;

use cookie_fix::mark::{add_ignores, needs_marker, MarkError};
use cookie_fix::rules::{RuleSet, RULES};
use cookie_fix::{fix, FileError, Settings};
use support::generate::{file, settings_file};

/// One input and what the engine made of it.
struct Case {
    name: String,
    input: Vec<u8>,
    output: Option<Vec<u8>>,
    error: Option<String>,
}

fn env_number(name: &str, default: u64) -> u64 {
    std::env::var(name)
        .ok()
        .and_then(|value| value.parse().ok())
        .unwrap_or(default)
}

/// The same files on every run, so CI is never flaky.
fn generated_inputs() -> Vec<(String, Vec<u8>)> {
    let seed = env_number("AST_ORACLE_SEED", 614);
    let cases = env_number("AST_ORACLE_CASES", 3000);
    let mut seed_bytes = [0u8; 32];
    seed_bytes[..8].copy_from_slice(&seed.to_le_bytes());
    let rng = TestRng::from_seed(RngAlgorithm::ChaCha, &seed_bytes);
    let mut runner = TestRunner::new_with_rng(Config::default(), rng);
    let strategy = file(false);
    let settings = settings_file();
    // One case in three is a file of configuration alone.
    (0..cases)
        .map(|i| {
            let tree = if i % 3 == 2 {
                settings.new_tree(&mut runner).map(|tree| tree.current())
            } else {
                strategy.new_tree(&mut runner).map(|tree| tree.current())
            };
            let input = tree.unwrap_or_else(|reason| panic!("generating case {i}: {reason}"));
            (format!("generated-{seed}-{i:05}"), input)
        })
        .collect()
}

/// Every `.py` file below `testdata/`, however the fixtures are arranged in folders.
fn fixture_inputs() -> Vec<(String, Vec<u8>)> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut paths = Vec::new();
    collect_python_files(&root.join("testdata"), &mut paths);
    paths.sort();
    assert!(!paths.is_empty(), "no .py file below testdata/");
    paths
        .into_iter()
        .map(|path| {
            let bytes = fs::read(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
            let name = path
                .strip_prefix(root)
                .unwrap_or(&path)
                .display()
                .to_string();
            (name, bytes)
        })
        .collect()
}

fn collect_python_files(dir: &Path, out: &mut Vec<PathBuf>) {
    let entries = fs::read_dir(dir).unwrap_or_else(|e| panic!("{}: {e}", dir.display()));
    for entry in entries {
        let path = entry
            .unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
            .path();
        if path.is_dir() {
            collect_python_files(&path, out);
        } else if path.extension().is_some_and(|ext| ext == "py") {
            out.push(path);
        }
    }
}

fn run_engine(name: String, input: Vec<u8>) -> Case {
    let (output, error) = match fix(&input, &Settings::default()) {
        Ok(report) => (report.fixed, None),
        Err(error) => (None, Some(error.to_string())),
    };
    Case {
        name,
        input,
        output,
        error,
    }
}

/// Writes `inputs/N.py`, `outputs/N.py` and `manifest.jsonl` (paths relative to it).
fn write_manifest(dir: &Path, cases: &[Case]) -> PathBuf {
    write_manifest_with(dir, cases, |_| json!({}))
}

/// The same, each line also holding the fields `more` gives for its case.
fn write_manifest_with(
    dir: &Path,
    cases: &[Case],
    more: impl Fn(usize) -> serde_json::Value,
) -> PathBuf {
    for folder in ["inputs", "outputs"] {
        let path = dir.join(folder);
        fs::create_dir_all(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    }
    let mut manifest = String::new();
    for (i, case) in cases.iter().enumerate() {
        let input = format!("inputs/{i:05}.py");
        write(&dir.join(&input), &case.input);
        let output = case.output.as_ref().map(|bytes| {
            let output = format!("outputs/{i:05}.py");
            write(&dir.join(&output), bytes);
            output
        });
        let mut line =
            json!({"name": case.name, "input": input, "output": output, "error": case.error});
        if let (Some(line), serde_json::Value::Object(more)) = (line.as_object_mut(), more(i)) {
            line.extend(more);
        }
        manifest.push_str(&line.to_string());
        manifest.push('\n');
    }
    let path = dir.join("manifest.jsonl");
    write(&path, manifest.as_bytes());
    path
}

fn write(path: &Path, bytes: &[u8]) {
    fs::write(path, bytes).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
}

/// Runs the oracle; returns whether it passed and what it printed.
fn oracle(arguments: &[&str]) -> (bool, String) {
    run_script("scripts/ast_oracle.py", arguments)
}

/// Runs a Python script of the repository; returns whether it passed and what it printed.
fn run_script(script: &str, arguments: &[&str]) -> (bool, String) {
    let script = Path::new(env!("CARGO_MANIFEST_DIR")).join(script);
    let result = Command::new(std::env::var("PYTHON").as_deref().unwrap_or("python3"))
        .arg(&script)
        .args(arguments)
        .output();
    let output = result.unwrap_or_else(|e| {
        panic!("cannot run python3 (the AST oracle needs Python 3.11 or later on PATH): {e}")
    });
    let printed = format!(
        "{}{}",
        String::from_utf8_lossy(&output.stdout),
        String::from_utf8_lossy(&output.stderr)
    );
    (output.status.success(), printed)
}

/// The first cases the oracle names, as a diff of input and output, for the failure message.
fn show_failing_cases(printed: &str, cases: &[Case], limit: usize) -> String {
    let mut shown: Vec<&str> = Vec::new();
    let mut text = String::new();
    for line in printed.lines() {
        let Some(case) = cases
            .iter()
            .find(|c| line.starts_with(&format!("{}:", c.name)))
        else {
            continue;
        };
        if shown.contains(&case.name.as_str()) || shown.len() == limit {
            continue;
        }
        shown.push(&case.name);
        let error = case.error.as_deref().unwrap_or("no error");
        text.push_str(&format!(
            "\n=== {} ({error})\n{}",
            case.name,
            describe(case)
        ));
    }
    text
}

/// The diff of the fix (the input when there is none), with CR line ends shown.
fn describe(case: &Case) -> String {
    let input = visible(&case.input);
    let Some(output) = case.output.as_deref().map(visible) else {
        return input;
    };
    similar::TextDiff::from_lines(input.as_str(), output.as_str())
        .unified_diff()
        .context_radius(3)
        .header("input", "output")
        .to_string()
}

/// Text with `⏎` before each CRLF's LF and `␍` for a lone CR (then a new line).
fn visible(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes)
        .replace("\r\n", "⏎\n")
        .replace('\r', "␍\n")
}

#[test]
fn the_oracle_judges_its_own_cases_right() {
    let (passed, printed) = oracle(&["--self-test"]);
    assert!(
        passed,
        "scripts/ast_oracle.py --self-test failed:\n{printed}"
    );
}

#[test]
fn python_agrees_with_every_fix() {
    let inputs = fixture_inputs().into_iter().chain(generated_inputs());
    let cases: Vec<Case> = inputs
        .map(|(name, input)| run_engine(name, input))
        .collect();
    let dir = tempfile::tempdir().expect("a temporary folder");
    let manifest = write_manifest(dir.path(), &cases);
    let manifest = manifest.to_str().expect("a UTF-8 temporary path");
    let (passed, printed) = oracle(&[manifest]);
    // Kept only on request: until a bug is fixed, every run would leave a folder behind.
    let kept = if std::env::var_os("AST_ORACLE_KEEP").is_some() {
        let kept = format!("cases kept in {}", dir.keep().display());
        eprintln!("{kept}");
        kept
    } else {
        "AST_ORACLE_KEEP=1 keeps the cases".to_owned()
    };
    assert!(
        passed,
        "scripts/ast_oracle.py found violations ({kept}):\n{printed}{}",
        show_failing_cases(&printed, &cases, 12)
    );
}

/// Every file below `from` copied to `to`, folders made as needed.
fn copy_tree(from: &Path, to: &Path) {
    let entries = fs::read_dir(from).unwrap_or_else(|e| panic!("{}: {e}", from.display()));
    fs::create_dir_all(to).unwrap_or_else(|e| panic!("{}: {e}", to.display()));
    for entry in entries {
        let path = entry
            .unwrap_or_else(|e| panic!("{}: {e}", from.display()))
            .path();
        let target = to.join(path.file_name().expect("a named entry"));
        if path.is_dir() {
            copy_tree(&path, &target);
        } else {
            fs::copy(&path, &target).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
        }
    }
}

/// The rules whose project cases the oracle's project mode restates. Not
/// `secure-cookie-setting`: its projects' configuration is decided across modules (the
/// settings module a deployment loads, whether the app uses its session), which the
/// oracle reads a file at a time; tests/projects.rs holds them to their expected trees.
const PROJECT_RULES: &[&str] = &["secure-cookie", "secure-session-cookie"];

/// Every multi-file case of `testdata/<rule-id>/projects/` (tests/projects.rs) of
/// [`PROJECT_RULES`], fixed by the built program within its project as a user runs it
/// (`--isolated --extend-select RULE`, the options `NAME.args` holds, `--write .`), each
/// Python file held to the oracle's project mode: besides what a file alone may get, a flag that
/// follows the project's setting or the request's scheme, and in a test file a test
/// client's HTTPS base URL; nothing more.
#[test]
fn python_agrees_with_every_project_fix() {
    let testdata = Path::new(env!("CARGO_MANIFEST_DIR")).join("testdata");
    let dir = tempfile::tempdir().expect("a temporary folder");
    let mut cases = Vec::new();
    let mut places = Vec::new(); // each case's path in its project, and the project
    for rule in RULES.iter().filter(|rule| PROJECT_RULES.contains(&rule.id)) {
        let entries = fs::read_dir(testdata.join(rule.id).join("projects"))
            .unwrap_or_else(|e| panic!("{}'s projects: {e}", rule.id));
        let mut projects: Vec<PathBuf> = entries
            .map(|entry| entry.expect("a readable entry").path())
            .filter(|path| path.is_dir() && path.extension().is_none())
            .collect();
        projects.sort();
        for project in projects {
            let name = format!(
                "{}/{}",
                rule.id,
                project.file_name().unwrap_or_default().to_string_lossy()
            );
            let work = dir.path().join("projects").join(&name);
            copy_tree(&project, &work);
            let options = fs::read_to_string(project.with_extension("args")).unwrap_or_default();
            let output = Command::new(env!("CARGO_BIN_EXE_cookie-fix"))
                .args(["--isolated", "--extend-select", rule.id])
                .args(options.split_whitespace())
                .args(["--write", "."])
                .current_dir(&work)
                .output()
                .expect("cookie-fix runs");
            assert_ne!(
                output.status.code(),
                Some(2),
                "{name}: --write failed: {}",
                String::from_utf8_lossy(&output.stderr)
            );
            let mut files = Vec::new();
            collect_python_files(&project, &mut files);
            files.sort();
            for file in files {
                let relative = file.strip_prefix(&project).expect("below the project");
                let input = fs::read(&file).unwrap_or_else(|e| panic!("{}: {e}", file.display()));
                let written = work.join(relative);
                let fixed =
                    fs::read(&written).unwrap_or_else(|e| panic!("{}: {e}", written.display()));
                let path = relative.to_string_lossy().replace('\\', "/");
                cases.push(Case {
                    name: format!("{name}/{path}"),
                    output: (fixed != input).then_some(fixed),
                    input,
                    error: None,
                });
                places.push((path, name.clone()));
            }
        }
    }
    let changed = cases.iter().filter(|c| c.output.is_some()).count();
    assert!(changed >= 12, "only {changed} project files were changed");
    let manifest = write_manifest_with(
        dir.path(),
        &cases,
        |i| json!({"path": places[i].0, "project": places[i].1}),
    );
    let manifest = manifest.to_str().expect("a UTF-8 temporary path");
    let (passed, printed) = oracle(&["--project", manifest]);
    if std::env::var_os("AST_ORACLE_KEEP").is_some() {
        eprintln!("cases kept in {}", dir.keep().display());
    }
    assert!(
        passed,
        "scripts/ast_oracle.py --project found violations:\n{printed}{}",
        show_failing_cases(&printed, &cases, 8)
    );
}

#[test]
fn the_ignore_oracle_judges_its_own_cases_right() {
    let (passed, printed) = run_script("scripts/ignore_oracle.py", &["--self-test"]);
    assert!(
        passed,
        "scripts/ignore_oracle.py --self-test failed:\n{printed}"
    );
}

/// `--add-ignore` on every fixture and generated file, held to scripts/ignore_oracle.py:
/// the program unchanged, only markers added, each target silenced and nothing else.
#[test]
fn python_agrees_with_every_ignore_marker() {
    let dir = tempfile::tempdir().expect("a temporary folder");
    let settings = Settings::default();
    let mut manifest = String::new();
    let mut refused = Vec::new();
    let mut marked_files = 0;
    for (i, (name, input)) in fixture_inputs()
        .into_iter()
        .chain(generated_inputs())
        .enumerate()
    {
        let Ok(report) = fix(&input, &settings) else {
            continue;
        };
        let marking = match add_ignores(&input, &report, &settings) {
            Ok(marking) => marking,
            // Python refuses the file too; --check never read that far.
            Err(MarkError::File(FileError::Syntax(_))) => continue,
            Err(error) => {
                refused.push(format!("{name}: {error}"));
                continue;
            }
        };
        let Some(marked) = marking.marked else {
            continue;
        };
        marked_files += 1;
        let span = |f: &cookie_fix::Finding| json!([f.rule, f.start.line, f.end.line]);
        let (targets, kept): (Vec<_>, Vec<_>) = report
            .findings
            .iter()
            .enumerate()
            .filter(|(_, f)| !f.suppressed)
            .partition(|(at, f)| needs_marker(f) && !marking.unplaced.contains(at));
        let (before, after) = (format!("{i:05}.before.py"), format!("{i:05}.after.py"));
        write(&dir.path().join(&before), &input);
        write(&dir.path().join(&after), &marked);
        let case = json!({
            "name": name,
            "before": before,
            "after": after,
            "targets": targets.into_iter().map(|(_, f)| span(f)).collect::<Vec<_>>(),
            "kept": kept.into_iter().map(|(_, f)| span(f)).collect::<Vec<_>>(),
        });
        manifest.push_str(&format!("{case}\n"));
    }
    assert!(
        refused.is_empty(),
        "markers refused:\n{}",
        refused.join("\n")
    );
    assert!(marked_files > 100, "only {marked_files} files were marked");
    let path = dir.path().join("manifest.jsonl");
    write(&path, manifest.as_bytes());
    let (passed, printed) = run_script(
        "scripts/ignore_oracle.py",
        &[path.to_str().expect("a UTF-8 temporary path")],
    );
    assert!(
        passed,
        "scripts/ignore_oracle.py found violations:\n{printed}"
    );
}

#[test]
fn the_attribute_oracle_judges_its_own_cases_right() {
    let (passed, printed) = run_script("scripts/attribute_oracle.py", &["--self-test"]);
    assert!(
        passed,
        "scripts/attribute_oracle.py --self-test failed:\n{printed}"
    );
}

/// `httponly-cookie` and `samesite-cookie` alone on every fixture and generated file,
/// held to scripts/attribute_oracle.py, which restates the frameworks' parameters.
#[test]
fn python_agrees_with_every_attribute_fix() {
    let settings = Settings {
        rules: RuleSet::parse(&["httponly-cookie", "samesite-cookie"]).expect("known rules"),
        ..Settings::default()
    };
    let cases: Vec<Case> = fixture_inputs()
        .into_iter()
        .chain(generated_inputs())
        .map(|(name, input)| {
            let (output, error) = match fix(&input, &settings) {
                Ok(report) => (report.fixed, None),
                Err(error) => (None, Some(error.to_string())),
            };
            Case {
                name,
                input,
                output,
                error,
            }
        })
        .collect();
    let changed = cases.iter().filter(|c| c.output.is_some()).count();
    assert!(changed > 300, "only {changed} files were changed");
    let dir = tempfile::tempdir().expect("a temporary folder");
    let manifest = write_manifest(dir.path(), &cases);
    let (passed, printed) = run_script(
        "scripts/attribute_oracle.py",
        &[manifest.to_str().expect("a UTF-8 temporary path")],
    );
    if std::env::var_os("AST_ORACLE_KEEP").is_some() {
        eprintln!("cases kept in {}", dir.keep().display());
    }
    assert!(
        passed,
        "scripts/attribute_oracle.py found violations:\n{printed}{}",
        show_failing_cases(&printed, &cases, 8)
    );
}
