#!/usr/bin/env python3
"""Holds `httponly-cookie` and `samesite-cookie` to Python's own reading of a file.

    attribute_oracle.py MANIFEST      check the cases a manifest lists
    attribute_oracle.py --self-test   check the oracle on built-in cases first

Each case of the manifest (JSON lines: {"name", "input", "output"}, paths relative to
the manifest's folder, `output` null when nothing changed) is a file fixed with those
two rules alone selected. The frameworks' parameters are restated here from their own
sources, sharing nothing with the engine. For every input Python parses:

- the output parses, and its tree equals the input's except at cookie calls
  (`X.set_cookie`, `X.set_signed_cookie`, `X.set_secure_cookie`; Litestar's `Cookie`,
  Sanic's `X.add_cookie`);
- a changed call gains only `httponly=True` (Falcon: `http_only=True`) or
  `samesite="Lax"` (Falcon, Bottle: `same_site`) as new last keywords, in that order,
  or has a falsy literal of that attribute (by keyword, or at the framework's slot)
  made `True` or `"Lax"`; a keyword the framework's setter does not take is never
  added (a `TypeError` at run time);
- nothing set is changed: a true flag, a policy string (`"Strict"`, `"Lax"`, `"None"`
  in any case), an attribute the framework sets by default, Bottle's falsy `samesite`
  (a policy, `none`), the HttpOnly of a CSRF token cookie, a suppressed call;
- a deletion (an empty value with a zero or past lifetime) follows the cookie it deletes:
  it changes only where the file sets that cookie with the attribute a literal or left out;
- a call that leaves no doubt is fixed ("missed-fix"): a file of one known framework (or
  none), no local definition of the setter, no splat, not a test client's or a jar's,
  more than one argument, and the attribute left out or a falsy literal.
"""

import ast
import difflib
import io
import json
import re
import sys
import tokenize
from typing import Optional

from value_oracle import cookie_name as written_name, deletes, last_name

SETTERS = {"set_cookie", "set_signed_cookie", "set_secure_cookie"}
FORWARDING = {"set_signed_cookie", "set_secure_cookie"}
# PEP 544: a class with one of these bases is a type, whose methods implement nothing.
PROTOCOLS = {"typing.Protocol", "typing_extensions.Protocol"}

# Each framework's set_cookie, from its source: the positional parameters after self,
# the keyword-only ones, whether **kwargs takes more, and what a left-out (or None)
# argument already sets.
WERKZEUG = (["key", "value", "max_age", "expires", "path", "domain", "secure", "httponly",
             "samesite"], [], False, {})
FRAMEWORKS = {
    # werkzeug/sansio/response.py, flask, quart; django/http/response.py
    **dict.fromkeys(["werkzeug", "flask", "quart", "django"], WERKZEUG),
    # starlette/responses.py (fastapi), litestar/response/base.py: samesite="lax"
    **dict.fromkeys(["starlette", "fastapi", "litestar"],
                    (WERKZEUG[0], [], False, {"samesite": "set"})),
    # webob/response.py (pyramid)
    **dict.fromkeys(["pyramid", "webob"], (
        ["name", "value", "max_age", "path", "domain", "secure", "httponly", "comment",
         "expires", "overwrite", "samesite"], [], False, {})),
    # aiohttp/web_response.py
    "aiohttp": (["name", "value"], ["expires", "domain", "max_age", "path", "secure",
                                    "httponly", "version", "samesite", "partitioned"], False, {}),
    # tornado/web.py
    "tornado": (["name", "value", "domain", "expires", "path", "expires_days"],
                ["max_age", "httponly", "secure", "samesite"], True, {}),
    # bottle.py: **options; a falsy same_site/samesite is written SameSite=none
    "bottle": (["name", "value", "secret", "digestmod"], ["secure", "httponly", "same_site",
                                                        "samesite"], True,
               {"same_site": "policy", "samesite": "policy"}),
    # falcon/response.py: http_only=True by default
    "falcon": (["name", "value", "expires", "max_age", "domain", "path", "secure", "http_only",
                "same_site"], [], False, {"http_only": "set"}),
}
LITESTAR_COOKIE = (["key", "path", "value", "max_age", "expires", "domain", "secure", "httponly",
                    "samesite"], [], False, {"samesite": "set"})
SANIC_ADD_COOKIE = (["key", "value"], ["path", "domain", "secure", "max_age", "expires",
                                       "httponly", "samesite", "partitioned", "comment",
                                       "host_prefix", "secure_prefix"], False,
                    {"samesite": "set"})
FORWARDED = ([], [], True, {})

# Session factories and storages, from their sources (aiohttp-session 2.12,
# pyramid 2.1 session.py and authentication.py): the module to import, and the call's
# parameters. Starlette's SessionMiddleware always sets HttpOnly and defaults to
# same_site="lax"; Litestar's session configs default to httponly=True, samesite="lax".
AIOHTTP_STORAGE = (["first"], ["cookie_name", "domain", "max_age", "path", "secure", "httponly",
                               "samesite", "encoder", "decoder", "key_factory"], False,
                   {"httponly": "set"})
PYRAMID_FACTORY = (["secret", "cookie_name", "max_age", "path", "domain", "secure", "httponly",
                    "samesite", "set_on_exception", "timeout", "reissue_time", "hashalg", "salt",
                    "serializer"], [], False, {"samesite": "set"})
