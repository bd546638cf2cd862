#!/usr/bin/env bash
# Checks the GitHub Actions workflows and the Dependabot configuration with tools that
# are not ours, installed as wheels from PyPI in a throw-away virtual environment:
# check-jsonschema against the schemas it vendors (offline), and zizmor's security
# audits (--offline: no GitHub API calls). Any finding of zizmor fails the check.
#
#   scripts/check-workflows.sh
set -euo pipefail
cd "$(dirname "$0")/.."

# shellcheck source=lib/checks.sh
source scripts/lib/checks.sh
make_work workflows

python3 -m venv "$WORK/venv"
"$WORK/venv/bin/pip" install --quiet --disable-pip-version-check \
    check-jsonschema==0.39.0 zizmor==1.32.0 ||
    abort "pip install check-jsonschema zizmor"

workflows=(.github/workflows/*.yml)
[ "${#workflows[@]}" -ge 2 ] || abort "no workflows in .github/workflows"

if "$WORK/venv/bin/check-jsonschema" --builtin-schema vendor.github-workflows \
    "${workflows[@]}" >"$WORK/schema.log" 2>&1; then
    pass "the workflows match the GitHub Actions workflow schema: ${workflows[*]}"
else
    fail "the workflows do not match the GitHub Actions workflow schema"
    show "$WORK/schema.log"
fi

if "$WORK/venv/bin/check-jsonschema" --builtin-schema vendor.dependabot \
    .github/dependabot.yml >"$WORK/dependabot.log" 2>&1; then
    pass "the Dependabot configuration matches its schema"
else
    fail "the Dependabot configuration does not match its schema"
    show "$WORK/dependabot.log"
fi

# Every audit, every severity and confidence: a finding is a failure.
if "$WORK/venv/bin/zizmor" --offline --persona auditor --no-progress .github/workflows \
    >"$WORK/zizmor.log" 2>&1; then
    pass "zizmor finds nothing in the workflows ($(tail -n 1 "$WORK/zizmor.log"))"
else
    fail "zizmor's audits of the workflows"
    show "$WORK/zizmor.log"
fi

summary
[ "$failed" -eq 0 ]
