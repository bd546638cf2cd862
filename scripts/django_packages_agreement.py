#!/usr/bin/env python3
"""Holds the project pass to Django itself on settings packages.

    django_packages_agreement.py COOKIE_FIX WORK [--seed N] [--count N]

Generates Django projects whose settings are a package, as split settings are written:
`settings/base.py`; a production module that extends it, named for it (`production.py`,
`prod.py`) or not (`server.py`), then found by its HTTPS hardening or only as the module
`wsgi.py` or `asgi.py` loads by default; a development module (`dev.py`,
`development.py`) that `manage.py` loads by default and a test module (`test.py`,
`testing.py`, `ci.py`), which extend base (test sometimes dev); sometimes a `local.py`
that base or dev star-imports in a `try:`. What varies: which cookie settings base gives
(left out, `False`, `True`), whether production gives them, its hardening, `DEBUG = True`
in base, the apps and middleware that make Django's checks care, CSRF_USE_SESSIONS,
the import's spelling, LF or CRLF.

`cookie-fix --write` runs on a copy of each project; then, with Django's own
`check --deploy` (settings/production as a deployment has it: without the developer's
`local.py`, which the `try:` lets it lack):

- production warns about none of the cookie settings (security.W010, W011, W012, W016),
  and cookie-fix fixed a setting exactly where Django warned about it before;
- every file but the production module is byte-identical, and the development and test
  modules' warnings (all of them) are the same as before;
- cookie-fix reports nothing in any other file;
- a second `--write` changes nothing.

Each check runs in a child forked from this process once Django is imported: the check is
`django-admin check --deploy` (`execute_from_command_line`) with the project first on
`sys.path`, without the cost of a new interpreter per check.

Prints one line per disagreement and, last, how many projects of each shape ran and how
many fixes cookie-fix made; exits 1 on any disagreement, or when the generator produced
no project that needed a fix.
"""

import argparse
import collections
import json
import os
import random
import re
import shutil
import subprocess
import sys
import traceback

# Imported once here, before any settings exist, for every forked check to share (none
# of these reads a setting on import): a check then costs a tenth of a new interpreter's.
import django.contrib.auth.checks  # noqa: F401
import django.db.migrations.autodetector  # noqa: F401
import django.db.migrations.executor  # noqa: F401
import django.db.migrations.writer  # noqa: F401
import django.middleware.csrf  # noqa: F401
import django.template.defaultfilters  # noqa: F401
import django.template.defaulttags  # noqa: F401
import django.urls  # noqa: F401
import django.views.generic.base  # noqa: F401
from django.core import management

from django_agreement import (CSRF_MIDDLEWARE, CSRF_WARNINGS, SESSION_MIDDLEWARE,
                              SESSION_WARNINGS, SESSIONS_APP, string)

COOKIE_WARNINGS = {"SESSION_COOKIE_SECURE": SESSION_WARNINGS,
                   "CSRF_COOKIE_SECURE": CSRF_WARNINGS}
# What base, production and the modules that are no deployment give a setting: left
# out (None) or a literal.
# Left out of the generator, where cookie-fix does not do what Django needs:
# - a true value that is not `True` in base (`SESSION_COOKIE_SECURE = 1`): Django's
#   checks test `is True` and warn in production (W012), but what a star import brings
#   is only known as true, so production takes no fix, and base, which production
#   extends, reports nothing;
# - the HTTPS hardening (`SECURE_SSL_REDIRECT = True`) in base beside a production
#   module named for it: base is taken for production too and takes the fixes, which
#   development and tests then inherit.
BASE_VALUES = [None, "False", "True"]
PRODUCTION_VALUES = [None, None, "True", "False"]
LOCAL_VALUES = [None, "False"]


def secret_key(rng):
    # Long and random enough for Django's own secret key check (W009).
    return string(rng, "".join(rng.choice("abcdefghijkmnpqrstuvwxyz0123456789")
                               for _ in range(60)))