SESSION_SINKS = {
    **{name: ("aiohttp_session", AIOHTTP_STORAGE) for name in (
        "EncryptedCookieStorage", "NaClCookieStorage", "SimpleCookieStorage", "RedisStorage",
        "MemcachedStorage")},
    "SignedCookieSessionFactory": ("pyramid", PYRAMID_FACTORY),
    "BaseCookieSessionFactory": ("pyramid", PYRAMID_FACTORY),
    "AuthTktCookieHelper": ("pyramid", (
        ["secret", "cookie_name", "secure", "include_ip", "timeout", "reissue_time", "max_age",
         "http_only", "path", "wild_domain", "hashalg", "parent_domain", "domain", "samesite"],
        [], False, {"samesite": "set"})),
    "AuthTktAuthenticationPolicy": ("pyramid", (
        ["secret", "callback", "cookie_name", "secure", "include_ip", "timeout", "reissue_time",
         "max_age", "path", "http_only", "wild_domain", "debug", "hashalg", "parent_domain",
         "domain", "samesite"], [], False, {"samesite": "set"})),
}

ATTRIBUTES = {"httponly": ("httponly", "http_only"), "samesite": ("samesite", "same_site")}
POLICIES = {"strict", "lax", "none"}
CSRF_NAMES = {"csrftoken", "csrf_token", "xsrf-token", "_xsrf"}
MARKER = re.compile(r"(?i)cookie-fix\s*:\s*ignore(?!\[)|cookie-fix\s*:\s*ignore\[[^\]]*"
                    r"(httponly-cookie|samesite-cookie)|nosonar|nosec")


def is_falsy(node) -> bool:
    """A literal Python reads as false: None, False, 0, "", b"" (one Constant, however
    it was written: parenthesized, concatenated), or an f-string with nothing in it."""
    if isinstance(node, ast.JoinedStr):
        return not node.values
    return isinstance(node, ast.Constant) and not node.value


def is_true_constant(node) -> bool:
    return isinstance(node, ast.Constant) and node.value is True


def is_lax(node) -> bool:
    return isinstance(node, ast.Constant) and node.value == "Lax"




def comment_lines(data: bytes) -> dict:
    """1-based line -> the text of its comment, read by tokenize; whether the comment is
    alone on its line."""
    comments = {}
    # tokenize reads lines at LF only; ast (and the engine) end them at CR too.
    data = re.sub(rb"\r\n?", b"\n", data)
    try:
        for token in tokenize.tokenize(io.BytesIO(data).readline):
            if token.type == tokenize.COMMENT:
                alone = not token.line[: token.start[1]].strip()
                comments[token.start[0]] = (token.string, alone)
    except (tokenize.TokenError, SyntaxError):
        return None
    return comments


class File:
    def __init__(self, tree: ast.Module, data: bytes):
        self.comments = comment_lines(data)
        modules = []
        self.aliases = {}
        for node in ast.walk(tree):
            if isinstance(node, ast.Import):
                modules += [a.name.split(".")[0] for a in node.names]
                for a in node.names:
                    self.aliases[a.asname or a.name.split(".")[0]] = a.name if a.asname else a.name.split(".")[0]
            elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
                modules.append(node.module.split(".")[0])
                for a in node.names:
                    self.aliases[a.asname or a.name] = f"{node.module}.{a.name}"
        self.modules = set(modules)
        self.tree = tree
        # http.cookies objects: the only ones that may gain morsel lines.
        self.morsels = any(
            isinstance(n, ast.Call) and last_name(n.func) in ("SimpleCookie", "BaseCookie", "Morsel")
            for n in ast.walk(tree)
        )
        self.families = sorted({m for m in self.modules if m in FRAMEWORKS},
                               key=lambda m: FRAMEWORKS[m][0])
        self.signatures = {id(FRAMEWORKS[m]): FRAMEWORKS[m] for m in self.families}
        self.defined = {n.name for n in ast.walk(tree) if isinstance(n, (ast.FunctionDef,
                                                                          ast.AsyncFunctionDef))}
        # Section 2: a method of a setter's name defined in the file is its signature; a
        # typing.Protocol's is a type of other classes' objects, and is none.
        self.methods = {}
        for node in ast.walk(tree):
            if isinstance(node, ast.ClassDef) and not self.is_protocol(node):
                for inner in methods_of(node):
                    if inner.name in SETTERS:
                        self.methods.setdefault(inner.name, []).append(inner)

    def is_protocol(self, cls) -> bool:
        return any(
            self.path_of(base.value if isinstance(base, ast.Subscript) else base) in PROTOCOLS
            for base in cls.bases
        )

    def path_of(self, node) -> Optional[str]:
        parts = []
        while isinstance(node, ast.Attribute):
            parts.append(node.attr)
            node = node.value
        if not isinstance(node, ast.Name) or node.id not in self.aliases:
            return None
        return ".".join([self.aliases[node.id]] + parts[::-1])

    def left_as_deletion(self, call, attribute) -> bool:
        """A deletion follows the cookie it deletes (DESIGN.md section 8): it is judged only
        where the file sets that cookie with the attribute a literal, or left out."""
        if not (isinstance(call.func, ast.Attribute) and call.func.attr in SETTERS and deletes(call)):
            return False
        return written_name(call) not in self.followed(attribute)

    def followed(self, attribute) -> set:
        names = set()
        for node in ast.walk(self.tree):
            sink = self.sink(node)
            if sink is None or sink[0] != "setter" or deletes(node) or left_alone(node):
                continue
            value = given(node, sink[1][0], attribute)
            splat = any(isinstance(a, ast.Starred) for a in node.args) or any(
                k.arg is None for k in node.keywords)
            if (value is None and not splat) or isinstance(value, (ast.Constant, ast.JoinedStr)):
                names.add(written_name(node))
        return names

    def sink(self, call) -> Optional[tuple]:
        """(kind, [parameter lists]) for a cookie call, None for any other call."""
        if not isinstance(call, ast.Call):
            return None
        func = call.func
        if isinstance(func, ast.Attribute) and func.attr in SETTERS:
            # A wrapper's own body that calls the setter on another object
            # (`response.set_cookie(...)` in `def set_cookie(self, response, ...)`) calls
            # the framework's: the wrapper's signature is for the calls that reach it.
            own = [local_parameters(d) for d in self.methods.get(func.attr, [])
                   if not (receiver_name(func.value) not in ("self", "cls", "super")
                           and any(n is call for n in ast.walk(d)))]
            if own:
                return ("setter", own)
            if func.attr in FORWARDING:
                return ("setter", [FORWARDED])
            found = list(self.signatures.values()) or [WERKZEUG]
            return ("setter", found)
        if isinstance(func, ast.Attribute) and func.attr == "add_cookie" and "sanic" in self.modules:
            return ("object", [SANIC_ADD_COOKIE])
        callee = last_name(func) if isinstance(func, (ast.Name, ast.Attribute)) else None
        if callee in SESSION_SINKS and SESSION_SINKS[callee][0] in self.modules:
            return ("object", [SESSION_SINKS[callee][1]])
        if self.path_of(func) in ("litestar.datastructures.Cookie",
                                  "litestar.datastructures.cookie.Cookie"):
            return ("object", [LITESTAR_COOKIE])
        return None

    def suppressed(self, call) -> Optional[bool]:
        """Whether a marker covers the call; None when the comments cannot be read."""
        if self.comments is None:
            return None
        first, last = call.lineno, call.end_lineno
        marked = [text for line, (text, _) in self.comments.items() if first <= line <= last]
        above = self.comments.get(first - 1)
        if above and above[1]:
            marked.append(above[0])
        return any(MARKER.search(text) for text in marked)


