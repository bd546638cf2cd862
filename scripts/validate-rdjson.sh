#!/usr/bin/env bash
# Validates cookie-fix's rdjson output (reviewdog's Diagnostic Format) with the npm
# validator @umbrelladocs/rdformat-validator (strict, no extra fields), installed in a
# throw-away folder, and checks that each suggestion, applied to the file, gives the
# bytes `--write` writes.
set -euo pipefail
cd "$(dirname "$0")/.."

# shellcheck source=lib/checks.sh
source scripts/lib/checks.sh
make_work rdjson
work=$WORK

cargo build --quiet
bin="$PWD/target/debug/cookie-fix"

(cd "$work" && npm install --silent --no-audit --no-fund @umbrelladocs/rdformat-validator \
    >"$work/npm.log" 2>&1) || { show "$work/npm.log"; abort "could not install the validator from npm"; }
validator="$work/node_modules/.bin/rdformat-validator"

# Fixes over several lines and in non-ASCII lines, a review, a suppressed finding,
# a file that does not parse.
mkdir -p "$work/project"
cp testdata/demo/*.py "$work/project/"
cp testdata/secure-cookie/bytes_non_ascii_before_call.py "$work/project/"
cp testdata/secure-cookie/layout_exploded_no_trailing_comma.py "$work/project/"
cp testdata/secure-cookie/suppress_marker_on_call_line.py "$work/project/"
cp testdata/secure-cookie/error_syntax_error_with_insecure_call.py "$work/project/broken.py"

(cd "$work/project" && "$bin" --check --output-format rdjson . 2>/dev/null) >"$work/out.json" || true
if "$validator" --strict --no-extra-fields --format json "$work/out.json" >"$work/validation.json" &&
    python3 -c 'import json, sys; sys.exit(0 if json.load(open(sys.argv[1]))["success"] else 1)' \
        "$work/validation.json"; then
    pass "the validator accepts the document (strict, no extra fields)"
else
    show "$work/validation.json"
    fail "the validator rejects the document"
fi

cp -a "$work/project" "$work/fixed"
(cd "$work/fixed" && "$bin" --write . >/dev/null 2>&1) || true
if python3 - "$work/out.json" "$work/project" "$work/fixed" <<'PY'
import json, os, sys
document, project, fixed = sys.argv[1:]
suggested = {}
for diagnostic in json.load(open(document))["diagnostics"]:
    for suggestion in diagnostic.get("suggestions", []):
        suggested.setdefault(diagnostic["location"]["path"], []).append(suggestion)
assert suggested, "no suggestion"
def offset(data, position):
    starts = [0] + [i + 1 for i, b in enumerate(data) if b == 0x0A or (b == 0x0D and data[i + 1 : i + 2] != b"\n")]
    return starts[position["line"] - 1] + position["column"] - 1
for path, suggestions in suggested.items():
    data = open(os.path.join(project, path), "rb").read()
    # From the end backwards; insertions at one place in reverse document order, so
    # that the first lands first (two settings added at the end of a module).
    edits = sorted(((offset(data, s["range"]["start"]), offset(data, s["range"]["end"]), rank, s["text"]) for rank, s in enumerate(suggestions)), reverse=True)
    for start, end, _, text in edits:
        data = data[:start] + text.encode() + data[end:]
    want = open(os.path.join(fixed, path), "rb").read()
    assert data == want, f"{path}: the suggestions do not give what --write writes"
print(f"{sum(map(len, suggested.values()))} suggestions in {len(suggested)} files")
PY
then
    pass "each file with its suggestions applied equals what --write writes"
else
    fail "the suggestions do not give what --write writes"
fi

summary
[ "$failed" -eq 0 ]