class Project:
    """One generated project: its files (path: text) and what shaped them."""

    def __init__(self, rng):
        self.rng = rng
        self.package = rng.choice(["shop", "mysite", "config", "blog"])
        self.found_by = rng.choice(["name", "name", "hardening", "entry point"])
        self.production = {
            "name": rng.choice(["production", "prod"]),
            "hardening": rng.choice(["server", "heroku"]),
            "entry point": rng.choice(["server", "heroku", "docker"]),
        }[self.found_by]
        self.hardened = self.found_by == "hardening" or (
            self.found_by == "name" and rng.random() < 0.5)
        self.entry = rng.choice(["wsgi.py", "wsgi.py", "asgi.py"])
        self.base_debug = rng.random() < 0.3
        self.local = rng.choice([None, None, "base", "dev"])
        # A development module named for it, or only marked by `DEBUG = True`.
        self.dev = rng.choice(["dev", "development", "workstation"])
        # Production extends base directly, or through a module it shares with others.
        self.common = rng.random() < 0.2
        self.test = rng.choice(["test", "testing", "ci"])
        self.test_extends = rng.choice(["base", "base", self.dev])
        self.values = {
            module: {setting: rng.choice(choices) for setting in COOKIE_WARNINGS}
            for module, choices in [("base", BASE_VALUES), ("common", BASE_VALUES),
                                    ("production", PRODUCTION_VALUES),
                                    ("dev", LOCAL_VALUES), ("test", LOCAL_VALUES),
                                    ("local", LOCAL_VALUES)]
        }
        self.files = {}
        settings = f"{self.package}/settings"
        self.files[f"{self.package}/__init__.py"] = ""
        self.files[f"{settings}/__init__.py"] = ""
        self.files["manage.py"] = self.entry_point(
            "manage.py", f"{self.package}.settings.{self.dev}")
        self.files[f"{self.package}/{self.entry}"] = self.entry_point(
            self.entry, f"{self.package}.settings.{self.production}")
        self.files[f"{settings}/base.py"] = self.base()
        self.files[f"{settings}/{self.production}.py"] = self.production_module()
        if self.common:
            self.files[f"{settings}/common.py"] = self.extension(
                "base", self.values["common"], ['TIME_ZONE = "UTC"'], False)
        self.files[f"{settings}/{self.dev}.py"] = self.extension(
            "base", self.values["dev"], ["DEBUG = True"], self.local == "dev")
        self.files[f"{settings}/{self.test}.py"] = self.extension(
            self.test_extends, self.values["test"],
            ['PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]'], False)
        if self.local:
            self.files[f"{settings}/local.py"] = "\n".join(
                ["# A developer's own overrides, which no deployment has.", "DEBUG = True",
                 *self.cookie_lines(self.values["local"])]) + "\n"

    def module(self, name):
        return f"{self.package}.settings.{name}"

    def path(self, name):
        return f"{self.package}/settings/{name}.py"

    def entry_point(self, name, settings):
        if name == "manage.py":
            return "\n".join([
                "import os", "import sys", "", "", "def main():",
                f'    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "{settings}")',
                "    from django.core.management import execute_from_command_line",
                "", "    execute_from_command_line(sys.argv)", "", "",
                'if __name__ == "__main__":', "    main()"]) + "\n"
        application = "asgi" if name == "asgi.py" else "wsgi"
        return "\n".join([
            "import os", "", f"from django.core.{application} import get_{application}_application",
            "", f'os.environ.setdefault("DJANGO_SETTINGS_MODULE", "{settings}")', "",
            f"application = get_{application}_application()"]) + "\n"

    def cookie_lines(self, values):
        return [f"{setting} = {value}" for setting, value in values.items() if value]

    def star_import(self, name):
        rng = self.rng
        module = rng.choice([f".{name}", f".{name}", self.module(name)])
        return f"from {module} import *{rng.choice(['', '  # noqa', '  # noqa: F401,F403'])}"

    def base(self):
        rng = self.rng
        apps = ["django.contrib.contenttypes", "django.contrib.auth"]
        if rng.random() < 0.8:
            apps.append(SESSIONS_APP)
        middleware = ["django.middleware.security.SecurityMiddleware"]
        if rng.random() < 0.8:
            middleware.append(SESSION_MIDDLEWARE)
        middleware.append("django.middleware.common.CommonMiddleware")
        if rng.random() < 0.85:
            middleware.append(CSRF_MIDDLEWARE)
        blocks = [
            ["INSTALLED_APPS = [", *(f"    {string(rng, app)}," for app in apps), "]"],
            ["MIDDLEWARE = [", *(f"    {string(rng, m)}," for m in middleware), "]"],
        ]
        cookies = self.cookie_lines(self.values["base"])
        if rng.random() < 0.3:
            cookies.insert(rng.randrange(len(cookies) + 1), "SESSION_COOKIE_AGE = 60 * 60 * 24")
        if cookies:
            blocks.append(cookies)
        if rng.random() < 0.1:
            blocks.append([f"CSRF_USE_SESSIONS = {rng.choice(['True', 'False'])}"])
        rng.shuffle(blocks)
        lines = ['"""Settings every environment shares."""', "",
                 f"SECRET_KEY = {secret_key(rng)}",
                 f"DEBUG = {self.base_debug}", 'ALLOWED_HOSTS = ["example.com"]']
        for block in blocks:
            lines += ["", *block]
        if self.local == "base":
            lines += ["", "try:", f"    {self.star_import('local')}", "except ImportError:",
                      "    pass"]
        return "\n".join(lines) + "\n"

    def production_module(self):
        rng = self.rng
        blocks = [["DEBUG = False", 'ALLOWED_HOSTS = ["shop.example.com"]']]
        if self.hardened:
            blocks.append(["SECURE_SSL_REDIRECT = True", "SECURE_HSTS_SECONDS = 3600"])
        cookies = self.cookie_lines(self.values["production"])
        if rng.random() < 0.3:
            cookies.insert(rng.randrange(len(cookies) + 1), 'SESSION_COOKIE_SAMESITE = "Lax"')
        if cookies:
            blocks.append(cookies)
        rng.shuffle(blocks)
        lines = ['"""What the deployment runs."""',
                 self.star_import("common" if self.common else "base")]
        for block in blocks:
            lines += ["", *block]
        text = "\n".join(lines) + "\n"
        return text.replace("\n", "\r\n") if rng.random() < 0.15 else text

    def extension(self, base, values, own, local):
        lines = [self.star_import(base), "", *own, *self.cookie_lines(values)]
        if local:
            lines += ["", "try:", f"    {self.star_import('local')}", "except ImportError:",
                      "    pass"]
        return "\n".join(lines) + "\n"

    def shape(self):
        """What shaped the project, one phrase per trait."""
        traits = [f"production found by its {self.found_by}",
                  f"{'hardened' if self.hardened else 'no hardening'} in production"]
        if self.common:
            traits.append("production extends base through common.py")
        if self.dev == "workstation":
            traits.append("development marked by DEBUG = True only")
        if self.local:
            traits.append(f"local.py star-imported by {self.local}")
        if self.base_debug:
            traits.append("DEBUG = True in base")
        if self.test_extends != "base":
            traits.append("test extends development")
        for module in ("base", "production"):
            for setting, value in self.values[module].items():
                traits.append(f"{module} gives {setting} {value or 'nothing'}")
        return traits

    def write(self, root):
        for path, text in self.files.items():
            full = os.path.join(root, path)
            os.makedirs(os.path.dirname(full), exist_ok=True)
            with open(full, "w", newline="") as file:
                file.write(text)


