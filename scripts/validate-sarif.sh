#!/usr/bin/env bash
# Validates cookie-fix's SARIF output against the official SARIF 2.1.0 schema
# (sarif-2.1.0-rtm.5.json, shipped in the npm package @microsoft/jest-sarif),
# with the Python package jsonschema in a throw-away virtual environment.
set -euo pipefail
cd "$(dirname "$0")/.."

# shellcheck source=lib/checks.sh
source scripts/lib/checks.sh
make_work sarif
work=$WORK

cargo build --quiet
bin="$PWD/target/debug/cookie-fix"

python3 -m venv "$work/venv"
"$work/venv/bin/pip" install --quiet --disable-pip-version-check jsonschema
(cd "$work" && npm pack --silent @microsoft/jest-sarif >/dev/null && tar xzf microsoft-jest-sarif-*.tgz)
schema="$work/package/lib/schemas/sarif-2.1.0-rtm.5.json"

# Inputs that exercise every part of the output: fixes, review, suppressed
# findings, skipped files, a path that needs percent-encoding.
mkdir -p "$work/project/dir with space"
cp testdata/demo/*.py "$work/project/"
cp testdata/secure-cookie/suppress_marker_on_call_line.py "$work/project/dir with space/é.py"
cp testdata/secure-cookie/error_syntax_error_with_insecure_call.py "$work/project/broken.py"

check() {
    local name=$1
    shift
    if (cd "$work/project" && "$bin" --output-format sarif "$@" 2>/dev/null) >"$work/out.sarif"; [ -s "$work/out.sarif" ] &&
        "$work/venv/bin/python" - "$schema" "$work/out.sarif" <<'PY'
import json, sys
import jsonschema
schema = json.load(open(sys.argv[1]))
document = json.load(open(sys.argv[2]))
jsonschema.validate(document, schema, cls=jsonschema.Draft7Validator)
assert document["version"] == "2.1.0"
results = document["runs"][0]["results"]
assert results, "no results"
PY
    then
        pass "$name"
    else
        fail "$name"
    fi
}

check "check mode over a project with every kind of finding" --check .
check "dry-run mode" .
check "a single file" --check fastapi_app.py

summary
[ "$failed" -eq 0 ]
