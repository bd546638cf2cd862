#!/usr/bin/env bash
# Proves the `cookie-fix` and `cookie-fix-check` hooks of .pre-commit-hooks.yaml with the
# real pre-commit.
#
#   scripts/test-pre-commit.sh
#
# Installs pre-commit from PyPI into a throw-away virtual environment, makes a
# throw-away git repository with an insecure Flask file staged, and runs
#
#   pre-commit try-repo <this checkout> cookie-fix
#
# on the staged files, the way `git commit` runs the hook. pre-commit builds the hook
# with `cargo install --path .` (language: rust), so `cargo` must be on PATH. Checks:
# the first run fails with "files were modified by this hook" and leaves exactly the
# expected bytes on disk (a .pyi file is fixed too; a file under build/ is left alone
# by --force-exclude, a .txt file is never passed to the hook); once the fixes are
# staged, the second run passes. The check-only hook fails on the insecure files and
# prints each pending fix without changing a byte, and passes once they are fixed.
#
# try-repo uses the checkout's HEAD, plus a shadow commit of staged and modified
# tracked files, but never untracked files. When the checkout has untracked files
# (say a new script not yet added), this script commits a snapshot of the working tree
# (tracked and untracked, minus what .gitignore ignores) to a temporary repository and
# tries that instead, so the hook tested is always the one on disk.
#
# Environment: PYTHON (default python3) makes the virtual environment;
# PRE_COMMIT_VERSION (default below; empty for the newest) picks the release;
# KEEP_WORK=1 keeps the temporary folder for a look afterwards.
set -uo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
PYTHON=${PYTHON:-python3}
PRE_COMMIT_VERSION=${PRE_COMMIT_VERSION-4.7.0}

# shellcheck source=lib/checks.sh
source "$ROOT/scripts/lib/checks.sh"
make_work pre-commit

# Git variables set by an enclosing git hook would point pre-commit at the wrong repository.
unset GIT_DIR GIT_WORK_TREE GIT_INDEX_FILE GIT_OBJECT_DIRECTORY GIT_ALTERNATE_OBJECT_DIRECTORIES
unset SKIP PRE_COMMIT_ALLOW_NO_CONFIG
export PRE_COMMIT_HOME="$WORK/pre-commit-home"
# try-repo keeps its hook environments in a temporary store, so each run builds the hook
# again: a shared target folder makes the second build reuse the first one's work.
export CARGO_TARGET_DIR="$WORK/hook-target"
export CARGO_TERM_COLOR=never

# pre-commit's rust support uses the system toolchain when `cargo` runs.
if ! command -v cargo >/dev/null && [ -x "${CARGO_HOME:-$HOME/.cargo}/bin/cargo" ]; then
    PATH="${CARGO_HOME:-$HOME/.cargo}/bin:$PATH"
fi
command -v cargo >/dev/null ||
    abort "cargo is not on PATH: pre-commit's language: rust needs it to build the hook"
command -v git >/dev/null || abort "git is not on PATH"

# --- pre-commit in a throw-away virtual environment -----------------------------------
spec="pre-commit${PRE_COMMIT_VERSION:+==$PRE_COMMIT_VERSION}"
echo "Installing $spec into a throw-away virtual environment..."
if "$PYTHON" -m venv "$WORK/venv" >"$WORK/venv.log" 2>&1 &&
    "$WORK/venv/bin/python" -m pip install --quiet --disable-pip-version-check "$spec" \
        >>"$WORK/venv.log" 2>&1; then
    PRE_COMMIT="$WORK/venv/bin/pre-commit"
    pass "installed $("$PRE_COMMIT" --version) from PyPI"
else
    show "$WORK/venv.log"
    abort "could not install $spec from PyPI into a virtual environment"
fi

# --- the hook repository: this checkout, or a snapshot of its working tree -------------
git -C "$ROOT" rev-parse --verify -q HEAD >/dev/null ||
    abort "$ROOT is not a git checkout with a commit: try-repo needs one"
