#!/usr/bin/env bash
# Holds the project pass to Flask itself: on generated app factories with config classes
# (and Flask-Login's remember-me), after `--write` the production configuration's
# session and remember cookies are Secure and the development and testing
# configurations' cookies are what they were, as real Flask's test client receives them;
# a setting written in its class's idiom leaves its cookie without Secure once its
# variable is set to the value its finding names (scripts/flask_agreement.py). Flask
# and Flask-Login (and the readers django-environ and python-decouple) come from PyPI
# into a throw-away virtual environment.
set -euo pipefail
cd "$(dirname "$0")/.."

# shellcheck source=lib/checks.sh
source scripts/lib/checks.sh
make_work flask
work=$WORK

cargo build --quiet
bin="$PWD/target/debug/cookie-fix"

python3 -m venv "$work/venv"
"$work/venv/bin/pip" install --quiet --disable-pip-version-check "flask>=3.1,<4" "flask-login>=0.6,<0.7" "django-environ>=0.12,<1" "python-decouple>=3.8,<4"
versions=$("$work/venv/bin/python" -c 'from importlib.metadata import version as v
print("Flask", v("flask") + ", Flask-Login", v("flask-login"))')

if "$work/venv/bin/python" scripts/flask_agreement.py "$bin" "$work" "$@" >"$work/out.txt" 2>&1; then
    pass "$versions: $(tail -n 1 "$work/out.txt")"
else
    fail "$versions and cookie-fix disagree:"
    show "$work/out.txt"
fi
summary
[ "$failed" -eq 0 ]