def receiver_name(node) -> Optional[str]:
    """The last name of a call's receiver: `response` of `self.response`, `super` of
    `super()`."""
    if isinstance(node, ast.Call):
        node = node.func
    if isinstance(node, ast.Attribute):
        return node.attr
    if isinstance(node, ast.Name):
        return node.id
    return None


def methods_of(cls):
    """The functions whose nearest enclosing class or function is `cls`: its body's, and
    those in its blocks (`if`, `try`, ...)."""
    pending = list(cls.body)
    while pending:
        node = pending.pop()
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)):
            yield node
        elif not isinstance(node, ast.ClassDef):
            for name in ("body", "orelse", "finalbody", "handlers", "cases"):
                pending.extend(getattr(node, name, []) or [])


def local_parameters(definition) -> tuple:
    """A method's parameters as the frameworks' are written above."""
    args = definition.args
    positional = [a.arg for a in args.posonlyargs + args.args]
    if positional and positional[0] in ("self", "cls"):
        positional = positional[1:]
    keyword_only = [a.arg for a in args.kwonlyargs]
    return (positional, keyword_only, args.kwarg is not None, {})


def spelling(params, attribute) -> Optional[str]:
    positional, keyword_only, kwargs, _ = params
    for name in positional + keyword_only:
        if name in ATTRIBUTES[attribute]:
            return name
    return ATTRIBUTES[attribute][0] if kwargs else None


def given(call, params, attribute):
    """The argument node the call gives the attribute, or None."""
    for k in call.keywords:
        if k.arg in ATTRIBUTES[attribute]:
            return k.value
    positional = params[0]
    for name in ATTRIBUTES[attribute]:
        if name in positional:
            index = positional.index(name)
            if index < len(call.args) and not any(isinstance(a, ast.Starred) for a in call.args[:index + 1]):
                return call.args[index]
    return None


def is_set(value, params, attribute, name) -> bool:
    """Whether a given value sets the attribute (or is a policy), so it must stay."""
    if attribute == "samesite":
        if isinstance(value, ast.Constant) and isinstance(value.value, str) and value.value.lower() in POLICIES:
            return True
        if is_falsy(value) and params[3].get(name) == "policy":
            return True
        return not is_falsy(value)  # anything else is not the engine's to change
    return not is_falsy(value)


def cookie_name(call) -> Optional[str]:
    for k in call.keywords:
        if k.arg in ("key", "name") and isinstance(k.value, ast.Constant):
            return k.value.value if isinstance(k.value.value, str) else None
    if call.args and isinstance(call.args[0], ast.Constant) and isinstance(call.args[0].value, str):
        return call.args[0].value
    return None


def left_alone(call) -> bool:
    if not isinstance(call.func, ast.Attribute) or call.func.attr not in SETTERS:
        return False
    name = (last_name(call.func.value) or "").lower()
    if name.endswith(("client", "app")) or "jar" in name or name == "cookies":
        return True
    return len(call.args) == 1 and not call.keywords


