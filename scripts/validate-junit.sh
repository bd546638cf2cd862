#!/usr/bin/env bash
# Reads cookie-fix's JUnit XML with junitparser (PyPI), a JUnit parser that is not
# ours, in a throw-away virtual environment: every finding must be a test case with
# a failure, every skipped file an error, and the counts must add up.
set -euo pipefail
cd "$(dirname "$0")/.."

# shellcheck source=lib/checks.sh
source scripts/lib/checks.sh
make_work junit
work=$WORK

cargo build --quiet
bin="$PWD/target/debug/cookie-fix"

python3 -m venv "$work/venv"
"$work/venv/bin/pip" install --quiet --disable-pip-version-check junitparser

# Fixes, a review, a suppressed finding, a file that does not parse, a name to escape.
mkdir -p "$work/project"
cp testdata/demo/*.py "$work/project/"
cp testdata/secure-cookie/suppress_marker_on_call_line.py "$work/project/a&b.py"
cp testdata/secure-cookie/error_syntax_error_with_insecure_call.py "$work/project/broken.py"
printf 'from flask import Response\nr = Response()\nr.set_cookie("k", "v", secure=flag)\n' \
    >"$work/project/review.py"

check() { # NAME FINDINGS ERRORS ARGS...: the document has FINDINGS failures, ERRORS errors
    local name=$1 findings=$2 errors=$3
    shift 3
    (cd "$work/project" && "$bin" --output-format junit "$@" 2>/dev/null) >"$work/out.xml" || true
    if "$work/venv/bin/python" - "$work/out.xml" "$findings" "$errors" <<'PY'
import sys
from junitparser import Error, Failure, JUnitXml
xml = JUnitXml.fromfile(sys.argv[1])
findings, errors = int(sys.argv[2]), int(sys.argv[3])
cases = [case for suite in xml for case in suite]
failed = [c for c in cases if any(isinstance(r, Failure) for r in c.result)]
erred = [c for c in cases if any(isinstance(r, Error) for r in c.result)]
assert len(failed) == findings, f"{len(failed)} failures, wanted {findings}"
assert len(erred) == errors, f"{len(erred)} errors, wanted {errors}"
assert xml.tests == len(cases) and xml.failures == findings and xml.errors == errors
for case in failed:
    assert case.name.startswith("cookie-fix."), case.name
    message = case.result[0].message
    assert message and case.result[0].text.endswith(("[fix]", "[review]")), message
PY
    then
        pass "$name"
    else
        fail "$name"
    fi
}

check "check mode over a project with fixes, a review, suppressions and an error" 9 1 --check .
check "a single file with one fix" 1 0 --check fastapi_app.py

summary
[ "$failed" -eq 0 ]
