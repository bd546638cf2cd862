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

Modules read DEBUG (and sometimes USE_X_FORWARDED_HOST) from the environment in one idiom
family (os.environ.get with `.lower() == "true"`, os.getenv with `in ("1", "yes")`,
django-environ's `env.bool`, django-environ's schema `Env(DEBUG=(bool, False))` read
by `env("DEBUG")`, python-decouple's `config(..., cast=bool)`, a helper of the module's
own), with or without a variable prefix, or mix two families, or read none.
Every fix that adds a setting or replaces a false one in a module of one family is
written in it, reading the setting's name after the prefix (the `opt_out` of the JSON
report of `--check`); elsewhere it is `True`. Checks run with every such variable unset;
then once more with each written setting's variable set to its `opt_out` value, where
Django warns about that setting again as it did before the fix, and about nothing else.

Runs with the Python that has Django installed; prints one line per disagreement and
`django agreement: N modules, M disagreements`; exits 1 on any.
"""

import argparse
import ast
import collections
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


# How a module reads its boolean settings from the environment (DESIGN.md section 10):
# per family, the lines it needs first and a read of a variable whose default is false.
# "mixed" reads one setting with django-environ and another with os.environ, from which
# cookie-fix learns nothing and writes `True`; "literal" reads none.
HELPER = ["", "", "def envbool(name, default):",
          '    return os.environ.get(name, default).lower() in ("true", "1", "yes")', "", ""]
IDIOMS = {
    "os.environ.get .lower()": ([], 'os.environ.get("{}", "False").lower() == "true"'),
    "os.getenv in": ([], 'os.getenv("{}", "0") in ("1", "yes")'),
    "django-environ": (["import environ", "", "env = environ.Env()"],
                       'env.bool("{}", default=False)'),
    "decouple": (["from decouple import config"], 'config("{}", default=False, cast=bool)'),
    "helper": (HELPER, 'envbool("{}", "no")'),
}
# django-environ's schema: `env = environ.Env(DEBUG=(bool, False))` gives the defaults,
# `DEBUG = env("DEBUG")` reads; a fix adds its variable's entry beside the others.
SCHEMA = "django-environ schema"
FAMILIES = ["literal", "mixed", *IDIOMS, SCHEMA]
PREFIXES = ["", "MYAPP_"]
# Every variable a module may read, unset for each check but those that set it.
IDIOM_VARIABLES = {prefix + setting for prefix in PREFIXES for setting in (
    "DEBUG", "USE_X_FORWARDED_HOST", "SESSION_COOKIE_SECURE", "CSRF_COOKIE_SECURE")}


def idiom_lines(rng, family, prefix):
    """The lines a module of that family needs, and those that read DEBUG (and maybe
    USE_X_FORWARDED_HOST) from the environment, false where the variable is unset."""
    if family == "literal":
        return [], ["DEBUG = False"]
    if family == "mixed":
        environ, stdlib = IDIOMS["django-environ"], IDIOMS["os.environ.get .lower()"]
        return environ[0], [f"DEBUG = {environ[1].format(prefix + 'DEBUG')}",
                            f"USE_X_FORWARDED_HOST = {stdlib[1].format(prefix + 'USE_X_FORWARDED_HOST')}"]
    settings = ["DEBUG"] + (["USE_X_FORWARDED_HOST"] if rng.random() < 0.5 else [])
    if family == SCHEMA:
        return schema_lines(rng, prefix, settings)
    header, read = IDIOMS[family]
    return header, [f"{setting} = {read.format(prefix + setting)}" for setting in settings]


def schema_lines(rng, prefix, settings):
    """A django-environ schema on one line or exploded (with or without a trailing
    comma), sometimes with an entry of its own for a cookie setting it does not read
    (false, as a template left it), and the reads of its booleans."""
    entries = [f"{prefix}{setting}=(bool, False)" for setting in settings]
    if rng.random() < 0.3:
        entries.append(f"{prefix}{rng.choice(['SESSION', 'CSRF'])}_COOKIE_SECURE=(bool, False)")
    if rng.random() < 0.5:
        call = [f"env = environ.Env({', '.join(entries)})"]
    else:
        comma = "," if rng.random() < 0.7 else ""
        call = ["env = environ.Env(", *(f"    {e}," for e in entries[:-1]),
                f"    {entries[-1]}{comma}", ")"]
    reads = [f'{setting} = env("{prefix}{setting}")' for setting in settings]
    return ["import environ", "", *call], reads


def module(rng, family, prefix):
    """One complete settings module, as text with LF line endings."""
    header, reads = idiom_lines(rng, family, prefix)
    lines = [
        '"""Generated settings."""',
        "import os",
        *header,
        "",
        # Long and random enough for Django's own secret key check (W009).
        f"SECRET_KEY = {string(rng, ''.join(rng.choice('abcdefghijkmnpqrstuvwxyz0123456789') for _ in range(60)))}",
        *reads,
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
    for variable in (RUNTIME_APPS, RUNTIME_MIDDLEWARE, *IDIOM_VARIABLES):
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
    opt_outs = {}
    for finding in report["findings"]:
        name = os.path.splitext(os.path.basename(finding["path"]))[0]
        named = {f"security.{w}" for w in re.findall(r"\bW\d{3}\b", finding["message"])}
        found.setdefault(name, {})[finding["method"]] = named
        if finding["fixable"]:
            opt_out = finding.get("opt_out")
            opt_outs.setdefault(name, {})[finding["method"]] = (
                (opt_out["variable"], opt_out["value"]) if opt_out else None)
    return found, opt_outs


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


def truthy_literals(text):
    """The cookie settings a module gives a true literal other than `True` (`1`, `"yes"`)."""
    return {setting for setting, value in re.findall(
        r"^((?:SESSION|CSRF)_COOKIE_SECURE) = (.*)$", text, re.MULTILINE)
        if ast.literal_eval(value) and ast.literal_eval(value) is not True}


def idiom_disagreements(idioms, opt_outs, truthy):
    """A fix that adds a setting or replaces a false one, in a module that reads its
    booleans in one idiom family, reads the setting's variable (its name after the
    module's prefix) that way; a fix in a module that reads none, or mixes families, or
    that replaces a true value Django's `is True` rejects (`1`), writes `True`."""
    disagreements = []
    for name, settings in sorted(opt_outs.items()):
        family, prefix = idioms[name]
        for setting, opt_out in sorted(settings.items()):
            if family in ("literal", "mixed") or setting in truthy[name]:
                if opt_out:
                    disagreements.append(f"settings/{name}.py ({family}): {setting} is written"
                                         f" reading {opt_out[0]}, not True")
            elif not opt_out:
                disagreements.append(f"settings/{name}.py ({family}, prefix {prefix!r}):"
                                     f" {setting} falls back to True")
            elif opt_out[0] != prefix + setting:
                disagreements.append(f"settings/{name}.py ({family}): {setting} reads"
                                     f" {opt_out[0]}, not {prefix + setting}")
    return disagreements


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("cookie_fix")
    parser.add_argument("work")
    parser.add_argument("--seed", type=int, default=12)
    parser.add_argument("--count", type=int, default=90)
    args = parser.parse_args()
    rng = random.Random(args.seed)
    project = os.path.join(args.work, "project")
    package = os.path.join(project, "settings")
    os.makedirs(package, exist_ok=True)
    open(os.path.join(package, "__init__.py"), "w").close()
    open(os.path.join(package, "overrides.py"), "w").close()
    names = [f"module_{n:03}" for n in range(args.count)]
    extras = {}
    idioms = {}
    truthy = {}
    for name in names:
        idioms[name] = (rng.choice(FAMILIES), rng.choice(PREFIXES))
        text = module(rng, *idioms[name])
        truthy[name] = truthy_literals(text)
        extra = extra_environment(text)
        if extra:
            extras[name] = extra
        with open(os.path.join(package, f"{name}.py"), "wb") as file:
            file.write(encode(rng, text))
    extended = sorted(extras)

    before = all_warnings(project, names)
    extended_before = all_warnings(project, extended, extras)
    found, opt_outs = findings(args.cookie_fix, project)
    disagreements = compare(before, found, names, "before", extended_before)
    disagreements += idiom_disagreements(idioms, opt_outs, truthy)
    write = subprocess.run([args.cookie_fix, "--write", "settings"], cwd=project,
                           capture_output=True, text=True, check=False)
    if write.returncode != 0:
        raise RuntimeError(f"cookie-fix --write failed:\n{write.stderr}")
    after = all_warnings(project, names)
    extended_after = all_warnings(project, extended, extras)
    disagreements += compare(after, findings(args.cookie_fix, project)[0], names, "after")
    # Each setting written in an idiom, its variable set to the value the report gives
    # for serving plain HTTP: Django warns about it as before the fix, and about no other.
    opted = {name: dict(v for v in settings.values() if v)
             for name, settings in opt_outs.items() if any(settings.values())}
    # Where a list also takes entries from the environment, with those entries too.
    opted_out = all_warnings(project, sorted(opted),
                             {name: {**extras.get(name, {}), **opted[name]} for name in opted})
    for name in sorted(opted):
        was = extended_before[name] if name in extras else before[name]
        fixed = extended_after[name] if name in extras else after[name]
        for setting, ids in SETTINGS:
            now = opted_out[name] & ids
            want = (was if opt_outs[name].get(setting) else fixed) & ids
            if now != want or (opt_outs[name].get(setting) and not now):
                disagreements.append(
                    f"opted out: settings/{name}.py ({' '.join(f'{v}={x}' for v, x in opted[name].items())}):"
                    f" Django warns {sorted(now)} about {setting}, not {sorted(want)}")
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
    written = collections.Counter()
    for name, settings in opt_outs.items():
        for setting, opt_out in settings.items():
            how = ("in the idiom" if opt_out else
                   "True over a true literal" if setting in truthy[name] else "True")
            written[(idioms[name][0], how)] += 1
    for (family, how), count in sorted(written.items()):
        print(f"  {count:3} fixes written {how}: {family} modules")
    in_idiom = sum(c for (_, how), c in written.items() if how == "in the idiom")
    print(f"django agreement: {len(names)} modules ({warned} with cookie warnings before "
          f"--write, {len(extended)} also checked with entries from the environment; "
          f"{in_idiom} fixes written in the module's idiom and checked opted out, "
          f"{sum(written.values()) - in_idiom} written True), "
          f"{len(disagreements)} disagreements")
    return 1 if disagreements else 0


if __name__ == "__main__":
    sys.exit(main())
