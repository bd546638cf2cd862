//! The binary end to end: each run's exit code, stdout and stderr are compared
//! exactly, in one assertion, and files are compared byte for byte (and by mtime,
//! for files that must not be touched).
//!
//! Every run happens in a fresh temporary folder, with the colour variables removed
//! from the environment and `HOME` / `XDG_CONFIG_HOME` pointing into that folder, so
//! neither the user's terminal nor a global gitignore changes what is printed.
//!
//! Unix only: the runs compare paths written with `/`, and many of them set permission
//! bits, make symbolic links, or read the signal that ended a process. The engine's
//! tests (fixtures, properties, the oracles) run on every platform.
//!
//! Not tested here: a file that changes between read and write (the window cannot be
//! timed from outside the process), and a folder that cannot be listed (the tests run
//! as root, for whom permission bits do not stop a read).

#![cfg(unix)]

use std::fmt;
use std::fs::{self, File, Permissions};
use std::io::{Read, Write};
use std::os::unix::fs::{symlink, PermissionsExt};
use std::os::unix::process::ExitStatusExt;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::thread;
use std::time::{Duration, Instant, SystemTime};

const BIN: &str = env!("CARGO_BIN_EXE_cookie-fix");

/// A run longer than this is a hang.
const PATIENCE: Duration = Duration::from_secs(300);

/// One insecure call, and the same call fixed.
const INSECURE: &str = "resp.set_cookie(\"k\", \"v\")\n";
const SECURED: &str = "resp.set_cookie(\"k\", \"v\", secure=True)\n";

// ---------------------------------------------------------------------------
// Running the binary
// ---------------------------------------------------------------------------

/// Bytes that print as a string when they are UTF-8, escaped otherwise.
#[derive(PartialEq, Eq)]
struct Text(Vec<u8>);

impl fmt::Debug for Text {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match std::str::from_utf8(&self.0) {
            Ok(text) => write!(f, "{text:?}"),
            Err(_) => write!(f, "b\"{}\"", self.0.escape_ascii()),
        }
    }
}

/// What one run gave: exit code (minus the signal number when killed), stdout, stderr.
type Run = (i32, Text, Text);

/// The expected result of one run.
fn outcome(code: i32, stdout: impl AsRef<[u8]>, stderr: impl AsRef<[u8]>) -> Run {
    (
        code,
        Text(stdout.as_ref().to_vec()),
        Text(stderr.as_ref().to_vec()),
    )
}

/// A command run in `dir` with a clean environment: no colour variables, no
/// global git configuration.
fn command(program: &str, dir: &Path, args: &[&str]) -> Command {
    let mut command = Command::new(program);
    command
        .args(args)
        .current_dir(dir)
        .env_remove("NO_COLOR")
        .env_remove("FORCE_COLOR")
        .env_remove("CLICOLOR_FORCE")
        .env("HOME", dir)
        .env("XDG_CONFIG_HOME", dir.join(".no-xdg-config"));
    command
}

fn cookie_fix(dir: &Path, args: &[&str]) -> Command {
    command(BIN, dir, args)
}

/// Runs cookie-fix in `dir` with empty standard input.
fn run(dir: &Path, args: &[&str]) -> Run {
    finish(cookie_fix(dir, args), b"")
}

/// Runs cookie-fix in `dir` with `stdin` as standard input.
fn run_stdin(dir: &Path, args: &[&str], stdin: &[u8]) -> Run {
    finish(cookie_fix(dir, args), stdin)
}

fn finish(command: Command, stdin: &[u8]) -> Run {
    finish_within(command, stdin, PATIENCE)
}

/// Runs `command` to its end, feeding `stdin`; kills it and fails after `limit`.
fn finish_within(mut command: Command, stdin: &[u8], limit: Duration) -> Run {
    let shown = format!("{command:?}");
    let mut child = command
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap_or_else(|e| panic!("{shown}: {e}"));
    let mut input = child.stdin.take().expect("piped stdin");
    let stdin = stdin.to_vec();
    // The program may exit without reading: a broken pipe here is not an error.
    let feeder = thread::spawn(move || drop(input.write_all(&stdin)));
    let drain = |mut pipe: Box<dyn Read + Send>| {
        thread::spawn(move || {
            let mut bytes = Vec::new();
            pipe.read_to_end(&mut bytes).expect("read a pipe");
            bytes
        })
    };
    let stdout = drain(Box::new(child.stdout.take().expect("piped stdout")));
    let stderr = drain(Box::new(child.stderr.take().expect("piped stderr")));
    let start = Instant::now();
    let status = loop {
        if let Some(status) = child.try_wait().expect("wait for the child") {
            break status;
        }
        if start.elapsed() > limit {
            child.kill().expect("kill the child");
            child.wait().expect("reap the child");
            panic!("{shown} still running after {limit:?}: killed");
        }
        thread::sleep(Duration::from_millis(20));
    };
    feeder.join().expect("stdin feeder");
    let code = status
        .code()
        .unwrap_or_else(|| -status.signal().unwrap_or(0));
    let stdout = stdout.join().expect("stdout reader");
    let stderr = stderr.join().expect("stderr reader");
    (code, Text(stdout), Text(stderr))
}

// ---------------------------------------------------------------------------
// Temporary trees
// ---------------------------------------------------------------------------

/// The mtime of every file a test writes, so that any rewrite shows.
fn old() -> SystemTime {
    SystemTime::UNIX_EPOCH + Duration::from_secs(1_000_000_000)
}

/// A temporary folder, by its canonical path.
struct Tree {
    _dir: tempfile::TempDir,
    root: PathBuf,
}

impl Tree {
    fn new() -> Tree {
        let dir = tempfile::tempdir().expect("a temporary folder");
        let root = dir
            .path()
            .canonicalize()
            .expect("canonical temporary folder");
        // A configuration or ignore file above the temporary folder would change every result.
        for above in root.ancestors().skip(1) {
            for name in ["cookie-fix.toml", "pyproject.toml", ".gitignore", ".ignore"] {
                let path = above.join(name);
                let leaks = match name {
                    "pyproject.toml" => {
                        fs::read_to_string(&path).is_ok_and(|text| text.contains("cookie-fix"))
                    }
                    _ => path.exists(),
                };
                assert!(!leaks, "{} would change the results", path.display());
            }
        }
        Tree { _dir: dir, root }
    }

    fn path(&self, relative: &str) -> PathBuf {
        self.root.join(relative)
    }

    /// Writes a file (and its folders) with an old mtime.
    fn put(&self, relative: &str, bytes: impl AsRef<[u8]>) {
        let path = self.path(relative);
        fs::create_dir_all(path.parent().expect("a parent")).expect("create folders");
        fs::write(&path, bytes).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
        File::options()
            .write(true)
            .open(&path)
            .and_then(|file| file.set_modified(old()))
            .unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    }

    fn link(&self, relative: &str, target: &str) {
        let path = self.path(relative);
        fs::create_dir_all(path.parent().expect("a parent")).expect("create folders");
        symlink(target, &path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    }

    fn read(&self, relative: &str) -> Text {
        let path = self.path(relative);
        Text(fs::read(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display())))
    }

    fn mtime(&self, relative: &str) -> SystemTime {
        fs::metadata(self.path(relative))
            .and_then(|m| m.modified())
            .expect("mtime")
    }

    /// The file still has these bytes and was not rewritten.
    fn assert_untouched(&self, relative: &str, bytes: impl AsRef<[u8]>) {
        assert_eq!(
            (self.read(relative), self.mtime(relative)),
            (Text(bytes.as_ref().to_vec()), old()),
            "{relative} must not change"
        );
    }

    /// The file was rewritten with exactly these bytes.
    fn assert_fixed(&self, relative: &str, bytes: impl AsRef<[u8]>) {
        assert_eq!(
            (self.read(relative), self.mtime(relative) != old()),
            (Text(bytes.as_ref().to_vec()), true),
            "{relative} must be fixed"
        );
    }

    /// Every file and link below the root, relative, sorted (links not followed).
    fn listing(&self) -> Vec<String> {
        fn walk(dir: &Path, root: &Path, out: &mut Vec<String>) {
            for entry in fs::read_dir(dir).expect("list a folder") {
                let path = entry.expect("a folder entry").path();
                if path.is_dir() && !path.is_symlink() {
                    walk(&path, root, out);
                } else {
                    let relative = path.strip_prefix(root).expect("below the root");
                    out.push(relative.to_string_lossy().into_owned());
                }
            }
        }
        let mut out = Vec::new();
        walk(&self.root, &self.root, &mut out);
        out.sort();
        out
    }

    /// The demo project's four files, at `folder` ("" for the root).
    fn put_demo(&self, folder: &str) {
        for (name, text) in DEMO {
            self.put(&format!("{folder}{name}"), text);
        }
    }
}

fn chmod(path: &Path, mode: u32) {
    fs::set_permissions(path, Permissions::from_mode(mode)).expect("chmod");
}

/// `text` with each `(from, to)` replaced; each `from` must occur exactly once.
fn replaced(text: &str, edits: &[(&str, &str)]) -> String {
    let mut out = text.to_owned();
    for (from, to) in edits {
        assert_eq!(out.matches(from).count(), 1, "{from:?} must occur once");
        out = out.replacen(from, to, 1);
    }
    out
}

// ---------------------------------------------------------------------------
// The demo project and what cookie-fix must make of it
// ---------------------------------------------------------------------------

const DEMO: [(&str, &str); 4] = [
    (
        "django_settings.py",
        include_str!("../testdata/demo/django_settings.py"),
    ),
    (
        "django_views.py",
        include_str!("../testdata/demo/django_views.py"),
    ),
    (
        "fastapi_app.py",
        include_str!("../testdata/demo/fastapi_app.py"),
    ),
    (
        "flask_app.py",
        include_str!("../testdata/demo/flask_app.py"),
    ),
];

fn demo_fixed(name: &str) -> String {
    let (_, original) = DEMO.iter().find(|(n, _)| *n == name).expect("a demo file");
    let edits: &[(&str, &str)] = match name {
        "django_settings.py" => &[(
            "60 * 60 * 24 * 14\n",
            "60 * 60 * 24 * 14\nSESSION_COOKIE_SECURE = True\nCSRF_COOKIE_SECURE = True\n",
        )],
        "django_views.py" => &[
            (
                "max_age=1209600)",
                "max_age=1209600, secure=settings.SESSION_COOKIE_SECURE)",
            ),
            ("secure=False)", "secure=settings.SESSION_COOKIE_SECURE)"),
        ],
        "fastapi_app.py" => &[("httponly=True)", "httponly=True, secure=True)")],
        "flask_app.py" => &[
            (
                "        samesite=\"Lax\",\n    )",
                "        samesite=\"Lax\",\n        secure=True,\n    )",
            ),
            ("60 * 60 * 24 * 30)", "60 * 60 * 24 * 30, secure=True)"),
            ("expires=0)", "expires=0, secure=True)"),
        ],
        _ => unreachable!(),
    };
    replaced(original, edits)
}

const DJANGO_SETTINGS_DIFF: &str = r#"--- a/django_settings.py
+++ b/django_settings.py
@@ -20,3 +20,5 @@
 
 ROOT_URLCONF = "shop.urls"
 SESSION_COOKIE_AGE = 60 * 60 * 24 * 14
+SESSION_COOKIE_SECURE = True
+CSRF_COOKIE_SECURE = True
"#;

// Blank context lines of a diff hold a single space.
const DJANGO_DIFF: &str = r#"--- a/django_views.py
+++ b/django_views.py
@@ -16,12 +16,12 @@
         return HttpResponse("Invalid credentials", status=401)
     login(request, user)
     response = HttpResponseRedirect("/")
-    response.set_signed_cookie("last_user", user.get_username(), salt="last-user", max_age=1209600)
+    response.set_signed_cookie("last_user", user.get_username(), salt="last-user", max_age=1209600, secure=settings.SESSION_COOKIE_SECURE)
     response.set_cookie("sessionhint", "1", secure=settings.SESSION_COOKIE_SECURE)
     return response
 
 
 def set_language(request, lang_code):
     response = HttpResponse(f"Language set to {lang_code}")
-    response.set_cookie(settings.LANGUAGE_COOKIE_NAME, lang_code, max_age=31536000, secure=False)
+    response.set_cookie(settings.LANGUAGE_COOKIE_NAME, lang_code, max_age=31536000, secure=settings.SESSION_COOKIE_SECURE)
     return response
"#;

