#!/usr/bin/env bash
# Lints cookie-fix's Markdown report (--output-format markdown, a pull request's
# description) with markdownlint-cli2 from npm, installed in a throw-away folder, in
# each mode: the committed snapshots and a run over the demo project with a settings
# module that reads the environment, a review and a file that does not parse.
# MD013 (line length) is off: a pull request's description is not wrapped.
set -euo pipefail
cd "$(dirname "$0")/.."

# shellcheck source=lib/checks.sh
source scripts/lib/checks.sh
make_work markdown
work=$WORK

cargo build --quiet
bin="$PWD/target/debug/cookie-fix"

(cd "$work" && npm install --silent --no-audit --no-fund markdownlint-cli2 \
    >"$work/npm.log" 2>&1) || { show "$work/npm.log"; abort "could not install markdownlint-cli2 from npm"; }
lint="$work/node_modules/.bin/markdownlint-cli2"
printf '{ "config": { "MD013": false } }\n' >"$work/.markdownlint-cli2.jsonc"

mkdir -p "$work/project" "$work/reports"
cp testdata/demo/*.py "$work/project/"
cp testdata/secure-cookie-setting/idiom/stdlib_lower_equals.py "$work/project/settings.py"
cp testdata/secure-cookie/error_syntax_error_with_insecure_call.py "$work/project/broken.py"
printf 'from flask import Response\nr = Response()\nr.set_cookie("k", "v", secure=flag)\n' \
    >"$work/project/review.py"
for mode in check dry-run write; do
    cp -a "$work/project" "$work/$mode"
    (cd "$work/$mode" && "$bin" "--$mode" --output-format markdown . 2>/dev/null) \
        >"$work/reports/$mode.md" || true
done
for name in check dry-run write; do
    cp "tests/snapshots/$name.md" "$work/reports/snapshot-$name.md" ||
        abort "the Markdown snapshot $name.md is missing"
done

if grep -q '^## Serving plain HTTP' "$work/reports/write.md"; then
    pass "the report after --write names the variable an operator who serves plain HTTP sets"
else
    show "$work/reports/write.md"
    fail "the report after --write has no table of variables"
fi
if (cd "$work" && "$lint" "reports/*.md" >"$work/lint.log" 2>&1); then
    pass "markdownlint-cli2 accepts every report ($(ls "$work/reports" | wc -l) files)"
else
    show "$work/lint.log"
    fail "markdownlint-cli2 rejects a report"
fi

summary
[ "$failed" -eq 0 ]