def expected_change(file: File, call, sink) -> list:
    """The changes a call that leaves no doubt must get: [(attribute, how)]."""
    kind, params_list = sink
    if len(params_list) != 1 or left_alone(call) or file.suppressed(call) is not False:
        return []
    if any(isinstance(a, ast.Starred) for a in call.args) or any(k.arg is None for k in call.keywords):
        return []
    method = call.func.attr if isinstance(call.func, ast.Attribute) else None
    if method in file.defined or (method in FORWARDING and "set_cookie" in file.defined):
        return []
    params = params_list[0]
    out = []
    for attribute in ("httponly", "samesite"):
        name = spelling(params, attribute)
        if name is None or file.left_as_deletion(call, attribute):
            continue
        value = given(call, params, attribute)
        if attribute == "httponly" and (cookie_name(call) or "").lower() in CSRF_NAMES:
            continue
        if value is None:
            if params[3].get(name) not in ("set",):
                out.append(attribute)
        elif is_falsy(value) and not is_set(value, params, attribute, name):
            out.append(attribute)
    return out


def strip_changes(before: ast.Call, after: ast.Call, file: File, sink, problems, where):
    """Checks one call's changes; returns the attributes changed."""
    kind, params_list = sink
    changed, nested = [], []
    new_keywords = after.keywords[len(before.keywords):]
    old_keywords = after.keywords[:len(before.keywords)]
    if len(after.args) != len(before.args):
        problems.append(f"{where}: positional arguments added or removed")
        return changed
    order = []
    for k in new_keywords:
        attribute = next((a for a, names in ATTRIBUTES.items() if k.arg in names), None)
        if attribute is None:
            problems.append(f"{where}: a keyword {k.arg!r} added")
            continue
        ok = is_true_constant(k.value) if attribute == "httponly" else is_lax(k.value)
        if not ok:
            problems.append(f"{where}: {k.arg} added as {ast.dump(k.value)}")
        for params in params_list:
            name = spelling(params, attribute)
            if name != k.arg:
                problems.append(f"{where}: {k.arg}= is not what the framework takes ({name})")
            elif given(before, params, attribute) is not None:
                problems.append(f"{where}: {k.arg}= added beside the one given")
            elif params[3].get(name) == "set":
                problems.append(f"{where}: {k.arg}= added where the framework sets it by default")
        if attribute == "httponly" and (cookie_name(before) or "").lower() in CSRF_NAMES:
            problems.append(f"{where}: HttpOnly added to a CSRF token cookie")
        order.append(attribute)
        changed.append(attribute)
    if order != sorted(order, key=["httponly", "samesite"].index):
        problems.append(f"{where}: keywords added out of order {order}")
    # Replaced values, by keyword or by position.
    if any(b.arg != a.arg for b, a in zip(before.keywords, old_keywords)):
        problems.append(f"{where}: keywords reordered or renamed")
    pairs = [(b.value, a.value, b.arg, None) for b, a in zip(before.keywords, old_keywords)]
    pairs += [(b, a, None, index) for index, (b, a) in enumerate(zip(before.args, after.args))]
    for b, a, arg, index in pairs:
        if ast.dump(b) == ast.dump(a):
            continue
        if isinstance(b, ast.Call) and file.sink(b) is not None:
            nested.append((b, a))
            continue
        attribute = next((n for n, names in ATTRIBUTES.items() if arg in names), None)
        if arg is None:
            slots = {
                n for n, names in ATTRIBUTES.items() for params in params_list
                for name in names if name in params[0] and params[0].index(name) == index
            }
            attribute = slots.pop() if len(slots) == 1 else None
        if attribute is None:
            # Another cookie call inside this one's arguments: compared on its own.
            nested.append((b, a))
            continue
        ok = is_true_constant(a) if attribute == "httponly" else is_lax(a)
        kept = any(is_set(b, p, attribute, arg or spelling(p, attribute)) for p in params_list)
        if not ok or not is_falsy(b) or kept:
            problems.append(f"{where}: {attribute} changed from {ast.dump(b)} to {ast.dump(a)}")
        if attribute == "httponly" and (cookie_name(before) or "").lower() in CSRF_NAMES:
            problems.append(f"{where}: HttpOnly set on a CSRF token cookie")
        changed.append(attribute)
    return changed, nested


def morsel_flag(statement) -> Optional[tuple]:
    """(morsel expression, attribute) of `N[K]["httponly"] = v` or `m["samesite"] = v`."""
    if not isinstance(statement, ast.Assign) or len(statement.targets) != 1:
        return None
    target = statement.targets[0]
    if not isinstance(target, ast.Subscript) or not isinstance(target.slice, ast.Constant):
        return None
    key = target.slice.value
    if not isinstance(key, str) or key.lower() not in ATTRIBUTES:
        return None
    return (ast.unparse(target.value), key.lower())


def is_morsel_flag(node) -> bool:
    return morsel_flag(node) is not None


def morsel_value_problems(b, a, problems) -> None:
    """A morsel's attribute given a value: only a falsy flag made True, or an empty
    SameSite made "Lax" (None is written SameSite=None, a policy)."""
    where = f"line {b.lineno}"
    _, attribute = morsel_flag(b)
    if ast.dump(b.targets[0]) != ast.dump(a.targets[0]):
        problems.append(f"{where}: a morsel's target changed")
    if attribute == "httponly":
        ok = is_falsy(b.value) and is_true_constant(a.value)
    else:
        ok = isinstance(b.value, ast.Constant) and b.value.value == "" and is_lax(a.value)
    if not ok:
        problems.append(f"{where}: morsel {attribute} changed from {ast.dump(b.value)} "
                        f"to {ast.dump(a.value)}")