def tree(root):
    files = {}
    for folder, _, names in os.walk(root):
        for name in names:
            if name.endswith(".pyc"):
                continue
            full = os.path.join(folder, name)
            with open(full, "rb") as file:
                files[os.path.relpath(full, root)] = file.read()
    return files


def deployed(root, target):
    """A copy of the project as a deployment has it: without the developer's local.py."""
    shutil.copytree(root, target, ignore=shutil.ignore_patterns("local.py", "__pycache__"))
    return target


def check_deploy(root, module, output):
    """In a forked child: `django-admin check --deploy` for `module`, output to `output`."""
    code = 3
    try:
        descriptor = os.open(output, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o644)
        os.dup2(descriptor, 1)
        os.dup2(descriptor, 2)
        os.chdir(root)
        sys.path.insert(0, root)
        os.environ["DJANGO_SETTINGS_MODULE"] = module
        sys.dont_write_bytecode = True
        management.execute_from_command_line(["django-admin", "check", "--deploy"])
        code = 0
    except SystemExit as exit:
        code = exit.code if isinstance(exit.code, int) else 1
    except BaseException:
        traceback.print_exc()
    finally:
        sys.stdout.flush()
        sys.stderr.flush()
        os._exit(code)


def all_warnings(jobs, scratch):
    """{key: the warning ids `check --deploy` prints} for jobs {key: (root, module)}."""
    workers = os.cpu_count() or 2
    pending = list(jobs.items())
    running = {}
    results = {}
    while pending or running:
        while pending and len(running) < workers:
            key, (root, module) = pending.pop()
            output = os.path.join(scratch, f"check-{len(pending)}.txt")
            sys.stdout.flush()
            sys.stderr.flush()
            pid = os.fork()
            if pid == 0:
                check_deploy(root, module, output)
            running[pid] = (key, root, module, output)
        pid, status = os.wait()
        key, root, module, output = running.pop(pid)
        with open(output) as file:
            text = file.read()
        os.remove(output)
        code = os.waitstatus_to_exitcode(status)
        if code not in (0, 1) or "Traceback" in text:
            raise RuntimeError(f"check --deploy failed for {module} in {root}:\n{text}")
        results[key] = set(re.findall(r"\(([a-z_.]+\.[EW]\d+)\)", text))
    return results


