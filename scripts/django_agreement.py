#!/usr/bin/env python3
"""Holds secure-cookie-setting to Django's own deployment checks.

    django_agreement.py COOKIE_FIX WORK [--seed N] [--count N]

Generates settings modules in WORK/project/settings/ (complete ones, with and without
the session app and middlewares, CSRF_USE_SESSIONS, values of every kind, lists built
from names, `+=` and `.append`, lists that also take entries from the environment
(`INSTALLED_APPS + PROVIDERS`), local overrides by star import at the end, LF or CRLF,
with or without a final newline), then for each module:

- runs `python -m django check --deploy` with it as DJANGO_SETTINGS_MODULE and reads
  the session warnings (security.W010, W011, W012) and the CSRF one (W016);
- compares them with cookie-fix's findings of the rule (`--check --output-format json`):
  a session finding exactly when Django warns about the session cookie, a CSRF finding
  exactly when it warns about the CSRF cookie, and the warning Django gives is one the
  finding's message names;
- where a list takes entries from the environment, runs the check again with the
  environment giving the session and CSRF entries the module does not write: every
  finding is still one Django warns about, under a warning its message names;
- after `cookie-fix --write`, Django warns about neither, in either environment, and
  cookie-fix finds nothing.

Runs with the Python that has Django installed; prints one line per disagreement and
`django agreement: N modules, M disagreements`; exits 1 on any.
"""

import argparse
import concurrent.futures
import json
import os
import random
import re
import subprocess
import sys

SESSION_WARNINGS = {"security.W010", "security.W011", "security.W012"}
CSRF_WARNINGS = {"security.W016"}
SESSIONS_APP = "django.contrib.sessions"
SESSION_MIDDLEWARE = "django.contrib.sessions.middleware.SessionMiddleware"
CSRF_MIDDLEWARE = "django.middleware.csrf.CsrfViewMiddleware"
# Values a setting may be given: literals of every kind Django's `is True` tells apart.
VALUES = ["True", "False", "None", "0", "1", '""', '"yes"', "(False)", "(True)"]


def string(rng, text):
    quote = rng.choice(['"', "'"])
    return f"{quote}{text}{quote}"


# Lists that also take entries from the environment, as deployments extend them.
RUNTIME_APPS = "PROVIDERS"
RUNTIME_MIDDLEWARE = "EXTRA_MIDDLEWARE"
RUNTIME_LISTS = [
    f'{RUNTIME_APPS} = [app for app in os.environ.get("{RUNTIME_APPS}", "").split(",") if app]',
    f'{RUNTIME_MIDDLEWARE} = os.environ.get("{RUNTIME_MIDDLEWARE}", "").split()',
]


def app_lists(rng, with_sessions):
    """Statements that build INSTALLED_APPS, in one of the shapes settings modules use."""
    apps = ["django.contrib.contenttypes", "django.contrib.auth"]
    if with_sessions:
        apps.insert(rng.randrange(len(apps) + 1), SESSIONS_APP)
    shape = rng.choice(["list", "tuple", "names", "augmented", "append", "runtime"])
    items = ", ".join(string(rng, app) for app in apps)
    if shape == "runtime":
        return rng.choice([
            [f"INSTALLED_APPS = [{items}]", f"INSTALLED_APPS = INSTALLED_APPS + {RUNTIME_APPS}"],
            [f"INSTALLED_APPS = [{items}]", f"INSTALLED_APPS += {RUNTIME_APPS}"],
            [f"INSTALLED_APPS = [{items}] + {RUNTIME_APPS}"],
        ])
    if shape == "list":
        return [f"INSTALLED_APPS = [\n    {items},\n]"]
    if shape == "tuple":
        return [f"INSTALLED_APPS = ({items},)"]
    if shape == "names":
        return [f"DJANGO_APPS = [{items}]", "LOCAL_APPS = []",
                "INSTALLED_APPS = DJANGO_APPS + LOCAL_APPS"]
    if shape == "augmented":
        return ["INSTALLED_APPS = []", f"INSTALLED_APPS += [{items}]"]
    lines = ["INSTALLED_APPS = []"]
    lines += [f"INSTALLED_APPS.append({string(rng, app)})" for app in apps]
    return lines