def align_statements(b: list, a: list, file: File, problems):
    """Pairs a block's statements before and after, where the after holds new lines
    `N[K]["httponly"] = True` / `N[K]["samesite"] = "Lax"`; None if it holds others."""
    dumps_b = [ast.dump(n) for n in b]
    dumps_a = [ast.dump(n) for n in a]
    pairs, added = [], []
    for tag, i1, i2, j1, j2 in difflib.SequenceMatcher(None, dumps_b, dumps_a, autojunk=False).get_opcodes():
        if tag == "equal" or (tag == "replace" and i2 - i1 == j2 - j1):
            pairs.extend(zip(b[i1:i2], a[j1:j2]))
            continue
        old = list(b[i1:i2])
        for statement in a[j1:j2]:
            flag = morsel_flag(statement)
            same = next((o for o in old if flag is not None and morsel_flag(o) == flag), None)
            if same is not None:
                old.remove(same)
                pairs.append((same, statement))
            elif flag is not None:
                added.append((statement, j1))
            elif old:
                pairs.append((old.pop(0), statement))
            else:
                return None
        if old:
            return None
    for statement, _ in added:
        target, attribute = morsel_flag(statement)
        ok = is_true_constant(statement.value) if attribute == "httponly" else is_lax(statement.value)
        index = a.index(statement)
        set_up = any(target in ast.unparse(earlier) for earlier in a[:index])
        if not ok or not set_up or not file.morsels:
            problems.append(f"line {statement.lineno}: a morsel line added that the rule "
                            f"does not allow: {ast.unparse(statement)}")
        if any(morsel_flag(earlier) == (target, attribute) for earlier in a[:index]):
            problems.append(f"line {statement.lineno}: a morsel flag added twice")
    return pairs


# Settings, from django/conf/global_settings.py, flask's default_config and
# flask-login's config.py: each HttpOnly one is True by default (CSRF's is False, and
# its cookie is read by page scripts: never changed); a SameSite one given no policy
# is made "Lax".
HTTPONLY_SETTINGS = {"SESSION_COOKIE_HTTPONLY", "REMEMBER_COOKIE_HTTPONLY"}
SAMESITE_SETTINGS = {"SESSION_COOKIE_SAMESITE", "CSRF_COOKIE_SAMESITE",
                     "LANGUAGE_COOKIE_SAMESITE", "REMEMBER_COOKIE_SAMESITE"}


def setting_name(node) -> Optional[str]:
    """The setting an assignment target or a keyword names."""
    if isinstance(node, ast.Name):
        return node.id
    if isinstance(node, ast.Subscript) and isinstance(node.slice, ast.Constant) and \
            isinstance(node.slice.value, str):
        return node.slice.value
    return None


def setting_value_problems(name, b, a, where, problems) -> None:
    if name in HTTPONLY_SETTINGS:
        ok = is_falsy(b) and is_true_constant(a)
    elif name in SAMESITE_SETTINGS:
        ok = is_falsy(b) and is_lax(a)
    else:
        ok = False
    if not ok:
        problems.append(f"{where}: setting {name} changed from {ast.dump(b)} to {ast.dump(a)}")


HEADER_APPENDS = [("httponly", "; HttpOnly"), ("samesite", "; SameSite=Lax")]


def is_header_name(node) -> bool:
    value = node.value if isinstance(node, ast.Constant) else None
    if isinstance(value, bytes):
        value = value.decode("latin-1")
    return isinstance(value, str) and value.lower() == "set-cookie"


def header_values(b, a) -> list:
    """The (before, after) values a Set-Cookie literal names in `b`: a dict's entry, a
    pair's second element, `X["Set-Cookie"] = value`, a call's argument after it."""
    pairs = []
    if isinstance(b, ast.Dict) and isinstance(a, ast.Dict) and len(b.keys) == len(a.keys):
        pairs += [(bv, av) for k, bv, av in zip(b.keys, b.values, a.values)
                  if k is not None and is_header_name(k)]
    elif isinstance(b, (ast.Tuple, ast.List)) and isinstance(a, type(b)) and len(b.elts) == len(a.elts):
        if len(b.elts) == 2 and is_header_name(b.elts[0]):
            pairs.append((b.elts[1], a.elts[1]))
    elif isinstance(b, ast.Assign) and isinstance(a, ast.Assign) and len(b.targets) == 1:
        target = b.targets[0]
        if isinstance(target, ast.Subscript) and is_header_name(target.slice):
            pairs.append((b.value, a.value))
    elif isinstance(b, ast.Call) and isinstance(a, ast.Call) and len(b.args) == len(a.args):
        for i in range(len(b.args) - 1):
            if is_header_name(b.args[i]):
                pairs.append((b.args[i + 1], a.args[i + 1]))
    return pairs


