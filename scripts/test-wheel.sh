#!/usr/bin/env bash
# Proves that `pip install .` gives a working `cookie-fix` command.
#
#   scripts/test-wheel.sh
#
# Builds the wheel from this checkout with pip (pyproject.toml: maturin, bindings =
# "bin"; a release build with LTO, so it takes minutes) into a fresh throw-away virtual
# environment, then runs the installed command: `cookie-fix --version` must print the
# version of Cargo.toml, and `cookie-fix --check` on a copy of testdata/demo must exit 1,
# print every finding and leave the copy untouched; `--write` must then fix the copy so
# that a second `--check` exits 0.
#
# Environment: PYTHON (default python3) makes the virtual environment;
# KEEP_WORK=1 keeps the temporary folder for a look afterwards.
set -uo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
PYTHON=${PYTHON:-python3}

# shellcheck source=lib/checks.sh
source "$ROOT/scripts/lib/checks.sh"
make_work wheel

# maturin builds with cargo, which rustup installs under ~/.cargo/bin.
if ! command -v cargo >/dev/null && [ -x "${CARGO_HOME:-$HOME/.cargo}/bin/cargo" ]; then
    PATH="${CARGO_HOME:-$HOME/.cargo}/bin:$PATH"
fi
export CARGO_TERM_COLOR=never

VERSION="$(sed -n 's/^version = "\(.*\)"$/\1/p' "$ROOT/Cargo.toml" | head -n 1)"
[ -n "$VERSION" ] || abort "no version in $ROOT/Cargo.toml"

# --- the wheel, built and installed by pip ------------------------------------------
echo "Building and installing the wheel with pip install $ROOT (a release build: minutes)..."
start=$SECONDS
if "$PYTHON" -m venv "$WORK/venv" >"$WORK/install.log" 2>&1 &&
    "$WORK/venv/bin/python" -m pip install --disable-pip-version-check "$ROOT" \
        >>"$WORK/install.log" 2>&1; then
    pass "pip install . in a fresh virtual environment ($((SECONDS - start)) s)"
else
    tail -n 60 "$WORK/install.log" | sed 's/^/    | /'
    abort "pip install . failed after $((SECONDS - start)) s (the log's end is above)"
fi

# The command must come from the wheel, not from ~/.cargo/bin or target/.
export PATH="$WORK/venv/bin:$PATH"
if [ "$(command -v cookie-fix)" = "$WORK/venv/bin/cookie-fix" ]; then
    pass "the wheel installs the cookie-fix command into the environment's bin/"
else
    abort "cookie-fix resolves to '$(command -v cookie-fix)', not $WORK/venv/bin/cookie-fix"
fi

installed="$(python -m pip show cookie-fix 2>/dev/null | sed -n 's/^Version: //p')"
if [ "$installed" = "$VERSION" ]; then
    pass "pip knows the package as cookie-fix $installed (the version of Cargo.toml)"
else
    fail "pip show cookie-fix: version '$installed', expected $VERSION"
fi

out="$(cookie-fix --version 2>&1)"
rc=$?
if [ "$rc" -eq 0 ] && [ "$out" = "cookie-fix $VERSION" ]; then
    pass "cookie-fix --version prints '$out'"
else
    fail "cookie-fix --version exits $rc and prints '$out', expected 'cookie-fix $VERSION'"
fi

# --- --check on a copy of the demo project ------------------------------------------
# Run from the temporary folder, so no configuration of this checkout applies.
cp -R "$ROOT/testdata/demo" "$WORK/demo"
cp -R "$ROOT/testdata/demo" "$WORK/demo.orig"
cd "$WORK" || abort "cd $WORK"
cookie-fix --check demo >check.out 2>check.err
rc=$?
echo "cookie-fix --check demo (exit $rc) printed:"
show check.out
show check.err
if [ "$rc" -eq 1 ]; then
    pass "cookie-fix --check exits 1 (fixes pending)"
else
    fail "cookie-fix --check exits $rc, expected 1"
fi

# Every finding of the demo, by place, rule and verdict (the messages may be reworded).
expected_findings='demo/django_settings.py:11:5 secure-cookie-setting [fix]
demo/django_settings.py:17:5 secure-cookie-setting [fix]
demo/django_views.py:19:5 secure-cookie [fix]
demo/django_views.py:26:5 secure-cookie [fix]
demo/fastapi_app.py:13:5 secure-cookie [fix]
demo/flask_app.py:18:5 secure-cookie [fix]
demo/flask_app.py:26:9 secure-cookie [fix]
demo/flask_app.py:47:5 secure-cookie [fix]'
findings="$(sed -n 's/^\([^ ]*:[0-9]*:[0-9]*\): \([a-z-]*\) .* \(\[[a-z]*\]\)$/\1 \2 \3/p' check.out | sort)"
if [ "$findings" = "$expected_findings" ] && [ "$(wc -l <check.out)" -eq 8 ]; then
    pass "the 8 findings are printed on stdout, each a [fix]"
else
    fail "the findings on stdout are not the expected ones:"
    diff <(echo "$expected_findings") <(echo "$findings") | sed 's/^/    | /'
fi
if grep -q "^Would fix 8 findings in 4 files; 0 need review; 1 settled" check.err; then
    pass "the summary on stderr: Would fix 8 findings in 4 files; 0 need review; 1 settled"
else
    fail "no 'Would fix 8 findings in 4 files; 0 need review; 1 settled' summary on stderr"
fi
if diff -r demo.orig demo >/dev/null; then
    pass "--check changed no file"
else
    fail "--check changed files of the copy"
fi

# --- --write, then --check again ----------------------------------------------------
cookie-fix --write demo >write.out 2>write.err
rc=$?
cookie-fix --check demo >check2.out 2>check2.err
rc2=$?
if [ "$rc" -eq 0 ] && [ "$rc2" -eq 0 ] && ! grep -q '\[fix\]$' check2.out &&
    ! diff -r demo.orig demo >/dev/null; then
    pass "cookie-fix --write fixes the copy; a second --check exits 0"
else
    fail "--write exits $rc, then --check exits $rc2, expected 0 and 0 with no [fix] left:"
    show write.err
    show check2.out
fi

summary
[ "$failed" -eq 0 ]
