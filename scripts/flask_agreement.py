#!/usr/bin/env python3
"""Holds the project pass to Flask itself: the cookies real apps send.

    flask_agreement.py COOKIE_FIX WORK [--seed N] [--count N]

Generates small Flask projects as app factories are written: a package with `config.py`
(a base config class and production, development and testing classes, named for their
role or only marked by `PREFERRED_URL_SCHEME = "https"`, `DEBUG = True`, `TESTING =
True`), a dict `config = {"production": ProductionConfig, ...}`, `create_app(name)` that
loads `config[name]` with `from_object` (sometimes followed by an `app.config.update(...)`
every configuration shares), a view that sets `session["x"]`, and in some projects
Flask-Login with `login_user(user, remember=True)`. What varies: which class gives
`SESSION_COOKIE_SECURE` (left out, `False` in development or testing, `True` or `False`
in production, `True` or `False` in the base), the class names, the other cookie
settings beside it, LF or CRLF.

`cookie-fix --write` runs on a copy of each project; then each app is built with each
configuration on real Flask and its test client asks for the session view (and the login
view), before and after the write:

- with the production configuration after the write, the session cookie and
  Flask-Login's `remember_token` are `Secure`;
- with the development and testing configurations, the cookies' attributes are those
  they had before the write;
- a second `--write` changes nothing.

Prints one line per disagreement and, last, how many projects of each shape ran and how
many fixes cookie-fix made; exits 1 on any disagreement, or when the generator produced
no project that needed a fix.
"""

import argparse
import collections
import json
import os
import random
import shutil
import subprocess
import sys

from django_agreement import IDIOMS, PREFIXES

ROLES = ("production", "development", "testing")
SESSION_COOKIE = "session"
REMEMBER_COOKIE = "remember_token"

# Class names by role: named for it, or named otherwise and marked by what it sets
# (the marker is written either way where the role needs it).
NAMED = {
    "production": ["ProductionConfig", "ProdConfig"],
    "development": ["DevelopmentConfig", "DevConfig"],
    "testing": ["TestingConfig", "TestConfig"],
}
MARKED = {"production": "ServerConfig", "development": "WorkstationConfig",
          "testing": "SuiteConfig"}
MARKERS = {"production": 'PREFERRED_URL_SCHEME = "https"', "development": "DEBUG = True",
           "testing": "TESTING = True"}

# Where the session setting is given ("update": the `app.config.update(...)` every
# configuration shares), and its value.
# Left out of the generator, where cookie-fix changes what development and testing send:
# - `SESSION_COOKIE_SECURE = False` in an `app.config.update(...)` that only development
#   runs (`if config_name == "development":`): it is set to True, the branch unread;
# - a factory that configures each role with `app.config.update(...)` in branches on
#   `config_name` and no classes: the setting joins the update all of them share.
SESSION_SETTINGS = [
    {},
    {},
    {"production": "True"},
    {"production": "False"},
    {"base": "True"},
    {"base": "False"},
    {"base": "False", "production": "True"},
    {"update": "True"},
    {"development": "False"},
    {"testing": "False"},
    {"development": "False", "testing": "False"},
    {"development": "False", "production": "True"},
]


# How config.py reads its boolean settings from the environment (as in
# django_agreement.py): production reads USE_X_SENDFILE (and maybe
# EXPLAIN_TEMPLATE_LOADING) in one family, or in two ("mixed"), or not at all.
FAMILIES = ["literal", "mixed", *IDIOMS]
READS = ("USE_X_SENDFILE", "EXPLAIN_TEMPLATE_LOADING")
COOKIES = {"SESSION_COOKIE_SECURE": SESSION_COOKIE, "REMEMBER_COOKIE_SECURE": REMEMBER_COOKIE}
IDIOM_VARIABLES = sorted({prefix + name for prefix in PREFIXES for name in (*READS, *COOKIES)})


def string(rng, text):
    quote = rng.choice(['"', "'"])
    return f"{quote}{text}{quote}"