def template_texts(b, a) -> Optional[tuple]:
    """The literal text of a header value before and after, where only it changed: a
    string, an f-string's last piece, a `%` or `.format` template."""
    def text(node):
        if isinstance(node, ast.Constant) and isinstance(node.value, (str, bytes)):
            return node.value.decode("latin-1") if isinstance(node.value, bytes) else node.value
        return None
    if isinstance(b, ast.Constant) and isinstance(a, ast.Constant):
        return (text(b), text(a)) if text(b) is not None and text(a) is not None else None
    if isinstance(b, ast.JoinedStr) and isinstance(a, ast.JoinedStr):
        if len(a.values) == len(b.values) + 1 and all(
                ast.dump(x) == ast.dump(y) for x, y in zip(b.values, a.values)):
            return ("", text(a.values[-1])) if text(a.values[-1]) is not None else None
        if len(a.values) == len(b.values) and b.values and all(
                ast.dump(x) == ast.dump(y) for x, y in zip(b.values[:-1], a.values[:-1])):
            old, new = text(b.values[-1]), text(a.values[-1])
            return (old, new) if old is not None and new is not None else None
        return None
    if isinstance(b, ast.BinOp) and isinstance(a, ast.BinOp) and isinstance(b.op, ast.Mod):
        if ast.dump(b.right) == ast.dump(a.right):
            return template_texts(b.left, a.left)
        return None
    if isinstance(b, ast.Call) and isinstance(a, ast.Call) and isinstance(b.func, ast.Attribute) \
            and isinstance(a.func, ast.Attribute) and b.func.attr == a.func.attr == "format":
        if ast.dump(ast.Call(func=ast.Constant(0), args=b.args, keywords=b.keywords)) == \
                ast.dump(ast.Call(func=ast.Constant(0), args=a.args, keywords=a.keywords)):
            return template_texts(b.func.value, a.func.value)
    return None


def header_attributes(text: str) -> set:
    return {part.split("=", 1)[0].strip().lower() for part in text.split(";")[1:]}


def header_value_problems(b, a, where, problems) -> None:
    """A Set-Cookie value: only `; HttpOnly` and `; SameSite=Lax` appended, in that
    order, each where the value had none, in place of the separators it ended with."""
    texts = template_texts(b, a)
    if texts is None:
        problems.append(f"{where}: a Set-Cookie value changed otherwise")
        return
    old, new = texts
    kept = old.rstrip("; \t")
    rest = new[len(kept):] if new.startswith(kept) else None
    present = header_attributes(old)
    name = old.split("=", 1)[0].strip().lower() if "=" in old.split(";", 1)[0] else ""
    for attribute, text in HEADER_APPENDS:
        if rest is not None and rest.startswith(text):
            if attribute in present:
                problems.append(f"{where}: {text} appended where the value had {attribute}")
            if attribute == "httponly" and name in CSRF_NAMES:
                problems.append(f"{where}: HttpOnly appended to a CSRF token cookie")
            rest = rest[len(text):]
    if rest != "":
        problems.append(f"{where}: a Set-Cookie value changed otherwise: {old!r} -> {new!r}")


def compare(before, after, file: File, problems, checked) -> None:
    """Walks both trees together; cookie calls may differ as the rules allow."""
    stack = [(before, after)]
    while stack:
        b, a = stack.pop()
        if type(b) is not type(a):
            problems.append(f"line {getattr(b, 'lineno', '?')}: the tree changed")
            continue
        if isinstance(b, ast.AST):
            if is_morsel_flag(b) and ast.dump(b) != ast.dump(a):
                morsel_value_problems(b, a, problems)
                continue
            if isinstance(b, ast.Assign) and isinstance(a, ast.Assign) and len(b.targets) == 1 \
                    and ast.dump(b.value) != ast.dump(a.value) \
                    and setting_name(b.targets[0]) in HTTPONLY_SETTINGS | SAMESITE_SETTINGS | {"CSRF_COOKIE_HTTPONLY"}:
                setting_value_problems(setting_name(b.targets[0]), b.value, a.value,
                                       f"line {b.lineno}", problems)
                stack.append((b.targets, a.targets))
                continue
            if isinstance(b, ast.keyword) and isinstance(a, ast.keyword) and b.arg == a.arg \
                    and b.arg in HTTPONLY_SETTINGS | SAMESITE_SETTINGS | {"CSRF_COOKIE_HTTPONLY"} \
                    and ast.dump(b.value) != ast.dump(a.value):
                setting_value_problems(b.arg, b.value, a.value, f"line {b.value.lineno}", problems)
                continue
            headers = header_values(b, a)
            if headers:
                changed_values = set()
                for value_b, value_a in headers:
                    if ast.dump(value_b) != ast.dump(value_a):
                        where = f"line {getattr(value_b, 'lineno', '?')}"
                        header_value_problems(value_b, value_a, where, problems)
                        changed_values.add(id(value_b))
                for name in b._fields:
                    child_b, child_a = getattr(b, name, None), getattr(a, name, None)
                    if isinstance(child_b, list):
                        pairs = [(x, y) for x, y in zip(child_b, child_a or []) if id(x) not in changed_values]
                        if len(child_b) != len(child_a or []):
                            problems.append("a list of nodes changed length")
                        stack.extend(pairs)
                    elif id(child_b) not in changed_values:
                        stack.append((child_b, child_a))
                continue
            sink = file.sink(b)
            if sink is not None and ast.dump(b) != ast.dump(a):
                where = f"line {b.lineno}"
                changed, nested = strip_changes(b, a, file, sink, problems, where)
                if changed and file.suppressed(b) is True:
                    problems.append(f"{where}: a suppressed call changed")
                for attribute in changed:
                    if file.left_as_deletion(b, attribute):
                        problems.append(f"{where}: {attribute} given to a deletion of a cookie "
                                        "the file does not set with a literal")
                checked.append((b, changed))
                stack.append((b.func, a.func))
                stack.extend(nested)
                continue
            if sink is not None:
                checked.append((b, []))
            for name in b._fields:
                stack.append((getattr(b, name, None), getattr(a, name, None)))
        elif isinstance(b, list):
            if len(b) != len(a) and all(isinstance(n, ast.stmt) for n in b + a):
                pairs = align_statements(b, a, file, problems)
                if pairs is not None:
                    stack.extend(pairs)
                    continue
            if len(b) != len(a):
                problems.append("a list of nodes changed length")
                continue
            stack.extend(zip(b, a))
        elif b != a:
            problems.append(f"a value changed: {b!r} -> {a!r}")


