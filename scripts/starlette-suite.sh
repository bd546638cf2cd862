#!/usr/bin/env bash
# Holds cookie-fix to Starlette projects' own test suites: on generated projects whose
# pytest suite logs in through Starlette's TestClient over its default http:// base URL,
# the suite passes before and after the fix (`--write` where the project trusts its
# proxy's headers, `--write --fix-tests` where it does not), logging in over https sets
# a Secure cookie after it, and `--check` finds nothing more (scripts/starlette_suite.py).
# Starlette, pytest and uvicorn come from PyPI into a throw-away virtual environment per
# HTTP client TestClient can run on: httpx, and httpx2, which Starlette 1.10 prefers.
set -euo pipefail
cd "$(dirname "$0")/.."

# shellcheck source=lib/checks.sh
source scripts/lib/checks.sh
make_work starlette
work=$WORK

cargo build --quiet
bin="$PWD/target/debug/cookie-fix"

for client in "httpx>=0.28,<1" "httpx2>=2,<3"; do
    name=${client%%[<>=]*}
    venv="$work/$name/venv"
    python3 -m venv "$venv"
    "$venv/bin/pip" install --quiet --disable-pip-version-check \
        "starlette>=1,<2" "pytest>=9,<10" "uvicorn>=0.30,<1" "$client"
    py="$venv/bin/python"
    versions=$("$py" -c 'import sys
from importlib.metadata import version as v
names = ("starlette", sys.argv[1], "pytest", "uvicorn")
print(", ".join(f"{name} {v(name)}" for name in names))' "$name")
    for family in $("$py" scripts/starlette_suite.py --list); do
        out="$work/$name/$family.txt"
        if "$py" scripts/starlette_suite.py "$bin" "$work/$name" "$family" >"$out" 2>&1; then
            pass "$name: $(tail -n 1 "$out")"
        else
            fail "$family on $versions:"
            show "$out"
        fi
    done
done
summary
[ "$failed" -eq 0 ]