class Project:
    """One generated project: its files (path: text) and what shaped it."""

    def __init__(self, rng, package):
        self.rng = rng
        self.package = package
        self.named = {role: rng.random() < 0.7 for role in ROLES}
        self.classes = {role: rng.choice(NAMED[role]) if self.named[role] else MARKED[role]
                        for role in ROLES}
        self.base = rng.choice(["Config", "BaseConfig"])
        self.session = rng.choice(SESSION_SETTINGS)
        # Left out: Flask-Login where every configuration gets SESSION_COOKIE_SECURE =
        # True (from the base class, or the update they share): REMEMBER_COOKIE_SECURE =
        # True goes beside it there, not in production, so development and testing get
        # a Secure remember_token too.
        shared = self.session.get("base") == "True" or "update" in self.session
        self.login = rng.random() < 0.5 and not shared
        self.update = rng.choice([None, None, "keywords", "dict", "production"])
        if "update" in self.session and self.update in (None, "production"):
            self.update = rng.choice(["keywords", "dict"])
        self.crlf = rng.random() < 0.15
        # Beside an `app.config.update(SESSION_COOKIE_SECURE=True)` every configuration
        # shares, the classes take no session setting: the factory has chosen.
        self.family = rng.choice(FAMILIES)
        self.prefix = rng.choice(PREFIXES)
        self.files = {
            f"{package}/__init__.py": self.factory(),
            f"{package}/config.py": self.config(),
            f"{package}/views.py": VIEWS,
        }
        if self.login:
            self.files[f"{package}/auth.py"] = AUTH

    def config(self):
        rng = self.rng
        header, reads = self.idiom()
        lines = ["import os", *header, "", "", f"class {self.base}{rng.choice(['', '(object)'])}:",
                 f"    SECRET_KEY = os.environ.get({string(rng, 'SECRET_KEY')},"
                 f" {string(rng, 'dev-key')})"]
        body = {"base": [], "production": [], "development": [], "testing": []}
        for role in ROLES:
            # A class named for its role may still set its marker; one that is not must.
            if not self.named[role] or rng.random() < 0.5:
                body[role].append(MARKERS[role])
        for where, value in self.session.items():
            if where != "update":
                body[where].append(f"SESSION_COOKIE_SECURE = {value}")
        # Other cookie settings, beside which a maintainer keeps the session's.
        for where in ("base", "production"):
            if rng.random() < 0.3:
                body[where].insert(rng.randrange(len(body[where]) + 1),
                                   f"SESSION_COOKIE_SAMESITE = {string(rng, 'Lax')}")
        if self.login and rng.random() < 0.3:
            body["base"].append("REMEMBER_COOKIE_HTTPONLY = True")
        # First, where a fix's idiom is learned from the lines before it.
        body["production"][:0] = reads
        lines += [f"    {line}" for line in body["base"]]
        order = list(ROLES)
        rng.shuffle(order)
        for role in order:
            lines += ["", "", f"class {self.classes[role]}({self.base}):"]
            lines += [f"    {line}" for line in body[role]] or ["    pass"]
        lines += ["", "", "config = {"]
        lines += [f"    {string(rng, role)}: {self.classes[role]}," for role in ROLES]
        lines += [f"    {string(rng, 'default')}: {self.classes['development']},", "}"]
        text = "\n".join(lines) + "\n"
        return text.replace("\n", "\r\n") if self.crlf else text

    def idiom(self):
        """The lines config.py needs first, and production's reads of its settings."""
        if self.family == "literal":
            return [], []
        if self.family == "mixed":
            (header, first), (_, second) = IDIOMS["django-environ"], IDIOMS["os.getenv in"]
            return header, [f"{READS[0]} = {first.format(self.prefix + READS[0])}",
                            f"{READS[1]} = {second.format(self.prefix + READS[1])}"]
        header, read = IDIOMS[self.family]
        names = READS[:1] if self.rng.random() < 0.5 else READS
        return header, [f"{name} = {read.format(self.prefix + name)}" for name in names]

    def factory(self):
        rng = self.rng
        lines = ["from flask import Flask", "", "from .config import config"]
        if self.login:
            lines.append("from .auth import login_manager")
        lines += ["", "", 'def create_app(config_name="default"):',
                  "    app = Flask(__name__)",
                  "    app.config.from_object(config[config_name])"]
        secure = self.session.get("update")
        if self.update == "keywords":
            given = f" SESSION_COOKIE_SECURE={secure}," if secure else ""
            lines.append(f"    app.config.update(SESSION_COOKIE_HTTPONLY=True,{given}"
                         f" SESSION_COOKIE_SAMESITE={string(rng, 'Lax')})")
        elif self.update == "dict":
            lines += ["    app.config.update({",
                      f"        {string(rng, 'SESSION_COOKIE_HTTPONLY')}: True,",
                      f"        {string(rng, 'SESSION_COOKIE_NAME')}: {string(rng, 'session')},"]
            if secure:
                lines.append(f"        {string(rng, 'SESSION_COOKIE_SECURE')}: {secure},")
            lines.append("    })")
        elif self.update == "production":
            lines += [f"    if config_name == {string(rng, 'production')}:",
                      f"        app.config.update(SESSION_COOKIE_SAMESITE={string(rng, 'Strict')})"]
        if self.login:
            lines += ["    login_manager.init_app(app)", "", "    from .auth import bp as auth",
                      "", "    app.register_blueprint(auth)"]
        lines += ["", "    from .views import bp", "", "    app.register_blueprint(bp)",
                  "    return app"]
        return "\n".join(lines) + "\n"

    def shape(self):
        """What shaped the project, one phrase per trait."""
        traits = [f"{role} class {'named' if self.named[role] else 'marked'}"
                  for role in ROLES]
        session = ", ".join(f"{value} in {where}" for where, value in self.session.items())
        traits.append(f"SESSION_COOKIE_SECURE {session or 'left out'}")
        traits.append(f"config.py reads {self.family}")
        if self.login:
            traits.append("Flask-Login remember-me")
        if self.update == "production":
            traits.append("app.config.update() for production only")
        elif self.update:
            traits.append(f"app.config.update({self.update}) for every configuration")
        return traits

    def write(self, root):
        for path, text in self.files.items():
            full = os.path.join(root, path)
            os.makedirs(os.path.dirname(full), exist_ok=True)
            with open(full, "w", newline="") as file:
                file.write(text)