def cookie_fix(binary, root, mode):
    result = subprocess.run([binary, mode, "--output-format", "json", "."], cwd=root,
                            capture_output=True, text=True, check=False)
    if result.returncode not in (0, 1):
        raise RuntimeError(f"cookie-fix {mode} failed in {root}:\n{result.stderr}")
    report = json.loads(result.stdout)
    if report["skipped"]:
        raise RuntimeError(f"cookie-fix skipped files in {root}: {report['skipped']}")
    return report


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("cookie_fix")
    parser.add_argument("work")
    parser.add_argument("--seed", type=int, default=26)
    parser.add_argument("--count", type=int, default=36)
    args = parser.parse_args()
    rng = random.Random(args.seed)
    work = os.path.join(args.work, "packages")
    scratch = os.path.join(work, "scratch")
    os.makedirs(scratch, exist_ok=True)

    projects = {}
    roots = {}
    for n in range(args.count):
        name = f"project_{n:03}"
        project = Project(rng)
        before = os.path.join(work, "before", name)
        after = os.path.join(work, "after", name)
        project.write(before)
        shutil.copytree(before, after)
        projects[name] = project
        roots[name] = {"before": before, "after": after}

    disagreements = []
    reports = {}
    for name, project in projects.items():
        after = roots[name]["after"]
        reports[name] = cookie_fix(args.cookie_fix, after, "--write")
        again = tree(after)
        second = cookie_fix(args.cookie_fix, after, "--write")
        if second["summary"]["fixes"] or tree(after) != again:
            disagreements.append(f"{name}: a second --write fixed "
                                 f"{second['summary']['fixes']} more")
    for name in projects:
        for state in ("before", "after"):
            roots[name][f"{state} deployed"] = deployed(
                roots[name][state], os.path.join(work, f"{state} deployed", name))

    jobs = {}
    for name, project in projects.items():
        for state in ("before", "after"):
            jobs[(name, state, "production")] = (roots[name][f"{state} deployed"],
                                                 project.module(project.production))
            for role in (project.dev, project.test):
                jobs[(name, state, role)] = (roots[name][state], project.module(role))
    warnings = all_warnings(jobs, scratch)

    shapes = collections.Counter()
    fixes = collections.Counter()
    warned_before = 0
    for name, project in projects.items():
        shapes.update(project.shape())
        production = project.path(project.production)
        report = reports[name]
        fixed = {f["method"] for f in report["findings"]
                 if f["fixed"] and f["path"] == production}
        for finding in report["findings"]:
            if finding["fixed"]:
                fixes[finding["method"]] += 1
            if finding["path"] != production:
                disagreements.append(
                    f"{name}: cookie-fix reports {finding['path']}:{finding['start']['line']}"
                    f" ({finding['verdict']}): {finding['message']}")
        before = warnings[(name, "before", "production")]
        after = warnings[(name, "after", "production")]
        warned_before += bool(before & (SESSION_WARNINGS | CSRF_WARNINGS))
        for setting, ids in COOKIE_WARNINGS.items():
            if after & ids:
                disagreements.append(f"{name}: {production}: Django still warns"
                                     f" {sorted(after & ids)} after --write")
            if bool(before & ids) != (setting in fixed):
                disagreements.append(
                    f"{name}: {production}: Django "
                    f"{'warns ' + str(sorted(before & ids)) if before & ids else 'does not warn'}"
                    f" before --write, cookie-fix {'fixes' if setting in fixed else 'does not fix'}"
                    f" {setting}")
        original = tree(roots[name]["before"])
        written = tree(roots[name]["after"])
        for path in sorted(set(original) | set(written)):
            if path != production and original.get(path) != written.get(path):
                disagreements.append(f"{name}: --write changed {path}")
        for role in (project.dev, project.test):
            was = warnings[(name, "before", role)]
            now = warnings[(name, "after", role)]
            if was != now:
                disagreements.append(f"{name}: {project.path(role)}: check --deploy gave"
                                     f" {sorted(was)} before --write, {sorted(now)} after")

    for line in disagreements:
        print(line)
    for shape, count in sorted(shapes.items()):
        print(f"  {count:3} projects: {shape}")
    print(f"  fixes made: {dict(sorted(fixes.items()))}")
    print(f"django settings packages: {len(projects)} projects ({warned_before} whose"
          f" production module Django warned about before --write, {sum(fixes.values())}"
          f" fixes, {len(jobs)} checks), {len(disagreements)} disagreements")
    if not warned_before or not sum(fixes.values()):
        print("the generator produced no project that needed a fix")
        return 1
    return 1 if disagreements else 0


if __name__ == "__main__":
    sys.exit(main())
