# The check harness shared by the test scripts: sourced, not run.
# Counts PASS/FAIL lines and ends with "N passed, M failed", the closing line CI reads.

passed=0
failed=0
pass() { passed=$((passed + 1)); echo "PASS: $*"; }
fail() { failed=$((failed + 1)); echo "FAIL: $*"; }
summary() { echo "$passed passed, $failed failed"; }
# A step the remaining checks depend on went wrong: stop here.
abort() {
    fail "$*"
    summary
    exit 1
}
# Prints a file indented, so it stands apart from the PASS/FAIL lines.
show() { sed 's/^/    | /' "$1"; }

# make_work NAME: a temporary folder in $WORK, removed on exit unless KEEP_WORK=1.
make_work() {
    WORK="$(mktemp -d "${TMPDIR:-/tmp}/cookie-fix-$1.XXXXXX")"
    if [ "${KEEP_WORK:-}" = 1 ]; then
        echo "Working folder (kept): $WORK"
    else
        trap 'rm -rf "$WORK"' EXIT
    fi
}
