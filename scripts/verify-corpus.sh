#!/usr/bin/env bash
# The oracle on real code: runs `cookie-fix --write` on a copy of a folder of Python
# (default: the benchmark corpus, built by scripts/make-corpus.sh), then checks that
#   - no unchanged file was rewritten (same bytes, same mtime);
#   - a second run finds nothing to fix;
#   - with Python's own `ast` (scripts/ast_oracle.py, also run by tests/ast_oracle.rs):
#     every changed file still parses, and its tree equals the original's except for
#     `secure` arguments of cookie calls (inserted, or a falsy literal made True at the
#     index the call's signature gives), no byte outside a changed call moves, comments
#     stay, and every call the rules make a plain fix was fixed.
# It reports the counts, and the files Python parses but tree-sitter does not (each a
# lost fix worth understanding). Zero violations is the only passing result.
# Then it holds the lexical pass that picks the lines to parse to tree-sitter on the
# same folder (tests/corpus.rs): comments, windows, and windows-first against
# whole-file reports. Every check runs; any failure fails the script.
#
#   scripts/verify-corpus.sh [DIR]
set -euo pipefail
cd "$(dirname "$0")/.."

source_dir=${1:-target/bench/corpus}
if [ ! -d "$source_dir" ]; then
    echo "no folder $source_dir (build the corpus with scripts/make-corpus.sh)" >&2
    exit 2
fi
cargo build --release --quiet
bin=$PWD/target/release/cookie-fix

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
echo "copying $source_dir ..."
cp -a "$source_dir" "$work/original"
cp -a "$source_dir" "$work/fixed"

python3 - "$work/fixed" "$work/mtimes.json" <<'PY'
import json, os, sys
root = sys.argv[1]
mtimes = {}
for folder, _, files in os.walk(root):
    for name in files:
        path = os.path.join(folder, name)
        mtimes[os.path.relpath(path, root)] = os.stat(path, follow_symlinks=False).st_mtime_ns
json.dump(mtimes, open(sys.argv[2], "w"))
PY

echo "cookie-fix --write ..."
start=$(date +%s.%N)
(cd "$work/fixed" && "$bin" --write --no-ignore --output-format json . >"$work/first.json" 2>"$work/first.err") || true
end=$(date +%s.%N)
(cd "$work/fixed" && "$bin" --check --no-ignore --output-format json . >"$work/second.json" 2>"$work/second.err") || true

status=0
python3 - "$work" "$start" "$end" <<'PY' || status=1
import ast, json, os, sys

work, seconds = sys.argv[1], float(sys.argv[3]) - float(sys.argv[2])
original_root = os.path.join(work, "original")
fixed_root = os.path.join(work, "fixed")
first = json.load(open(os.path.join(work, "first.json")))
second = json.load(open(os.path.join(work, "second.json")))
mtimes = json.load(open(os.path.join(work, "mtimes.json")))
violations = []


def parses(path):
    try:
        ast.parse(open(path, "rb").read(), path)
        return True
    except (SyntaxError, ValueError):
        return False


files = changed = 0
for relative, mtime in mtimes.items():
    if not relative.endswith((".py", ".pyw", ".pyi")):
        continue
    files += 1
    after_path = os.path.join(fixed_root, relative)
    if open(os.path.join(original_root, relative), "rb").read() != open(after_path, "rb").read():
        changed += 1
    elif os.stat(after_path, follow_symlinks=False).st_mtime_ns != mtime:
        violations.append(f"{relative}: unchanged but rewritten (mtime changed)")

if second["summary"]["fixes"] != 0:
    violations.append(f"second run still finds {second['summary']['fixes']} fixes")

# The engine's reasons for the files it skipped, for scripts/ast_oracle.py.
skipped = {os.path.normpath(s["path"]): s["reason"] for s in first["skipped"]}
json.dump(skipped, open(os.path.join(work, "skipped.json"), "w"))
syntax_skips = [s for s in first["skipped"] if s["reason"].startswith("syntax error")]
lost = [s for s in syntax_skips if parses(os.path.join(original_root, s["path"]))]
other_skips = [s for s in first["skipped"] if not s["reason"].startswith("syntax error")]

summary = first["summary"]
print(f"files: {files} Python files, {summary['files_checked']} read by cookie-fix in {seconds:.1f} s")
print(f"fixed: {summary['fixes']} findings in {summary['files_with_fixes']} files ({changed} files changed on disk)")
print(f"review: {summary['review']}; suppressed: {summary['suppressed']}; skipped: {summary['skipped']}")
print(f"skipped for a tree-sitter syntax error: {len(syntax_skips)}, of which Python parses {len(lost)}:")
for s in lost:
    print(f"  lost fix? {s['path']}: {s['reason']}")
for s in other_skips:
    print(f"  skipped: {s['path']}: {s['reason']}")
print(f"violations: {len(violations)}")
for v in violations:
    print(f"  VIOLATION {v}")
sys.exit(1 if violations else 0)
PY

# Every file against its fixed copy, by Python's own tree (the same check as
# tests/ast_oracle.rs): only secure arguments of cookie calls change, at the index
# each call's signature gives, and each fix the rules call for is made. Lost fixes are
# listed above, as findings to understand rather than violations.
echo "the fixed tree against the original (scripts/ast_oracle.py) ..."
python3 scripts/ast_oracle.py --no-lost-fixes --skipped "$work/skipped.json" \
    --folders "$work/original" "$work/fixed" || status=1

echo "the lexical pass against tree-sitter ..."
COOKIE_FIX_CORPUS=$(realpath "$source_dir") cargo test --release --quiet --test corpus -- --ignored --nocapture || status=1
exit $status
