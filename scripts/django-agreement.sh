#!/usr/bin/env bash
# Holds secure-cookie-setting to Django itself: Django's deployment checks
# (`manage.py check --deploy`) and the rule's findings agree on generated settings
# modules, before and after `--write`, where a module reading its booleans from the
# environment gets its fixes written the same way: no warning with the variables unset,
# the warning back with each set to the value its finding names
# (scripts/django_agreement.py); and on generated settings packages (base, production,
# development, test), `--write` leaves production without cookie warnings and every
# other module as it was (scripts/django_packages_agreement.py). Django,
# django-environ and python-decouple come from PyPI into a throw-away virtual
# environment.
set -euo pipefail
cd "$(dirname "$0")/.."

# shellcheck source=lib/checks.sh
source scripts/lib/checks.sh
make_work django
work=$WORK

cargo build --quiet
bin="$PWD/target/debug/cookie-fix"

python3 -m venv "$work/venv"
"$work/venv/bin/pip" install --quiet --disable-pip-version-check "django>=5.2,<5.3" "django-environ>=0.12,<1" "python-decouple>=3.8,<4"
django_version=$("$work/venv/bin/python" -m django --version)

for script in django_agreement django_packages_agreement; do
    if "$work/venv/bin/python" "scripts/$script.py" "$bin" "$work" "$@" >"$work/$script.txt" 2>&1; then
        pass "Django $django_version: $(tail -n 1 "$work/$script.txt")"
    else
        fail "Django $django_version and cookie-fix disagree ($script.py):"
        show "$work/$script.txt"
    fi
done
summary
[ "$failed" -eq 0 ]