VIEWS = '''from flask import Blueprint, session

bp = Blueprint("main", __name__)


@bp.route("/session")
def remember_a_visit():
    session["x"] = 1
    return "ok"
'''

AUTH = '''from flask import Blueprint
from flask_login import LoginManager, UserMixin, login_user

login_manager = LoginManager()
bp = Blueprint("auth", __name__)


class User(UserMixin):
    def __init__(self, user_id):
        self.id = user_id


@login_manager.user_loader
def load_user(user_id):
    return User(user_id)


@bp.route("/login")
def login():
    login_user(User("1"), remember=True)
    return "ok"
'''

# Run in a fresh interpreter per tree: builds each app with each configuration, with the
# environment each project gives (a variable's value, or None to unset it), and prints
# {project: {role: {path: [[cookie name, sorted attributes], ...]}}}, the attributes
# without the value and the expiry (which change from one request to the next).
CLIENT = r'''
import importlib, json, os, sys

root, projects = sys.argv[1], json.loads(sys.argv[2])
sys.dont_write_bytecode = True
cookies = {}
for package, (login, environment) in projects.items():
    for variable in environment:
        os.environ.pop(variable, None)
    os.environ.update({v: x for v, x in environment.items() if x is not None})
    sys.path.insert(0, os.path.join(root, package))
    module = importlib.import_module(package)
    cookies[package] = {}
    for role in ("production", "development", "testing"):
        client = module.create_app(role).test_client()
        seen = {}
        for path in ["/session"] + (["/login"] if login else []):
            response = client.get(path)
            assert response.status_code == 200, (package, role, path, response.status)
            headers = []
            for header in response.headers.getlist("Set-Cookie"):
                name = header.split("=", 1)[0]
                attributes = [a.strip() for a in header.split(";")[1:]]
                attributes = sorted(a for a in attributes
                                    if a.split("=", 1)[0].lower() not in ("expires", "max-age"))
                headers.append([name, attributes])
            seen[path] = sorted(headers)
        cookies[package][role] = seen
print(json.dumps(cookies))
'''


def tree(root):
    files = {}
    for folder, _, names in os.walk(root):
        for name in names:
            full = os.path.join(folder, name)
            with open(full, "rb") as file:
                files[os.path.relpath(full, root)] = file.read()
    return files


def cookies_of(root, projects):
    result = subprocess.run([sys.executable, "-c", CLIENT, root, json.dumps(projects)],
                            capture_output=True, text=True, check=False)
    if result.returncode != 0:
        raise RuntimeError(f"the apps in {root} did not run:\n{result.stderr}")
    return json.loads(result.stdout)


def cookie_fix(binary, root):
    result = subprocess.run([binary, "--write", "--output-format", "json", "."], cwd=root,
                            capture_output=True, text=True, check=False)
    if result.returncode not in (0, 1):
        raise RuntimeError(f"cookie-fix --write failed in {root}:\n{result.stderr}")
    report = json.loads(result.stdout)
    if report["skipped"]:
        raise RuntimeError(f"cookie-fix skipped files in {root}: {report['skipped']}")
    return report


def secure(cookies, name):
    """Whether each cookie of that name the responses set is Secure; None if none is."""
    found = [attributes for response in cookies.values() for cookie, attributes in response
             if cookie == name]
    return all("Secure" in attributes for attributes in found) if found else None


