#!/usr/bin/env python3
"""Holds cookie-fix to a Starlette project's own test suite.

    starlette_suite.py --list
    starlette_suite.py COOKIE_FIX WORK FAMILY

A login cookie made Secure is a cookie an httpx-based test client no longer sends back
over `http://`, the base URL Starlette's `TestClient` defaults to
(starlette/testclient.py, Starlette 1.10: `base_url: str = "http://testserver"`, on
httpx2, or on httpx with a deprecation warning): the fix must not turn a project's green
login test red. Each family below is a small Starlette
project with a login route that sets a `session` cookie without Secure, a profile route
that answers 401 without it, and a pytest suite that logs in and reads the profile
through `TestClient` over its default `http://` base URL. In a folder of its own under
WORK, the family's project:

- passes its suite, and logging in over `https://testserver` sets a cookie without
  Secure (else the family proves nothing);
- is fixed by `cookie-fix` with the family's flags: `--write` where the project trusts
  its proxy's headers (`uvicorn.run(..., proxy_headers=True, forwarded_allow_ips="*")`,
  or uvicorn's `ProxyHeadersMiddleware`), so the cookie follows the request's scheme;
  `--write --fix-tests` where it does not, so the suite's clients move to `https://`;
  the fix makes at least one change, and plain `--write` leaves the tests' bytes alone;
- passes its suite again, and logging in over `https://testserver` sets a Secure
  cookie (the raw `Set-Cookie` header, as the real Starlette app sends it);
- is left as it is by the same fix run again, and `cookie-fix --check .` finds nothing
  more to fix (exit 0).

Prints one line per failed step (the family, the step, pytest's short summary or
cookie-fix's error) and, last, one line saying what held; exits 1 on any failure.
"""

import argparse
import difflib
import json
import os
import subprocess
import sys
import textwrap

PROJECT_TOML = """[project]
name = "{name}"
version = "0.1.0"
dependencies = ["starlette", "uvicorn"]

[tool.pytest.ini_options]
pythonpath = ["."]
"""

REQUIREMENTS = "starlette\nuvicorn\npytest\n"

# The routes every family's app shares; `{login}` is the family's login handler, which
# sets the cookie, and `{app}` how the application is built.
APP = '''from starlette.applications import Starlette
{imports}from starlette.responses import JSONResponse, PlainTextResponse
from starlette.routing import Route

TOKENS = {{}}


{login}

async def profile(request):
    user = TOKENS.get(request.cookies.get("session"))
    if user is None:
        return PlainTextResponse("log in first", status_code=401)
    return JSONResponse({{"user": user}})


{app}
'''

ROUTES = '[Route("/login", login, methods=["POST"]), Route("/profile", profile)]'
PLAIN_APP = f"app = Starlette(routes={ROUTES})"

ASYNC_LOGIN = '''async def login(request):
    user = request.query_params["user"]
    token = f"token-{user}"
    TOKENS[token] = user
    response = JSONResponse({"user": user})
    response.set_cookie("session", token, httponly=True)
    return response
'''

SYNC_LOGIN = '''def login(request: Request):
    user = request.query_params["user"]
    token = f"token-{user}"
    TOKENS[token] = user
    response = JSONResponse({"user": user})
    response.set_cookie(
        "session",
        token,
        max_age=3600,
        httponly=True,
    )
    return response
'''

# The cookie is set where only the response is in scope.
HELPER_LOGIN = '''def set_login(response, token):
    response.set_cookie("session", token, max_age=3600, httponly=True, samesite="strict")


async def login(request):
    user = request.query_params["user"]
    token = f"token-{user}"
    TOKENS[token] = user
    response = JSONResponse({"user": user})
    set_login(response, token)
    return response
'''

# Never run: the evidence that production sits behind a proxy whose headers it trusts
# (uvicorn/main.py, uvicorn 0.55: `run(app, ..., proxy_headers: bool = True, ...,
# forwarded_allow_ips: list[str] | str | None = None, ...)`).
UVICORN_MAIN = '''import uvicorn

if __name__ == "__main__":
    uvicorn.run("app:app", host="0.0.0.0", port=8000, proxy_headers=True, forwarded_allow_ips="*")
'''

# uvicorn/middleware/proxy_headers.py, uvicorn 0.55:
# `ProxyHeadersMiddleware(app, trusted_hosts: list[str] | str = "127.0.0.1")`.
MIDDLEWARE_APP = f'''app = Starlette(
    routes={ROUTES},
    middleware=[Middleware(ProxyHeadersMiddleware, trusted_hosts="*")],
)'''
MIDDLEWARE_IMPORTS = '''from starlette.middleware import Middleware
from uvicorn.middleware.proxy_headers import ProxyHeadersMiddleware
'''