const FASTAPI_DIFF: &str = r#"--- a/fastapi_app.py
+++ b/fastapi_app.py
@@ -10,7 +10,7 @@
 def issue_token(response: Response, username: str = Form(...), password: str = Form(...)):
     if USERS.get(username) != password:
         raise HTTPException(status_code=401, detail="bad credentials")
-    response.set_cookie(key="access_token", value=f"Bearer {username}", httponly=True)
+    response.set_cookie(key="access_token", value=f"Bearer {username}", httponly=True, secure=True)
     return {"ok": True}
 
 
"#;

const FLASK_DIFF: &str = r#"--- a/flask_app.py
+++ b/flask_app.py
@@ -21,9 +21,10 @@
         max_age=60 * 60 * 24,
         httponly=True,
         samesite="Lax",
+        secure=True,
     )
     if request.form.get("remember"):
-        response.set_cookie("remember_user", username, max_age=60 * 60 * 24 * 30)
+        response.set_cookie("remember_user", username, max_age=60 * 60 * 24 * 30, secure=True)
     return response
 
 
@@ -44,5 +45,5 @@
 def logout():
     SESSIONS.pop(request.cookies.get("session_token", ""), None)
     response = make_response(redirect(url_for("login_form")))
-    response.set_cookie("session_token", "", expires=0)
+    response.set_cookie("session_token", "", expires=0, secure=True)
     return response
"#;

const DEMO_FINDINGS: &str = "\
django_settings.py:11:5: secure-cookie-setting SESSION_COOKIE_SECURE is not set, so it is False: `manage.py check --deploy` warns (security.W012) [fix]
django_settings.py:17:5: secure-cookie-setting CSRF_COOKIE_SECURE is not set, so it is False: `manage.py check --deploy` warns (security.W016) [fix]
django_views.py:19:5: secure-cookie set_signed_cookie() without secure=True; written to follow SESSION_COOKIE_SECURE as the project's call at django_views.py:20 does [fix]
django_views.py:26:5: secure-cookie set_cookie() with secure=False; written to follow SESSION_COOKIE_SECURE as the project's call at django_views.py:20 does [fix]
fastapi_app.py:13:5: secure-cookie set_cookie() without secure=True [fix]
flask_app.py:18:5: secure-cookie set_cookie() without secure=True [fix]
flask_app.py:26:9: secure-cookie set_cookie() without secure=True [fix]
flask_app.py:47:5: secure-cookie set_cookie() without secure=True [fix]
";

fn demo_diff() -> String {
    [DJANGO_SETTINGS_DIFF, DJANGO_DIFF, FASTAPI_DIFF, FLASK_DIFF].concat()
}

fn demo_dry_run_stderr() -> String {
    "Would fix 8 findings in 4 files; 0 need review; 1 settled; 0 suppressed; 0 skipped.\n"
        .to_owned()
}

fn assert_demo_untouched(t: &Tree) {
    for (name, text) in DEMO {
        t.assert_untouched(name, text);
    }
}

// ---------------------------------------------------------------------------
// 1. Modes on the demo project
// ---------------------------------------------------------------------------

#[test]
fn dry_run_prints_the_diff_on_stdout_and_the_summary_on_stderr() {
    let t = Tree::new();
    t.put_demo("");
    assert_eq!(
        run(&t.root, &["--dry-run", "."]),
        outcome(1, demo_diff(), demo_dry_run_stderr())
    );
    assert_demo_untouched(&t);
}

#[test]
fn diff_is_an_alias_of_dry_run() {
    let t = Tree::new();
    t.put_demo("");
    assert_eq!(
        run(&t.root, &["--diff", "."]),
        outcome(1, demo_diff(), demo_dry_run_stderr())
    );
    assert_demo_untouched(&t);
}

#[test]
fn no_arguments_means_dry_run_of_the_current_folder() {
    let t = Tree::new();
    t.put_demo("");
    assert_eq!(
        run(&t.root, &[]),
        outcome(1, demo_diff(), demo_dry_run_stderr())
    );
    assert_demo_untouched(&t);
}

#[test]
fn check_prints_the_findings_and_writes_nothing() {
    let t = Tree::new();
    t.put_demo("");
    assert_eq!(
        run(&t.root, &["--check", "."]),
        outcome(
            1,
            DEMO_FINDINGS,
            "Would fix 8 findings in 4 files; 0 need review; 1 settled; 0 suppressed; 0 skipped.\n"
        )
    );
    assert_demo_untouched(&t);
}

#[test]
fn write_fixes_the_files_and_a_second_run_finds_only_the_review() {
    let t = Tree::new();
    t.put_demo("");
    t.put("clean.py", "from flask import Response\n");
    assert_eq!(
        run(&t.root, &["--write", "."]),
        outcome(
            0,
            "",
            "Fixed 8 findings in 4 files; 0 need review; 1 settled; 0 suppressed; 0 skipped.\n"
        )
    );
    for (name, _) in DEMO {
        t.assert_fixed(name, demo_fixed(name));
    }
    t.assert_untouched("clean.py", "from flask import Response\n");
    // No temporary file is left beside the targets.
    assert_eq!(
        t.listing(),
        [
            "clean.py",
            "django_settings.py",
            "django_views.py",
            "fastapi_app.py",
            "flask_app.py"
        ]
    );

    // Backdate the fixed files: a second --write must not touch them.
    for (name, _) in DEMO {
        t.put(name, demo_fixed(name));
    }
    assert_eq!(
        run(&t.root, &["--check"]),
        outcome(
            0,
            "",
            "Would fix 0 findings in 0 files; 0 need review; 3 settled; 0 suppressed; 0 skipped.\n"
        )
    );
    assert_eq!(
        run(&t.root, &["--write"]),
        outcome(
            0,
            "",
            "Fixed 0 findings in 0 files; 0 need review; 3 settled; 0 suppressed; 0 skipped.\n"
        )
    );
    for (name, _) in DEMO {
        t.assert_untouched(name, demo_fixed(name));
    }
}

#[test]
fn write_keeps_permissions() {
    let t = Tree::new();
    t.put("tool.py", INSECURE);
    chmod(&t.path("tool.py"), 0o750);
    assert_eq!(
        run(&t.root, &["--write"]),
        outcome(
            0,
            "",
            "Fixed 1 finding in 1 file; 0 need review; 0 settled; 0 suppressed; 0 skipped.\n"
        )
    );
    t.assert_fixed("tool.py", SECURED);
    let mode = fs::metadata(t.path("tool.py"))
        .expect("metadata")
        .permissions()
        .mode();
    assert_eq!(mode & 0o7777, 0o750);
}

// ---------------------------------------------------------------------------
// 2. `--dry-run > fix.patch && git apply fix.patch` gives what `--write` gives
// ---------------------------------------------------------------------------

const CRLF: &[u8] = b"from flask import Response\r\n\r\n\r\ndef login(resp):\r\n    resp.set_cookie(\r\n        \"k\",\r\n        \"v\",\r\n    )\r\n";
const CRLF_FIXED: &[u8] = b"from flask import Response\r\n\r\n\r\ndef login(resp):\r\n    resp.set_cookie(\r\n        \"k\",\r\n        \"v\",\r\n        secure=True,\r\n    )\r\n";
const CRLF_DIFF: &[u8] = b"--- a/crlf.py\n+++ b/crlf.py\n@@ -5,4 +5,5 @@\n     resp.set_cookie(\r\n         \"k\",\r\n         \"v\",\r\n+        secure=True,\r\n     )\r\n";

const LATIN1: &[u8] =
    b"# -*- coding: latin-1 -*-\nGREETING = \"caf\xe9\"\nresp.set_cookie(\"greeting\", GREETING)\n";
const LATIN1_FIXED: &[u8] = b"# -*- coding: latin-1 -*-\nGREETING = \"caf\xe9\"\nresp.set_cookie(\"greeting\", GREETING, secure=True)\n";
const LATIN1_DIFF: &[u8] = b"--- a/latin1.py\n+++ b/latin1.py\n@@ -1,3 +1,3 @@\n # -*- coding: latin-1 -*-\n GREETING = \"caf\xe9\"\n-resp.set_cookie(\"greeting\", GREETING)\n+resp.set_cookie(\"greeting\", GREETING, secure=True)\n";

const NO_NEWLINE: &str = "import flask\n\nresp.set_cookie(\"k\", \"v\", secure=False)";
const NO_NEWLINE_FIXED: &str = "import flask\n\nresp.set_cookie(\"k\", \"v\", secure=True)";
const NO_NEWLINE_DIFF: &str = r#"--- a/no_newline.py
+++ b/no_newline.py
@@ -1,3 +1,3 @@
 import flask
 
-resp.set_cookie("k", "v", secure=False)
\ No newline at end of file
+resp.set_cookie("k", "v", secure=True)
\ No newline at end of file
"#;

const ODD_NAME: &str = "my app/vües é.py";
const ODD_NAME_DIFF: &str = r#"--- a/my app/vües é.py
+++ b/my app/vües é.py
@@ -1 +1 @@
-resp.set_cookie("k", "v")
+resp.set_cookie("k", "v", secure=True)
"#;

fn put_patch_cases(t: &Tree) {
    t.put_demo("");
    t.put("crlf.py", CRLF);
    t.put("latin1.py", LATIN1);
    t.put("no_newline.py", NO_NEWLINE);
    t.put(ODD_NAME, INSECURE);
}

#[test]
fn git_apply_of_the_dry_run_equals_write() {
    let (patched, written, patches) = (Tree::new(), Tree::new(), Tree::new());
    put_patch_cases(&patched);
    put_patch_cases(&written);

    let diff = [
        CRLF_DIFF,
        DJANGO_SETTINGS_DIFF.as_bytes(),
        DJANGO_DIFF.as_bytes(),
        FASTAPI_DIFF.as_bytes(),
        FLASK_DIFF.as_bytes(),
        LATIN1_DIFF,
        ODD_NAME_DIFF.as_bytes(),
        NO_NEWLINE_DIFF.as_bytes(),
    ]
    .concat();
    let summary =
        "Would fix 12 findings in 8 files; 0 need review; 1 settled; 0 suppressed; 0 skipped.\n";
    assert_eq!(
        run(&patched.root, &["--dry-run"]),
        outcome(1, &diff, summary)
    );
    let patch = patches.path("fix.patch");
    fs::write(&patch, &diff).expect("write the patch");
    let apply = command(
        "git",
        &patched.root,
        &["apply", "--whitespace=nowarn", &patch.to_string_lossy()],
    );
    assert_eq!(finish(apply, b""), outcome(0, "", ""));

    let summary =
        "Fixed 12 findings in 8 files; 0 need review; 1 settled; 0 suppressed; 0 skipped.\n";
    assert_eq!(run(&written.root, &["--write"]), outcome(0, "", summary));

    assert_eq!(patched.listing(), written.listing());
    for name in written.listing() {
        assert_eq!(patched.read(&name), written.read(&name), "{name}");
    }
    for (name, _) in DEMO {
        written.assert_fixed(name, demo_fixed(name));
    }
    written.assert_fixed("crlf.py", CRLF_FIXED);
    written.assert_fixed("latin1.py", LATIN1_FIXED);
    written.assert_fixed("no_newline.py", NO_NEWLINE_FIXED);
    written.assert_fixed(ODD_NAME, SECURED);
}

// ---------------------------------------------------------------------------
// 3. Standard input
// ---------------------------------------------------------------------------

#[test]
fn stdin_with_write_prints_the_fixed_source() {
    let t = Tree::new();
    let source = format!("from flask import Response\n{INSECURE}");
    assert_eq!(
        run_stdin(&t.root, &["--write", "-"], source.as_bytes()),
        outcome(
            0,
            format!("from flask import Response\n{SECURED}"),
            "Fixed 1 finding in 1 file; 0 need review; 0 settled; 0 suppressed; 0 skipped.\n"
        )
    );
    assert_eq!(t.listing(), Vec::<String>::new());
}

#[test]
fn stdin_filename_without_paths_reads_standard_input() {
    let t = Tree::new();
    t.put("other.py", INSECURE);
    assert_eq!(
        run_stdin(
            &t.root,
            &["--write", "--stdin-filename", "app.py"],
            INSECURE.as_bytes()
        ),
        outcome(
            0,
            SECURED,
            "Fixed 1 finding in 1 file; 0 need review; 0 settled; 0 suppressed; 0 skipped.\n"
        )
    );
    t.assert_untouched("other.py", INSECURE);
}

