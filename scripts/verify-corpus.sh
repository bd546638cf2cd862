#!/usr/bin/env bash
# The oracle on real code: runs `cookie-fix --write` on a copy of a folder of Python
# (default: the benchmark corpus, built by scripts/make-corpus.sh), then checks with
# Python's own `ast` module that
#   - every changed file still parses, and its tree equals the original's except for
#     `secure` arguments of cookie calls (inserted, or a falsy literal made True);
#   - no unchanged file was rewritten (same bytes, same mtime);
#   - a second run finds nothing to fix.
# It reports the counts, and the files Python parses but tree-sitter does not (each a
# lost fix worth understanding). Zero violations is the only passing result.
# Then it holds the lexical pass that picks the lines to parse to tree-sitter on the
# same folder (tests/corpus.rs): comments, windows, and windows-first against
# whole-file reports.
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

python3 - "$work" "$start" "$end" <<'PY'
import ast, json, os, sys

work, seconds = sys.argv[1], float(sys.argv[3]) - float(sys.argv[2])
original_root = os.path.join(work, "original")
fixed_root = os.path.join(work, "fixed")
first = json.load(open(os.path.join(work, "first.json")))
second = json.load(open(os.path.join(work, "second.json")))
mtimes = json.load(open(os.path.join(work, "mtimes.json")))
SETTERS = {"set_cookie", "set_signed_cookie", "set_secure_cookie"}
violations = []


def is_setter_call(node):
    return (isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute)
            and node.func.attr in SETTERS)


def falsy_literal(node):
    return isinstance(node, ast.Constant) and node.value in (False, None, 0, "") \
        and not isinstance(node.value, bytes)


def true_literal(node):
    return isinstance(node, ast.Constant) and node.value is True


def same(a, b):
    """Equal trees, but for secure arguments of cookie calls."""
    if type(a) is not type(b):
        return False
    if isinstance(a, list):
        return len(a) == len(b) and all(same(x, y) for x, y in zip(a, b))
    if not isinstance(a, ast.AST):
        return a == b
    if is_setter_call(a):
        if not same(a.func, b.func) or len(a.args) != len(b.args):
            return False
        for x, y in zip(a.args, b.args):
            if not (same(x, y) or (falsy_literal(x) and true_literal(y))):
                return False
        old = [k for k in a.keywords if k.arg != "secure"]
        new = [k for k in b.keywords if k.arg != "secure"]
        old_secure = [k.value for k in a.keywords if k.arg == "secure"]
        new_secure = [k.value for k in b.keywords if k.arg == "secure"]
        if len(new_secure) != 1 and (old_secure or new_secure):
            return False
        if old_secure and not (same(old_secure[0], new_secure[0])
                               or (falsy_literal(old_secure[0]) and true_literal(new_secure[0]))):
            return False
        if not old_secure and new_secure and not true_literal(new_secure[0]):
            return False
        return same(old, new)
    return all(same(getattr(a, f), getattr(b, f)) for f in a._fields)


def parse(path):
    try:
        return ast.parse(open(path, "rb").read(), path)
    except (SyntaxError, ValueError):
        return None


files = changed = 0
for relative, mtime in mtimes.items():
    if not relative.endswith((".py", ".pyw", ".pyi")):
        continue
    files += 1
    before_path = os.path.join(original_root, relative)
    after_path = os.path.join(fixed_root, relative)
    before = open(before_path, "rb").read()
    after = open(after_path, "rb").read()
    if before == after:
        if os.stat(after_path, follow_symlinks=False).st_mtime_ns != mtime:
            violations.append(f"{relative}: unchanged but rewritten (mtime changed)")
        continue
    changed += 1
    old_tree, new_tree = parse(before_path), parse(after_path)
    if new_tree is None:
        if old_tree is not None:
            violations.append(f"{relative}: Python parsed it before the fix, not after")
        continue
    if old_tree is not None and not same(old_tree, new_tree):
        violations.append(f"{relative}: the tree changed beyond secure arguments")

if second["summary"]["fixes"] != 0:
    violations.append(f"second run still finds {second['summary']['fixes']} fixes")

syntax_skips = [s for s in first["skipped"] if s["reason"].startswith("syntax error")]
lost = [s for s in syntax_skips if parse(os.path.join(original_root, s["path"])) is not None]
other_skips = [s for s in first["skipped"] if not s["reason"].startswith("syntax error")]

summary = first["summary"]
print(f"files: {files} Python files, {summary['files_checked']} read by cookie-fix in {seconds:.1f} s")
print(f"fixed: {summary['fixes']} calls in {summary['files_with_fixes']} files ({changed} files changed on disk)")
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

echo "the lexical pass against tree-sitter ..."
COOKIE_FIX_CORPUS=$(realpath "$source_dir") cargo test --release --quiet --test corpus -- --ignored --nocapture