HOOK_REPO="$ROOT"
if [ -n "$(git -C "$ROOT" ls-files --others --exclude-standard)" ]; then
    echo "The checkout has untracked files, which try-repo would not see:" \
        "trying a committed snapshot of the working tree instead."
    HOOK_REPO="$WORK/snapshot"
    git init -q "$HOOK_REPO" || abort "git init $HOOK_REPO"
    # Every file git would see (tracked or untracked, not ignored) that exists on disk.
    (cd "$ROOT" && git ls-files -z --cached --others --exclude-standard |
        while IFS= read -r -d '' file; do
            if [ -e "$file" ] || [ -L "$file" ]; then printf '%s\0' "$file"; fi
        done | tar --null -T - -cf -) | tar -xf - -C "$HOOK_REPO" ||
        abort "could not copy the working tree to $HOOK_REPO"
    if ! { git -C "$HOOK_REPO" add -A &&
        git -C "$HOOK_REPO" -c user.name=cookie-fix-test -c user.email=test@example.invalid \
            -c commit.gpgsign=false commit -q -m "working tree snapshot"; }; then
        abort "could not commit the snapshot in $HOOK_REPO"
    fi
fi

# --- a project with insecure cookies, staged -----------------------------------------
PROJECT="$WORK/project"
mkdir -p "$PROJECT/build"
git -c init.defaultBranch=main init -q "$PROJECT" || abort "git init $PROJECT"

# The Flask app, and the exact bytes the hook must leave (non-ASCII comment included).
cat >"$PROJECT/app.py" <<'EOF'
"""A Flask login view whose cookies lack the Secure attribute."""
from flask import Flask, make_response

app = Flask(__name__)


@app.post("/login")
def login():
    response = make_response("welcome")  # bienvenue, café
    response.set_cookie("session", "s3cr3t", httponly=True)
    response.set_cookie(
        "remember_me",
        "1",
        max_age=30 * 24 * 3600,
    )
    return response
EOF
cat >"$WORK/app.py.expected" <<'EOF'
"""A Flask login view whose cookies lack the Secure attribute."""
from flask import Flask, make_response

app = Flask(__name__)


@app.post("/login")
def login():
    response = make_response("welcome")  # bienvenue, café
    response.set_cookie("session", "s3cr3t", httponly=True, secure=True)
    response.set_cookie(
        "remember_me",
        "1",
        max_age=30 * 24 * 3600,
        secure=True,
    )
    return response
EOF
# A stub file (types_or: pyi), with CRLF line endings that must survive.
printf 'from flask import Response\r\n\r\nresponse: Response\r\nresponse.set_cookie("theme", "dark")\r\n' \
    >"$PROJECT/typed.pyi"
printf 'from flask import Response\r\n\r\nresponse: Response\r\nresponse.set_cookie("theme", "dark", secure=True)\r\n' \
    >"$WORK/typed.pyi.expected"
# Left alone: build/ is a default exclude (--force-exclude applies it to the file names
# pre-commit passes), and a .txt file is not Python (types_or).
cat >"$WORK/untouched" <<'EOF'
from flask import Response

response = Response()
response.set_cookie("generated", "1")
EOF
cp "$WORK/untouched" "$PROJECT/build/generated.py"
cp "$WORK/untouched" "$PROJECT/notes.txt"
git -C "$PROJECT" add -A || abort "git add in $PROJECT"

same_bytes() { cmp -s "$1" "$2"; }

run_hook() { # LOG [HOOK]: runs the hook (default cookie-fix) on the staged files; sets rc
    local hook=${2:-cookie-fix}
    echo "Running: pre-commit try-repo $HOOK_REPO $hook (on the staged files)"
    (cd "$PROJECT" && "$PRE_COMMIT" try-repo --color never "$HOOK_REPO" "$hook") >"$1" 2>&1
    rc=$?
    show "$1"
}

# --- the check-only hook: reports, never writes ---------------------------------------
cp "$PROJECT/app.py" "$WORK/app.py.original"
cp "$PROJECT/typed.pyi" "$WORK/typed.pyi.original"
echo "Check-only run (builds the hook with cargo install in release mode: this takes minutes)..."
run_hook "$WORK/check1.log" cookie-fix-check
if [ "$rc" -eq 1 ]; then
    pass "check-only run exits 1 while fixes are pending"
else
    fail "check-only run exits $rc, expected 1"