#[test]
fn stdin_filename_beside_paths_is_ignored_with_a_warning() {
    let t = Tree::new();
    t.put("a.py", INSECURE);
    assert_eq!(
        run(&t.root, &["--check", "--stdin-filename", "x.py", "a.py"]),
        outcome(
            1,
            "a.py:1:1: secure-cookie set_cookie() without secure=True [fix]\n",
            "warning: --stdin-filename is ignored: no `-` among the paths\n\
             Would fix 1 finding in 1 file; 0 need review; 0 settled; 0 suppressed; 0 skipped.\n"
        )
    );
}

#[test]
fn an_absolute_path_below_the_current_folder_is_shown_relative() {
    let t = Tree::new();
    t.put("src/a.py", INSECURE);
    let absolute = t.path("src");
    let absolute = absolute.to_str().expect("UTF-8 temporary path");
    assert_eq!(
        run(&t.root, &["--dry-run", absolute]),
        outcome(
            1,
            "--- a/src/a.py\n+++ b/src/a.py\n@@ -1 +1 @@\n\
             -resp.set_cookie(\"k\", \"v\")\n+resp.set_cookie(\"k\", \"v\", secure=True)\n",
            "Would fix 1 finding in 1 file; 0 need review; 0 settled; 0 suppressed; 0 skipped.\n"
        )
    );
}

#[test]
fn stdin_dry_run_diff_is_headed_with_the_stdin_filename() {
    let t = Tree::new();
    assert_eq!(
        run_stdin(
            &t.root,
            &["-", "--stdin-filename", "app/views.py"],
            INSECURE.as_bytes()
        ),
        outcome(
            1,
            r#"--- a/app/views.py
+++ b/app/views.py
@@ -1 +1 @@
-resp.set_cookie("k", "v")
+resp.set_cookie("k", "v", secure=True)
"#,
            "Would fix 1 finding in 1 file; 0 need review; 0 settled; 0 suppressed; 0 skipped.\n"
        )
    );
}

#[test]
fn stdin_with_a_syntax_error_is_echoed_unchanged_and_exits_2() {
    let t = Tree::new();
    let source = format!("import flask\n\ndef login(:\n    {INSECURE}");
    assert_eq!(
        run_stdin(
            &t.root,
            &["--write", "-", "--stdin-filename", "views.py"],
            source.as_bytes()
        ),
        outcome(
            2,
            &source,
            "error: views.py: syntax error at line 3 column 11; file left unchanged\n\
             Fixed 0 findings in 0 files; 0 need review; 0 settled; 0 suppressed; 1 skipped.\n"
        )
    );
}

#[test]
fn stdin_filename_matching_an_exclude_is_left_alone() {
    let t = Tree::new();
    let args = ["-", "--stdin-filename", "gen/views.py", "--exclude", "gen"];
    assert_eq!(
        run_stdin(
            &t.root,
            &[&["--write"], &args[..]].concat(),
            INSECURE.as_bytes()
        ),
        outcome(
            0,
            INSECURE,
            "Fixed 0 findings in 0 files; 0 need review; 0 settled; 0 suppressed; 0 skipped.\n"
        )
    );
    assert_eq!(
        run_stdin(&t.root, &args, INSECURE.as_bytes()),
        outcome(
            0,
            "",
            "Would fix 0 findings in 0 files; 0 need review; 0 settled; 0 suppressed; 0 skipped.\n"
        )
    );
}

// ---------------------------------------------------------------------------
// 4. Which files
// ---------------------------------------------------------------------------

#[test]
fn walk_reads_py_pyw_and_pyi_files_only() {
    let t = Tree::new();
    for name in [
        "a.py", "b.pyw", "c.pyi", "d.txt", "e.py.bak", "Makefile", "f.pyc",
    ] {
        t.put(name, INSECURE);
    }
    assert_eq!(
        run(&t.root, &["--check"]),
        outcome(
            1,
            "a.py:1:1: secure-cookie set_cookie() without secure=True [fix]\n\
             b.pyw:1:1: secure-cookie set_cookie() without secure=True [fix]\n\
             c.pyi:1:1: secure-cookie set_cookie() without secure=True [fix]\n",
            "Would fix 3 findings in 3 files; 0 need review; 0 settled; 0 suppressed; 0 skipped.\n"
        )
    );
}

fn put_ignored_tree(t: &Tree) {
    t.put(".gitignore", "ignored/\n*_generated.py\n");
    t.put("sub/.ignore", "scratch.py\n");
    for name in [
        "kept.py",
        "ignored/x.py",
        "api_generated.py",
        "sub/deep_generated.py",
        "sub/scratch.py",
    ] {
        t.put(name, INSECURE);
    }
}

#[test]
fn gitignore_and_ignore_files_are_respected_without_a_git_repository() {
    let t = Tree::new();
    put_ignored_tree(&t);
    assert_eq!(
        run(&t.root, &["--check"]),
        outcome(
            1,
            "kept.py:1:1: secure-cookie set_cookie() without secure=True [fix]\n",
            "Would fix 1 finding in 1 file; 0 need review; 0 settled; 0 suppressed; 0 skipped.\n"
        )
    );
}

#[test]
fn no_ignore_reads_ignored_files() {
    let t = Tree::new();
    put_ignored_tree(&t);
    assert_eq!(
        run(&t.root, &["--check", "--no-ignore"]),
        outcome(
            1,
            "api_generated.py:1:1: secure-cookie set_cookie() without secure=True [fix]\n\
             ignored/x.py:1:1: secure-cookie set_cookie() without secure=True [fix]\n\
             kept.py:1:1: secure-cookie set_cookie() without secure=True [fix]\n\
             sub/deep_generated.py:1:1: secure-cookie set_cookie() without secure=True [fix]\n\
             sub/scratch.py:1:1: secure-cookie set_cookie() without secure=True [fix]\n",
            "Would fix 5 findings in 5 files; 0 need review; 0 settled; 0 suppressed; 0 skipped.\n"
        )
    );
}

#[test]
fn default_excludes_are_skipped() {
    let t = Tree::new();
    for name in [
        "venv/a.py",
        ".venv/a.py",
        "build/a.py",
        "node_modules/pkg/a.py",
        "site-packages/a.py",
        "dist/a.py",
        ".git/hooks/a.py",
        ".tox/a.py",
        "pkg/build/a.py",
        // Not excluded: names that only look like an exclude.
        "build.py",
        "venvs/a.py",
        "app.py",
    ] {
        t.put(name, INSECURE);
    }
    assert_eq!(
        run(&t.root, &["--check"]),
        outcome(
            1,
            "app.py:1:1: secure-cookie set_cookie() without secure=True [fix]\n\
             build.py:1:1: secure-cookie set_cookie() without secure=True [fix]\n\
             venvs/a.py:1:1: secure-cookie set_cookie() without secure=True [fix]\n",
            "Would fix 3 findings in 3 files; 0 need review; 0 settled; 0 suppressed; 0 skipped.\n"
        )
    );
}

#[test]
fn exclude_globs_match_names_and_paths() {
    let t = Tree::new();
    for name in [
        "app.py",
        "api_pb2.py",
        "gen/a.py",
        "sub/gen/b.py",
        "sub/gen/deeper/c.py",
        "sub/other/d.py",
    ] {
        t.put(name, INSECURE);
    }
    assert_eq!(
        run(
            &t.root,
            &[
                "--check",
                "--exclude",
                "sub/gen/*.py",
                "--exclude",
                "*_pb2.py"
            ]
        ),
        outcome(
            1,
            "app.py:1:1: secure-cookie set_cookie() without secure=True [fix]\n\
             gen/a.py:1:1: secure-cookie set_cookie() without secure=True [fix]\n\
             sub/gen/deeper/c.py:1:1: secure-cookie set_cookie() without secure=True [fix]\n\
             sub/other/d.py:1:1: secure-cookie set_cookie() without secure=True [fix]\n",
            "Would fix 4 findings in 4 files; 0 need review; 0 settled; 0 suppressed; 0 skipped.\n"
        )
    );
    // A folder name excludes the folder wherever it is.
    assert_eq!(
        run(&t.root, &["--check", "--exclude", "gen"]),
        outcome(
            1,
            "api_pb2.py:1:1: secure-cookie set_cookie() without secure=True [fix]\n\
             app.py:1:1: secure-cookie set_cookie() without secure=True [fix]\n\
             sub/other/d.py:1:1: secure-cookie set_cookie() without secure=True [fix]\n",
            "Would fix 3 findings in 3 files; 0 need review; 0 settled; 0 suppressed; 0 skipped.\n"
        )
    );
}

#[test]
fn files_named_on_the_command_line_are_processed_even_if_excluded_or_ignored() {
    let t = Tree::new();
    t.put(".gitignore", "ignored/\n");
    for name in ["a.py", "venv/x.py", "ignored/y.py", "legacy.py"] {
        t.put(name, INSECURE);
    }
    assert_eq!(
        run(
            &t.root,
            &[
                "--check",
                "--exclude",
                "legacy.py",
                "venv/x.py",
                "ignored/y.py",
                "legacy.py",
                "a.py"
            ]
        ),
        outcome(
            1,
            "a.py:1:1: secure-cookie set_cookie() without secure=True [fix]\n\
             ignored/y.py:1:1: secure-cookie set_cookie() without secure=True [fix]\n\
             legacy.py:1:1: secure-cookie set_cookie() without secure=True [fix]\n\
             venv/x.py:1:1: secure-cookie set_cookie() without secure=True [fix]\n",
            "Would fix 4 findings in 4 files; 0 need review; 0 settled; 0 suppressed; 0 skipped.\n"
        )
    );
}

#[test]
fn force_exclude_skips_excluded_files_named_on_the_command_line() {
    let t = Tree::new();
    for name in ["a.py", "venv/x.py", "build/sub/z.py", "legacy.py"] {
        t.put(name, INSECURE);
    }
    let args = [
        "--write",
        "--force-exclude",
        "--exclude",
        "legacy.py",
        "venv/x.py",
        "build/sub/z.py",
        "legacy.py",
        "a.py",
    ];
    assert_eq!(
        run(&t.root, &args),
        outcome(
            0,
            "",
            "Fixed 1 finding in 1 file; 0 need review; 0 settled; 0 suppressed; 0 skipped.\n"
        )
    );
    t.assert_fixed("a.py", SECURED);
    for name in ["venv/x.py", "build/sub/z.py", "legacy.py"] {
        t.assert_untouched(name, INSECURE);
    }
}

/// As in ruff, `--force-exclude` applies the exclude globs to named files, not
/// `.gitignore` (pre-commit never passes an ignored file it was not told to track).
#[test]
fn force_exclude_applies_excludes_but_not_gitignore_to_named_files() {
    let t = Tree::new();
    t.put(".gitignore", "ignored/\n");
    t.put("a.py", INSECURE);
    t.put("ignored/y.py", INSECURE);
    assert_eq!(
        run(
            &t.root,
            &["--write", "--force-exclude", "ignored/y.py", "a.py"]
        ),
        outcome(
            0,
            "",
            "Fixed 2 findings in 2 files; 0 need review; 0 settled; 0 suppressed; 0 skipped.\n"
        )
    );
    t.assert_fixed("a.py", SECURED);
    t.assert_fixed("ignored/y.py", SECURED);
}

#[test]
fn a_file_reached_twice_is_processed_once() {
    let t = Tree::new();
    t.put("src/a.py", INSECURE);
    assert_eq!(
        run(&t.root, &["--dry-run", "src", "src/a.py"]),
        outcome(
            1,
            r#"--- a/src/a.py
+++ b/src/a.py
@@ -1 +1 @@
-resp.set_cookie("k", "v")
+resp.set_cookie("k", "v", secure=True)
"#,
            ONE_FIX
        )
    );
    assert_eq!(
        run(&t.root, &["--write", "src", "src/a.py"]),
        outcome(
            0,
            "",
            "Fixed 1 finding in 1 file; 0 need review; 0 settled; 0 suppressed; 0 skipped.\n"
        )
    );
    t.assert_fixed("src/a.py", SECURED);
}

#[test]
fn a_temporary_file_left_by_an_interrupted_write_is_never_processed() {
    let t = Tree::new();
    t.put(".cookie-fix-abc.tmp", INSECURE);
    t.put("pkg/.cookie-fix-Xy12Zq.tmp", INSECURE);
    t.put("app.py", INSECURE);
    assert_eq!(
        run(&t.root, &["--write"]),
        outcome(
            0,
            "",
            "Fixed 1 finding in 1 file; 0 need review; 0 settled; 0 suppressed; 0 skipped.\n"
        )
    );
    t.assert_fixed("app.py", SECURED);
    t.assert_untouched(".cookie-fix-abc.tmp", INSECURE);
    t.assert_untouched("pkg/.cookie-fix-Xy12Zq.tmp", INSECURE);
}