# The suite, a client per test built in the test.
INLINE_TESTS = '''from starlette.testclient import TestClient

from app import app


def test_profile_needs_a_login():
    client = TestClient(app)
    assert client.get("/profile").status_code == 401


def test_login_then_profile():
    client = TestClient(app)
    assert client.post("/login", params={"user": "alice"}).status_code == 200
    response = client.get("/profile")
    assert response.status_code == 200, f"profile answered {response.status_code}"
    assert response.json() == {"user": "alice"}
'''

# The suite, a client from a conftest.py fixture with the base URL written out.
CONFTEST = '''import pytest
from starlette.testclient import TestClient

from app import app


@pytest.fixture
def client():
    with TestClient(app, base_url="http://testserver") as client:
        yield client
'''

FIXTURE_TESTS = '''def test_profile_needs_a_login(client):
    assert client.get("/profile").status_code == 401


def test_login_then_profile(client):
    assert client.post("/login", params={"user": "bob"}).status_code == 200
    response = client.get("/profile")
    assert response.status_code == 200, f"profile answered {response.status_code}"
    assert response.json() == {"user": "bob"}
'''


def app_py(login, app=PLAIN_APP, imports=""):
    return APP.format(login=login, app=app, imports=imports)


# name: (the project's files, cookie-fix's flags, what the family shows).
# Left out: FastAPI's handlers (`def login(request: Request, response: Response)`), which
# would bring FastAPI into the environment for the same TestClient.
FAMILIES = {
    "proxy": ({
        "pyproject.toml": PROJECT_TOML.format(name="proxy"),
        "app.py": app_py(ASYNC_LOGIN),
        "main.py": UVICORN_MAIN,
        "tests/test_app.py": INLINE_TESTS,
    }, ["--write"], "async handler with the request, uvicorn.run(proxy_headers=True) in main.py"),
    "proxy-middleware": ({
        "requirements.txt": REQUIREMENTS,
        "app.py": app_py(SYNC_LOGIN, MIDDLEWARE_APP,
                         "from starlette.requests import Request\n" + MIDDLEWARE_IMPORTS),
        "tests/test_app.py": INLINE_TESTS,
    }, ["--write"], "sync handler with request: Request, ProxyHeadersMiddleware in the app"),
    "no-proxy": ({
        "requirements.txt": REQUIREMENTS,
        "app.py": app_py(SYNC_LOGIN, imports="from starlette.requests import Request\n"),
        "tests/test_app.py": INLINE_TESTS,
    }, ["--write", "--fix-tests"], "sync handler with request: Request, no proxy evidence"),
    "response-helper": ({
        "pyproject.toml": PROJECT_TOML.format(name="response-helper"),
        "app.py": app_py(HELPER_LOGIN),
        "tests/conftest.py": CONFTEST,
        "tests/test_login.py": FIXTURE_TESTS,
    }, ["--write", "--fix-tests"],
        "set_login(response, token) helper, conftest.py client with base_url=\"http://...\""),
}

# Run in the project's folder, in a fresh interpreter: logs in over `base_url` and prints
# the raw Set-Cookie headers of the response.
LOGIN = r'''
import json, sys
sys.path.insert(0, ".")
from starlette.testclient import TestClient
from app import app
response = TestClient(app, base_url=sys.argv[1]).post("/login", params={"user": "probe"})
assert response.status_code == 200, (response.status_code, response.text)
print(json.dumps(response.headers.get_list("set-cookie")))
'''


def run(command, root):
    # COLUMNS: pytest cuts its short summary's lines to the terminal's width.
    environment = {**os.environ, "PYTHONDONTWRITEBYTECODE": "1", "COLUMNS": "200"}
    return subprocess.run(command, cwd=root, capture_output=True, text=True, check=False,
                          env=environment)


def indent(text):
    return textwrap.indent(text.rstrip("\n"), "    ") if text.strip() else "    (no output)"


def pytest_failure(root):
    """None if the project's suite passes; else pytest's short summary and last line."""
    result = run([sys.executable, "-m", "pytest", "-q", "-rfE", "--no-header",
                  "-p", "no:cacheprovider", "tests"], root)
    if result.returncode == 0:
        return None
    lines = result.stdout.splitlines()
    start = next((n for n, line in enumerate(lines) if "short test summary info" in line), None)
    summary = lines[start + 1:] if start is not None else lines[-20:]
    return f"pytest exited {result.returncode}:\n" + indent("\n".join([*summary, result.stderr]))


def login_cookies(root, base_url):
    result = run([sys.executable, "-c", LOGIN, base_url], root)
    if result.returncode != 0:
        raise RuntimeError(f"logging in over {base_url} failed:\n{indent(result.stderr)}")
    return json.loads(result.stdout)


