//! Runs every multi-file case in `testdata/<rule-id>/projects/`: `NAME/` is a project,
//! `NAME.expected/` the exact tree `--write` must leave (every file, byte for byte), and
//! `NAME.findings` what `--check` reports on it, with that rule selected beside those on
//! by default, and the options `NAME.args` holds, if any (`--fix-tests`). The project is
//! checked again after the write: nothing is left to fix.
//!
//! `UPDATE_FIXTURES=1 cargo test --test projects` rewrites the `.findings` files (never
//! the expected trees, which are written by hand); review the diff.

use std::collections::BTreeMap;
use std::fs;
use std::path::{Path, PathBuf};
use std::process::Command;

use cookie_fix::rules::RULES;

fn testdata() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("testdata")
}

/// Every file below `root`, by its path relative to it, with its bytes.
fn tree(root: &Path) -> BTreeMap<String, Vec<u8>> {
    let mut files = BTreeMap::new();
    let mut stack = vec![root.to_path_buf()];
    while let Some(folder) = stack.pop() {
        let entries = fs::read_dir(&folder).unwrap_or_else(|e| panic!("{}: {e}", folder.display()));
        for entry in entries {
            let path = entry.expect("a readable entry").path();
            if path.is_dir() {
                stack.push(path);
            } else {
                let relative = path.strip_prefix(root).expect("below the root");
                let bytes = fs::read(&path).expect("a readable file");
                files.insert(relative.to_string_lossy().replace('\\', "/"), bytes);
            }
        }
    }
    files
}

fn copy(from: &Path, to: &Path) {
    for (relative, bytes) in tree(from) {
        let target = to.join(&relative);
        fs::create_dir_all(target.parent().expect("a folder")).expect("create a folder");
        fs::write(target, bytes).expect("write a file");
    }
}

fn run(root: &Path, args: &[&str]) -> (i32, String, String) {
    let output = Command::new(env!("CARGO_BIN_EXE_cookie-fix"))
        .args(args)
        .current_dir(root)
        .env_remove("NO_COLOR")
        .env_remove("FORCE_COLOR")
        .output()
        .expect("cookie-fix runs");
    (
        output.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&output.stdout).into_owned(),
        String::from_utf8_lossy(&output.stderr).into_owned(),
    )
}

#[test]
fn every_project_is_fixed_into_its_expected_tree() {
    let update = std::env::var_os("UPDATE_FIXTURES").is_some();
    let mut failures = Vec::new();
    let mut count = 0;
    for rule in RULES {
        let folder = testdata().join(rule.id).join("projects");
        let Ok(entries) = fs::read_dir(&folder) else {
            continue;
        };
        let mut projects: Vec<PathBuf> = entries
            .map(|entry| entry.expect("a readable entry").path())
            .filter(|path| path.is_dir() && path.extension().is_none())
            .collect();
        projects.sort();
        for project in projects {
            count += 1;
            let name = project.file_name().unwrap_or_default().to_string_lossy();
            let work = tempfile::tempdir().expect("a temporary folder");
            copy(&project, work.path());
            let options = fs::read_to_string(project.with_extension("args")).unwrap_or_default();
            let mut select = vec!["--isolated", "--extend-select", rule.id];
            select.extend(options.split_whitespace());
            let check: Vec<&str> = [&select[..], &["--check", "."]].concat();
            let (_, findings, stderr) = run(work.path(), &check);
            let findings_path = project.with_extension("findings");
            let report = format!("{findings}{stderr}");
            if update {
                fs::write(&findings_path, &report).expect("write the findings");
            } else {
                let want = fs::read_to_string(&findings_path).unwrap_or_default();
                if want != report {
                    failures.push(format!(
                        "{}/{name}: findings differ\n--- expected\n{want}--- actual\n{report}",
                        rule.id
                    ));
                }
            }
            let write: Vec<&str> = [&select[..], &["--write", "."]].concat();
            let (code, _, stderr) = run(work.path(), &write);
            if code == 2 {
                failures.push(format!("{}/{name}: --write failed: {stderr}", rule.id));
            }
            let expected = tree(&project.with_extension("expected"));
            let written = tree(work.path());
            if expected != written {
                let differ: Vec<&String> = expected
                    .keys()
                    .chain(written.keys())
                    .filter(|file| expected.get(*file) != written.get(*file))
                    .collect();
                let shown: Vec<String> = differ
                    .iter()
                    .map(|file| {
                        format!(
                            "{file}:\n--- expected\n{}\n--- written\n{}",
                            String::from_utf8_lossy(expected.get(*file).map_or(&[][..], |b| b)),
                            String::from_utf8_lossy(written.get(*file).map_or(&[][..], |b| b)),
                        )
                    })
                    .collect();
                failures.push(format!(
                    "{}/{name}: tree differs\n{}",
                    rule.id,
                    shown.join("\n")
                ));
            }
            let (code, stdout, _) = run(work.path(), &check);
            if code != 0 || stdout.contains("[fix]") {
                failures.push(format!(
                    "{}/{name}: a second run still fixes:\n{stdout}",
                    rule.id
                ));
            }
        }
    }
    assert!(count >= 1, "no project case found");
    assert!(failures.is_empty(), "{}", failures.join("\n\n"));
}