// ---------------------------------------------------------------------------
// 5-7. Paths that cannot be read or written
// ---------------------------------------------------------------------------

#[test]
fn a_missing_path_is_named_and_the_other_paths_are_still_processed() {
    let t = Tree::new();
    t.put("a.py", INSECURE);
    t.put("z.py", INSECURE);
    assert_eq!(
        run(&t.root, &["--check", "a.py", "missing.py", "z.py"]),
        outcome(
            2,
            "a.py:1:1: secure-cookie set_cookie() without secure=True [fix]\n\
             z.py:1:1: secure-cookie set_cookie() without secure=True [fix]\n",
            "error: missing.py: No such file or directory\n\
             Would fix 2 findings in 2 files; 0 need review; 0 settled; 0 suppressed; 1 skipped.\n"
        )
    );
}

#[test]
fn exit_zero_does_not_hide_errors() {
    let t = Tree::new();
    t.put("a.py", INSECURE);
    assert_eq!(
        run(&t.root, &["--check", "--exit-zero", "a.py", "missing.py"]),
        outcome(
            2,
            "a.py:1:1: secure-cookie set_cookie() without secure=True [fix]\n",
            "error: missing.py: No such file or directory\n\
             Would fix 1 finding in 1 file; 0 need review; 0 settled; 0 suppressed; 1 skipped.\n"
        )
    );
}

#[test]
fn an_unreadable_file_is_named_and_the_others_are_still_fixed() {
    let t = Tree::new();
    t.put("a.py", INSECURE);
    t.link("loop.py", "loop.py");
    t.put("z.py", INSECURE);
    assert_eq!(
        run(&t.root, &["--write", "a.py", "loop.py", "z.py"]),
        outcome(
            2,
            "",
            "error: loop.py: cannot read: Too many levels of symbolic links\n\
             Fixed 2 findings in 2 files; 0 need review; 0 settled; 0 suppressed; 1 skipped.\n"
        )
    );
    t.assert_fixed("a.py", SECURED);
    t.assert_fixed("z.py", SECURED);
    assert!(fs::symlink_metadata(t.path("loop.py")).is_ok_and(|m| m.is_symlink()));
}

#[test]
fn a_dangling_symlink_named_on_the_command_line_is_an_error() {
    let t = Tree::new();
    t.put("a.py", INSECURE);
    t.link("gone.py", "nowhere.py");
    assert_eq!(
        run(&t.root, &["--write", "gone.py", "a.py"]),
        outcome(
            2,
            "",
            "error: gone.py: cannot read: No such file or directory\n\
             Fixed 1 finding in 1 file; 0 need review; 0 settled; 0 suppressed; 1 skipped.\n"
        )
    );
    t.assert_fixed("a.py", SECURED);
    assert_eq!(t.listing(), ["a.py", "gone.py"]);
}

#[test]
fn a_symlink_loop_named_as_a_folder_reports_the_loop() {
    let t = Tree::new();
    t.put("a.py", INSECURE);
    t.link("loopdir", "loopdir");
    assert_eq!(
        run(&t.root, &["--check", "a.py", "loopdir/"]),
        outcome(
            2,
            "a.py:1:1: secure-cookie set_cookie() without secure=True [fix]\n",
            "error: loopdir/: cannot read: Too many levels of symbolic links\n\
             Would fix 1 finding in 1 file; 0 need review; 0 settled; 0 suppressed; 1 skipped.\n"
        )
    );
}

#[test]
fn a_read_only_file_is_refused_under_write_and_the_others_are_fixed() {
    let t = Tree::new();
    t.put("a.py", INSECURE);
    t.put("locked.py", INSECURE);
    t.put("z.py", INSECURE);
    chmod(&t.path("locked.py"), 0o444);
    assert_eq!(
        run(&t.root, &["--write"]),
        outcome(
            2,
            "",
            "error: locked.py: file is read-only; fixes not written\n\
             Fixed 2 findings in 2 files; 0 need review; 0 settled; 0 suppressed; 1 skipped.\n"
        )
    );
    t.assert_fixed("a.py", SECURED);
    t.assert_fixed("z.py", SECURED);
    t.assert_untouched("locked.py", INSECURE);
    let mode = fs::metadata(t.path("locked.py"))
        .expect("metadata")
        .permissions()
        .mode();
    assert_eq!(mode & 0o7777, 0o444);
    assert_eq!(t.listing(), ["a.py", "locked.py", "z.py"]);
}

// ---------------------------------------------------------------------------
// 8. Configuration
// ---------------------------------------------------------------------------

#[test]
fn pyproject_configuration_is_found_from_a_subfolder() {
    let t = Tree::new();
    t.put(
        "pyproject.toml",
        "[tool.black]\nline-length = 100\n\n[tool.cookie-fix]\n\
         secure-value = \"not DEBUG\"\nextend-exclude = [\"sub/gen\"]\n",
    );
    // A nearer pyproject.toml without the table does not stop the search.
    t.put("sub/pyproject.toml", "[tool.black]\nline-length = 80\n");
    t.put("sub/a.py", INSECURE);
    t.put("sub/gen/b.py", INSECURE);
    let sub = t.path("sub");
    assert_eq!(
        run(&sub, &[]),
        outcome(
            1,
            r#"--- a/a.py
+++ b/a.py
@@ -1 +1 @@
-resp.set_cookie("k", "v")
+resp.set_cookie("k", "v", secure=not DEBUG)
"#,
            "Would fix 1 finding in 1 file; 0 need review; 0 settled; 0 suppressed; 0 skipped.\n"
        )
    );
    assert_eq!(
        run(&sub, &["--write"]),
        outcome(
            0,
            "",
            "Fixed 1 finding in 1 file; 0 need review; 0 settled; 0 suppressed; 0 skipped.\n"
        )
    );
    t.assert_fixed(
        "sub/a.py",
        "resp.set_cookie(\"k\", \"v\", secure=not DEBUG)\n",
    );
    t.assert_untouched("sub/gen/b.py", INSECURE);
    // The inserted expression is settled: a second run reports nothing, and -v says why.
    assert_eq!(
        run(&sub, &["--check"]),
        outcome(
            0,
            "",
            "Would fix 0 findings in 0 files; 0 need review; 1 settled; 0 suppressed; 0 skipped.\n"
        )
    );
    assert_eq!(
        run(&sub, &["--check", "-v"]),
        outcome(
            0,
            "",
            "a.py:1:34: secure-cookie set_cookie() with secure=not DEBUG: is the configured \
             secure-value [settled]\n\
             Would fix 0 findings in 0 files; 0 need review; 1 settled; 0 suppressed; 0 skipped.\n\
             1 file checked.\n"
        )
    );
}

#[test]
fn cookie_fix_toml_is_read() {
    let t = Tree::new();
    t.put(
        "cookie-fix.toml",
        "extend-exclude = [\"legacy_*.py\"]\nsecure-value = \"IS_HTTPS\"\n",
    );
    t.put("app.py", INSECURE);
    t.put("legacy_views.py", INSECURE);
    assert_eq!(
        run(&t.root, &["--check"]),
        outcome(
            1,
            "app.py:1:1: secure-cookie set_cookie() without secure=True [fix]\n",
            "Would fix 1 finding in 1 file; 0 need review; 0 settled; 0 suppressed; 0 skipped.\n"
        )
    );
    assert_eq!(
        run(&t.root, &["--write"]),
        outcome(
            0,
            "",
            "Fixed 1 finding in 1 file; 0 need review; 0 settled; 0 suppressed; 0 skipped.\n"
        )
    );
    t.assert_fixed("app.py", "resp.set_cookie(\"k\", \"v\", secure=IS_HTTPS)\n");
    t.assert_untouched("legacy_views.py", INSECURE);
}

#[test]
fn config_option_reads_the_named_file_instead_of_the_nearest() {
    let t = Tree::new();
    t.put(
        "pyproject.toml",
        "[tool.cookie-fix]\nsecure-value = \"NEAREST\"\n",
    );
    t.put("settings/cookies.toml", "secure-value = \"IS_PROD\"\n");
    t.put("app.py", INSECURE);
    assert_eq!(
        run(
            &t.root,
            &["--write", "--config", "settings/cookies.toml", "app.py"]
        ),
        outcome(
            0,
            "",
            "Fixed 1 finding in 1 file; 0 need review; 0 settled; 0 suppressed; 0 skipped.\n"
        )
    );
    t.assert_fixed("app.py", "resp.set_cookie(\"k\", \"v\", secure=IS_PROD)\n");
}

#[test]
fn isolated_ignores_configuration_files() {
    let t = Tree::new();
    t.put(
        "pyproject.toml",
        "[tool.cookie-fix]\nsecure-value = \"not DEBUG\"\nunknown-key = 1\n",
    );
    t.put("app.py", INSECURE);
    assert_eq!(
        run(&t.root, &["--write", "--isolated"]),
        outcome(
            0,
            "",
            "Fixed 1 finding in 1 file; 0 need review; 0 settled; 0 suppressed; 0 skipped.\n"
        )
    );
    t.assert_fixed("app.py", SECURED);
}

#[test]
fn an_unknown_configuration_key_is_an_error_naming_key_and_file() {
    let t = Tree::new();
    t.put(
        "pyproject.toml",
        "[tool.cookie-fix]\nsecure-vaule = \"x\"\n",
    );
    t.put("sub/app.py", INSECURE);
    let expected = format!(
        "error: {}/pyproject.toml: TOML parse error at line 2, column 1
  |
2 | secure-vaule = \"x\"
  | ^^^^^^^^^^^^
unknown field `secure-vaule`, expected one of `exclude`, `extend-exclude`, `secure-value`, `fix-style`, `force-exclude`, `respect-gitignore`, `include-tests`, `fix-tests`, `select`, `extend-select`, `ignore`, `per-file-ignores`
",
        t.root.display()
    );
    assert_eq!(run(&t.path("sub"), &["--write"]), outcome(2, "", expected));
    t.assert_untouched("sub/app.py", INSECURE);
}

#[test]
fn an_invalid_secure_value_is_an_error() {
    let t = Tree::new();
    t.put("app.py", INSECURE);
    assert_eq!(
        run(&t.root, &["--write", "--secure-value", "False"]),
        outcome(
            2,
            "",
            "error: invalid secure value `False`: it is falsy, so cookies would stay insecure\n"
        )
    );
    assert_eq!(
        run(&t.root, &["--write", "--secure-value", "1,2"]),
        outcome(
            2,
            "",
            "error: invalid secure value `1,2`: it is not a single Python expression\n"
        )
    );
    t.put("cookie-fix.toml", "secure-value = \"None\"\n");
    let config = t.path("cookie-fix.toml");
    assert_eq!(
        run(&t.root, &["--write"]),
        outcome(
            2,
            "",
            format!(
                "error: invalid secure value `None` (secure-value in {}): \
                 it is falsy, so cookies would stay insecure\n",
                config.display()
            )
        )
    );
    t.assert_untouched("app.py", INSECURE);
}

/// A settings module that reads its boolean settings from the environment.
const IDIOM_SETTINGS: &str = "import os\n\
DEBUG = os.environ.get(\"APP_DEBUG\", \"false\") == \"true\"\n\
INSTALLED_APPS = [\"django.contrib.sessions\"]\n\
SESSION_COOKIE_SECURE = False\n";

#[test]
fn a_fixed_setting_follows_the_fix_style_and_an_explicit_value_wins() {
    let t = Tree::new();
    let fixed = |value: &str| IDIOM_SETTINGS.replace("= False", &format!("= {value}"));
    let idiom = "os.environ.get(\"APP_SESSION_COOKIE_SECURE\", \"true\") == \"true\"";
    for (args, config, value) in [
        (&[][..], None, idiom),
        (
            &["--fix-style", "idiom"][..],
            Some("fix-style = \"literal\"\n"),
            idiom,
        ),
        (&[][..], Some("fix-style = \"literal\"\n"), "True"),
        (&["--fix-style", "literal"][..], None, "True"),
        (&["--secure-value", "IS_HTTPS"][..], None, "IS_HTTPS"),
        (&[][..], Some("secure-value = \"IS_HTTPS\"\n"), "IS_HTTPS"),
    ] {
        t.put("settings.py", IDIOM_SETTINGS);
        match config {
            Some(config) => t.put("cookie-fix.toml", config),
            None => {
                let _ = std::fs::remove_file(t.path("cookie-fix.toml"));
            }
        }
        let mut all = vec!["--write", "settings.py"];
        all.extend_from_slice(args);
        let result = run(&t.root, &all);
        assert_eq!(result.0, 0, "{args:?} {config:?}: {result:?}");
        let written = std::fs::read_to_string(t.path("settings.py")).expect("written");
        assert_eq!(written, fixed(value), "{args:?} {config:?}");
    }
}

