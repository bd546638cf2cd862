//! The JSON and SARIF documents, compared byte for byte with the snapshots in
//! `tests/snapshots/`. `UPDATE_SNAPSHOTS=1 cargo test --test output_formats`
//! rewrites them; review the diff.

use std::fs;
use std::path::Path;
use std::process::Command;

const APP: &str = r#"from http.cookies import SimpleCookie
from flask import Response
r = Response()
r.set_cookie("k", "v")
r.set_cookie("k", "v", secure=flag)
r.set_cookie("k", "v")  # nosec
r.headers["Set-Cookie"] = "sid=abc"
c = SimpleCookie()
c["k"] = "v"
print(c)
r.set_cookie("s", "v", secure=request.is_secure)
"#;

const BROKEN: &str = "r.set_cookie(\"k\",\n";

/// Runs cookie-fix in a fresh project holding `app.py` and `broken.py`.
fn run(args: &[&str]) -> (i32, String, String) {
    let dir = tempfile::tempdir().expect("temporary folder");
    fs::write(dir.path().join("app.py"), APP).expect("write app.py");
    fs::write(dir.path().join("broken.py"), BROKEN).expect("write broken.py");
    let output = Command::new(env!("CARGO_BIN_EXE_cookie-fix"))
        .args(args)
        .current_dir(dir.path())
        .env_remove("NO_COLOR")
        .env_remove("FORCE_COLOR")
        .output()
        .expect("cookie-fix runs");
    (
        output.status.code().unwrap_or(-1),
        String::from_utf8(output.stdout).expect("UTF-8 stdout"),
        String::from_utf8(output.stderr).expect("UTF-8 stderr"),
    )
}