def middleware_list(rng, session, csrf):
    middleware = ["django.middleware.security.SecurityMiddleware"]
    if session:
        middleware.append(SESSION_MIDDLEWARE)
    middleware.append("django.middleware.common.CommonMiddleware")
    if csrf:
        middleware.append(CSRF_MIDDLEWARE)
    items = "".join(f"    {string(rng, m)},\n" for m in middleware)
    if rng.random() < 0.3:
        return [f"MIDDLEWARE = [\n{items}] + {RUNTIME_MIDDLEWARE}"]
    return [f"MIDDLEWARE = [\n{items}]"]


def module(rng):
    """One complete settings module, as text with LF line endings."""
    lines = [
        '"""Generated settings."""',
        "import os",
        "",
        # Long and random enough for Django's own secret key check (W009).
        f"SECRET_KEY = {string(rng, ''.join(rng.choice('abcdefghijkmnpqrstuvwxyz0123456789') for _ in range(60)))}",
        "DEBUG = False",
        'ALLOWED_HOSTS = ["example.com"]',
        *RUNTIME_LISTS,
    ]
    blocks = []
    if rng.random() < 0.85:
        blocks.append(app_lists(rng, rng.random() < 0.6))
    if rng.random() < 0.85 or not blocks:
        blocks.append(middleware_list(rng, rng.random() < 0.6, rng.random() < 0.6))
    for setting in ("SESSION_COOKIE_SECURE", "CSRF_COOKIE_SECURE"):
        if rng.random() < 0.4:
            blocks.append([f"{setting} = {rng.choice(VALUES)}"])
    if rng.random() < 0.3:
        blocks.append([f"CSRF_USE_SESSIONS = {rng.choice(['True', 'False'])}"])
    rng.shuffle(blocks)
    for block in blocks:
        lines.append("")
        lines.extend(block)
    if rng.random() < 0.4:
        lines += ["", "# Local overrides.", "try:", "    from .overrides import *  # noqa",
                  "except ImportError:", "    pass"]
    return "\n".join(lines) + "\n"


def encode(rng, text):
    if rng.random() < 0.3:
        text = text.replace("\n", "\r\n")
    if rng.random() < 0.2:
        text = text.rstrip("\r\n")
    return text.encode()


def quoted(item):
    return rf"[\"']{re.escape(item)}[\"']"


def extra_environment(text):
    """The environment that gives a module's run-time lists the session and CSRF entries it
    does not write itself; None for a module whose lists take nothing from it."""
    environment = {}
    if re.search(rf"\+=? {RUNTIME_APPS}\b", text) and not re.search(quoted(SESSIONS_APP), text):
        environment[RUNTIME_APPS] = SESSIONS_APP
    if re.search(rf"\+ {RUNTIME_MIDDLEWARE}\b", text):
        missing = [m for m in (SESSION_MIDDLEWARE, CSRF_MIDDLEWARE) if not re.search(quoted(m), text)]
        if missing:
            environment[RUNTIME_MIDDLEWARE] = " ".join(missing)
    return environment or None


def django_warnings(project, name, extra=None):
    """The security warning ids `check --deploy` prints for settings.NAME, with the run-time
    lists' variables unset or set as `extra` says."""
    environment = dict(os.environ, DJANGO_SETTINGS_MODULE=f"settings.{name}")
    for variable in (RUNTIME_APPS, RUNTIME_MIDDLEWARE):
        environment.pop(variable, None)
    environment.update(extra or {})
    result = subprocess.run(
        [sys.executable, "-m", "django", "check", "--deploy"],
        cwd=project, env=environment, capture_output=True, text=True, check=False,
    )
    output = result.stdout + result.stderr
    if result.returncode not in (0, 1) or "Traceback" in output:
        raise RuntimeError(f"check --deploy failed for {name} ({extra}):\n{output}")
    return set(re.findall(r"\((security\.[EW]\d+)\)", output))


def all_warnings(project, names, extras=None):
    extras = extras or {}
    with concurrent.futures.ThreadPoolExecutor(max_workers=os.cpu_count() or 2) as pool:
        return dict(zip(names, pool.map(
            lambda name: django_warnings(project, name, extras.get(name)), names)))