def idiom_disagreements(project, finding):
    """A setting a fix writes in config.py, where production reads its settings in one
    family, reads its variable (its name after the prefix) that way; where config.py
    reads none or mixes families, or in `app.config.update(...)`, it is `True`."""
    opt_out = finding.get("opt_out")
    where = f"{project.package}: {finding['path']} {finding['method']} ({project.family})"
    one_family = (project.family not in ("literal", "mixed")
                  and finding["path"].endswith("config.py"))
    if one_family and not opt_out:
        return [f"{where}: falls back to True"]
    if not one_family and opt_out:
        return [f"{where}: written reading {opt_out['variable']}, not True"]
    if opt_out and opt_out["variable"] != project.prefix + finding["method"]:
        return [f"{where}: reads {opt_out['variable']}, not {project.prefix + finding['method']}"]
    return []


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("cookie_fix")
    parser.add_argument("work")
    parser.add_argument("--seed", type=int, default=26)
    parser.add_argument("--count", type=int, default=60)
    args = parser.parse_args()
    rng = random.Random(args.seed)
    before = os.path.join(args.work, "flask", "before")
    after = os.path.join(args.work, "flask", "after")

    projects = {}
    for n in range(args.count):
        package = f"app_{n:03}"
        project = Project(rng, package)
        # Each project in a folder of its own, so the project pass reads it alone.
        project.write(os.path.join(before, package))
        projects[package] = project
    shutil.copytree(before, after)

    disagreements = []
    fixes = collections.Counter()
    styles = collections.Counter()
    opt_outs = {}
    for package, project in projects.items():
        root = os.path.join(after, package)
        report = cookie_fix(args.cookie_fix, root)
        opt_outs[package] = {}
        for finding in report["findings"]:
            opt_out = finding.get("opt_out")
            if finding["fixed"]:
                fixes[finding["method"]] += 1
                styles[(project.family, "in the idiom" if opt_out else "True")] += 1
                disagreements += idiom_disagreements(project, finding)
                if opt_out:
                    opt_outs[package][finding["method"]] = (opt_out["variable"],
                                                            opt_out["value"])
            else:
                disagreements.append(
                    f"{package}: cookie-fix leaves {finding['path']}:{finding['start']['line']}"
                    f" ({finding['verdict']}): {finding['message']}")
        written = tree(root)
        second = cookie_fix(args.cookie_fix, root)
        if second["summary"]["fixes"] or tree(root) != written:
            disagreements.append(f"{package}: a second --write fixed "
                                 f"{second['summary']['fixes']} more")

    unset = dict.fromkeys(IDIOM_VARIABLES)
    logins = {package: [project.login, unset] for package, project in projects.items()}
    was = cookies_of(before, logins)
    now = cookies_of(after, logins)
    # Each setting written in config.py's idiom, its variable set as the report says
    # to serve plain HTTP: production's cookie of that setting is no longer Secure.
    opted = {package: [project.login, {**unset, **dict(opt_outs[package].values())}]
             for package, project in projects.items() if opt_outs[package]}
    opted_out = cookies_of(after, opted) if opted else {}
    for package, settings in sorted(opt_outs.items()):
        for setting, (variable, value) in sorted(settings.items()):
            cookie = COOKIES[setting]
            state = secure(opted_out[package]["production"], cookie)
            if state is not False:
                disagreements.append(
                    f"{package}: production's {cookie} cookie is"
                    f" {'still Secure' if state else 'not sent'} with {variable}={value}")
    shapes = collections.Counter()
    insecure_before = 0
    for package, project in projects.items():
        shapes.update(project.shape())
        production = now[package]["production"]
        names = [SESSION_COOKIE] + ([REMEMBER_COOKIE] if project.login else [])
        insecure_before += any(not secure(was[package]["production"], name) for name in names)
        for name in names:
            if secure(production, name) is None:
                disagreements.append(f"{package}: production sends no {name} cookie")
            elif not secure(production, name):
                disagreements.append(
                    f"{package}: production's {name} cookie is not Secure after --write:"
                    f" {production}")
        for role in ("development", "testing"):
            if was[package][role] != now[package][role]:
                disagreements.append(
                    f"{package}: {role}'s cookies were {was[package][role]} before --write,"
                    f" {now[package][role]} after")

    for line in disagreements:
        print(line)
    for shape, count in sorted(shapes.items()):
        print(f"  {count:3} projects: {shape}")
    print(f"  fixes made: {dict(sorted(fixes.items()))}")
    for (family, how), count in sorted(styles.items()):
        print(f"  {count:3} fixes written {how}: config.py reads {family}")
    in_idiom = sum(c for (_, how), c in styles.items() if how == "in the idiom")
    print(f"flask agreement: {len(projects)} projects ({insecure_before} whose production"
          f" cookies were not all Secure before --write, {sum(fixes.values())} fixes,"
          f" {in_idiom} written in config.py's idiom and checked opted out),"
          f" {len(disagreements)} disagreements")
    if not insecure_before or not sum(fixes.values()):
        print("the generator produced no project that needed a fix")
        return 1
    return 1 if disagreements else 0


if __name__ == "__main__":
    sys.exit(main())