def is_secure(header):
    return any(part.strip().lower() == "secure" for part in header.split(";")[1:])


def session_secure(root, base_url):
    """Whether the session cookie logging in sets is Secure."""
    headers = [h for h in login_cookies(root, base_url) if h.startswith("session=")]
    if not headers:
        raise RuntimeError(f"logging in over {base_url} set no session cookie")
    return all(is_secure(h) for h in headers), headers


def files_under(root, folder):
    found = {}
    for path, _, names in os.walk(os.path.join(root, folder)):
        for name in names:
            with open(os.path.join(path, name), "rb") as file:
                found[os.path.relpath(os.path.join(path, name), root)] = file.read()
    return found


def changes(before, after):
    """The lines the fix removed and added, file by file."""
    lines = []
    for path in sorted(after):
        old, new = before.get(path, b"").decode(), after[path].decode()
        diff = difflib.unified_diff(old.splitlines(), new.splitlines(), path, path, n=0,
                                    lineterm="")
        lines += [line for line in diff if not line.startswith("@@")]
    return "\n".join(lines) or "nothing"


def write(root, files):
    for path, text in files.items():
        full = os.path.join(root, path)
        os.makedirs(os.path.dirname(full), exist_ok=True)
        with open(full, "w", encoding="utf-8", newline="") as file:
            file.write(text)


def check_family(binary, root, files, flags):
    """The failed steps, one text each."""
    failures = []
    fix = " ".join(["cookie-fix", *flags, "."])
    write(root, files)
    failure = pytest_failure(root)
    if failure:
        failures.append(f"before {fix}: the suite fails on the unfixed project: {failure}")
    secure, headers = session_secure(root, "https://testserver")
    if secure:
        failures.append(f"before {fix}: the login cookie is already Secure: {headers}")
    unfixed = files_under(root, ".")

    result = run([binary, *flags, "--output-format", "json", "."], root)
    if result.returncode not in (0, 1):
        failures.append(f"{fix} exited {result.returncode}:\n{indent(result.stderr)}")
        return failures
    report = json.loads(result.stdout)
    if report["skipped"]:
        failures.append(f"{fix} skipped files: {report['skipped']}")
    fixed = files_under(root, ".")
    if not report["summary"]["fixes"] or fixed["app.py"] == unfixed["app.py"]:
        failures.append(f"{fix} left app.py as it was")
    tests = sorted(path for path in fixed if path.startswith("tests" + os.sep)
                   and fixed[path] != unfixed[path])
    if "--fix-tests" not in flags and tests:
        failures.append(f"{fix} changed {', '.join(tests)} without --fix-tests")
    again = run([binary, *flags, "."], root)
    if again.returncode not in (0, 1) or files_under(root, ".") != fixed:
        failures.append(f"a second {fix} changed the project (exit {again.returncode}):\n"
                        f"{indent(again.stdout + again.stderr)}")

    failure = pytest_failure(root)
    if failure:
        failures.append(f"after {fix}: {failure}\n  what the fix changed:\n"
                        f"{indent(changes(unfixed, fixed))}")
    secure, headers = session_secure(root, "https://testserver")
    if not secure:
        failures.append(f"after {fix}: logging in over https://testserver sets a cookie"
                        f" without Secure: {headers}")
    check = run([binary, "--check", "."], root)
    if check.returncode != 0:
        failures.append(f"after {fix}: cookie-fix --check . exited {check.returncode}:\n"
                        f"{indent(check.stdout + check.stderr)}")
    return failures


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--list", action="store_true", help="print the families' names")
    parser.add_argument("cookie_fix", nargs="?")
    parser.add_argument("work", nargs="?")
    parser.add_argument("family", nargs="?", choices=sorted(FAMILIES))
    args = parser.parse_args()
    if args.list:
        print("\n".join(FAMILIES))
        return 0
    if not args.family:
        parser.error("COOKIE_FIX, WORK and FAMILY are required")
    files, flags, shows = FAMILIES[args.family]
    # cookie-fix runs in the project's folder: a relative path is the caller's.
    binary = os.path.abspath(args.cookie_fix) if os.sep in args.cookie_fix else args.cookie_fix
    root = os.path.join(args.work, args.family)
    try:
        failures = check_family(binary, root, files, flags)
    except RuntimeError as error:
        failures = [str(error)]
    for failure in failures:
        print(f"{args.family}: {failure}")
    fix = " ".join(["cookie-fix", *flags, "."])
    if failures:
        print(f"{args.family} ({shows}): {len(failures)} of its checks failed")
        return 1
    print(f"{args.family} ({shows}): suite green before and after `{fix}`, the login"
          f" cookie Secure over https, nothing more to fix")
    return 0


if __name__ == "__main__":
    sys.exit(main())