def findings(cookie_fix, project):
    """{module name: {setting: the warnings its message names}} for the rule's findings."""
    result = subprocess.run(
        [cookie_fix, "--check", "--output-format", "json", "--select",
         "secure-cookie-setting", "settings"],
        cwd=project, capture_output=True, text=True, check=False,
    )
    if result.returncode not in (0, 1):
        raise RuntimeError(f"cookie-fix --check failed:\n{result.stderr}")
    report = json.loads(result.stdout)
    if report["skipped"]:
        raise RuntimeError(f"cookie-fix skipped files: {report['skipped']}")
    found = {}
    for finding in report["findings"]:
        name = os.path.splitext(os.path.basename(finding["path"]))[0]
        named = {f"security.{w}" for w in re.findall(r"\bW\d{3}\b", finding["message"])}
        found.setdefault(name, {})[finding["method"]] = named
    return found


SETTINGS = (("SESSION_COOKIE_SECURE", SESSION_WARNINGS), ("CSRF_COOKIE_SECURE", CSRF_WARNINGS))


def compare(warnings, found, names, when, extended=None):
    """A finding exactly where Django warns, and Django's warning one the finding's message
    names (when it names any). Where the environment may give a list more entries
    (`extended`: Django's warnings then), Django warns without them only about entries the
    module writes, which the rule must report, and the rule reports only what Django warns
    about in one environment or the other."""
    extended = extended or {}
    disagreements = []
    for name in names:
        for setting, ids in SETTINGS:
            warned = warnings[name] & ids
            also = extended.get(name, set()) & ids
            named = found.get(name, {}).get(setting)
            reported = named is not None
            agrees = bool(warned or also) if reported else not warned
            if name not in extended:
                agrees = bool(warned) == reported
            if not agrees:
                disagreements.append(
                    f"{when}: settings/{name}.py: Django {'warns' if warned else 'does not warn'}"
                    f" ({sorted(warned)}{f', {sorted(also)} with the entries' if name in extended else ''}),"
                    f" cookie-fix {'reports' if reported else 'does not report'} {setting}"
                )
            elif named and not (warned | also) <= named:
                disagreements.append(
                    f"{when}: settings/{name}.py: Django warns {sorted(warned | also)} about"
                    f" {setting}, cookie-fix's message names {sorted(named)}"
                )
    return disagreements


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("cookie_fix")
    parser.add_argument("work")
    parser.add_argument("--seed", type=int, default=12)
    parser.add_argument("--count", type=int, default=60)
    args = parser.parse_args()
    rng = random.Random(args.seed)
    project = os.path.join(args.work, "project")
    package = os.path.join(project, "settings")
    os.makedirs(package, exist_ok=True)
    open(os.path.join(package, "__init__.py"), "w").close()
    open(os.path.join(package, "overrides.py"), "w").close()
    names = [f"module_{n:03}" for n in range(args.count)]
    extras = {}
    for name in names:
        text = module(rng)
        extra = extra_environment(text)
        if extra:
            extras[name] = extra
        with open(os.path.join(package, f"{name}.py"), "wb") as file:
            file.write(encode(rng, text))
    extended = sorted(extras)

    before = all_warnings(project, names)
    extended_before = all_warnings(project, extended, extras)
    found = findings(args.cookie_fix, project)
    disagreements = compare(before, found, names, "before", extended_before)
    write = subprocess.run([args.cookie_fix, "--write", "settings"], cwd=project,
                           capture_output=True, text=True, check=False)
    if write.returncode != 0:
        raise RuntimeError(f"cookie-fix --write failed:\n{write.stderr}")
    after = all_warnings(project, names)
    extended_after = all_warnings(project, extended, extras)
    disagreements += compare(after, findings(args.cookie_fix, project), names, "after")
    for name in names:
        left = after[name] & (SESSION_WARNINGS | CSRF_WARNINGS)
        if left:
            disagreements.append(f"after: settings/{name}.py: Django still warns {sorted(left)}")
    # With the environment's entries, Django may warn about what the module does not say;
    # never about a setting the rule reported and fixed.
    for name in extended:
        for setting, ids in SETTINGS:
            left = extended_after[name] & ids
            if left and setting in found.get(name, {}):
                disagreements.append(f"after: settings/{name}.py: Django still warns {sorted(left)}"
                                     f" about {setting} with the environment's entries")
    warned = sum(bool(before[n] & (SESSION_WARNINGS | CSRF_WARNINGS)) for n in names)
    for line in disagreements:
        print(line)
    print(f"django agreement: {len(names)} modules ({warned} with cookie warnings before "
          f"--write, {len(extended)} also checked with entries from the environment), "
          f"{len(disagreements)} disagreements")
    return 1 if disagreements else 0


if __name__ == "__main__":
    sys.exit(main())