fi
if grep -Eq '^cookie-fix \(check only\)[ .]*Failed$' "$WORK/check1.log"; then
    pass "check-only run: the hook is reported as Failed"
else
    fail "check-only run: no 'cookie-fix (check only)....Failed' line"
fi
if grep -q '^app.py:10:5: secure-cookie set_cookie() without secure=True \[fix\]$' "$WORK/check1.log"; then
    pass "check-only run: the pending fix is printed with its place"
else
    fail "check-only run: no 'app.py:10:5: secure-cookie ... [fix]' line"
fi
if same_bytes "$PROJECT/app.py" "$WORK/app.py.original" &&
    same_bytes "$PROJECT/typed.pyi" "$WORK/typed.pyi.original" && git -C "$PROJECT" diff --quiet; then
    pass "check-only run changed no file"
else
    fail "check-only run changed files:"
    git -C "$PROJECT" diff --stat | sed 's/^/    | /'
fi

# --- first run: fixes the files and fails -------------------------------------------
echo "First run (builds the hook with cargo install in release mode: this takes minutes)..."
start=$SECONDS
run_hook "$WORK/run1.log"
echo "First run took $((SECONDS - start)) s."
if [ "$rc" -eq 1 ]; then
    pass "first run exits 1"
else
    fail "first run exits $rc, expected 1"
fi
if grep -q "files were modified by this hook" "$WORK/run1.log"; then
    pass "first run: pre-commit reports 'files were modified by this hook'"
else
    fail "first run: no 'files were modified by this hook' in the output"
fi
if grep -Eq '^cookie-fix[ .]*Failed$' "$WORK/run1.log"; then
    pass "first run: the cookie-fix hook is reported as Failed"
else
    fail "first run: no 'cookie-fix....Failed' line"
fi
if same_bytes "$PROJECT/app.py" "$WORK/app.py.expected"; then
    pass "app.py fixed on disk, exact expected bytes"
else
    fail "app.py differs from the expected bytes:"
    diff -u "$WORK/app.py.expected" "$PROJECT/app.py" | sed 's/^/    | /'
fi
if same_bytes "$PROJECT/typed.pyi" "$WORK/typed.pyi.expected"; then
    pass "typed.pyi fixed on disk, exact expected bytes (CRLF kept)"
else
    fail "typed.pyi differs from the expected bytes:"
    od -c "$PROJECT/typed.pyi" | sed 's/^/    | /'
fi
if same_bytes "$PROJECT/build/generated.py" "$WORK/untouched"; then
    pass "build/generated.py left alone (--force-exclude)"
else
    fail "build/generated.py was changed although build/ is excluded"
fi
if same_bytes "$PROJECT/notes.txt" "$WORK/untouched"; then
    pass "notes.txt left alone (not passed to the hook: types_or)"
else
    fail "notes.txt was changed although it is not a Python file"
fi

# --- second run: the reviewed fixes are staged, the hook passes -----------------------
git -C "$PROJECT" add -A || abort "git add in $PROJECT"
echo "Second run, with the fixes staged..."
start=$SECONDS
run_hook "$WORK/run2.log"
echo "Second run took $((SECONDS - start)) s."
if [ "$rc" -eq 0 ]; then
    pass "second run exits 0"
else
    fail "second run exits $rc, expected 0"
fi
if grep -Eq '^cookie-fix[ .]*Passed$' "$WORK/run2.log"; then
    pass "second run: the cookie-fix hook is reported as Passed"
else
    fail "second run: no 'cookie-fix....Passed' line"
fi
# The working tree must still match the index, where the first run's fixes are staged.
if same_bytes "$PROJECT/app.py" "$WORK/app.py.expected" && git -C "$PROJECT" diff --quiet; then
    pass "second run changed nothing"
else
    fail "second run changed files:"
    git -C "$PROJECT" diff --stat | sed 's/^/    | /'
fi

run_hook "$WORK/check2.log" cookie-fix-check
if [ "$rc" -eq 0 ] && grep -Eq '^cookie-fix \(check only\)[ .]*Passed$' "$WORK/check2.log"; then
    pass "check-only run passes once the fixes are staged"
else
    fail "check-only run after the fixes exits $rc, or is not reported as Passed"
fi

summary
[ "$failed" -eq 0 ]