def check(before: bytes, after: Optional[bytes]) -> list:
    try:
        tree = ast.parse(before)
    except (SyntaxError, ValueError):
        return []
    fixed = tree if after is None else None
    if after is not None:
        try:
            fixed = ast.parse(after)
        except (SyntaxError, ValueError) as error:
            return [f"the output does not parse: {error}"]
    file = File(tree, before)
    problems, checked = [], []
    compare(tree, fixed, file, problems, checked)
    # A module-level setting that leaves no doubt: a falsy literal, no DEBUG = True.
    debug = any(isinstance(n, ast.Assign) and any(isinstance(t, ast.Name) and t.id == "DEBUG"
                                                  for t in n.targets)
                and not is_falsy(n.value) for n in tree.body)
    after_body = {ast.dump(n) for n in fixed.body}
    for statement in tree.body:
        if isinstance(statement, ast.Assign) and len(statement.targets) == 1 and not debug:
            name = setting_name(statement.targets[0])
            if isinstance(statement.targets[0], ast.Name) and name in HTTPONLY_SETTINGS | SAMESITE_SETTINGS \
                    and is_falsy(statement.value) and ast.dump(statement) in after_body \
                    and file.suppressed(statement) is False:
                problems.append(f"line {statement.lineno}: missed-fix: {name}")
    for call, changed in checked:
        sink = file.sink(call)
        for attribute in expected_change(file, call, sink):
            if attribute not in changed:
                problems.append(f"line {call.lineno}: missed-fix: {attribute}")
    return problems