#[test]
fn an_invalid_fix_style_is_an_error_naming_the_file() {
    let t = Tree::new();
    t.put("settings.py", IDIOM_SETTINGS);
    t.put("cookie-fix.toml", "fix-style = \"literally\"\n");
    let config = t.path("cookie-fix.toml");
    assert_eq!(
        run(&t.root, &["--write"]),
        outcome(
            2,
            "",
            format!(
                "error: invalid fix style `literally` (fix-style in {}): expected `idiom` or \
                 `literal`\n",
                config.display()
            )
        )
    );
    t.assert_untouched("settings.py", IDIOM_SETTINGS);
}

// ---------------------------------------------------------------------------
// 9. Exit codes
// ---------------------------------------------------------------------------

#[test]
fn exit_zero_exits_0_while_fixes_are_pending() {
    let t = Tree::new();
    t.put("a.py", INSECURE);
    assert_eq!(
        run(&t.root, &["--check", "--exit-zero"]),
        outcome(
            0,
            "a.py:1:1: secure-cookie set_cookie() without secure=True [fix]\n",
            "Would fix 1 finding in 1 file; 0 need review; 0 settled; 0 suppressed; 0 skipped.\n"
        )
    );
}

#[test]
fn exit_non_zero_on_fix_exits_1_when_write_fixed_something() {
    let t = Tree::new();
    t.put("a.py", INSECURE);
    assert_eq!(
        run(&t.root, &["--write", "--exit-non-zero-on-fix"]),
        outcome(
            1,
            "",
            "Fixed 1 finding in 1 file; 0 need review; 0 settled; 0 suppressed; 0 skipped.\n"
        )
    );
    t.assert_fixed("a.py", SECURED);
    assert_eq!(
        run(&t.root, &["--write", "--exit-non-zero-on-fix"]),
        outcome(
            0,
            "",
            "Fixed 0 findings in 0 files; 0 need review; 0 settled; 0 suppressed; 0 skipped.\n"
        )
    );
}

#[test]
fn strict_makes_review_findings_fail() {
    let t = Tree::new();
    t.put(
        "a.py",
        "resp.set_cookie(\"k\", \"v\", secure=settings.SECURE)\n",
    );
    let review = "a.py:1:1: secure-cookie set_cookie() with secure=settings.SECURE: \
                  check that it is true in production [review]\n";
    let summary =
        "Would fix 0 findings in 0 files; 1 needs review; 0 settled; 0 suppressed; 0 skipped.\n";
    assert_eq!(run(&t.root, &["--check"]), outcome(0, review, summary));
    assert_eq!(
        run(&t.root, &["--check", "--strict"]),
        outcome(1, review, summary)
    );
}

#[test]
fn a_syntax_error_exits_2_with_its_line_and_the_other_files_are_fixed() {
    let t = Tree::new();
    let broken = format!("import flask\n\ndef login(:\n    {INSECURE}");
    t.put("a.py", INSECURE);
    t.put("broken.py", &broken);
    t.put("z.py", INSECURE);
    assert_eq!(
        run(&t.root, &["--write"]),
        outcome(
            2,
            "",
            "error: broken.py: syntax error at line 3 column 11; file left unchanged\n\
             Fixed 2 findings in 2 files; 0 need review; 0 settled; 0 suppressed; 1 skipped.\n"
        )
    );
    t.assert_fixed("a.py", SECURED);
    t.assert_fixed("z.py", SECURED);
    t.assert_untouched("broken.py", &broken);
}

#[test]
fn an_invalid_exclude_glob_is_an_error() {
    let t = Tree::new();
    t.put("a.py", INSECURE);
    assert_eq!(
        run(&t.root, &["--write", "--exclude", "["]),
        outcome(
            2,
            "",
            "error: invalid exclude pattern `[`: unclosed character class; missing ']'\n"
        )
    );
    t.assert_untouched("a.py", INSECURE);
}

#[test]
fn modes_are_mutually_exclusive() {
    let t = Tree::new();
    t.put("a.py", INSECURE);
    assert_eq!(
        run(&t.root, &["--write", "--check", "a.py"]),
        outcome(
            2,
            "",
            "error: the argument '--write' cannot be used with '--check'\n\
             \n\
             Usage: cookie-fix --write <PATHS>...\n\
             \n\
             For more information, try '--help'.\n"
        )
    );
    t.assert_untouched("a.py", INSECURE);
}

// ---------------------------------------------------------------------------
// 10. Output
// ---------------------------------------------------------------------------

#[test]
fn check_reports_columns_in_characters() {
    let t = Tree::new();
    t.put("a.py", format!("s = \"日本😀\"; {INSECURE}"));
    assert_eq!(
        run(&t.root, &["--check"]),
        outcome(
            1,
            "a.py:1:12: secure-cookie set_cookie() without secure=True [fix]\n",
            "Would fix 1 finding in 1 file; 0 need review; 0 settled; 0 suppressed; 0 skipped.\n"
        )
    );
}

#[test]
fn github_format_prints_workflow_annotations_in_every_mode() {
    let t = Tree::new();
    t.put(
        "odd,name.py",
        "from flask import Response\n\n\
         def view(resp):\n    \
         resp.set_cookie(\"k\", \"v\")\n    \
         resp.set_cookie(\"k\", \"v\", secure=DEBUG)\n",
    );
    let annotations = "::error title=cookie-fix (secure-cookie),file=odd%2Cname.py,line=4,col=5,\
        endLine=4,endColumn=30::odd,name.py:4:5: secure-cookie set_cookie() without secure=True [fix]\n\
        ::warning title=cookie-fix (secure-cookie),file=odd%2Cname.py,line=5,col=5,\
        endLine=5,endColumn=44::odd,name.py:5:5: secure-cookie set_cookie() with secure=DEBUG: \
        it is true only where DEBUG is on; check that it is true in production [review]\n";
    let summary =
        "Would fix 1 finding in 1 file; 1 needs review; 0 settled; 0 suppressed; 0 skipped.\n";
    assert_eq!(
        run(&t.root, &["--check", "--output-format", "github"]),
        outcome(1, annotations, summary)
    );
    assert_eq!(
        run(&t.root, &["--output-format", "github"]),
        outcome(1, annotations, summary)
    );
}

#[test]
fn after_write_the_reports_hold_what_remains() {
    let t = Tree::new();
    let app = "from flask import Response\n\n\
         def view(resp):\n    \
         resp.set_cookie(\"k\", \"v\")\n    \
         resp.set_cookie(\"k\", \"v\", secure=DEBUG)\n";
    let summary =
        "Fixed 1 finding in 1 file; 1 needs review; 0 settled; 0 suppressed; 0 skipped.\n";
    t.put("app.py", app);
    assert_eq!(
        run(&t.root, &["--write", "--output-format", "github"]),
        outcome(
            0,
            "::warning title=cookie-fix (secure-cookie),file=app.py,line=5,col=5,\
             endLine=5,endColumn=44::app.py:5:5: secure-cookie set_cookie() with secure=DEBUG: \
             it is true only where DEBUG is on; check that it is true in production [review]\n",
            summary
        )
    );

    t.put("app.py", app);
    let (code, stdout, stderr) = run(&t.root, &["--write", "--output-format", "sarif"]);
    let sarif: serde_json::Value = serde_json::from_slice(&stdout.0).expect("a SARIF document");
    let results = &sarif["runs"][0]["results"];
    assert_eq!((code, stderr), (0, Text(summary.into())));
    assert_eq!(results.as_array().map(Vec::len), Some(1), "{results}");
    assert_eq!(results[0]["level"], "warning");
    assert_eq!(
        results[0]["locations"][0]["physicalLocation"]["region"]["startLine"],
        5
    );

    t.put("app.py", app);
    let (code, stdout, stderr) = run(&t.root, &["--write", "--output-format", "json"]);
    let json: serde_json::Value = serde_json::from_slice(&stdout.0).expect("a JSON document");
    let fixed: Vec<(&serde_json::Value, &serde_json::Value)> = json["findings"]
        .as_array()
        .expect("findings")
        .iter()
        .map(|f| (&f["start"]["line"], &f["fixed"]))
        .collect();
    assert_eq!((code, stderr), (0, Text(summary.into())));
    assert_eq!(
        fixed,
        [(&4.into(), &true.into()), (&5.into(), &false.into())]
    );
    assert_eq!(
        t.read("app.py"),
        Text(
            app.replace("(\"k\", \"v\")", "(\"k\", \"v\", secure=True)")
                .into()
        )
    );
}

#[test]
fn statistics_count_each_rule_and_verdict() {
    let t = Tree::new();
    let app = "from flask import Response\n\n\
         def view(resp):\n    \
         resp.set_cookie(\"a\", \"1\")\n    \
         resp.set_cookie(\"b\", \"2\", secure=False)\n    \
         resp.set_cookie(\"c\", \"3\")\n    \
         resp.set_cookie(\"d\", \"4\", secure=DEBUG)\n    \
         resp.set_cookie(\"e\", \"5\")  # nosec\n    \
         resp.headers[\"Set-Cookie\"] = \"f=6\"\n";
    t.put("app.py", app);
    assert_eq!(
        run(&t.root, &["--check", "--statistics"]),
        outcome(
            1,
            "2\tsecure-cookie       \tmissing\t[*] Cookie set without the Secure attribute\n\
             1\tsecure-cookie       \tfalsy\t[*] Cookie set without the Secure attribute\n\
             1\tsecure-cookie       \tdynamic\t[ ] Cookie set without the Secure attribute\n\
             1\tsecure-cookie-header\tmissing\t[*] Set-Cookie header written without the Secure attribute\n",
            "Would fix 4 findings in 1 file; 1 needs review; 0 settled; 1 suppressed; 0 skipped.\n"
        )
    );
    // After --write, what is left.
    assert_eq!(
        run(&t.root, &["--write", "--statistics"]),
        outcome(
            0,
            "1\tsecure-cookie\tdynamic\t[ ] Cookie set without the Secure attribute\n",
            "Fixed 4 findings in 1 file; 1 needs review; 0 settled; 1 suppressed; 0 skipped.\n"
        )
    );
    assert_eq!(
        run(
            &t.root,
            &["--check", "--statistics", "--output-format", "json"]
        ),
        outcome(
            2,
            "",
            "error: --statistics prints text: it cannot be combined with --output-format\n"
        )
    );
}

#[test]
fn fingerprints_survive_lines_added_above_and_reformatting() {
    let t = Tree::new();
    let fingerprints = |t: &Tree| {
        let (code, stdout, _) = run(&t.root, &["--check", "--output-format", "json"]);
        let json: serde_json::Value = serde_json::from_slice(&stdout.0).expect("JSON");
        let found: Vec<String> = json["findings"]
            .as_array()
            .expect("findings")
            .iter()
            .map(|f| f["fingerprint"].as_str().expect("a fingerprint").to_owned())
            .collect();
        (code, found)
    };
    t.put(
        "app.py",
        "r.set_cookie(\"k\", \"v\")\nr.set_cookie(\"k\", \"v\")\n",
    );
    let before = fingerprints(&t);
    t.put(
        "app.py",
        "import os\n\n\nr.set_cookie(\n    \"k\",\n    \"v\"\n)\nr.set_cookie(\"k\", \"v\")\n",
    );
    let after = fingerprints(&t);
    assert_eq!(before.0, 1);
    assert_eq!(before.1.len(), 2);
    assert_ne!(before.1[0], before.1[1]);
    assert_eq!(before, after);
    t.put("app.py", "r.set_cookie(\"k\", \"w\")\n");
    assert_ne!(fingerprints(&t).1[0], before.1[0]);
}