fn snapshot(name: &str, actual: &str) -> String {
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/snapshots")
        .join(name);
    if std::env::var_os("UPDATE_SNAPSHOTS").is_some() {
        fs::write(&path, actual).expect("write snapshot");
    }
    fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

const STDERR: &str = "error: broken.py: syntax error at line 1 column 1; file left unchanged\n\
                      Would fix 3 findings in 1 file; 1 needs review; 1 settled; 1 suppressed; 1 skipped.\n";

/// `--check --output-format FORMAT .` over the project: exit 2 (broken.py), the
/// summary on stderr, and stdout byte for byte the snapshot `name`; returns stdout.
fn check_document(format: &str, name: &str) -> String {
    let (code, stdout, stderr) = run(&["--check", "--output-format", format, "."]);
    let expected = snapshot(name, &stdout);
    assert_eq!(
        (code, stdout.as_str(), stderr.as_str()),
        (2, expected.as_str(), STDERR)
    );
    stdout
}

#[test]
fn json_document() {
    check_document("json", "check.json");
}

#[test]
fn sarif_document() {
    check_document("sarif", "check.sarif");
}

/// GitLab Code Quality: a JSON array of issues, each with the fields GitLab documents
/// and nothing GitLab would misread; suppressed findings have no place there.
#[test]
fn gitlab_code_quality_report() {
    let stdout = check_document("gitlab", "check.gitlab.json");
    let issues: serde_json::Value = serde_json::from_str(&stdout).expect("JSON");
    let issues = issues.as_array().expect("an array of issues");
    assert_eq!(
        issues.len(),
        4,
        "3 fixes and 1 review, not the suppressed one"
    );
    for issue in issues {
        let object = issue.as_object().expect("an object");
        let mut keys: Vec<&str> = object.keys().map(String::as_str).collect();
        keys.sort_unstable();
        assert_eq!(
            keys,
            [
                "check_name",
                "description",
                "fingerprint",
                "location",
                "severity"
            ]
        );
        assert!(issue["description"].is_string() && issue["check_name"].is_string());
        assert!(issue["fingerprint"].as_str().is_some_and(|f| f.len() == 16));
        let severities = ["info", "minor", "major", "critical", "blocker"];
        assert!(severities.contains(&issue["severity"].as_str().unwrap_or_default()));
        assert_eq!(issue["location"]["path"], "app.py");
        assert!(issue["location"]["lines"]["begin"]
            .as_u64()
            .is_some_and(|l| l >= 1));
    }
    let fingerprints: std::collections::HashSet<&str> = issues
        .iter()
        .filter_map(|issue| issue["fingerprint"].as_str())
        .collect();
    assert_eq!(
        fingerprints.len(),
        issues.len(),
        "GitLab tells issues apart by fingerprint"
    );
}

/// JUnit XML; scripts/validate-junit.sh reads it with a JUnit parser.
#[test]
fn junit_document() {
    check_document("junit", "check.junit.xml");
}

/// reviewdog's Diagnostic Format; scripts/validate-rdjson.sh holds it to the npm
/// validator and applies its suggestions.
#[test]
fn rdjson_document() {
    check_document("rdjson", "check.rdjson.json");
}

#[test]
fn json_in_write_mode_reports_what_was_written() {
    let (code, stdout, stderr) = run(&["--write", "--output-format", "json", "app.py"]);
    let expected = snapshot("write.json", &stdout);
    let summary =
        "Fixed 3 findings in 1 file; 1 needs review; 1 settled; 1 suppressed; 0 skipped.\n";
    assert_eq!(
        (code, stdout.as_str(), stderr.as_str()),
        (0, expected.as_str(), summary)
    );
}

const SETTINGS: &str = r#"import os

INSTALLED_APPS = ["django.contrib.sessions"]
MIDDLEWARE = ["django.contrib.sessions.middleware.SessionMiddleware"]
DEBUG = os.environ.get("SHOP_DEBUG", "False").lower() == "true"
SESSION_COOKIE_SECURE = False
"#;

/// `--output-format markdown` in `mode` over the project and a settings module that
/// reads its settings from the environment: (exit code, stdout, stderr).
fn markdown(mode: &str) -> (i32, String, String) {
    let dir = tempfile::tempdir().expect("temporary folder");
    fs::write(dir.path().join("app.py"), APP).expect("write app.py");
    fs::write(dir.path().join("broken.py"), BROKEN).expect("write broken.py");
    fs::write(dir.path().join("settings.py"), SETTINGS).expect("write settings.py");
    let output = Command::new(env!("CARGO_BIN_EXE_cookie-fix"))
        .args([mode, "--output-format", "markdown", "."])
        .current_dir(dir.path())
        .output()
        .expect("cookie-fix runs");
    (
        output.status.code().unwrap_or(-1),
        String::from_utf8(output.stdout).expect("UTF-8 stdout"),
        String::from_utf8(output.stderr).expect("UTF-8 stderr"),
    )
}

/// The pull request's description, in each mode: what would change (or changed), by
/// rule, the variable an operator who serves plain HTTP sets, what is left for review
/// and what was skipped. scripts/validate-markdown.sh lints it.
#[test]
fn markdown_report_in_each_mode() {
    let skipped = "error: broken.py: syntax error at line 1 column 1; file left unchanged\n";
    for (mode, name, code, summary) in [
        ("--check", "check.md", 2, "Would fix"),
        ("--dry-run", "dry-run.md", 2, "Would fix"),
        ("--write", "write.md", 2, "Fixed"),
    ] {
        let (status, stdout, stderr) = markdown(mode);
        let expected = snapshot(name, &stdout);
        let stderr_expected = format!(
            "{skipped}{summary} 4 findings in 2 files; 1 needs review; 1 settled; 1 suppressed; 1 skipped.\n"
        );
        assert_eq!(
            (status, stdout.as_str(), stderr.as_str()),
            (code, expected.as_str(), stderr_expected.as_str()),
            "{mode}"
        );
    }
}

/// A setting written in its module's idiom: the JSON report names the variable, the
/// value that turns it off, and the setting it is written like.
#[test]
fn json_names_the_idiom_a_fix_is_written_in() {
    let dir = tempfile::tempdir().expect("temporary folder");
    fs::write(dir.path().join("settings.py"), SETTINGS).expect("write settings.py");
    let output = Command::new(env!("CARGO_BIN_EXE_cookie-fix"))
        .args(["--check", "--output-format", "json", "settings.py"])
        .current_dir(dir.path())
        .output()
        .expect("cookie-fix runs");
    let stderr = String::from_utf8(output.stderr).expect("UTF-8 stderr");
    assert_eq!(
        (output.status.code(), stderr.as_str()),
        (
            Some(1),
            "Would fix 1 finding in 1 file; 0 need review; 0 settled; 0 suppressed; 0 skipped.\n"
        )
    );
    let report: serde_json::Value = serde_json::from_slice(&output.stdout).expect("JSON");
    assert_eq!(
        report["findings"][0]["opt_out"],
        serde_json::json!({
            "variable": "SHOP_SESSION_COOKIE_SECURE",
            "value": "False",
            "written_like": { "setting": "DEBUG", "line": 5 },
        })
    );
}