def self_test() -> int:
    head = b"from flask import Response\n"
    cases = [
        (head + b"r.set_cookie('k', v)\n", head + b"r.set_cookie('k', v, httponly=True, samesite='Lax')\n", True),
        (head + b"r.set_cookie('k', v)\n", head + b"r.set_cookie('k', v, samesite='Lax', httponly=True)\n", False),
        (head + b"r.set_cookie('k', v)\n", head + b"r.set_cookie('k', v, httponly=True)\n", False),
        (head + b"r.set_cookie('k', v, samesite='Strict', httponly=True)\n", None, True),
        (head + b"r.set_cookie('k', v, samesite='Strict', httponly=True)\n",
         head + b"r.set_cookie('k', v, samesite='Lax', httponly=True)\n", False),
        (head + b"r.set_cookie('k', v, samesite=None, httponly=0)\n",
         head + b"r.set_cookie('k', v, samesite='Lax', httponly=True)\n", True),
        (head + b"r.set_cookie('csrftoken', v, samesite='Lax')\n", None, True),
        (head + b"r.set_cookie('csrftoken', v, samesite='Lax')\n",
         head + b"r.set_cookie('csrftoken', v, samesite='Lax', httponly=True)\n", False),
        (head + b"r.set_cookie('k', v, None, None, '/', None, True, False, 'Lax')\n",
         head + b"r.set_cookie('k', v, None, None, '/', None, True, True, 'Lax')\n", True),
        (head + b"r.set_cookie('k', v, None, None, '/', None, False, False, 'Lax')\n",
         head + b"r.set_cookie('k', v, None, None, '/', None, True, False, 'Lax')\n", False),
        (b"import falcon\nr.set_cookie('k', v)\n", b"import falcon\nr.set_cookie('k', v, same_site='Lax')\n", True),
        (b"import falcon\nr.set_cookie('k', v)\n",
         b"import falcon\nr.set_cookie('k', v, http_only=True, same_site='Lax')\n", False),
        (b"import bottle\nr.set_cookie('k', v, samesite=None, httponly=True)\n", None, True),
        (b"import bottle\nr.set_cookie('k', v, samesite=None, httponly=True)\n",
         b"import bottle\nr.set_cookie('k', v, samesite='Lax', httponly=True)\n", False),
        (b"import starlette\nr.set_cookie('k', v, httponly=True)\n", None, True),
        (head + b"r.set_cookie('k', v)  # cookie-fix: ignore\n", None, True),
        (head + b"r.set_cookie('k', v)  # cookie-fix: ignore\n",
         head + b"r.set_cookie('k', v, httponly=True, samesite='Lax')  # cookie-fix: ignore\n", False),
        (head + b"x = 1\n", head + b"x = 2\n", False),
        # A typing.Protocol's method is no signature; a class's own method is one.
        (head + b"from typing import Protocol\nclass P(Protocol):\n    def set_cookie(self, k, v): ...\n"
         b"r.set_cookie('k', v)\n", head + b"from typing import Protocol\nclass P(Protocol):\n"
         b"    def set_cookie(self, k, v): ...\nr.set_cookie('k', v, httponly=True, samesite='Lax')\n",
         True),
        (head + b"class P:\n    def set_cookie(self, k, v): ...\nr.set_cookie('k', v)\n",
         head + b"class P:\n    def set_cookie(self, k, v): ...\n"
         b"r.set_cookie('k', v, httponly=True, samesite='Lax')\n", False),
        # A wrapper's own body calls the framework's setter on another object.
        (head + b"class U:\n    def set_cookie(self, response, k, v):\n        response.set_cookie(k, v)\n",
         head + b"class U:\n    def set_cookie(self, response, k, v):\n"
         b"        response.set_cookie(k, v, httponly=True, samesite='Lax')\n", True),
        # A deletion follows the cookie it deletes: fixed where the file sets it with a literal.
        (head + b"r.set_cookie('a', '', max_age=0)\n", None, True),
        (head + b"r.set_cookie('a', '', max_age=0)\n",
         head + b"r.set_cookie('a', '', max_age=0, httponly=True, samesite='Lax')\n", False),
        (head + b"r.set_cookie('a', 'v', httponly=True, samesite='Lax')\nr.set_cookie('a', expires=0)\n",
         None, False),
        (head + b"r.set_cookie('a', 'v', httponly=True, samesite='Lax')\nr.set_cookie('a', expires=0)\n",
         head + b"r.set_cookie('a', 'v', httponly=True, samesite='Lax')\n"
         b"r.set_cookie('a', expires=0, httponly=True, samesite='Lax')\n", True),
        # Settings: falsy made True / 'Lax'; a policy and CSRF's HttpOnly never changed.
        (b"SESSION_COOKIE_HTTPONLY = False\nSESSION_COOKIE_SAMESITE = None\n",
         b"SESSION_COOKIE_HTTPONLY = True\nSESSION_COOKIE_SAMESITE = 'Lax'\n", True),
        (b"SESSION_COOKIE_HTTPONLY = False\n", None, False),
        (b"CSRF_COOKIE_HTTPONLY = False\n", b"CSRF_COOKIE_HTTPONLY = True\n", False),
        (b"CSRF_COOKIE_SAMESITE = 'None'\n", b"CSRF_COOKIE_SAMESITE = 'Lax'\n", False),
        (b"app.config.update(REMEMBER_COOKIE_SAMESITE=None)\n",
         b"app.config.update(REMEMBER_COOKIE_SAMESITE='Lax')\n", True),
        # Set-Cookie headers: attributes appended in order, in place of trailing separators.
        (b"h = {'Set-Cookie': 'sid=abc; '}\n", b"h = {'Set-Cookie': 'sid=abc; HttpOnly; SameSite=Lax'}\n", True),
        (b"h = {'Set-Cookie': 'sid=abc'}\n", b"h = {'Set-Cookie': 'sid=abc; SameSite=Lax; HttpOnly'}\n", False),
        (b"h = {'Set-Cookie': 'sid=abc; SameSite=None'}\n", b"h = {'Set-Cookie': 'sid=abc; SameSite=None; SameSite=Lax'}\n", False),
        (b"h = [('Set-Cookie', 'csrftoken=t')]\n", b"h = [('Set-Cookie', 'csrftoken=t; HttpOnly')]\n", False),
        (b"r.headers['set-cookie'] = f'k={v}'\n", b"r.headers['set-cookie'] = f'k={v}; HttpOnly'\n", True),
        # Morsels: a line added after the set-up, a falsy flag made True; None is a policy.
        (b"from http.cookies import SimpleCookie\nc = SimpleCookie()\nc['k'] = v\nprint(c)\n",
         b"from http.cookies import SimpleCookie\nc = SimpleCookie()\nc['k'] = v\n"
         b"c['k']['httponly'] = True\nc['k']['samesite'] = 'Lax'\nprint(c)\n", True),
        (b"from http.cookies import SimpleCookie\nc = SimpleCookie()\nc['k'] = v\n"
         b"c['k']['samesite'] = None\nc['k']['httponly'] = 0\n",
         b"from http.cookies import SimpleCookie\nc = SimpleCookie()\nc['k'] = v\n"
         b"c['k']['samesite'] = None\nc['k']['httponly'] = True\n", True),
        (b"from http.cookies import SimpleCookie\nc = SimpleCookie()\nc['k'] = v\n"
         b"c['k']['samesite'] = None\n",
         b"from http.cookies import SimpleCookie\nc = SimpleCookie()\nc['k'] = v\n"
         b"c['k']['samesite'] = 'Lax'\n", False),
        (b"from http.cookies import SimpleCookie\nc = SimpleCookie()\nc['k'] = v\n",
         b"from http.cookies import SimpleCookie\nc = SimpleCookie()\nc['k'] = v\n"
         b"c['j']['httponly'] = True\n", False),
    ]
    failures = 0
    for number, (before, after, good) in enumerate(cases):
        problems = check(before, after)
        if (not problems) != good:
            failures += 1
            print(f"self-test case {number}: expected {'pass' if good else 'failure'}, got {problems}")
    print(f"attribute oracle self-test: {len(cases) - failures} of {len(cases)} cases judged right")
    return 1 if failures else 0


def main() -> int:
    if sys.argv[1:] == ["--self-test"]:
        return self_test()
    if len(sys.argv) != 2:
        sys.exit("usage: attribute_oracle.py MANIFEST.jsonl | --self-test")
    manifest = sys.argv[1]
    root = manifest.rsplit("/", 1)[0] if "/" in manifest else "."
    checked = failed = 0
    with open(manifest, encoding="utf-8") as file:
        for line in file:
            case = json.loads(line)
            with open(f"{root}/{case['input']}", "rb") as f:
                before = f.read()
            after = None
            if case["output"]:
                with open(f"{root}/{case['output']}", "rb") as f:
                    after = f.read()
            problems = check(before, after)
            checked += 1
            if problems:
                failed += 1
                for problem in problems:
                    print(f"{case['name']}: {problem}")
    print(f"attribute oracle: {checked} cases checked, {failed} with violations")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