#[test]
fn output_file_takes_the_report_instead_of_stdout() {
    let t = Tree::new();
    t.put("app.py", "r.set_cookie(\"k\", \"v\")\n");
    let summary =
        "Would fix 1 finding in 1 file; 0 need review; 0 settled; 0 suppressed; 0 skipped.\n";
    assert_eq!(
        run(&t.root, &["--check", "-o", "report.txt"]),
        outcome(1, "", summary)
    );
    assert_eq!(
        t.read("report.txt"),
        Text(b"app.py:1:1: secure-cookie set_cookie() without secure=True [fix]\n".to_vec())
    );
    assert_eq!(
        run(
            &t.root,
            &[
                "--check",
                "--output-format",
                "gitlab",
                "--output-file",
                "cq.json"
            ]
        ),
        outcome(1, "", summary)
    );
    let report: serde_json::Value = serde_json::from_slice(&t.read("cq.json").0).expect("JSON");
    assert_eq!(report[0]["check_name"], "secure-cookie");
    assert_eq!(report[0]["location"]["lines"]["begin"], 1);
    let (code, stdout, stderr) = run(&t.root, &["--check", "-o", "missing/report.txt"]);
    assert_eq!((code, stdout), (2, Text(Vec::new())));
    let stderr = String::from_utf8_lossy(&stderr.0).into_owned();
    assert!(
        stderr.starts_with("error: missing/report.txt: cannot write: ") && stderr.ends_with('\n'),
        "{stderr}"
    );
    assert_eq!(
        t.read("app.py"),
        Text(b"r.set_cookie(\"k\", \"v\")\n".to_vec())
    );
}

#[test]
fn a_baseline_leaves_out_the_review_findings_it_holds() {
    let t = Tree::new();
    let app = "from flask import Response\n\n\
         def view(resp):\n    \
         resp.set_cookie(\"a\", \"1\", secure=DEBUG)\n    \
         resp.set_cookie(\"b\", \"2\", **options)\n    \
         resp.set_cookie(\"c\", \"3\")\n";
    t.put("app.py", app);
    let (code, report, _) = run(&t.root, &["--check", "--output-format", "json"]);
    assert_eq!(code, 1);
    t.put("baseline.json", &report.0);
    // Lines added above: the review findings are still the baseline's.
    t.put(
        "app.py",
        format!("import os\n\n{app}resp.set_cookie(\"d\", \"4\", secure=X)\n"),
    );
    assert_eq!(
        run(&t.root, &["--check", "--strict", "--baseline", "baseline.json"]),
        outcome(
            1,
            "app.py:8:5: secure-cookie set_cookie() without secure=True [fix]\n\
             app.py:9:1: secure-cookie set_cookie() with secure=X: check that it is true in production [review]\n",
            "Would fix 1 finding in 1 file; 1 needs review; 0 settled; 0 suppressed; 0 skipped; 2 baselined.\n"
        )
    );
    let fixed = app.replace("(\"c\", \"3\")", "(\"c\", \"3\", secure=True)");
    t.put("app.py", format!("import os\n\n{fixed}"));
    assert_eq!(
        run(&t.root, &["--check", "--strict", "--baseline", "baseline.json"]),
        outcome(
            0,
            "",
            "Would fix 0 findings in 0 files; 0 need review; 0 settled; 0 suppressed; 0 skipped; 2 baselined.\n"
        )
    );
    t.put("bad.json", "[]");
    assert_eq!(
        run(&t.root, &["--check", "--baseline", "bad.json"]),
        outcome(
            2,
            "",
            "error: baseline bad.json: not a cookie-fix JSON report (no \"findings\" list)\n"
        )
    );
}

#[test]
fn add_ignore_marks_each_finding_that_needs_review_and_a_check_then_passes() {
    let t = Tree::new();
    let app = "from flask import Response\n\n\
         def view(resp):\n    \
         resp.set_cookie(\"a\", \"1\", secure=DEBUG)  # from settings\n    \
         resp.set_cookie(\"b\", \"2\", **options)\n    \
         resp.set_cookie(\"c\", \"3\")\n    \
         resp.headers[\"Set-Cookie\"] = value\n    \
         resp.set_cookie(\"d\", \"4\", secure=X); resp.set_cookie(\"e\", \"5\")\n";
    t.put("app.py", app);
    assert_eq!(
        run(&t.root, &["--add-ignore", "."]),
        outcome(
            1,
            "",
            "warning: app.py:8:5: secure-cookie set_cookie() with secure=X: check that it is \
             true in production [review]: no ignore marker added: each of its lines ends in a \
             string or a backslash, or a marker there would also silence another finding\n\
             Added ignore markers for 3 findings in 1 file; 1 could not be marked; 2 fixes \
             left for --write; 0 skipped.\n"
        )
    );
    let marked = replaced(
        app,
        &[
            (
                "# from settings",
                "# from settings  # cookie-fix: ignore[secure-cookie]",
            ),
            (
                "**options)",
                "**options)  # cookie-fix: ignore[secure-cookie]",
            ),
            (
                "= value",
                "= value  # cookie-fix: ignore[secure-cookie-header]",
            ),
        ],
    );
    assert_eq!(t.read("app.py"), Text(marked.clone().into_bytes()));
    // A second run has nothing new to mark; what is left is the line it could not.
    assert_eq!(
        run(&t.root, &["--add-ignore", "--exit-zero", "app.py"]),
        outcome(
            0,
            "",
            "warning: app.py:8:5: secure-cookie set_cookie() with secure=X: check that it is \
             true in production [review]: no ignore marker added: each of its lines ends in a \
             string or a backslash, or a marker there would also silence another finding\n\
             Added ignore markers for 0 findings in 0 files; 1 could not be marked; 2 fixes \
             left for --write; 0 skipped.\n"
        )
    );
    // Once fixed, the file passes a strict check with the markers alone.
    assert_eq!(run(&t.root, &["--write", "--quiet", "app.py"]).0, 0);
    assert_eq!(
        run(&t.root, &["--check", "--strict", "app.py"]),
        outcome(
            1,
            "app.py:8:5: secure-cookie set_cookie() with secure=X: check that it is true in \
             production [review]\n",
            "Would fix 0 findings in 0 files; 1 needs review; 0 settled; 3 suppressed; 0 skipped.\n"
        )
    );
}

#[test]
fn add_ignore_on_standard_input_prints_the_marked_source() {
    let t = Tree::new();
    assert_eq!(
        run_stdin(
            &t.root,
            &["--add-ignore", "-"],
            b"resp.set_cookie(\"k\", \"v\", secure=flag)\r\n"
        ),
        outcome(
            0,
            "resp.set_cookie(\"k\", \"v\", secure=flag)  # cookie-fix: ignore[secure-cookie]\r\n",
            "Added ignore markers for 1 finding in 1 file; 0 could not be marked; 0 fixes left \
             for --write; 0 skipped.\n"
        )
    );
    assert_eq!(
        run(&t.root, &["--add-ignore", "--check", "."]),
        outcome(
            2,
            "",
            "error: the argument '--add-ignore' cannot be used with '--check'\n\n\
             Usage: cookie-fix --add-ignore <PATHS>...\n\n\
             For more information, try '--help'.\n"
        )
    );
    assert_eq!(
        run(&t.root, &["--add-ignore", "--output-format", "json", "."]),
        outcome(
            2,
            "",
            "error: the argument '--add-ignore' cannot be used with '--output-format \
             <OUTPUT_FORMAT>'\n\n\
             Usage: cookie-fix --add-ignore <PATHS>...\n\n\
             For more information, try '--help'.\n"
        )
    );
}

