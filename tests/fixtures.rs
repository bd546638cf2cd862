//! Runs every case in `testdata/<rule-id>/`, one folder per rule of the catalogue (with
//! that rule selected, beside those on by default): `NAME.py` is the input,
//! `NAME.py.expected` the exact bytes the fix must produce, and `NAME.py.findings` what
//! must be reported (a finding of another rule names its rule). Each output is fixed
//! again to prove a second pass changes nothing. A case whose first line is
//! `# fixture: extend-select RULE,...` runs with those rules as well.
//!
//! `UPDATE_FIXTURES=1 cargo test --test fixtures` rewrites the `.findings` files
//! (never the `.expected` ones, which are written by hand); review the diff.

use std::fmt::Write as _;
use std::fs;
use std::path::{Path, PathBuf};

use cookie_fix::rules::{self, RuleSet, RULES};
use cookie_fix::{fix, FileReport, Settings};

/// The folder beside the rule folders that holds the README's demo project.
const DEMO: &str = "demo";

fn testdata() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("testdata")
}

/// Folders of a rule's cases that group one concern (`testdata/<rule>/idiom/`).
const GROUPS: &[&str] = &["idiom"];

fn cases(rule: &str) -> Vec<PathBuf> {
    let dir = testdata().join(rule);
    let mut cases = cases_in(&dir);
    for group in GROUPS {
        let dir = dir.join(group);
        if dir.is_dir() {
            cases.extend(cases_in(&dir));
        }
    }
    cases
}

fn cases_in(dir: &Path) -> Vec<PathBuf> {
    let mut cases: Vec<PathBuf> = fs::read_dir(dir)
        .unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
        .map(|entry| entry.expect("readable testdata folder").path())
        .filter(|path| path.extension().is_some_and(|ext| ext == "py"))
        .collect();
    cases.sort();
    cases
}

fn with_suffix(path: &Path, suffix: &str) -> PathBuf {
    let mut name = path.as_os_str().to_owned();
    name.push(suffix);
    PathBuf::from(name)
}

/// The findings of one run, one per line, in a form a reviewer can read.
fn describe(rule: &str, result: &Result<FileReport, cookie_fix::FileError>) -> String {
    match result {
        Err(error) => format!("error: {error}\n"),
        Ok(report) => {
            let mut out = String::new();
            let mut all: Vec<&cookie_fix::Finding> =
                report.findings.iter().chain(&report.settled).collect();
            all.sort_by_key(|f| (f.range.start, f.range.end));
            for f in all {
                let state = if f.verdict.is_settled() {
                    "settled"
                } else if f.suppressed {
                    "suppressed"
                } else if f.verdict.is_fixable() {
                    "fix"
                } else {
                    "review"
                };
                let other_rule = if f.rule == rule {
                    String::new()
                } else {
                    format!("{} ", f.rule)
                };
                writeln!(
                    out,
                    "{}:{}-{}:{} {other_rule}{} {} [{state}] {}",
                    f.start.line,
                    f.start.column,
                    f.end.line,
                    f.end.column,
                    f.subject,
                    f.verdict.name(),
                    f.message
                )
                .expect("write to String");
            }
            out
        }
    }
}

#[test]
fn every_folder_of_testdata_is_a_rule_and_every_rule_has_one() {
    for entry in fs::read_dir(testdata()).expect("readable testdata") {
        let path = entry.expect("readable testdata").path();
        let name = path.file_name().unwrap_or_default().to_string_lossy();
        if path.is_dir() && name != DEMO {
            assert!(
                rules::by_id(&name).is_some(),
                "testdata/{name} is not a rule id"
            );
        }
    }
    for rule in RULES {
        assert!(
            testdata().join(rule.id).is_dir(),
            "no testdata/{} for the rule's cases",
            rule.id
        );
    }
}

#[test]
fn every_case_matches_its_expected_bytes_and_is_stable() {
    let mut failures = Vec::new();
    let mut count = 0;
    for rule in RULES {
        let cases = cases(rule.id);
        count += cases.len();
        run_cases(rule.id, &cases, &mut failures);
    }
    assert!(count >= 40, "only {count} cases found");
    assert!(failures.is_empty(), "{}", failures.join("\n\n"));
}

/// The rules a case's first line adds: `# fixture: extend-select RULE,...`.
fn extended(input: &[u8]) -> RuleSet {
    let first = input.split(|&b| b == b'\n').next().unwrap_or_default();
    let Some(ids) = std::str::from_utf8(first)
        .ok()
        .and_then(|line| line.trim_end().strip_prefix("# fixture: extend-select "))
    else {
        return RuleSet::EMPTY;
    };
    let ids: Vec<&str> = ids.split(',').collect();
    RuleSet::parse(&ids).unwrap_or_else(|e| panic!("a fixture's extend-select: {e}"))
}

fn run_cases(rule: &str, cases: &[PathBuf], failures: &mut Vec<String>) {
    let update = std::env::var_os("UPDATE_FIXTURES").is_some();
    let index = rules::index_of(rule).expect("a rule of the table");
    let folder = RuleSet::defaults().union(RuleSet::single(index));
    for case in cases {
        let name = case.file_name().unwrap_or_default().to_string_lossy();
        let input = fs::read(case).expect("readable case");
        let settings = Settings {
            rules: folder.union(extended(&input)),
            ..Settings::default()
        };
        let expected_path = with_suffix(case, ".expected");
        let expected =
            fs::read(&expected_path).unwrap_or_else(|e| panic!("{}: {e}", expected_path.display()));

        let result = fix(&input, &settings);
        let output = match &result {
            Ok(FileReport {
                fixed: Some(fixed), ..
            }) => fixed.clone(),
            _ => input.clone(),
        };
        if output != expected {
            failures.push(format!(
                "{name}: output differs from {name}.expected\n--- expected\n{}\n--- actual\n{}",
                String::from_utf8_lossy(&expected),
                String::from_utf8_lossy(&output)
            ));
        }

        let findings_path = with_suffix(case, ".findings");
        let findings = describe(rule, &result);
        if update {
            fs::write(&findings_path, &findings).expect("writable testdata");
        } else {
            let want = fs::read_to_string(&findings_path).unwrap_or_default();
            if want != findings {
                failures.push(format!(
                    "{name}: findings differ\n--- expected\n{want}--- actual\n{findings}"
                ));
            }
        }

        if let Ok(again) = fix(&output, &settings) {
            let still_fixable = again
                .findings
                .iter()
                .any(|f| f.verdict.is_fixable() && !f.suppressed);
            if again.fixed.is_some() || still_fixable {
                failures.push(format!("{name}: a second pass still changes the output"));
            }
        }
    }
}