const SUPPRESSIONS: &str = "from flask import Response
resp.set_cookie(\"a\", \"1\")  # nosec
# cookie-fix: ignore
resp.set_cookie(\"b\", \"2\")
resp.set_cookie(\"c\", \"3\")  # NOSONAR
resp.set_cookie(\"d\", \"4\", secure=S)
resp.set_cookie(\"e\", \"5\")
";

#[test]
fn quiet_prints_no_summary_and_no_warnings_but_errors() {
    let t = Tree::new();
    t.put("a.py", SUPPRESSIONS);
    assert_eq!(
        run(&t.root, &["-q"]),
        outcome(
            1,
            r#"--- a/a.py
+++ b/a.py
@@ -4,4 +4,4 @@
 resp.set_cookie("b", "2")
 resp.set_cookie("c", "3")  # NOSONAR
 resp.set_cookie("d", "4", secure=S)
-resp.set_cookie("e", "5")
+resp.set_cookie("e", "5", secure=True)
"#,
            ""
        )
    );
    assert_eq!(
        run(&t.root, &["-q", "--check", "a.py", "missing.py"]),
        outcome(
            2,
            "a.py:6:1: secure-cookie set_cookie() with secure=S: check that it is true in production [review]\n\
             a.py:7:1: secure-cookie set_cookie() without secure=True [fix]\n",
            "error: missing.py: No such file or directory\n"
        )
    );
    assert_eq!(run(&t.root, &["-q", "--write"]), outcome(0, "", ""));
    t.assert_fixed(
        "a.py",
        SUPPRESSIONS.replace("\"5\")", "\"5\", secure=True)"),
    );
}

#[test]
fn verbose_lists_suppressed_findings() {
    let t = Tree::new();
    t.put("a.py", SUPPRESSIONS);
    let findings = "a.py:6:1: secure-cookie set_cookie() with secure=S: check that it is true in production [review]\n\
                    a.py:7:1: secure-cookie set_cookie() without secure=True [fix]\n";
    assert_eq!(
        run(&t.root, &["--check"]),
        outcome(
            1,
            findings,
            "Would fix 1 finding in 1 file; 1 needs review; 0 settled; 3 suppressed; 0 skipped.\n"
        )
    );
    assert_eq!(
        run(&t.root, &["--check", "-v"]),
        outcome(
            1,
            findings,
            "a.py:2:1: secure-cookie set_cookie() without secure=True [suppressed]\n\
             a.py:4:1: secure-cookie set_cookie() without secure=True [suppressed]\n\
             a.py:5:1: secure-cookie set_cookie() without secure=True [suppressed]\n\
             Would fix 1 finding in 1 file; 1 needs review; 0 settled; 3 suppressed; 0 skipped.\n\
             1 file checked.\n"
        )
    );
}

#[test]
fn output_is_sorted_by_path_and_the_same_on_every_run() {
    let t = Tree::new();
    let mut expected = String::new();
    for a in 0..6 {
        for b in 0..10 {
            for c in 0..5 {
                let path = format!("p{a}/q{b}/m{c}.py");
                let blank_lines = (a + b + c) % 4;
                t.put(&path, format!("{}{INSECURE}", "\n".repeat(blank_lines)));
                let line = blank_lines + 1;
                expected.push_str(&format!(
                    "{path}:{line}:1: secure-cookie set_cookie() without secure=True [fix]\n"
                ));
            }
        }
    }
    for _ in 0..3 {
        assert_eq!(
            run(&t.root, &["--check"]),
            outcome(
                1,
                &expected,
                "Would fix 300 findings in 300 files; 0 need review; 0 settled; 0 suppressed; 0 skipped.\n"
            )
        );
    }
}

// ---------------------------------------------------------------------------
// 11. Colour
// ---------------------------------------------------------------------------

const COLOURED_DIFF: &str = "\x1b[1m--- a/a.py\x1b[0m\n\
    \x1b[1m+++ b/a.py\x1b[0m\n\
    \x1b[36m@@ -1 +1 @@\x1b[0m\n\
    \x1b[31m-resp.set_cookie(\"k\", \"v\")\n\x1b[0m\
    \x1b[32m+resp.set_cookie(\"k\", \"v\", secure=True)\n\x1b[0m";

const PLAIN_DIFF: &str = r#"--- a/a.py
+++ b/a.py
@@ -1 +1 @@
-resp.set_cookie("k", "v")
+resp.set_cookie("k", "v", secure=True)
"#;

const ONE_FIX: &str =
    "Would fix 1 finding in 1 file; 0 need review; 0 settled; 0 suppressed; 0 skipped.\n";

#[test]
fn color_always_colours_the_diff() {
    let t = Tree::new();
    t.put("a.py", INSECURE);
    assert_eq!(
        run(&t.root, &["--color", "always"]),
        outcome(1, COLOURED_DIFF, ONE_FIX)
    );
}

#[test]
fn force_color_colours_the_diff() {
    let t = Tree::new();
    t.put("a.py", INSECURE);
    let mut command = cookie_fix(&t.root, &[]);
    command.env("FORCE_COLOR", "1");
    assert_eq!(finish(command, b""), outcome(1, COLOURED_DIFF, ONE_FIX));
}

#[test]
fn no_color_and_color_never_give_no_colour() {
    let t = Tree::new();
    t.put("a.py", INSECURE);
    let mut command = cookie_fix(&t.root, &[]);
    command.env("NO_COLOR", "1");
    assert_eq!(finish(command, b""), outcome(1, PLAIN_DIFF, ONE_FIX));
    let mut command = cookie_fix(&t.root, &["--color", "never"]);
    command.env("FORCE_COLOR", "1");
    assert_eq!(finish(command, b""), outcome(1, PLAIN_DIFF, ONE_FIX));
}

#[test]
fn no_colour_into_a_pipe_by_default() {
    let t = Tree::new();
    t.put("a.py", INSECURE);
    assert_eq!(run(&t.root, &[]), outcome(1, PLAIN_DIFF, ONE_FIX));
}

/// Runs cookie-fix on a pseudo-terminal (util-linux `script`), which merges
/// stdout and stderr and turns each `\n` into `\r\n`.
fn run_on_terminal(dir: &Path, args: &str, no_color: bool) -> Run {
    let line = format!("'{BIN}' {args}");
    let mut command = command("script", dir, &["-qec", &line, "/dev/null"]);
    if no_color {
        command.env("NO_COLOR", "1");
    }
    finish(command, b"")
}

#[test]
fn colour_on_a_terminal_by_default_unless_no_color() {
    let t = Tree::new();
    t.put("a.py", INSECURE);
    let crlf = |text: &str| text.replace('\n', "\r\n");
    assert_eq!(
        run_on_terminal(&t.root, "a.py", false),
        outcome(1, crlf(&format!("{COLOURED_DIFF}{ONE_FIX}")), "")
    );
    assert_eq!(
        run_on_terminal(&t.root, "a.py", true),
        outcome(1, crlf(&format!("{PLAIN_DIFF}{ONE_FIX}")), "")
    );
}

// ---------------------------------------------------------------------------
// 12. A closed stdout
// ---------------------------------------------------------------------------

#[test]
fn a_closed_stdout_ends_quietly() {
    let t = Tree::new();
    // Far more diff than a pipe holds, so cookie-fix writes after `head` has gone.
    for i in 0..2000 {
        t.put(&format!("f{i:04}.py"), INSECURE);
    }
    let script = r#"{ "$0" --dry-run .; echo "cookie-fix exited with $?" >&2; } | head -n 1"#;
    let shell = command("sh", &t.root, &["-c", script, BIN]);
    assert_eq!(
        finish(shell, b""),
        outcome(
            0,
            "--- a/f0000.py\n",
            "Would fix 2000 findings in 2000 files; 0 need review; 0 settled; 0 suppressed; 0 skipped.\n\
             cookie-fix exited with 1\n"
        )
    );
}

// ---------------------------------------------------------------------------
// 13. Hostile input
// ---------------------------------------------------------------------------

#[test]
fn a_file_with_nul_bytes_is_skipped_with_an_error() {
    let t = Tree::new();
    let nul = b"import flask\nresp.set_cookie(\"k\", \"v\")\0\n";
    t.put("binary.py", nul);
    t.put("ok.py", INSECURE);
    assert_eq!(
        run(&t.root, &["--write"]),
        outcome(
            2,
            "",
            "error: binary.py: file contains a NUL byte (line 2); not a text file\n\
             Fixed 1 finding in 1 file; 0 need review; 0 settled; 0 suppressed; 1 skipped.\n"
        )
    );
    t.assert_untouched("binary.py", nul);
    t.assert_fixed("ok.py", SECURED);
}

#[test]
fn utf16_with_bom_is_skipped_with_an_error() {
    let t = Tree::new();
    let mut utf16 = vec![0xFF, 0xFE];
    for unit in INSECURE.encode_utf16() {
        utf16.extend_from_slice(&unit.to_le_bytes());
    }
    t.put("wide.py", &utf16);
    t.put("ok.py", INSECURE);
    assert_eq!(
        run(&t.root, &["--write"]),
        outcome(
            2,
            "",
            "error: wide.py: file is UTF-16 (little-endian); \
             cookie-fix edits UTF-8 and ASCII-compatible encodings only\n\
             Fixed 1 finding in 1 file; 0 need review; 0 settled; 0 suppressed; 1 skipped.\n"
        )
    );
    t.assert_untouched("wide.py", &utf16);
    t.assert_fixed("ok.py", SECURED);
}

#[test]
fn invalid_utf8_in_a_string_is_skipped_with_an_error() {
    let t = Tree::new();
    let invalid = b"import flask\nresp.set_cookie(\"caf\xe9\", \"v\")\n";
    t.put("latin.py", invalid);
    t.put("ok.py", INSECURE);
    assert_eq!(
        run(&t.root, &["--write"]),
        outcome(
            2,
            "",
            "error: latin.py: invalid UTF-8 on line 2 and no PEP 263 coding declaration\n\
             Fixed 1 finding in 1 file; 0 need review; 0 settled; 0 suppressed; 1 skipped.\n"
        )
    );
    t.assert_untouched("latin.py", invalid);
    t.assert_fixed("ok.py", SECURED);
}

#[test]
fn a_file_name_with_spaces_and_non_ascii_is_fixed_and_printed() {
    let t = Tree::new();
    t.put(ODD_NAME, INSECURE);
    assert_eq!(
        run(&t.root, &["--check"]),
        outcome(
            1,
            "my app/vües é.py:1:1: secure-cookie set_cookie() without secure=True [fix]\n",
            ONE_FIX
        )
    );
    assert_eq!(
        run(&t.root, &["--write", ODD_NAME]),
        outcome(
            0,
            "",
            "Fixed 1 finding in 1 file; 0 need review; 0 settled; 0 suppressed; 0 skipped.\n"
        )
    );
    t.assert_fixed(ODD_NAME, SECURED);
}

#[test]
fn empty_and_bom_only_files_are_clean_and_a_bom_is_kept() {
    let t = Tree::new();
    t.put("empty.py", "");
    t.put("bom.py", b"\xEF\xBB\xBF");
    t.put("bom_call.py", format!("\u{FEFF}{INSECURE}"));
    assert_eq!(
        run(&t.root, &["--check"]),
        outcome(
            1,
            "bom_call.py:1:1: secure-cookie set_cookie() without secure=True [fix]\n",
            ONE_FIX
        )
    );
    assert_eq!(
        run(&t.root, &["--write"]),
        outcome(
            0,
            "",
            "Fixed 1 finding in 1 file; 0 need review; 0 settled; 0 suppressed; 0 skipped.\n"
        )
    );
    t.assert_untouched("empty.py", "");
    t.assert_untouched("bom.py", b"\xEF\xBB\xBF");
    t.assert_fixed("bom_call.py", format!("\u{FEFF}{SECURED}"));
}

#[test]
fn symlinks_are_not_followed_while_walking_a_folder() {
    let t = Tree::new();
    t.put("outside/secret.py", INSECURE);
    t.put("project/ok.py", INSECURE);
    t.link("project/link.py", "../outside/secret.py");
    t.link("project/linked_dir", "../outside");
    t.link("project/loop.py", "loop.py");
    t.link("project/dangling.py", "nowhere.py");
    assert_eq!(
        run(&t.path("project"), &["--write", "."]),
        outcome(
            0,
            "",
            "Fixed 1 finding in 1 file; 0 need review; 0 settled; 0 suppressed; 0 skipped.\n"
        )
    );
    t.assert_fixed("project/ok.py", SECURED);
    t.assert_untouched("outside/secret.py", INSECURE);
}

#[test]
fn a_symlink_named_on_the_command_line_is_written_through() {
    let t = Tree::new();
    t.put("outside/secret.py", INSECURE);
    t.link("project/link.py", "../outside/secret.py");
    assert_eq!(
        run(&t.path("project"), &["--write", "link.py"]),
        outcome(
            0,
            "",
            "Fixed 1 finding in 1 file; 0 need review; 0 settled; 0 suppressed; 0 skipped.\n"
        )
    );
    t.assert_fixed("outside/secret.py", SECURED);
    let link = fs::symlink_metadata(t.path("project/link.py")).expect("the link");
    assert!(link.is_symlink(), "link.py must stay a symbolic link");
    assert_eq!(t.listing(), ["outside/secret.py", "project/link.py"]);
}

#[test]
fn a_deeply_nested_expression_does_not_crash() {
    let t = Tree::new();
    let depth = 50_000;
    let nested = format!("{}v{}", "(".repeat(depth), ")".repeat(depth));
    t.put("deep.py", format!("resp.set_cookie(\"k\", {nested})\n"));
    t.put("ok.py", INSECURE);
    assert_eq!(
        run(&t.root, &["--write"]),
        outcome(
            0,
            "",
            "Fixed 2 findings in 2 files; 0 need review; 0 settled; 0 suppressed; 0 skipped.\n"
        )
    );
    t.assert_fixed(
        "deep.py",
        format!("resp.set_cookie(\"k\", {nested}, secure=True)\n"),
    );
    t.assert_fixed("ok.py", SECURED);
}

/// What a file of 50 MiB that must be parsed whole is skipped with.
const TOO_LARGE_TO_PARSE_WHOLE: &str = "error: big.py: file is 50.0 MiB and has to be parsed \
     whole, which takes up to 256 bytes of memory per byte; files over 10 MiB are read only \
     through the lines that hold cookie code\n";

#[test]
fn a_file_of_50_mb_with_a_cookie_call_is_skipped_with_an_error() {
    let t = Tree::new();
    let mut big = INSECURE.as_bytes().to_vec();
    big.extend_from_slice(b"DATA = \"");
    big.resize(50 * 1024 * 1024, b'x');
    big.extend_from_slice(b"\"\n");
    t.put("big.py", &big);
    t.put("ok.py", INSECURE);
    assert_eq!(
        run(&t.root, &["--write"]),
        outcome(
            2,
            "",
            format!(
                "{TOO_LARGE_TO_PARSE_WHOLE}\
                 Fixed 1 finding in 1 file; 0 need review; 0 settled; 0 suppressed; 1 skipped.\n"
            )
        )
    );
    t.assert_untouched("big.py", &big);
    t.assert_fixed("ok.py", SECURED);
}

#[test]
fn a_file_of_50_mb_is_read_through_windows_where_nothing_is_fixed() {
    let t = Tree::new();
    let mut big =
        b"from flask import Response\nresp.set_cookie(\"k\", \"v\", secure=flag)\n".to_vec();
    let line = b"VALUES = [1, 2, 3]\n";
    while big.len() < 50 * 1024 * 1024 {
        big.extend_from_slice(line);
    }
    t.put("big.py", &big);
    assert_eq!(
        run(&t.root, &["--check"]),
        outcome(
            0,
            "big.py:2:1: secure-cookie set_cookie() with secure=flag: check that it is true in \
             production [review]\n",
            "Would fix 0 findings in 0 files; 1 needs review; 0 settled; 0 suppressed; 0 skipped.\n"
        )
    );
    assert_eq!(
        run(&t.root, &["--add-ignore"]),
        outcome(
            2,
            "",
            format!(
                "{TOO_LARGE_TO_PARSE_WHOLE}\
                 Added ignore markers for 0 findings in 0 files; 0 could not be marked; \
                 0 fixes left for --write; 1 skipped.\n"
            )
        )
    );
    t.assert_untouched("big.py", &big);
}

#[test]
fn a_file_over_64_mb_with_a_cookie_call_is_not_read() {
    let t = Tree::new();
    let mut big = b"resp.set_cookie(\"k\", \"v\", secure=flag)\n".to_vec();
    big.resize(65 * 1024 * 1024, b'#');
    big.push(b'\n');
    t.put("big.py", &big);
    assert_eq!(
        run(&t.root, &["--check"]),
        outcome(
            2,
            "",
            "error: big.py: file is 65.0 MiB; files over 64 MiB are not parsed\n\
             Would fix 0 findings in 0 files; 0 need review; 0 settled; 0 suppressed; 1 skipped.\n"
        )
    );
}

#[test]
fn a_file_of_50_mb_without_cookie_calls_is_read_and_left_alone() {
    let t = Tree::new();
    let line = "VALUES = [1, 2, 3]  # generated\n";
    let big = line.repeat(50 * 1024 * 1024 / line.len());
    t.put("big.py", &big);
    t.put("ok.py", INSECURE);
    assert_eq!(
        run(&t.root, &["--write"]),
        outcome(
            0,
            "",
            "Fixed 1 finding in 1 file; 0 need review; 0 settled; 0 suppressed; 0 skipped.\n"
        )
    );
    t.assert_untouched("big.py", &big);
    t.assert_fixed("ok.py", SECURED);
}

#[test]
fn a_long_comment_block_after_a_call_is_processed_promptly() {
    let t = Tree::new();
    let comment = format!("# {}\n", "x".repeat(77));
    let source = format!("{INSECURE}{}", comment.repeat(20_000));
    t.put("commented_out.py", &source);
    assert_eq!(
        finish_within(
            cookie_fix(&t.root, &["--write"]),
            b"",
            Duration::from_secs(60)
        ),
        outcome(
            0,
            "",
            "Fixed 1 finding in 1 file; 0 need review; 0 settled; 0 suppressed; 0 skipped.\n"
        )
    );
    t.assert_fixed(
        "commented_out.py",
        format!("{SECURED}{}", comment.repeat(20_000)),
    );
}

// ---- rule selection, suppression by rule, and the rules' own documentation

/// The one line that says what cookie-fix does opens `--help`, and PyPI shows the same
/// line (pyproject.toml's `description`, which wins over Cargo.toml's in the wheel).
#[test]
fn help_opens_with_the_packages_description() {
    let t = Tree::new();
    let pyproject =
        fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("pyproject.toml"))
            .expect("pyproject.toml");
    let pyproject: toml::Table = pyproject.parse().expect("pyproject.toml is TOML");
    let description = pyproject["project"]["description"]
        .as_str()
        .expect("a description");
    assert_eq!(description, env!("CARGO_PKG_DESCRIPTION"));
    let (code, stdout, stderr) = run(&t.root, &["--help"]);
    let stdout = String::from_utf8(stdout.0).expect("UTF-8 help");
    // clap wraps the line at 100 columns.
    let (about, rest) = stdout
        .split_once("\n\n")
        .expect("a blank line after the about");
    assert_eq!(about.replace('\n', " "), description, "{stdout}");
    assert!(
        rest.starts_with("Usage: cookie-fix [OPTIONS] [PATHS]...\n"),
        "{rest}"
    );
    assert_eq!((code, stderr), (0, Text(Vec::new())));
}

#[test]
fn list_rules_prints_each_rule_with_its_default_and_summary() {
    let t = Tree::new();
    assert_eq!(
        run(&t.root, &["--list-rules"]),
        outcome(
            0,
            "secure-cookie          on   Cookie set without the Secure attribute\n\
             secure-cookie-setting  on   Cookie setting that leaves the session, CSRF or login cookie without Secure\n\
             secure-session-cookie  on   Session middleware or cookie factory without the Secure attribute\n\
             secure-cookie-header   on   Set-Cookie header written without the Secure attribute\n\
             secure-cookie-morsel   on   http.cookies morsel without the Secure flag\n\
             httponly-cookie        off  Cookie set without the HttpOnly attribute\n\
             samesite-cookie        off  Cookie set without a SameSite policy\n\
             https-test-client      off  Test client that talks plain HTTP to an app whose cookies are Secure\n",
            ""
        )
    );
}

#[test]
fn explain_prints_a_rules_documentation() {
    let t = Tree::new();
    let docs = fs::read_to_string(
        Path::new(env!("CARGO_MANIFEST_DIR")).join("src/rules/secure_cookie/docs.md"),
    )
    .expect("the rule's docs");
    assert!(docs.starts_with("# secure-cookie: "), "{docs}");
    assert_eq!(
        run(&t.root, &["--explain", "secure-cookie"]),
        outcome(0, docs, "")
    );
    assert_eq!(
        run(&t.root, &["--explain", "secure-cookies"]),
        outcome(
            2,
            "",
            "error: unknown rule `secure-cookies`; the rules are: secure-cookie, secure-cookie-setting, secure-session-cookie, secure-cookie-header, secure-cookie-morsel, httponly-cookie, samesite-cookie, https-test-client\n"
        )
    );
}

#[test]
fn select_and_ignore_choose_the_rules_that_run() {
    let t = Tree::new();
    t.put("app.py", INSECURE);
    let finding = "app.py:1:1: secure-cookie set_cookie() without secure=True [fix]\n";
    let one = "Would fix 1 finding in 1 file; 0 need review; 0 settled; 0 suppressed; 0 skipped.\n";
    let none =
        "Would fix 0 findings in 0 files; 0 need review; 0 settled; 0 suppressed; 0 skipped.\n";
    assert_eq!(
        run(&t.root, &["--check", "--select", "secure-cookie", "."]),
        outcome(1, finding, one)
    );
    assert_eq!(
        run(&t.root, &["--check", "--ignore", "secure-cookie", "."]),
        outcome(0, "", none)
    );
    assert_eq!(
        run(
            &t.root,
            &[
                "--check",
                "--ignore",
                "secure-cookie",
                "--extend-select",
                "secure-cookie",
                "."
            ]
        ),
        outcome(0, "", none)
    );
    assert_eq!(
        run(&t.root, &["--check", "--select", "secure-cookie,nope", "."]),
        outcome(
            2,
            "",
            "error: unknown rule `nope`; the rules are: secure-cookie, secure-cookie-setting, secure-session-cookie, secure-cookie-header, secure-cookie-morsel, httponly-cookie, samesite-cookie, https-test-client\n"
        )
    );
    t.assert_untouched("app.py", INSECURE);
}

#[test]
fn config_selects_rules_and_names_itself_for_an_unknown_one() {
    let t = Tree::new();
    t.put("app.py", INSECURE);
    t.put(
        "pyproject.toml",
        "[tool.cookie-fix]\nignore = [\"secure-cookie\"]\n",
    );
    assert_eq!(
        run(&t.root, &["--check", "."]),
        outcome(
            0,
            "",
            "Would fix 0 findings in 0 files; 0 need review; 0 settled; 0 suppressed; 0 skipped.\n"
        )
    );
    // The command line's --select replaces the config's selection, not its ignores.
    assert_eq!(
        run(&t.root, &["--check", "--select", "secure-cookie", "."]),
        outcome(
            0,
            "",
            "Would fix 0 findings in 0 files; 0 need review; 0 settled; 0 suppressed; 0 skipped.\n"
        )
    );
    t.put(
        "pyproject.toml",
        "[tool.cookie-fix]\nselect = [\"secure-cookie-x\"]\n",
    );
    assert_eq!(
        run(&t.root, &["--check", "."]),
        outcome(
            2,
            "",
            format!(
                "error: unknown rule `secure-cookie-x`; the rules are: secure-cookie, secure-cookie-setting, secure-session-cookie, secure-cookie-header, secure-cookie-morsel, httponly-cookie, samesite-cookie, https-test-client (rule selection in {}/pyproject.toml)\n",
                t.root.display()
            )
        )
    );
}

#[test]
fn per_file_ignores_turn_rules_off_for_matching_files() {
    let t = Tree::new();
    t.put("app.py", INSECURE);
    t.put("tests/test_app.py", INSECURE);
    t.put("tests/unit/test_deep.py", INSECURE);
    t.put(
        "pyproject.toml",
        "[tool.cookie-fix.per-file-ignores]\n\"tests/**\" = [\"secure-cookie\"]\n",
    );
    assert_eq!(
        run(&t.root, &["--check", "--include-tests", "."]),
        outcome(
            1,
            "app.py:1:1: secure-cookie set_cookie() without secure=True [fix]\n",
            "Would fix 1 finding in 1 file; 0 need review; 0 settled; 0 suppressed; 0 skipped.\n"
        )
    );
    // A file named on the command line, and standard input with --stdin-filename, too.
    assert_eq!(
        run(&t.root, &["--check", "tests/test_app.py"]),
        outcome(
            0,
            "",
            "Would fix 0 findings in 0 files; 0 need review; 0 settled; 0 suppressed; 0 skipped.\n"
        )
    );
    assert_eq!(
        run_stdin(
            &t.root,
            &["--check", "--stdin-filename", "tests/x.py", "-"],
            INSECURE.as_bytes()
        ),
        outcome(
            0,
            "",
            "Would fix 0 findings in 0 files; 0 need review; 0 settled; 0 suppressed; 0 skipped.\n"
        )
    );
    t.put(
        "pyproject.toml",
        "[tool.cookie-fix.per-file-ignores]\n\"tests/**\" = [\"secure\"]\n",
    );
    assert_eq!(
        run(&t.root, &["--check", "--include-tests", "."]),
        outcome(
            2,
            "",
            format!(
                "error: unknown rule `secure`; the rules are: secure-cookie, secure-cookie-setting, secure-session-cookie, secure-cookie-header, secure-cookie-morsel, httponly-cookie, samesite-cookie, https-test-client (per-file-ignores in {}/pyproject.toml)\n",
                t.root.display()
            )
        )
    );
}

#[test]
fn a_suppression_comment_may_name_the_rules_it_covers() {
    let t = Tree::new();
    let source = "resp.set_cookie(\"a\", \"v\")  # cookie-fix: ignore[secure-cookie]\n\
                  resp.set_cookie(\"b\", \"v\")  # cookie-fix: ignore[other-rule]\n\
                  # cookie-fix:ignore[secure-cookie, other-rule]\n\
                  resp.set_cookie(\"c\", \"v\")\n";
    t.put("app.py", source);
    assert_eq!(
        run(&t.root, &["--check", "-v", "."]),
        outcome(
            1,
            "app.py:2:1: secure-cookie set_cookie() without secure=True [fix]\n",
            "app.py:1:1: secure-cookie set_cookie() without secure=True [suppressed]\n\
             app.py:4:1: secure-cookie set_cookie() without secure=True [suppressed]\n\
             Would fix 1 finding in 1 file; 0 need review; 0 settled; 2 suppressed; 0 skipped.\n\
             1 file checked.\n"
        )
    );
}

#[test]
fn test_code_is_left_out_unless_asked_for_and_counted() {
    let t = Tree::new();
    t.put("app.py", INSECURE);
    t.put("tests/test_app.py", INSECURE);
    t.put("pkg/testing/helpers.py", INSECURE);
    t.put("pkg/conftest.py", INSECURE);
    t.put("pkg/views_test.py", INSECURE);
    t.put("pkg/contest.py", INSECURE);
    let app = "app.py:1:1: secure-cookie set_cookie() without secure=True [fix]\n";
    let contest = "pkg/contest.py:1:1: secure-cookie set_cookie() without secure=True [fix]\n";
    assert_eq!(
        run(&t.root, &["--check", "."]),
        outcome(
            1,
            format!("{app}{contest}"),
            "Would fix 2 findings in 2 files; 0 need review; 0 settled; 0 suppressed; 0 skipped; \
             4 test files left out.\n"
        )
    );
    let all = run(&t.root, &["--check", "--include-tests", "."]);
    assert_eq!(
        (all.0, &all.2),
        (
            1,
            &Text(
                "Would fix 6 findings in 6 files; 0 need review; 0 settled; 0 suppressed; 0 skipped.\n"
                    .into()
            )
        )
    );
    // A file named on the command line is checked, unless --force-exclude (as the
    // pre-commit hooks pass) leaves it out.
    let test_file = "tests/test_app.py:1:1: secure-cookie set_cookie() without secure=True [fix]\n";
    assert_eq!(
        run(&t.root, &["--check", "tests/test_app.py"]),
        outcome(
            1,
            test_file,
            "Would fix 1 finding in 1 file; 0 need review; 0 settled; 0 suppressed; 0 skipped.\n"
        )
    );
    assert_eq!(
        run(
            &t.root,
            &["--check", "--force-exclude", "tests/test_app.py", "app.py"]
        ),
        outcome(
            1,
            app,
            "Would fix 1 finding in 1 file; 0 need review; 0 settled; 0 suppressed; 0 skipped.\n"
        )
    );
    // The configuration says it too.
    t.put(
        "pyproject.toml",
        "[tool.cookie-fix]\ninclude-tests = true\n",
    );
    assert_eq!(run(&t.root, &["--check", "."]).2, all.2);
}

#[test]
fn verbose_shows_the_values_the_code_settles() {
    let t = Tree::new();
    t.put(
        "app.py",
        "import os\nfrom flask import Response, request\n\ndef view(resp):\n    \
         resp.set_cookie(\"a\", \"1\", secure=request.is_secure)\n    \
         resp.set_cookie(\"b\", \"2\", secure=os.environ.get(\"COOKIES_SECURE\", \"true\") == \"true\")\n",
    );
    let summary =
        "Would fix 0 findings in 0 files; 0 need review; 2 settled; 0 suppressed; 0 skipped.\n";
    assert_eq!(run(&t.root, &["--check"]), outcome(0, "", summary));
    assert_eq!(
        run(&t.root, &["--check", "-v"]),
        outcome(
            0,
            "",
            format!(
                "app.py:5:38: secure-cookie set_cookie() with secure=request.is_secure: follows the \
                 request's scheme (behind a TLS proxy, the proxy-trust setting gives it: \
                 SECURE_PROXY_SSL_HEADER, ProxyFix, xheaders=True) [settled]\n\
                 app.py:6:38: secure-cookie set_cookie() with secure=os.environ.get(\"COOKIES_SECURE\", \
                 \"true\") == \"true\": is read from COOKIES_SECURE, true when unset [settled]\n\
                 {summary}1 file checked.\n"
            )
        )
    );
}
