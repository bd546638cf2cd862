#!/usr/bin/env python3
"""An oracle for cookie-fix that shares nothing with the engine: Python's own `ast` and
`tokenize` read the files, and the rules of DESIGN.md sections 1-3 and 8 are restated here.

    ast_oracle.py MANIFEST                 check the cases a manifest lists
    ast_oracle.py --folders BEFORE AFTER   check every Python file of BEFORE against its
                                           copy in AFTER (scripts/verify-corpus.sh)
    ast_oracle.py --self-test              check the oracle on built-in cases first
    ast_oracle.py --project MANIFEST       (or with --folders) the files were fixed within
                                           their project: see "Project mode" below

A manifest has one JSON object per line: {"name", "input", "output", "error"}; `output`
is the path of the fixed file (null when the engine changed nothing), `error` the
engine's reason for skipping the file (null when it did not); relative paths are read
from the manifest's folder. With --project a line also gives "path", the file's path in
its project, and "project", a name shared by the files of one project.

Each case whose input Python parses is held to these rules; every broken one is printed
as `NAME:LINE: KIND: DETAIL`, then `ast oracle: N cases, M changed, K violations`.
- The output parses; its tree equals the input's except at cookie calls, where one
  change per call is allowed: `secure=True` added as the last keyword, a `secure=`
  keyword's falsy literal made `True`, or the positional argument at secure's index
  made `True` from a falsy literal.
- Each change is one Python accepts at run time under every signature the call may
  have (section 2: local methods, but for a typing.Protocol's, else the imported
  frameworks), on a call that is not
  left alone (section 1) and not suppressed.
- No byte outside the changed calls changes; inside them the comments stay, in order,
  and no new kind of line ending appears. A new last argument or entry is laid out as
  section 3 says: on a line of its own, indented as the last one's first line, where the
  last one and the closing bracket each start a line (its comma, comments and backslash
  continuations after it being layout), else on the last one's line.
- Configuration (secure-cookie-setting; Tornado's and CherryPy's mappings of
  secure-session-cookie): a setting's literal made `True` where the framework reads it
  (not in a function, not a test override; a true literal only in a complete Django
  settings module); a mapping's new last entry `"secure": True` (or
  `xsrf_cookie_kwargs={"secure": True}`) only where the package is imported and the
  cookie turned on (Tornado's settings also in an `Application` subclass's
  `super().__init__(...)`); a line `NAME = True` added only where Django's own
  deployment checks warn, beside the module's last `*_COOKIE_*` setting, else its last
  `SECURE_*` one, else at the end of the module or before the star imports that end it;
  a `SESSION_COOKIE_SECURE = True` line only in a Flask config class a deployment loads
  (section 9's roles: production where the file names one, else the base that sets the
  secret key; never a test or development class), after its last `*_COOKIE_*` setting or
  last; for an app, `SESSION_COOKIE_SECURE=True` as the last entry of the file's first
  `app.config.update(...)` that gives cookie settings, else an
  `app.config["SESSION_COOKIE_SECURE"] = True` line after the statement that sets that
  app's secret key; both in a file that names the setting nowhere outside test and
  development classes. Each added line is indented as its neighbour and ends as the
  file's lines do.
- Cookies written by hand, and cookie objects. A Litestar `Cookie(...)` (found through the imports) is a cookie
  call with secure at slot 6; a Sanic `X.add_cookie(...)` (sanic imported) changes only
  by a falsy `secure=` made True. A Set-Cookie header value (secure-cookie-header: a dict
  entry, pair, item or header call the rule reads, not in client-side code, not
  suppressed) gains `; Secure` in place of the trailing `;`/blank run of its last
  literal piece, only where it had no Secure attribute and each replacement field
  (f-string, `%`, `.format`, read by Python's rules) stands for a value: right after
  `NAME=` or joined to a value's text, or in the cookie's name. An http.cookies object made in
  the scope (secure-cookie-morsel): a falsy `["secure"]` made True, or a line
  `N[K]["secure"] = True` added right after its block's last statement that sets that
  morsel, where the scope gives it no secure, once per block, outside test modules.
- A call the rules make a plain fix is fixed, and so is configuration that leaves no
  doubt: a falsy setting where the framework reads it, a Tornado or CherryPy entry left
  out or false, a setting Django's checks warn about, a Flask config class's missing
  setting ("missed-fix" otherwise; scripts/django-agreement.sh holds the Django part to
  Django itself). Of the cookies written by hand: a Litestar or Sanic call's plain fix, a one-piece
  str header value (or such a template whose fields stand for values) with nothing to
  review in a file without client code, a falsy
  morsel flag, and one literal-keyed value of a `SimpleCookie()` atop its block in a
  scope that says nothing of secure.
- Values (section 8, restated in scripts/value_oracle.py): a flag whose value is no
  literal is read as a deployment computes it (HTTPS, DEBUG off, no environment variable
  set, a cookie setting another rule judges taken as true). Where that settles it, nothing
  changes on its account. Where it is false, the one change allowed is where the value is
  decided, and only at a link that feeds nothing but cookie flags (every read of the name,
  parameter or dict is a flag, or feeds one): a falsy literal reached unchanged (in the
  value, at a binding, a parameter's default, a caller's argument) made True; an
  environment or configuration default made the literal that makes the flag true, spelled
  as the old one (its turned-over spelling, 'No' -> 'Yes', where that works), checked by
  running the flag's expression, closed over what it reads, under stand-ins of os.environ,
  django-environ, python-decouple and environs: false before, true after, false again with
  the variable set to the old spelling; `secure=True` after a `**dict` that the function
  writes out without the key and hands to no call before. A parameter is judged at each
  call of its function in the module (its default where none passes it). Any other
  change of a literal is a violation, and a fix these rules leave no doubt about is
  expected ("missed-fix"). A deletion (an empty value with a zero or past lifetime) is
  judged only where the file sets that cookie with a literal flag.
- A file Python parses is not skipped for a syntax error ("lost-fix", unless
  --no-lost-fixes) or an internal error.

Project mode (--project; tests/ast_oracle.rs runs the program on testdata's project
cases) allows, besides all of the above, what a file gets only from its project
(DESIGN.md section 10), each judged with `ast` and the rest held as strictly:
- A cookie call's `secure=` inserted, or made from a falsy literal, as a secure cookie
  setting the project's other calls pass: a dotted name ending in one of SECURE_SETTINGS
  whose first name an import of the module itself binds (`settings.SESSION_COOKIE_SECURE`
  after `from django.conf import settings`).
- Or as the request's scheme tested for "https", spelled as a framework the file imports
  reads it (SCHEME_TESTS: `R.url.scheme == "https"` for Starlette, FastAPI and Litestar,
  `R.scheme == "https"` for Sanic, aiohttp and Quart), R a parameter of a function around
  the call named request or req or annotated with a `Request` class, or Quart's `request`
  imported from quart. The edit is section 3's, with that value for `True`.
- In a test file (below tests/, test/ or testing/, or test_*.py, *_test.py, conftest.py):
  a test client (TEST_CLIENTS) given its own base URL with https (`base_url=
  "https://testserver"` for Starlette's and FastAPI's TestClient, "https://testserver.local"
  for Litestar's) as its new last keyword, laid out as an added keyword, where it gives
  none; or its base URL's string literal (the keyword, or Starlette's and Litestar's second
  argument) turned from `http://...` to `https://...`, the rest of its text kept. A base
  URL given as a NAME is followed to `NAME = "http://..."` (or an f-string starting so;
  never a raw or bytes string), whose `http://` alone may become `https://`, where a test
  client's call reads that binding: in its own scope, before the call and the only binding
  of NAME there, or at module level, the only one, with no scope around the call binding
  NAME ("bound-url" otherwise).
- Once a project's test clients move to HTTPS (a test file's client edit is seen among
  its files), in a test file's string (or f-string's literal parts; never a raw or bytes
  string), each URL at the plain-HTTP origin of one of the project's test clients (no
  letter or digit before it; after the origin, the text's end or a character no host
  holds) may have its `http://` alone made `https://`: the tests' own expectations of the
  app's URL, `"http://testserver/welcome"` or `'<a href="http://testserver/">'`. Nothing
  else of the string changes. The origins are read from the project's test files
  before any is judged: a recognised client constructed with no base URL has its own
  default with http (`http://testserver`, Litestar's `http://testserver.local`); one
  given a base URL literal `"http://HOST[:PORT]/..."` has `http://HOST[:PORT]`
  ("url-origin" at any other origin, `http://testserver.example` included).
- A call of a setter that a class of another file of the project defines is not expected
  to be fixed: that wrapper may be its callee.

Python's tree hides parentheses inside a call: where an argument starts is read from the
bytes between two arguments, which hold only brackets, a comma, comments and layout.
"""

import argparse
import ast
import codecs
import io
import json
import os
import re
import string
import sys
import tokenize
import warnings
from dataclasses import dataclass, field
from functools import cached_property
from typing import Optional

import value_oracle as vo
from value_oracle import const_str, last_name

SETTERS = {"set_cookie", "set_signed_cookie", "set_secure_cookie"}
SETTER_BYTES = [b"set_cookie", b"set_signed_cookie", b"set_secure_cookie"]
# They pass their keyword arguments on to `set_cookie`: `secure` is keyword-only.
FORWARDING_SETTERS = {"set_signed_cookie", "set_secure_cookie"}
# PEP 544: a class with one of these bases is a type that other classes' objects match;
# its methods implement nothing, and are no signature (section 2's local definitions).
PROTOCOLS = {"typing.Protocol", "typing_extensions.Protocol"}

# Section 2: the family of each framework's first module component, and where the
# family's `set_cookie` takes `secure` positionally (None: keyword only).
FAMILIES = {
    **dict.fromkeys(
        ["werkzeug", "flask", "quart", "starlette", "fastapi", "django", "litestar"], "werkzeug"
    ),
    **dict.fromkeys(["pyramid", "webob"], "webob"),
    **dict.fromkeys(["aiohttp", "tornado", "bottle"], "keyword-only"),
    "falcon": "falcon",
}
FAMILY_INDEX = {"werkzeug": 6, "webob": 5, "keyword-only": None, "falcon": 6}
DEFAULT_INDEX = 6

# The rule `secure-session-cookie` (src/rules/secure_session_cookie/), restated from the
# packages' own signatures: the class, the module whose import makes the name that
# class, the flag, its positional slot among the call's arguments (None: keyword only),
# and the calls that take the class as their first argument (the same slot then).
SESSION_SINKS = {
    "SessionMiddleware": ("starlette", "https_only", 6, ("add_middleware", "Middleware")),
    **{
        name: ("aiohttp_session", "secure", None, ())
        for name in (
            "EncryptedCookieStorage",
            "NaClCookieStorage",
            "SimpleCookieStorage",
            "RedisStorage",
            "MemcachedStorage",
        )
    },
    "SignedCookieSessionFactory": ("pyramid", "secure", 5, ()),
    "BaseCookieSessionFactory": ("pyramid", "secure", 5, ()),
    "AuthTktCookieHelper": ("pyramid", "secure", 2, ()),
    "AuthTktAuthenticationPolicy": ("pyramid", "secure", 3, ()),
    "CookieBackendConfig": ("litestar", "secure", 6, ()),
    "ServerSideSessionConfig": ("litestar", "secure", 7, ()),
}
SESSION_BYTES = [name.encode() for name in SESSION_SINKS]


def session_sink(node):
    """The session sink a call configures, by the callee's name or the class it is
    handed first; None for any other call."""
    if not isinstance(node, ast.Call):
        return None
    callee = last_name(node.func) if isinstance(node.func, (ast.Name, ast.Attribute)) else None
    if callee in SESSION_SINKS:
        return callee
    first = node.args[0] if node.args else None
    if isinstance(first, (ast.Name, ast.Attribute)):
        name = first.id if isinstance(first, ast.Name) else first.attr
        if name in SESSION_SINKS and callee in SESSION_SINKS[name][3]:
            return name
    return None


# Section 2's suppression markers as the contract words them: a comment containing
# `cookie-fix: ignore` with any blanks around the colon (a rule list must name this
# rule), or NOSONAR or nosec in any case. A change to a call marked so is a violation.
STRICT_MARKER = re.compile(
    r"cookie-fix[ \t]*:[ \t]*ignore(?!\[)"
    r"|cookie-fix[ \t]*:[ \t]*ignore\[[^\]]*\bsecure-cookie\b"
    r"|(?i:nosonar|nosec)"
)
# Any spelling an engine might also take: a call marked so is never expected to be
# fixed, so that a more generous engine is not reported for a missed fix.
LOOSE_MARKER = re.compile(r"(?i)cookie.?fix\s*:?\s*ignore|nosonar|nosec")

LINE_ENDING = re.compile(rb"\r\n|\r|\n")


@dataclass
class Violation:
    line: int  # 1-based line of the input; 0 for the whole file
    kind: str
    detail: str


# --- reading a file -------------------------------------------------------------------


class Source:
    """A file's bytes and what Python makes of them: its tree and byte offsets."""

    def __init__(self, data: bytes):
        self.data = data
        self.tree = python_parse(data)
        if self.tree is None:
            return
        self.codec = source_codec(data)
        self.bom = 3 if data.startswith(codecs.BOM_UTF8) else 0
        # Python ends lines at CRLF, CR and LF; so must every line number used here.
        self.line_starts = [self.bom] + [m.end() for m in LINE_ENDING.finditer(data)]

    def offset(self, line: int, column: int) -> int:
        """The byte offset of an `ast` position (1-based line, column in UTF-8 bytes)."""
        start = self.line_starts[line - 1]
        if self.codec in ("utf-8", "utf-8-sig"):
            return start + column
        end = self.line_starts[line] if line < len(self.line_starts) else len(self.data)
        text = self.data[start:end].decode(self.codec, errors="replace")
        prefix = text.encode("utf-8")[:column].decode("utf-8", errors="replace")
        return start + len(prefix.encode(self.codec, errors="replace"))

    def span(self, node: ast.AST) -> tuple[int, int]:
        return (
            self.offset(node.lineno, node.col_offset),
            self.offset(node.end_lineno, node.end_col_offset),
        )

    def text(self, start: int, end: int) -> str:
        """The bytes decoded, with Python's line endings made LF (tokenize reads at LF)."""
        text = self.data[start:end].decode(self.codec.replace("-sig", ""), errors="replace")
        return re.sub(r"\r\n?", "\n", text)

    def line_of(self, offset: int) -> int:
        line = 1
        while line < len(self.line_starts) and self.line_starts[line] <= offset:
            line += 1
        return line

    def comments(self) -> Optional[list]:
        """The comment tokens of the whole file, or None if `tokenize` fails on it."""
        return comment_tokens(self.text(self.bom, len(self.data)))


def python_parse(data: bytes) -> Optional[ast.Module]:
    with warnings.catch_warnings():
        # Invalid escape sequences and the like: the file still parses.
        warnings.simplefilter("ignore")
        try:
            return ast.parse(data)
        except (SyntaxError, ValueError, RecursionError, MemoryError):
            return None


def source_codec(data: bytes) -> str:
    # `detect_encoding` reads lines at LF only; Python's parser also ends them at CR.
    unified = re.sub(rb"\r\n?", b"\n", data)
    try:
        name = tokenize.detect_encoding(io.BytesIO(unified).readline)[0]
    except SyntaxError:
        name = "utf-8"
    return codecs.lookup(name).name


def comment_tokens(text: str) -> Optional[list]:
    try:
        tokens = tokenize.generate_tokens(io.StringIO(text).readline)
        return [t for t in tokens if t.type == tokenize.COMMENT]
    except (tokenize.TokenError, SyntaxError):
        return None


def call_comments(source: Source, call: ast.Call) -> Optional[list]:
    """The comments inside a call: its text in parentheses tokenizes on its own."""
    comments = comment_tokens("(" + source.text(*source.span(call)) + ")")
    return None if comments is None else [c.string for c in comments]


# --- sections 1 and 2: what a call is, and where it takes `secure` ----------------------


def is_cookie_call(node) -> bool:
    return (
        isinstance(node, ast.Call)
        and isinstance(node.func, ast.Attribute)
        and node.func.attr in SETTERS
    )


def is_falsy_literal(node) -> bool:
    if isinstance(node, ast.JoinedStr):
        return not node.values  # f""
    return (
        isinstance(node, ast.Constant)
        and type(node.value) in (bool, type(None), int, float, complex, str, bytes)
        and not node.value
    )


def is_true(node) -> bool:
    return isinstance(node, ast.Constant) and node.value is True


def is_none(node) -> bool:
    return isinstance(node, ast.Constant) and node.value is None


def is_truthy_literal(node) -> bool:
    return isinstance(node, ast.Constant) and node.value is not Ellipsis and bool(node.value)




def left_alone_because(call: ast.Call) -> Optional[str]:
    """Why section 1 leaves a call alone: a test client, a cookie jar, a cookie object."""
    name = last_name(call.func.value)
    if name is not None:
        lower = "".join(c.lower() if "A" <= c <= "Z" else c for c in name)
        if lower.endswith(("client", "app")) or "jar" in lower or lower == "cookies":
            return f"receiver `{name}` is not an HTTP response"
    only = call.args[0] if len(call.args) == 1 else None
    if only is not None and not call.keywords and not isinstance(only, ast.Starred):
        return "its only argument is one positional expression"
    return None


def has_splat(call: ast.Call) -> bool:
    return any(isinstance(a, ast.Starred) for a in call.args) or any(
        k.arg is None for k in call.keywords
    )


def secure_keyword(call: ast.Call) -> Optional[ast.keyword]:
    return next((k for k in call.keywords if k.arg == "secure"), None)


@dataclass(frozen=True)
class Signature:
    """Where one possible callee takes `secure`."""

    origin: str  # for messages
    index: Optional[int]  # positional index after self; None: not positional
    keyword: bool  # `secure=` accepted: a parameter that is not positional-only, or **kwargs
    # A method with *args and no `secure`: the framework slots its positional arguments
    # reach through *args (one per imported family), and how many it names itself.
    varargs_limits: tuple = ()
    named: Optional[int] = None
    secure_by_default: bool = False  # leaving `secure` out is secure
    none_is_default: bool = False  # `secure=None` is secure (Falcon)


def framework_signatures(families: list) -> list:
    if not families:
        return [Signature("the default (no framework imported)", DEFAULT_INDEX, True)]
    signatures = []
    for family in families:
        falcon = family == "falcon"
        signatures.append(
            Signature(
                f"the {family} family",
                FAMILY_INDEX[family],
                True,
                secure_by_default=falcon,
                none_is_default=falcon,
            )
        )
    return signatures


def method_signature(definition, framework_indexes: list) -> Signature:
    """Section 2: `secure`'s index among the parameters after a first `self` or `cls`."""
    args = definition.args
    positional = args.posonlyargs + args.args
    skipped = 1 if positional and positional[0].arg in ("self", "cls") else 0
    names = [a.arg for a in positional[skipped:]]
    origin = f"the method defined at line {definition.lineno}"
    defaults = dict(zip(reversed([a.arg for a in positional]), reversed(args.defaults)))
    defaults.update({a.arg: d for a, d in zip(args.kwonlyargs, args.kw_defaults) if d})
    truthy_default = "secure" in defaults and is_truthy_literal(defaults["secure"])
    takes_kwargs = args.kwarg is not None
    if "secure" in names:
        index = names.index("secure")
        positional_only = index + skipped < len(args.posonlyargs)
        return Signature(
            origin, index, takes_kwargs or not positional_only, secure_by_default=truthy_default
        )
    if "secure" in (a.arg for a in args.kwonlyargs):
        return Signature(origin, None, True, secure_by_default=truthy_default)
    if args.vararg is None:
        return Signature(origin, None, takes_kwargs)
    return Signature(origin, None, takes_kwargs, tuple(framework_indexes), len(names))


@dataclass
class FileRules:
    """What the file decides: its cookie calls, imported families and local methods."""

    calls: list = field(default_factory=list)
    families: list = field(default_factory=list)
    roots: set = field(default_factory=set)  # first components of imported modules
    # name -> the dotted paths the file's imports bind it to (`web` -> ["aiohttp.web"])
    aliases: dict = field(default_factory=dict)
    definitions: dict = field(default_factory=dict)  # name -> [(def, Signature)]
    # set_cookie methods of classes with bases: overrides, which set_signed_cookie and
    # set_secure_cookie pass their keyword arguments on to
    overrides: list = field(default_factory=list)

    @classmethod
    def of(cls, tree: ast.Module) -> "FileRules":
        rules = cls()
        definitions = []
        # One walk gathers everything. A def is a method when its nearest enclosing
        # class or function is a class (through if/try/with blocks in the class body).
        # `in_class` is that class (None outside one).
        stack = [(tree, None)]
        while stack:
            node, in_class = stack.pop()
            if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)):
                if in_class is not None and node.name in SETTERS:
                    definitions.append((node, in_class))
                in_class = None
            elif isinstance(node, ast.ClassDef):
                in_class = node
            elif is_cookie_call(node):
                rules.calls.append(node)
            elif isinstance(node, (ast.Import, ast.ImportFrom)):
                rules.add_import(node)
            push_children(stack, node, in_class)
        indexes = [FAMILY_INDEX[f] for f in rules.families if FAMILY_INDEX[f] is not None]
        if not rules.families:
            indexes = [DEFAULT_INDEX]
        for definition, cls in definitions:
            if is_protocol(cls, rules.aliases):
                continue  # a type of other classes' objects, implemented by none of them
            signature = method_signature(definition, indexes)
            rules.definitions.setdefault(definition.name, []).append((definition, signature))
            if definition.name == "set_cookie" and cls.bases:
                rules.overrides.append(signature)
        return rules

    def add_import(self, node):
        if isinstance(node, ast.Import):
            modules = [alias.name for alias in node.names]
        else:  # a relative import names a module of the project, not a framework
            modules = [node.module] if node.level == 0 and node.module else []
        self.add_aliases(node)
        for module in modules:
            self.roots.add(module.split(".")[0])
            family = FAMILIES.get(module.split(".")[0])
            if family and family not in self.families:
                self.families.append(family)

    def add_aliases(self, node):
        """`import a.b` binds `a`; `import a.b as c` binds c to a.b; `from a import b as
        c` binds c to a.b."""
        if isinstance(node, ast.Import):
            bound = [
                (alias.asname, alias.name) if alias.asname else (alias.name.split(".")[0],) * 2
                for alias in node.names
            ]
        elif node.level == 0 and node.module:
            bound = [
                (alias.asname or alias.name, f"{node.module}.{alias.name}")
                for alias in node.names if alias.name != "*"
            ]
        else:
            bound = []
        for name, path in bound:
            paths = self.aliases.setdefault(name, [])
            if path not in paths:
                paths.append(path)

    def signatures(self, call: ast.Call) -> list:
        """A local method wins, but for the call a wrapper's own body makes on another
        object (`response.set_cookie(...)` in `def set_cookie(self, response, ...)`),
        which reaches the framework's; else forwarding setters are keyword-only; else
        every imported family is a possible callee."""
        method = call.func.attr
        wrapped = last_name(call.func.value) not in ("self", "cls", "super")
        own = [
            signature for definition, signature in self.definitions.get(method, [])
            if not (wrapped and any(node is call for node in ast.walk(definition)))
        ]
        if own:
            return own
        if method in FORWARDING_SETTERS:
            # They pass their keyword arguments on to self.set_cookie(): a local method
            # of that name takes `secure` by keyword, or raises TypeError.
            forwarded = [
                Signature(f"the set_cookie {sig.origin[4:]}, which {method} passes secure= to",
                          None, sig.keyword)
                for sig in self.overrides
            ]
            return [Signature(f"{method} (keyword only)", None, True)] + forwarded
        return framework_signatures(self.families)


def is_protocol(cls: ast.ClassDef, aliases) -> bool:
    """A typing.Protocol class (`Protocol`, `Protocol[T]`, `typing_extensions.Protocol`)."""
    return any(
        PROTOCOLS & set(resolve_paths(base.value if isinstance(base, ast.Subscript) else base, aliases))
        for base in cls.bases
    )


def push_children(stack, node, in_class):
    # ast.iter_child_nodes, inlined: this walk is most of the oracle's time.
    for name in node._fields:
        value = getattr(node, name, None)
        if isinstance(value, ast.AST):
            stack.append((value, in_class))
        elif isinstance(value, list):
            stack.extend((item, in_class) for item in value if isinstance(item, ast.AST))


class Suppressions:
    """The lines with a marker comment, and those where it stands alone."""

    def by_rule(self, rule: str):
        """The lines of markers that cover `rule`: a bare ignore, NOSONAR, nosec, or an
        ignore[...] that names it."""
        names_rule = re.compile(
            r"cookie-fix[ \t]*:[ \t]*ignore(?!\[)"
            r"|cookie-fix[ \t]*:[ \t]*ignore\[[^\]]*(?<![\w-])" + re.escape(rule) + r"(?![\w-])"
            r"|nosonar|nosec",
            re.IGNORECASE,
        )
        lines, alone = set(), set()
        for comment in self.comments:
            if names_rule.search(comment.string):
                line, column = comment.start
                lines.add(line)
                if comment.line[:column].strip(" \t\f") == "":
                    alone.add(line)
        return lines, alone

    def __init__(self, comments: list):
        self.comments = comments
        self.strict = (set(), set())
        self.loose = (set(), set())
        for comment in comments:
            line, column = comment.start
            alone = comment.line[:column].strip(" \t\f") == ""
            for pattern, (lines, alone_lines) in (
                (STRICT_MARKER, self.strict),
                (LOOSE_MARKER, self.loose),
            ):
                if pattern.search(comment.string):
                    lines.add(line)
                    if alone:
                        alone_lines.add(line)

    def covers(self, call, strict: bool, rule: str = "secure-cookie") -> bool:
        """A marker on a line the call spans, or alone on the line just above."""
        if rule != "secure-cookie":
            lines, alone = self.by_rule(rule)
            spanned = any(call.lineno <= line <= call.end_lineno for line in lines)
            return spanned or (call.lineno - 1) in alone
        lines, alone = self.strict if strict else self.loose
        spanned = any(call.lineno <= line <= call.end_lineno for line in lines)
        return spanned or (call.lineno - 1) in alone


# --- the changes between two trees ------------------------------------------------------


@dataclass
class Change:
    before: Optional[ast.AST]  # the changed call, statement or mapping; None: an added statement
    after: ast.AST
    # "insert", "keyword" or "positional" in a call; "value" (a setting, entry or morsel
    # flag made True), "entry" (a mapping's new last entry), "statement" (a setting or
    # morsel flag added) or "header" (a Set-Cookie value given `; Secure`)
    kind: str
    index: Optional[int] = None  # the positional argument replaced; an added statement's place
    keyword: str = "secure"  # the flag, setting or entry
    # a session sink's name; "setting", "config" or "statement" for configuration; None
    # for a cookie call
    sink: Optional[str] = None
    old_value: Optional[ast.AST] = None  # "value": the literal replaced, and its replacement
    new_value: Optional[ast.AST] = None
    owner: Optional[ast.AST] = None  # "statement": the module or class; "entry" or "value"
    # in xsrf_cookie_kwargs: the settings it belongs to
    before_body: Optional[list] = None  # "statement": the body it was added to, and after
    after_body: Optional[list] = None
    new_index: Optional[int] = None
    site: Optional[ast.AST] = None  # the lines a suppression marker must be on
    entry: Optional[tuple] = None  # "entry": its key (or keyword) node and value in the output
    chosen_span: Optional[tuple] = None  # "statement": the bytes it brought (check_bytes)
    morsel: Optional[tuple] = None  # an added morsel flag: (name, key bytes, kind)
    idiom: Optional[list] = None  # a setting written in the module's idiom: its problems
    # project mode: a call's new flag that follows the project (a setting or the
    # request's scheme), not True
    followed: Optional[ast.AST] = None

    @property
    def line(self) -> int:
        if self.before is not None:
            return self.before.lineno
        body = self.before_body or []
        return body[self.index - 1].end_lineno if self.index else 1


class Mismatch(Exception):
    def __init__(self, line, detail):
        super().__init__(detail)
        self.line, self.detail = line, detail


def scalar_equal(a, b) -> bool:
    # `1 == True` and `0 == 0.0` in Python: a literal that changes type is a change.
    return type(a) is type(b) and (a == b or (a != a and b != b))


def describe(node) -> str:
    try:
        text = ast.unparse(node)
    except Exception:  # noqa: BLE001 - only for a message
        text = type(node).__name__
    return text if len(text) <= 60 else text[:57] + "..."


class TreeDiff:
    """Walks two trees side by side, collecting the cookie-call changes; any other
    difference raises Mismatch."""

    def __init__(self, before: Source, after: Source, aliases=None, project=None):
        self.before, self.after = before, after
        self.aliases = aliases or {}  # the input's imports: which `Cookie` is Litestar's
        self.project = project  # a Project in project mode, else None
        self.changes: list = []
        self.sink_literal = None  # a sink's own literal, whose change is no value change
        self.strict = False  # no value change allowed at all
        self.client_url = None  # a test client's own base URL: its change is the client's

    def compare(self, a, b, line):
        if isinstance(a, list) or isinstance(b, list):
            self.compare_lists(a, b, line)
            return
        if not isinstance(a, ast.AST) or not isinstance(b, ast.AST):
            if not scalar_equal(a, b):
                raise Mismatch(line, f"{a!r} became {b!r}")
            return
        line = getattr(a, "lineno", line)
        if isinstance(a, ast.Constant) and gains_secure_constant(a, b):
            self.changes.append(Change(a, b, "header", keyword="Secure", sink="header"))
            return
        if self.project is not None and a is not self.client_url and self.url_scheme_changed(
                a, b, line):
            return
        if self.is_value_change(a, b):
            # A literal of a flag's chain (section 8), or a default: judged by the value
            # module's restatement (value_change_problems), not here.
            kind = "literal" if is_falsy_literal(a) and is_true(b) else "default"
            self.changes.append(Change(a, b, kind, sink="value"))
            return
        if type(a) is not type(b):
            raise Mismatch(line, f"`{describe(a)}` became `{describe(b)}`")
        if isinstance(a, ast.stmt) and self.same_bytes(a, b):
            return  # the same text parses the same: nothing changed inside
        if isinstance(a, ast.JoinedStr):
            self.compare_joined(a, b, line)
            return
        if is_cookie_call(a):
            self.compare_cookie_call(a, b, line)
            return
        client = test_client_of(a, self.aliases) if self.project else None
        if client is not None:
            self.compare_test_client(a, b, line, client)
            return
        if self.project is not None and self.bound_url_changed(a, b, line):
            return
        sink = object_cookie_sink(a, self.aliases)
        if sink is not None:
            self.compare_cookie_call(a, b, line, "secure", sink)
            return
        if isinstance(a, ast.Assign) and morsel_flag_target(a) is not None:
            self.compare_morsel_flag(a, b, line)
            return
        sink = session_sink(a)
        if sink is not None:
            self.compare_cookie_call(a, b, line, SESSION_SINKS[sink][1], sink)
            return
        if isinstance(a, (ast.Assign, ast.AnnAssign)) and setting_target(a) is not None:
            self.compare_setting(a, b, line)
            return
        if isinstance(a, (ast.Dict, ast.Call)) and mapping_flags(a):
            self.compare_mapping(a, b, line, mapping_flags(a), None)
            return
        if isinstance(a, ast.Call) and is_environ_schema(a, self.aliases):
            self.compare_schema(a, b, line)
            return
        for name in a._fields:
            x, y = getattr(a, name, None), getattr(b, name, None)
            if (
                isinstance(x, list)
                and isinstance(y, list)
                and len(x) != len(y)
                and all(isinstance(s, ast.stmt) for s in x + y)
            ):
                self.compare_body(a, x, y, line)
            elif (isinstance(a, ast.Subscript) and name == "slice") or (
                    isinstance(a, ast.Dict) and name == "keys"):
                self.compare_strictly(x, y, line)  # a key is no flag's value
            else:
                self.compare(x, y, line)

    def compare_strictly(self, a, b, line):
        """Compares with no value change allowed (a key, a statement's alignment)."""
        strict, self.strict = self.strict, True
        try:
            self.compare(a, b, line)
        finally:
            self.strict = strict

    def equal_strictly(self, a, b, line) -> bool:
        saved = len(self.changes)
        try:
            self.compare_strictly(a, b, line)
            return True
        except Mismatch:
            del self.changes[saved:]
            return False

    def compare_body(self, owner, old, new, line):
        """A block that gained statements: each must be a setting a fix may add."""
        at = 0
        for new_index, statement in enumerate(new):
            if at < len(old) and self.equal_strictly(old[at], statement, line):
                at += 1
                continue
            insertion = inserted_morsel_flag(statement) or inserted_setting(statement)
            if at < len(old) and same_target(old[at], statement):
                insertion = False  # a setting given a new value, not a new setting
            if at < len(old) and not insertion and self.equal(old[at], statement, line):
                at += 1  # the same statement, a value of which changed
                continue
            if at < len(old) and insertion and len(new) - new_index <= len(old) - at:
                if self.equal(old[at], statement, line):
                    at += 1
                    continue
            if inserted_morsel_flag(statement):
                self.changes.append(Change(
                    None, statement, "statement", index=at, keyword="secure", sink="morsel",
                    owner=owner, before_body=old, after_body=new, new_index=new_index,
                    morsel=self.morsel_of(statement),
                ))
                continue
            if not inserted_setting(statement):
                raise Mismatch(line, f"the statement `{describe(statement)}` was added")
            target = statement.targets[0]
            setting = target.id if isinstance(target, ast.Name) else "SESSION_COOKIE_SECURE"
            self.changes.append(Change(
                None, statement, "statement", index=at, keyword=setting, sink="statement",
                owner=owner, before_body=old, after_body=new, new_index=new_index,
                idiom=None if is_true(statement.value) else idiom_problems(self.after.tree, statement),
            ))
        if at != len(old):
            raise Mismatch(line, f"a list of {len(old)} became one of {len(new)}")

    def morsel_of(self, statement) -> tuple:
        """An added `N[K]["secure"] = True`: (N, K's bytes, "cookies"), or (N, None,
        "morsel") for `N["secure"] = True`."""
        holder = statement.targets[0].value
        if isinstance(holder, ast.Name):
            return holder.id, None, "morsel"
        return holder.value.id, node_bytes(self.after, holder.slice), "cookies"

    def compare_joined(self, a, b, line):
        """An f-string: equal part by part, or its last literal part gained `; Secure` (a
        part `; Secure` appended after a last replacement field)."""
        if not isinstance(b, ast.JoinedStr):
            raise Mismatch(line, f"`{describe(a)}` became `{describe(b)}`")
        old, new = a.values, b.values
        last = old[-1] if old else None
        if (
            len(new) == len(old) + 1
            and isinstance(last, ast.FormattedValue)
            and const_str(new[-1]) == "; Secure"
        ):
            self.compare_parts(old, new[:-1], line)
        elif (
            len(new) == len(old)
            and const_str(last) is not None
            and const_str(new[-1]) is not None
            and last.value != new[-1].value
            and gains_secure(last.value, new[-1].value)
        ):
            self.compare_parts(old[:-1], new[:-1], line)
        else:
            self.compare_parts(old, new, line)
            return
        self.changes.append(Change(a, b, "header", keyword="Secure", sink="header"))

    def compare_parts(self, old, new, line):
        # An f-string's literal parts are compared as values: a change to one is no
        # header fix of its own (only the whole f-string is a header value).
        if len(old) != len(new):
            raise Mismatch(line, f"an f-string of {len(old)} parts became one of {len(new)}")
        for x, y in zip(old, new):
            if isinstance(x, ast.Constant) and isinstance(y, ast.Constant):
                if not scalar_equal(x.value, y.value):
                    raise Mismatch(line, f"{x.value!r} became {y.value!r}")
            else:
                self.compare(x, y, line)

    def compare_morsel_flag(self, a, b, line):
        """`N[K]["secure"] = v`: only v may change, from a literal to True."""
        if type(a) is not type(b):
            raise Mismatch(line, f"`{describe(a)}` became `{describe(b)}`")
        self.compare(a.targets, b.targets, line)
        if self.equal(a.value, b.value, line):
            return
        if not (is_true(b.value) and isinstance(a.value, (ast.Constant, ast.JoinedStr))):
            raise Mismatch(line, f"`{describe(a.value)}` became `{describe(b.value)}`")
        self.changes.append(Change(
            a, b, "value", keyword="secure", sink="morsel",
            old_value=a.value, new_value=b.value, site=a,
        ))

    def compare_setting(self, a, b, line):
        """`NAME = value`: only the value may change, from a literal to True."""
        if type(a) is not type(b):
            raise Mismatch(line, f"`{describe(a)}` became `{describe(b)}`")
        if isinstance(a, ast.Assign):
            self.compare(a.targets, b.targets, line)
        else:
            self.compare([a.target, a.annotation, a.simple], [b.target, b.annotation, b.simple], line)
        if a.value is None or b.value is None or self.equal(a.value, b.value, line):
            self.compare(a.value, b.value, line)
            return
        written = is_true(b.value) or holds_call(b.value)
        if not (written and isinstance(a.value, (ast.Constant, ast.JoinedStr))):
            raise Mismatch(line, f"`{describe(a.value)}` became `{describe(b.value)}`")
        self.changes.append(Change(
            a, b, "value", keyword=setting_target(a), sink="setting",
            old_value=a.value, new_value=b.value, site=a.value,
            idiom=None if is_true(b.value) else idiom_problems(self.after.tree, b),
        ))

    def compare_schema(self, a, b, line):
        """django-environ's `Env(...)`: entries may be added after its last (each judged
        with the setting that reads it, schema_problems); its own are compared as any
        call's arguments."""
        if not isinstance(b, ast.Call) or len(b.keywords) < len(a.keywords):
            raise Mismatch(line, f"`{describe(a)}` became `{describe(b)}`")
        kept = len(a.keywords)
        self.compare([a.func, a.args, a.keywords], [b.func, b.args, b.keywords[:kept]], line)
        added = b.keywords[kept:]
        if added:
            self.changes.append(Change(
                a, b, "schema", keyword=", ".join(str(k.arg) for k in added), sink="schema",
                entry=tuple(added),
            ))

    def compare_mapping(self, a, b, line, allowed, owner):
        """A dict or a call's keywords: an allowed entry may be added last, or made True
        from a literal; xsrf_cookie_kwargs' own mapping may gain or fix `secure`."""
        if type(a) is not type(b):
            raise Mismatch(line, f"`{describe(a)}` became `{describe(b)}`")
        if isinstance(a, ast.Call):
            self.compare([a.func, a.args], [b.func, b.args], line)
        old, new = mapping_items(a), mapping_items(b)
        if len(new) == len(old) + 1:
            key, key_node, value = new[-1]
            kind = allowed.get(key)
            if kind is None or key in {k for k, _, _ in old}:
                raise Mismatch(line, f"the entry {key!r} was added")
            # A config update's setting may be written in its block's idiom.
            idiom = None
            if kind == "flag" and not is_true(value) and holds_call(value) and (
                    cookie_update_receiver(a) is not None):
                idiom = idiom_entry_problems(self.after.tree, b, key_node)
            elif not (is_true(value) if kind == "flag" else is_secure_mapping(value)):
                raise Mismatch(line, f"{key}: {describe(value)} was added")
            on = mapping_value(a, "xsrf_cookies") or mapping_value(a, "tools.sessions.on")
            self.changes.append(Change(
                a, b, "entry", keyword=key, sink="config", owner=owner,
                site=on if owner is None else a, entry=(key_node, value), idiom=idiom,
            ))
            new = new[:-1]
        if len(new) != len(old):
            raise Mismatch(line, f"{len(old)} entries became {len(new)}")
        for (key, key_node, value), (new_key, new_key_node, new_value) in zip(old, new):
            if key != new_key:
                raise Mismatch(line, f"the entry {key!r} became {new_key!r}")
            if isinstance(a, ast.Dict):
                self.compare_strictly(key_node, new_key_node, line)
            kind = allowed.get(key)
            if kind == "kwargs" and (isinstance(value, ast.Dict) or is_dict_call(value)):
                self.compare_mapping(value, new_value, line, {"secure": "flag"}, a)
            elif self.equal(value, new_value, line):
                continue
            elif kind == "flag" and is_true(new_value) and isinstance(value, (ast.Constant, ast.JoinedStr)):
                self.changes.append(Change(
                    a, b, "value", keyword=key, sink="config", owner=owner,
                    old_value=value, new_value=new_value, site=value,
                ))
            else:
                raise Mismatch(line, f"{key}: `{describe(value)}` became `{describe(new_value)}`")

    def same_bytes(self, a, b) -> bool:
        start, end = statement_span(self.before, a)
        fixed_start, fixed_end = statement_span(self.after, b)
        return self.before.data[start:end] == self.after.data[fixed_start:fixed_end]

    def compare_lists(self, a, b, line):
        if not isinstance(a, list) or not isinstance(b, list) or len(a) != len(b):
            raise Mismatch(line, f"a list of {len_of(a)} became one of {len_of(b)}")
        for x, y in zip(a, b):
            self.compare(x, y, line)

    def equal(self, a, b, line) -> bool:
        """Whether a and b are equal up to changes inside them, keeping those changes. A
        sink's own literal is compared as it is: its change is the sink's."""
        saved, sink_literal = len(self.changes), self.sink_literal
        if isinstance(a, (ast.Constant, ast.JoinedStr)):
            self.sink_literal = a
        try:
            self.compare(a, b, line)
            return True
        except Mismatch:
            del self.changes[saved:]
            return False
        finally:
            self.sink_literal = sink_literal

    def is_value_change(self, a, b) -> bool:
        """A literal made another, or an expression made a literal (a default the
        environment read is given): anywhere but a sink's own literal."""
        if self.strict or a is self.sink_literal:
            return False
        if not isinstance(b, ast.Constant) or not isinstance(a, ast.expr):
            return False
        if isinstance(a, ast.Constant):
            return not (scalar_equal(a.value, b.value) and a.kind == b.kind)
        return True

    def compare_cookie_call(self, a: ast.Call, b: ast.Call, line, keyword="secure", sink=None):
        self.compare(a.func, b.func, line)
        if len(a.args) != len(b.args):
            raise Mismatch(line, f"{len(a.args)} positional arguments became {len(b.args)}")
        kinds = []
        for index, (x, y) in enumerate(zip(a.args, b.args)):
            if self.equal(x, y, line):
                continue
            if not (is_falsy_literal(x) and self.is_new_flag(y, keyword, sink)):
                raise Mismatch(
                    line, f"positional argument {index} `{describe(x)}` became `{describe(y)}`"
                )
            kinds.append(("positional", index))
        kinds += self.compare_keywords(a.keywords, b.keywords, line, keyword, sink)
        if len(kinds) > 1:
            raise Mismatch(line, f"more than one change in one call: {kinds}")
        if kinds:
            change = Change(a, b, *kinds[0], keyword=keyword, sink=sink)
            value = b.keywords[-1].value if change.kind == "insert" else changed_value(b, change)
            change.followed = None if is_true(value) else value
            self.changes.append(change)

    def is_new_flag(self, node, keyword="secure", sink=None) -> bool:
        """`True`; in project mode, on a cookie call's `secure`, also an expression shaped
        as a followed setting or a scheme test (followed_value_problems judges it)."""
        if is_true(node):
            return True
        return self.project is not None and keyword == "secure" and sink is None and (
            followed_setting(node) is not None or scheme_test(node) is not None)

    def compare_test_client(self, a: ast.Call, b: ast.Call, line, client):
        """A test client (project mode): `base_url=` with the client's HTTPS default added
        as the last keyword, or its `http://` base URL made `https://`; nothing else."""
        self.compare(a.func, b.func, line)
        url_slot = 1 if TEST_CLIENTS[client] is not None else None  # httpx's: keyword only
        old_url = base_url_of(a, url_slot)
        if len(b.keywords) == len(a.keywords) + 1 and old_url is None:
            added = b.keywords[-1]
            https = TEST_CLIENTS[client]
            if added.arg != "base_url" or https is None or const_str(added.value) != https:
                raise Mismatch(line, f"{added.arg}={describe(added.value)} was added to {client}")
            self.compare_lists(a.args, b.args, line)
            self.compare_lists(a.keywords, b.keywords[:-1], line)
            self.changes.append(Change(a, b, "insert", keyword="base_url", sink="test-client"))
            return
        new_url = base_url_of(b, url_slot)
        self.client_url = old_url
        try:
            same = old_url is None or new_url is None or self.equal(old_url, new_url, line)
        finally:
            self.client_url = None
        if same:
            self.compare([a.args, a.keywords], [b.args, b.keywords], line)
            return
        was, now = const_str(old_url), const_str(new_url)
        if was is None or not was.startswith("http://") or now != "https://" + was[7:]:
            raise Mismatch(line, f"base_url `{describe(old_url)}` became `{describe(new_url)}`")
        if len(a.args) != len(b.args) or len(a.keywords) != len(b.keywords):
            raise Mismatch(line, f"the arguments of {client} changed")
        for x, y in zip([*a.args, *a.keywords], [*b.args, *b.keywords]):
            if x is old_url or getattr(x, "value", None) is old_url:
                self.compare_strictly(getattr(x, "arg", None), getattr(y, "arg", None), line)
            else:
                self.compare(x, y, line)
        self.changes.append(Change(
            a, b, "scheme", keyword="base_url", sink="test-client",
            old_value=old_url, new_value=new_url,
        ))

    def bound_url_changed(self, a, b, line) -> bool:
        """`NAME = "http://..."` (or such an f-string) whose leading `http://` became
        `https://`, nothing else changed (project mode): a base URL bound to a name, kept
        as a change that test_client_problems holds to the clients reading NAME."""
        old, new = bound_url(a), bound_url(b)
        if old is None or not old[2].startswith("http://") or new is None or new[2] == old[2]:
            return False
        (name, was, text), (new_name, now, new_text) = old, new
        if new_name != name or type(now) is not type(was) or new_text != "https://" + text[7:]:
            raise Mismatch(line, f"`{describe(was)}` became `{describe(now)}`")
        if isinstance(was, ast.JoinedStr):
            self.compare_strictly(was.values[1:], now.values[1:], line)
        elif was.kind != now.kind:
            raise Mismatch(line, f"`{describe(was)}` became `{describe(now)}`")
        self.compare_strictly([a.targets, a.type_comment], [b.targets, b.type_comment], line)
        self.changes.append(Change(
            a, b, "bound", keyword="base_url", sink="test-client", old_value=was, new_value=now,
        ))
        return True

    def url_scheme_changed(self, a, b, line) -> bool:
        """A string (or f-string) whose URLs' `http://` became `https://`, nothing else
        changed (project mode): a test's URLs following its client, which
        url_origin_problems holds to the project's origins."""
        if type(a) is not type(b) or moved_urls(a, b) is None:
            return False
        if isinstance(a, ast.JoinedStr):
            for x, y in zip(a.values, b.values):
                if not isinstance(x, ast.Constant):
                    self.compare_strictly([x], [y], line)
        elif a.kind != b.kind:
            raise Mismatch(line, f"`{describe(a)}` became `{describe(b)}`")
        self.changes.append(Change(
            a, b, "origin", keyword="URL", sink="test-client", old_value=a, new_value=b,
        ))
        return True

    def compare_keywords(self, old, new, line, keyword="secure", sink=None):
        if len(new) == len(old) + 1 and not any(k.arg == keyword for k in old):
            added = new[-1]
            if added.arg != keyword:
                where = " not as the last argument" if secure_in(new, keyword) else ""
                raise Mismatch(line, f"a keyword argument was added{where}")
            if not self.is_new_flag(added.value, keyword, sink):
                raise Mismatch(line, f"{keyword}={describe(added.value)} was inserted")
            self.compare_lists(old, new[:-1], line)
            return [("insert", None)]
        if len(new) != len(old):
            raise Mismatch(line, f"{len(old)} keyword arguments became {len(new)}")
        kinds = []
        for x, y in zip(old, new):
            if x.arg != y.arg:
                raise Mismatch(line, f"keyword `{x.arg}` became `{y.arg}`")
            if self.equal(x.value, y.value, line):
                continue
            if x.arg != keyword or not (
                    is_falsy_literal(x.value) and self.is_new_flag(y.value, keyword, sink)):
                was, now = describe(x.value), describe(y.value)
                raise Mismatch(line, f"{x.arg}={was} became {x.arg}={now}")
            kinds.append(("keyword", None))
        return kinds


def statement_span(source: Source, node: ast.stmt) -> tuple:
    """A statement's bytes, with its decorators (its `ast` position starts at `def`)."""
    start, end = source.span(node)
    for decorator in getattr(node, "decorator_list", ()):
        start = min(start, source.span(decorator)[0])
    return start, end


def secure_in(keywords, keyword="secure") -> bool:
    return any(k.arg == keyword for k in keywords)


def len_of(value) -> str:
    return str(len(value)) if isinstance(value, list) else "(not a list)"


# --- configuration: secure-cookie-setting, and secure-session-cookie's mappings ----------
#
# Restated from the packages' sources (see src/rules/secure_cookie_setting/ and
# src/rules/secure_session_cookie/): the settings whose false value leaves a cookie
# without Secure; Django's deployment checks; Tornado's `xsrf_cookie_kwargs` and
# CherryPy's `tools.sessions.secure`.

SETTING_NAMES = {
    "SESSION_COOKIE_SECURE", "CSRF_COOKIE_SECURE", "LANGUAGE_COOKIE_SECURE",
    "REMEMBER_COOKIE_SECURE", "JWT_COOKIE_SECURE", "JWT_AUTH_SECURE",
}
DJANGO_IS_TRUE = {"SESSION_COOKIE_SECURE", "CSRF_COOKIE_SECURE"}  # checks test `is True`
FALCON_OPTION = "secure_cookies_by_default"
CONFIG_BYTES = [name.encode() for name in SETTING_NAMES] + [
    b"secure_cookies_by_default", b"INSTALLED_APPS", b"MIDDLEWARE", b"SECRET_KEY",
    b"secret_key", b"xsrf_cookies", b"tools.sessions.on",
]
CONFIG_SINKS = {"setting", "config", "statement"}
LOADERS = {"from_object", "from_pyfile", "from_envvar", "from_file", "from_prefixed_env"}
APP_STATEMENT = re.compile(rb"^(.+)\[([\"'])SESSION_COOKIE_SECURE\2\] = True$")




def mapping_items(node):
    """(key, key node, value) of a dict literal or a call's keywords; key None for **."""
    if isinstance(node, ast.Dict):
        return [(None if k is None else const_str(k), k, v) for k, v in zip(node.keys, node.values)]
    return [(k.arg, k, k.value) for k in node.keywords]


def is_dict_call(node) -> bool:
    return isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id == "dict"


def mapping_value(node, key):
    found = [v for k, _, v in mapping_items(node) if k == key]
    return found[-1] if found else None


def is_secure_mapping(node) -> bool:
    """`{"secure": True}` or `dict(secure=True)`: the value a fix gives xsrf_cookie_kwargs."""
    if isinstance(node, ast.Dict) or is_dict_call(node):
        items = mapping_items(node)
        return len(items) == 1 and items[0][0] == "secure" and is_true(items[0][2])
    return False


def holds_star_import(statement) -> bool:
    for node in ast.walk(statement):
        if isinstance(node, ast.ImportFrom) and any(a.name == "*" for a in node.names):
            return True
    return False


def module_names_set(statements) -> set:
    """The names given a value at module level, in any block but not in a def or class."""
    names, stack = set(), list(statements)
    while stack:
        node = stack.pop()
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef, ast.Lambda)):
            continue
        if isinstance(node, (ast.Assign, ast.AugAssign, ast.AnnAssign)):
            targets = node.targets if isinstance(node, ast.Assign) else [node.target]
            for target in targets:
                names.update(n.id for n in ast.walk(target) if isinstance(n, ast.Name))
        stack.extend(ast.iter_child_nodes(node))
    return names


class DjangoModule:
    """A complete settings module as Django reads it: the lists it assigns, evaluated."""

    def __init__(self, module: ast.Module):
        self.complete = False
        star = False
        for statement in module.body:
            star = star or holds_star_import(statement)
            if (
                not star
                and statement.col_offset == 0
                and isinstance(statement, ast.Assign)
                and len(statement.targets) == 1
                and isinstance(statement.targets[0], ast.Name)
                and statement.targets[0].id in ("INSTALLED_APPS", "MIDDLEWARE")
            ):
                self.complete = True
                break
        self.lists, self.set = {}, module_names_set(module.body)
        self.csrf_use_sessions = False
        for statement in module.body:
            self.follow(statement)

    def follow(self, statement):
        lists = self.lists
        if isinstance(statement, ast.Assign) and len(statement.targets) == 1 and isinstance(
            statement.targets[0], ast.Name
        ):
            name = statement.targets[0].id
            lists[name] = self.strings(statement.value)
            if name == "CSRF_USE_SESSIONS":
                value = statement.value
                self.csrf_use_sessions = (
                    bool(value.value) if isinstance(value, ast.Constant) else None
                )
            return
        if isinstance(statement, ast.AugAssign) and isinstance(statement.target, ast.Name):
            name = statement.target.id
            old = lists.get(name, (None, []))
            if isinstance(statement.op, ast.Add) and old[0] is not None:
                new = self.strings(statement.value)
                lists[name] = (None if new[0] is None else old[0] + new[0], old[1] + new[1])
            else:
                lists[name] = (None, old[1])
            return
        call = statement.value if isinstance(statement, ast.Expr) else None
        if (
            isinstance(call, ast.Call)
            and isinstance(call.func, ast.Attribute)
            and isinstance(call.func.value, ast.Name)
            and call.func.value.id in lists
            and call.func.attr in ("append", "extend", "insert")
        ):
            name, method = call.func.value.id, call.func.attr
            old = lists[name]
            args = call.args
            if method == "extend" and len(args) == 1:
                new = self.strings(args[0])
            elif method in ("append", "insert") and len(args) == (1 if method == "append" else 2):
                new = self.strings(ast.List(elts=[args[-1]]))
            else:
                new = (None, [])
            known = None if old[0] is None or new[0] is None else old[0] + new[0]
            lists[name] = (known, old[1] + new[1])
            return
        # Given a value some other way, or in a block: what it holds is not known.
        for name in module_names_set([statement]):
            if name in lists:
                lists[name] = (None, [])
            if name == "CSRF_USE_SESSIONS":
                self.csrf_use_sessions = None

    def strings(self, node):
        """(every string if all are known else None, the known ones as (text, node))."""
        if isinstance(node, (ast.List, ast.Tuple)):
            known, found = [], []
            for element in node.elts:
                inner = self.strings(element.value) if isinstance(element, ast.Starred) else (
                    ([element.value], [(element.value, element)])
                    if const_str(element) is not None else (None, [])
                )
                known = None if known is None or inner[0] is None else known + inner[0]
                found += inner[1]
            return known, found
        if isinstance(node, ast.BinOp) and isinstance(node.op, ast.Add):
            left, right = self.strings(node.left), self.strings(node.right)
            known = None if left[0] is None or right[0] is None else left[0] + right[0]
            return known, left[1] + right[1]
        if isinstance(node, ast.Name) and node.id in self.lists:
            return self.lists[node.id]
        return None, []

    def holds(self, name, item):
        """The literal of `item` in the list, or False when it is not there, or None when
        the list is not known well enough to tell."""
        known, found = self.lists.get(name, ([], []))
        for text, node in found:
            if text == item:
                return node
        return False if known is not None else None

    def warned(self, setting):
        """The literal that makes Django warn about `setting` left out, or None."""
        if setting in self.set:
            return None
        return self.would_warn(setting) or None

    def would_warn(self, setting):
        """The literal that makes Django warn about `setting` when it is not True; False
        when Django says nothing of it whatever its value; None when it cannot be told."""
        if not self.complete:
            return None
        if setting == "SESSION_COOKIE_SECURE":
            app = self.holds("INSTALLED_APPS", "django.contrib.sessions")
            middleware = self.holds(
                "MIDDLEWARE", "django.contrib.sessions.middleware.SessionMiddleware"
            )
            if app or middleware:
                return app or middleware
            return False if app is False and middleware is False else None
        middleware = self.holds("MIDDLEWARE", "django.middleware.csrf.CsrfViewMiddleware")
        if middleware is False or self.csrf_use_sessions is True:
            return False
        return middleware if self.csrf_use_sessions is False else None


def secret_key_statement(statement) -> Optional[str]:
    """The config receiver a statement sets the app's secret key on, as source text
    (`app.config`), or None."""
    if isinstance(statement, ast.Assign) and len(statement.targets) == 1:
        target = statement.targets[0]
        if isinstance(target, ast.Subscript) and const_str(target.slice) == "SECRET_KEY":
            if last_name(target.value) == "config":
                return ast.unparse(target.value)
        if isinstance(target, ast.Attribute) and target.attr == "secret_key":
            return ast.unparse(target.value) + ".config"
    call = statement.value if isinstance(statement, ast.Expr) else None
    if (
        isinstance(call, ast.Call)
        and isinstance(call.func, ast.Attribute)
        and call.func.attr in ("update", "from_mapping")
        and last_name(call.func.value) == "config"
    ):
        items = [k.arg for k in call.keywords] + [
            const_str(k) for arg in call.args if isinstance(arg, ast.Dict) for k in arg.keys if k
        ]
        if "SECRET_KEY" in items:
            return ast.unparse(call.func.value)
    return None


def is_secret_key_assignment(statement) -> bool:
    """`SECRET_KEY = v`, also annotated (`SECRET_KEY: str = v`) or in a chain."""
    if isinstance(statement, ast.AnnAssign):
        return statement.value is not None and isinstance(statement.target, ast.Name) and (
            statement.target.id == "SECRET_KEY")
    return isinstance(statement, ast.Assign) and any(
        isinstance(t, ast.Name) and t.id == "SECRET_KEY" for t in statement.targets
    )


def names_setting(node, name) -> bool:
    """A name, attribute, keyword, parameter, import or plain string naming a setting."""
    return (
        (isinstance(node, ast.Name) and node.id == name)
        or const_str(node) == name
        or (isinstance(node, (ast.keyword, ast.arg)) and node.arg == name)
        or (isinstance(node, ast.Attribute) and node.attr == name)
        or (isinstance(node, ast.alias) and name in node.name.split(".") + [node.asname])
    )


def setting_target(node) -> Optional[str]:
    """The setting an assignment gives a value: `NAME = v`, `X["NAME"] = v`,
    `X.secure_cookies_by_default = v`."""
    targets = node.targets if isinstance(node, ast.Assign) else [node.target]
    if len(targets) != 1:
        return None
    return target_setting(targets[0])


def target_setting(target) -> Optional[str]:
    """The setting one assignment target names, if any."""
    if isinstance(target, ast.Name) and target.id in SETTING_NAMES:
        return target.id
    if isinstance(target, ast.Subscript) and const_str(target.slice) in SETTING_NAMES:
        return const_str(target.slice)
    if isinstance(target, ast.Attribute) and target.attr == FALCON_OPTION:
        return target.attr
    return None


def mapping_flags(node) -> dict:
    """The entries a fix may add or make True in a mapping, by what they hold."""
    keys = {key for key, _, _ in mapping_items(node)}
    allowed = {key: "flag" for key in keys & SETTING_NAMES}
    if cookie_update_receiver(node) is not None:
        allowed["SESSION_COOKIE_SECURE"] = "flag"
    if "xsrf_cookies" in keys:
        allowed["xsrf_cookie_kwargs"] = "kwargs"
    if "tools.sessions.on" in keys:
        allowed["tools.sessions.secure"] = "flag"
    return allowed


def cookie_update_receiver(node) -> Optional[str]:
    """The config `X.config.update(...)` gives cookie settings to (a keyword naming
    `_COOKIE_`, no `*` or `**`), as source text: where a maintainer adds the app's next
    cookie setting (docs/project.md, "Placement")."""
    if not (isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute)):
        return None
    if node.func.attr != "update" or last_name(node.func.value) != "config" or has_splat(node):
        return None
    if not any("_COOKIE_" in (k.arg or "") for k in node.keywords):
        return None
    return ast.unparse(node.func.value)


def first_cookie_update(tree, receiver):
    """The file's first update of `receiver` that gives cookie settings, if any."""
    updates = [
        node for node in ast.walk(tree)
        if isinstance(node, ast.Call) and cookie_update_receiver(node) == receiver
    ]
    return min(updates, key=lambda n: (n.lineno, n.col_offset), default=None)


def inserted_setting(statement) -> bool:
    """A statement a fix may add: `NAME = True` or `X["SESSION_COOKIE_SECURE"] = True`;
    `NAME = <a call>` where the module reads its settings so (see idiom_problems)."""
    if not (isinstance(statement, ast.Assign) and len(statement.targets) == 1):
        return False
    target = statement.targets[0]
    if isinstance(target, ast.Name) and holds_call(statement.value):
        return target.id in DJANGO_IS_TRUE or target.id in SETTING_NAMES
    if isinstance(target, ast.Subscript) and holds_call(statement.value):
        return const_str(target.slice) == "SESSION_COOKIE_SECURE"
    return is_true(statement.value) and (
        (isinstance(target, ast.Name) and target.id in DJANGO_IS_TRUE)
        or (isinstance(target, ast.Subscript) and const_str(target.slice) == "SESSION_COOKIE_SECURE")
    )


def same_target(a, b) -> bool:
    """Two assignments to one target (`NAME = x` and `NAME = y`)."""
    return (isinstance(a, ast.Assign) and isinstance(b, ast.Assign)
            and ast.dump(a.targets[0]) == ast.dump(b.targets[0]))


def holds_call(node) -> bool:
    return any(isinstance(n, ast.Call) for n in ast.walk(node))


# --- a setting written in the module's idiom (DESIGN.md section 10) ----------------------
# A setting a fix adds or makes true may be read from the environment as the module reads
# its other boolean settings: the new value is the expression of an earlier upper-case
# setting of the same module or class body, but for the variable's name (the same prefix
# before the setting's own name) and the default; with no variable set it runs true (the
# bool True for Django's `is True` settings) under the value oracle's stand-ins of the
# readers, closed over the module's own functions.


def constants(node) -> list:
    return [n for n in ast.walk(node) if isinstance(n, ast.Constant)]


def without_constants(node) -> str:
    """The node's structure, every constant blanked."""
    text = ast.dump(node, annotate_fields=False)
    for constant in constants(node):
        text = text.replace(ast.dump(constant, annotate_fields=False), "Constant()", 1)
    return text


def settings_given(statement) -> list:
    """(name, value) of what a statement gives a setting: `NAME = v`,
    `X.config["NAME"] = v`, `X.config.update(NAME=v, ...)`."""
    if isinstance(statement, ast.Assign) and len(statement.targets) == 1:
        target = statement.targets[0]
        if isinstance(target, ast.Name):
            return [(target.id, statement.value)]
        if isinstance(target, ast.Subscript) and last_name(target.value) == "config":
            key = const_str(target.slice)
            return [] if key is None else [(key, statement.value)]
        return []
    call = statement.value if isinstance(statement, ast.Expr) else None
    if (isinstance(call, ast.Call) and isinstance(call.func, ast.Attribute)
            and call.func.attr == "update" and last_name(call.func.value) == "config"):
        return [(k.arg, k.value) for k in call.keywords if k.arg is not None]
    return []


def idiom_problems(tree: ast.Module, statement) -> list:
    """A statement that gives a setting a value in the idiom: `NAME = v` in a module's or
    class's body, `X.config["NAME"] = v` in any body."""
    target = statement.targets[0] if isinstance(statement, ast.Assign) else None
    if isinstance(target, ast.Subscript) and last_name(target.value) == "config":
        setting = const_str(target.slice)
        bodies = (ast.Module, ast.ClassDef, ast.FunctionDef, ast.AsyncFunctionDef)
    elif isinstance(target, ast.Name):
        setting, bodies = target.id, (ast.Module, ast.ClassDef)
    else:
        return [("not-idiom", "a value other than True given to a setting that is no plain name")]
    body = next((n.body for n in ast.walk(tree) if isinstance(n, bodies)
                 and any(s is statement for s in n.body)), None)
    if body is None:
        return [("not-idiom", f"{setting} is given a call outside a module's or class's body")]
    index = next(i for i, s in enumerate(body) if s is statement)
    earlier = [given for s in body[:index] for given in settings_given(s)]
    is_module = body is tree.body and isinstance(target, ast.Name)
    return idiom_value_problems(tree, setting, statement.value, earlier, is_module)


def idiom_entry_problems(tree: ast.Module, call, keyword) -> list:
    """`KEY=v` added to an `X.config.update(...)`: written like a setting given before it,
    in its block or in the same call."""
    body = next((n.body for n in ast.walk(tree) if hasattr(n, "body") and isinstance(n.body, list)
                 and any(isinstance(s, ast.Expr) and s.value is call for s in n.body)), None)
    if body is None:
        return [("not-idiom", f"{keyword.arg} is given a call in an update that is no statement")]
    index = next(i for i, s in enumerate(body) if isinstance(s, ast.Expr) and s.value is call)
    earlier = [given for s in body[:index] for given in settings_given(s)]
    earlier += [(k.arg, k.value) for k in call.keywords[:call.keywords.index(keyword)] if k.arg]
    return idiom_value_problems(tree, keyword.arg, keyword.value, earlier, False)


def idiom_value_problems(tree, setting, value, earlier, is_module) -> list:
    """`value`, given to `setting`, is the value of an earlier upper-case setting but for
    the variable (the same prefix before the setting's own name) and the default, and
    runs true with the variable unset (the bool True for Django's `is True` settings)."""
    module = vo.Module(tree)
    new_constants = constants(value)
    for name, old in earlier:
        if not name.isupper() or without_constants(old) != without_constants(value):
            continue
        differ = [(a.value, b.value) for a, b in zip(constants(old), new_constants)
                  if a.value != b.value or type(a.value) is not type(b.value)]
        variables = [(a, b) for a, b in differ
                     if isinstance(a, str) and isinstance(b, str) and a.endswith(name)
                     and b == a[: len(a) - len(name)] + setting]
        if len(variables) != 1 or len(differ) > 2:
            continue
        variable = variables[0][1]
        try:
            closed = vo.Closer(module).text(value)
        except vo.Inconclusive:
            return [("not-idiom", f"{setting}'s new value cannot be read (closed) by the oracle")]
        want = "is_true" if setting in DJANGO_IS_TRUE and is_module else "truthy"
        unset = vo.run_closed(closed, {})
        if not vo.runs_true(unset, want):
            return [("idiom-false", f"`{closed}` is not true with {variable} unset: {unset!r}")]
        return []
    return [("not-idiom", f"{setting}'s new value is written like no earlier setting of its body")]


# django-environ's schema (DESIGN.md section 10): a module that gives its defaults in
# `env = environ.Env(DEBUG=(bool, False))` and reads `DEBUG = env("DEBUG")` has a setting
# a fix writes in that idiom read the same way, and its variable's entry added last to
# that call. An entry is allowed only in a module-level `NAME = environ.Env(...)`, written
# like an entry it had (but for constants), for a variable it had no entry for, and read
# as `NAME("VARIABLE")` by a setting written in the idiom after it (idiom_problems then
# runs that setting true with the new entry).


def is_environ_schema(call, aliases) -> bool:
    """django-environ 0.14, environ/environ.py: `Env(**scheme)`."""
    return bool({"environ.Env", "environ.environ.Env"} & set(resolve_paths(call.func, aliases)))


def schema_problems(change: Change, source: Source, changes) -> list:
    call = change.before
    binding = next((s for s in source.tree.body if isinstance(s, ast.Assign) and s.value is call
                    and len(s.targets) == 1 and isinstance(s.targets[0], ast.Name)), None)
    if binding is None:
        return [("schema", "an entry added to an Env(...) no module-level name is bound to")]
    if any(k.arg is None for k in call.keywords):
        return [("schema", "an entry added to an Env(...) with **kwargs, which may give it")]
    reader, had = binding.targets[0].id, {k.arg: k.value for k in call.keywords}
    problems = []
    for entry in change.entry:
        if entry.arg in had:
            problems.append(("schema", f"the entry {entry.arg} added again"))
        elif not any(without_constants(v) == without_constants(entry.value) for v in had.values()):
            problems.append(("schema", f"the entry {entry.arg}={describe(entry.value)} is "
                             "written like none of the schema's own"))
        elif not any(reads_schema_entry(c, reader, entry.arg, binding) for c in changes):
            problems.append(("schema", f"the entry {entry.arg} is read by no setting a fix "
                             f"wrote after it as {reader}(\"{entry.arg}\")"))
    return problems


def schema_default_problems(change: Change, rules, sinks) -> Optional[list]:
    """The default of a schema entry that no flag of the input reads, turned over for the
    setting a fix writes as its read (None where the change is no such default)."""
    for binding in sinks.source.tree.body:
        call = binding.value if isinstance(binding, ast.Assign) else None
        if not (isinstance(call, ast.Call) and is_environ_schema(call, rules.aliases)
                and len(binding.targets) == 1 and isinstance(binding.targets[0], ast.Name)):
            continue
        for keyword in call.keywords:
            value = keyword.value
            if not (isinstance(value, ast.Tuple) and len(value.elts) == 2
                    and value.elts[1] is change.before):
                continue
            old, new = change.before, change.after
            if not (isinstance(old, ast.Constant) and isinstance(new, ast.Constant)
                    and type(old.value) is type(new.value)):
                return [("schema", f"the schema's default {describe(old)} became {describe(new)}")]
            reader = binding.targets[0].id
            named = any(const_str(n) == keyword.arg for n in ast.walk(sinks.source.tree))
            if named:
                return [("schema", f"the default of {keyword.arg} changed, which the input "
                         "reads where no flag's value reaches it")]
            if not any(reads_schema_entry(c, reader, keyword.arg, binding) for c in sinks.changes):
                return [("schema", f"the default of {keyword.arg} changed, which no setting a "
                         f"fix wrote reads as {reader}(\"{keyword.arg}\")")]
            return []
    return None


def reads_schema_entry(change: Change, reader: str, variable: str, binding) -> bool:
    """A setting written in the idiom, after `binding`, as `reader("variable")`."""
    if change.idiom is None or change.after is None:
        return False
    value = change.new_value if change.kind == "value" else change.after.value
    if not (isinstance(value, ast.Call) and value.args and const_str(value.args[0]) == variable):
        return False
    func = value.func.value if isinstance(value.func, ast.Attribute) else value.func
    return (isinstance(func, ast.Name) and func.id == reader
            and change.after.lineno > binding.end_lineno)


# Flask config classes, the shape `app.config.from_object` reads (flask 3.1,
# src/flask/config.py: every upper-case attribute, inherited ones too): a class named as
# config classes are (its name or a base's ends with `Config`), but a pydantic model or a
# dataclass, whose fields `from_object` does not read the same way. What a class is for
# (DESIGN.md section 9, docs/project.md): its name's words first, then what its body sets.
CONFIG_MODEL_BASES = {"BaseSettings", "BaseModel", "Settings", "NamedTuple", "TypedDict"}
ROLE_WORDS = [
    ("production", {"production", "prod", "live"}),
    ("test", {"test", "testing", "tests"}),
    ("development", {"development", "dev", "local", "debug"}),
]
NOT_DEPLOYED = {"test", "development"}


def name_words(name: str) -> set:
    """`ProdConfig` -> {"prod", "config"}; `dev_settings` -> {"dev", "settings"}."""
    return {w.lower() for w in re.findall(r"[A-Z]+(?![a-z])|[A-Z]?[a-z]+|[0-9]+", name)}


def is_config_class(cls) -> bool:
    names = [cls.name] + [last_name(base) or "" for base in cls.bases]
    return any(name.endswith("Config") for name in names)


def is_model(cls) -> bool:
    dataclass = any(
        last_name(d.func if isinstance(d, ast.Call) else d) == "dataclass" for d in cls.decorator_list
    )
    return dataclass or any(last_name(base) in CONFIG_MODEL_BASES for base in cls.bases)


def first_value_in(cls, name):
    """The value of the class body's first statement that sets `name`."""
    return next((s.value for s in cls.body if assigned_name(s) == name), None)


def config_role(cls) -> str:
    """production, test, development or base."""
    words = name_words(cls.name)
    for role, names in ROLE_WORDS:
        if words & names:
            return role
    if is_truthy_literal(first_value_in(cls, "TESTING")):
        return "test"
    if is_truthy_literal(first_value_in(cls, "DEBUG")):
        return "development"
    if const_str(first_value_in(cls, "PREFERRED_URL_SCHEME")) == "https":
        return "production"
    return "base"


def is_undeployed_class(cls) -> bool:
    """A test or development config class: its values are a choice, not reported."""
    return is_config_class(cls) and config_role(cls) in NOT_DEPLOYED


class ConfigFacts:
    """What the configuration rules read of the input, independently of the engine."""

    def __init__(self, source, rules):
        tree = source.tree
        self.rules = rules
        self.parents = {}
        self.mentioned = False
        self.loads = False
        self.classes = {}
        for node in ast.walk(tree):
            for child in ast.iter_child_nodes(node):
                self.parents[id(child)] = node
            if isinstance(node, ast.ClassDef):
                self.classes.setdefault(node.name, []).append(node)
            if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute):
                if node.func.attr in LOADERS:
                    self.loads = True
                if node.func.attr == "from_mapping" and any(
                    not isinstance(arg, ast.Dict) for arg in node.args
                ):
                    self.loads = True
        # The session setting named in code outside a test or development config class:
        # the file has made its choice for production.
        self.mentioned = any(
            names_setting(node, "SESSION_COOKIE_SECURE") and not self.in_undeployed_class(node)
            for node in ast.walk(tree)
        )
        # A `SECRET_KEY = v` anywhere; an app's (`app.secret_key = v`) only in a file that
        # imports Flask or Quart, whose apps those are.
        flask = bool({"flask", "quart"} & rules.roots)
        self.sets_any_secret_key = any(
            is_secret_key_assignment(node) or (flask and secret_key_statement(node))
            for node in ast.walk(tree) if isinstance(node, ast.stmt))
        self.django = DjangoModule(tree)
        self.django_tree = tree
        self.source = source
        # Names code reads or sets "xsrf_cookie_kwargs" of: N["..."], "..." in N, N.get("...").
        self.kwargs_read_from = set()
        for node in ast.walk(tree):
            if const_str(node) != "xsrf_cookie_kwargs":
                continue
            parent = self.parent(node)
            names = []
            if isinstance(parent, ast.Subscript):
                names = [parent.value]
            elif isinstance(parent, ast.Compare):
                names = [parent.left] + parent.comparators
            elif isinstance(parent, ast.Call) and isinstance(parent.func, ast.Attribute):
                names = [parent.func.value]
            self.kwargs_read_from.update(n.id for n in names if isinstance(n, ast.Name))

    def parent(self, node):
        return self.parents.get(id(node))

    def in_function(self, node) -> bool:
        node = self.parent(node)
        while node is not None:
            if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.Lambda)):
                return True
            if isinstance(node, ast.ClassDef):
                return False
            node = self.parent(node)
        return False

    def is_local_name(self, assignment) -> bool:
        """`SESSION_COOKIE_SECURE = v` in a function: a local name, not the setting."""
        target = assignment.targets[0] if isinstance(assignment, ast.Assign) else assignment.target
        return isinstance(target, ast.Name) and self.in_function(assignment)

    def beside_debug(self, node) -> bool:
        """The module or class body holding `node` also assigns a true DEBUG."""
        scope = self.parent(node)
        while scope is not None and not isinstance(scope, (ast.Module, ast.ClassDef)):
            scope = self.parent(scope)
        body = scope.body if scope is not None else []
        return any(
            isinstance(s, ast.Assign)
            and any(isinstance(t, ast.Name) and t.id == "DEBUG" for t in s.targets)
            and is_truthy_literal(s.value)
            for s in body
        )

    def at_module_level(self, node) -> bool:
        """In the module's body or its blocks (`if`, `try`), not in a def or class."""
        node = self.parent(node)
        while node is not None:
            if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.Lambda, ast.ClassDef)):
                return False
            node = self.parent(node)
        return True

    def sets_secret_key(self, cls) -> bool:
        return any(is_secret_key_assignment(s) for s in cls.body)

    def class_of(self, node):
        """The nearest class around a node, through any depth."""
        node = self.parent(node)
        while node is not None and not isinstance(node, ast.ClassDef):
            node = self.parent(node)
        return node

    def in_undeployed_class(self, node) -> bool:
        cls = self.class_of(node)
        return cls is not None and is_undeployed_class(cls)

    def given_in_undeployed_class(self, statement) -> bool:
        """A setting a test or development config class's body gives."""
        cls = self.parent(statement)
        return isinstance(cls, ast.ClassDef) and statement in cls.body and is_undeployed_class(cls)

    def config_class_site(self, cls):
        """Where a config class's missing setting is reported: a production class, or
        its SECRET_KEY."""
        if config_role(cls) == "production":
            return cls
        return next(s for s in cls.body if is_secret_key_assignment(s))

    def config_class_index(self, cls) -> int:
        """Where a config class takes a new setting: after its last `*_COOKIE_*` setting
        that has its lines to itself, where a maintainer keeps them; else last."""
        for at in range(len(cls.body) - 1, -1, -1):
            statement = cls.body[at]
            target = assignment_target(statement)
            if target is not None and b"_COOKIE_" in node_bytes(self.source, target) and (
                    self.alone_on_its_lines(statement)):
                return at + 1
        return len(cls.body)

    def alone_on_its_lines(self, statement) -> bool:
        return starts_logical_line(self.source, statement) and ends_its_line(self.source, statement)

    def config_targets(self) -> list:
        """The config classes that take a missing SESSION_COOKIE_SECURE: the production
        ones where the file names them (tests and development keep their own choice),
        else each base class that sets the secret key first in its hierarchy."""
        configs = [c for cs in self.classes.values() for c in cs if is_config_class(c) and not is_model(c)]
        production = [c for c in configs if config_role(c) == "production"]
        if production:
            return production
        return [
            c for c in configs
            if self.sets_secret_key(c) and config_role(c) == "base"
            and not any(self.sets_secret_key(a) for a in self.ancestors(c))
        ]

    def production_heirs(self, statement) -> list:
        """For `SESSION_COOKIE_SECURE = <falsy>` in a base config class's body: the
        production config classes of the file that inherit it (docs/project.md
        "Placement": production sets it itself, so development and tests keep plain
        HTTP). Empty where the statement is no such value."""
        cls = self.parent(statement)
        if not (isinstance(cls, ast.ClassDef) and statement in cls.body
                and assigned_name(statement) == "SESSION_COOKIE_SECURE"
                and is_falsy_literal(statement.value) and is_config_class(cls)
                and not is_model(cls) and config_role(cls) == "base"):
            return []
        return [
            heir for heirs in self.classes.values() for heir in heirs
            if is_config_class(heir) and not is_model(heir)
            and config_role(heir) == "production" and cls in self.ancestors(heir)
        ]

    def gives_itself(self, cls, name) -> bool:
        return any(assigned_name(s) == name for s in cls.body)

    def ancestors(self, cls):
        found, stack = [], [cls]
        while stack:
            for base in stack.pop().bases:
                name = last_name(base)
                for ancestor in self.classes.get(name, []):
                    if ancestor is not cls and ancestor not in found:
                        found.append(ancestor)
                        stack.append(ancestor)
        return found


def assignment_target(statement):
    """The (first) target of `TARGET = value` or `TARGET: T = value`."""
    if isinstance(statement, ast.Assign):
        return statement.targets[0]
    if isinstance(statement, ast.AnnAssign) and statement.value is not None:
        return statement.target
    return None


def assigned_name(statement) -> Optional[str]:
    """`NAME` of a statement `NAME = value` (its first target) or `NAME: T = value`."""
    target = assignment_target(statement)
    return target.id if isinstance(target, ast.Name) else None


def ends_its_line(source, statement) -> bool:
    """Only blanks or a comment after the statement on its last line (no `; x = 1`)."""
    end = source.span(statement)[1]
    line = source.line_of(end)
    next_start = source.line_starts[line] if line < len(source.line_starts) else len(source.data)
    rest = source.data[end:next_start].rstrip(b"\r\n").strip(b" \t\x0c")
    return not rest or rest.startswith(b"#")


def line_after(source, statement) -> Optional[int]:
    """The start of the line after a statement that ends its line, where one follows."""
    if not ends_its_line(source, statement):
        return None
    end = source.span(statement)[1]
    line = source.line_of(end)
    next_start = source.line_starts[line] if line < len(source.line_starts) else len(source.data)
    return next_start if next_start > end else None


def beside_settings(source, body, wanted) -> Optional[int]:
    """After the last statement of a module's body, at the start of its line, that sets a
    setting `wanted` accepts, when no star import follows it and it ends its line."""
    last = None
    for at, statement in enumerate(body):
        name = assigned_name(statement)
        if statement.col_offset == 0 and name is not None and wanted(name):
            last = at
    if last is None or any(holds_star_import(s) for s in body[last + 1:]):
        return None
    return last + 1 if line_after(source, body[last]) is not None else None


def django_insertion_index(source, body) -> Optional[int]:
    """Where a Django settings module takes a new setting (DESIGN.md section 9,
    docs/project.md "Placement"): beside its cookie settings (after the last `*_COOKIE_*`
    one), else beside its HTTPS hardening (after the last `SECURE_*` one), else before
    the star imports that end the module, or at its end; None where no line fits."""
    beside = beside_settings(source, body, lambda name: "_COOKIE_" in name)
    if beside is None:
        beside = beside_settings(source, body, lambda name: name.startswith("SECURE_"))
    if beside is not None:
        return beside
    trailing = 0
    while trailing < len(body) and holds_star_import(body[-1 - trailing]):
        trailing += 1
    if trailing and not starts_logical_line(source, body[len(body) - trailing]):
        return None
    return len(body) - trailing


def starts_logical_line(source, node) -> bool:
    """Only blanks before `node` on its line, and the line before not continued."""
    start = source.line_starts[node.lineno - 1]
    before = source.data[start:source.span(node)[0]]
    previous = source.data[source.line_starts[node.lineno - 2]:start] if node.lineno > 1 else b""
    return before.strip(b" \t\f") == b"" and not previous.rstrip(b"\r\n").endswith(b"\\")


def expected_config_fixes(facts: "ConfigFacts", suppressions):
    """The configuration fixes the rules leave no doubt about, as (line, kind, node,
    key): a falsy setting made True, a Tornado or CherryPy entry added or made True, a
    Django setting added where the checks warn, a Flask config class's setting added.
    A value holding a comment, a suppressed site, a test module: no expectation."""
    tree, roots = facts.django_tree, facts.rules.roots
    tests = bool({"pytest", "unittest"} & roots)
    source = facts.source
    quiet = lambda node: suppressions.covers(node, strict=False) or b"#" in source.data[
        slice(*source.span(node))]
    expected = []
    for node in ast.walk(tree):
        # Settings given a falsy literal.
        if isinstance(node, (ast.Assign, ast.AnnAssign)) and node.value is not None:
            name = setting_target(node)
            target = node.targets[0] if isinstance(node, ast.Assign) else node.target
            if name is None or not is_falsy_literal(node.value) or quiet(node.value):
                pass
            elif isinstance(target, ast.Subscript) and last_name(target.value) != "config":
                pass
            elif isinstance(target, ast.Name) and facts.production_heirs(node):
                for heir in facts.production_heirs(node):
                    if not facts.gives_itself(heir, name) and starts_logical_line(
                            source, heir.body[0]) and not suppressions.covers(
                                node, strict=False):
                        expected.append((heir.lineno, "statement", heir, name))
            elif isinstance(target, ast.Name) and (
                facts.in_function(node) or facts.beside_debug(node)
                or facts.given_in_undeployed_class(node)
                or (facts.at_module_level(node) and name in DJANGO_IS_TRUE
                    and facts.django.would_warn(name) is False)
            ):
                pass
            else:
                expected.append((node.lineno, "value", node, name))
        # The cookies a mapping turns on.
        if isinstance(node, (ast.Dict, ast.Call)):
            items = mapping_items(node)
            keys = [k for k, _, _ in items]
            splat = None in keys or (isinstance(node, ast.Call) and has_splat(node)) or (
                is_dict_call(node) and bool(node.args))
            on_xsrf = is_truthy_literal(mapping_value(node, "xsrf_cookies"))
            on_sessions = is_truthy_literal(mapping_value(node, "tools.sessions.on"))
            call_ok = not isinstance(node, ast.Call) or is_tornado_settings_call(node, facts)
            if "tornado" in roots and on_xsrf and call_ok and not quiet(node):
                kwargs = mapping_value(node, "xsrf_cookie_kwargs")
                parent = facts.parent(node)
                assigned = (parent.targets[0].id if isinstance(parent, ast.Assign)
                            and isinstance(parent.targets[0], ast.Name) else None)
                if kwargs is None and not splat and not tests and assigned not in facts.kwargs_read_from:
                    expected.append((node.lineno, "entry", node, "xsrf_cookie_kwargs"))
                elif isinstance(kwargs, ast.Dict) or is_dict_call(kwargs):
                    inner = mapping_value(kwargs, "secure")
                    inner_splat = None in [k for k, _, _ in mapping_items(kwargs)]
                    if inner is None and not inner_splat and not tests:
                        expected.append((node.lineno, "entry", kwargs, "secure"))
                    elif inner is not None and is_falsy_literal(inner):
                        expected.append((node.lineno, "value", kwargs, "secure"))
            if "cherrypy" in roots and on_sessions and isinstance(node, ast.Dict) and not quiet(node):
                flag = mapping_value(node, "tools.sessions.secure")
                if flag is None and not splat and not tests:
                    expected.append((node.lineno, "entry", node, "tools.sessions.secure"))
                elif flag is not None and is_falsy_literal(flag):
                    expected.append((node.lineno, "value", node, "tools.sessions.secure"))
    # The Flask config classes that take the session setting (a production class only
    # where the file also sets a secret key: the engine's windows look no further).
    if not tests and not facts.mentioned:
        for cls in facts.config_targets():
            site = facts.config_class_site(cls)
            if (
                (site is not cls or facts.sets_any_secret_key)
                and starts_logical_line(source, cls.body[0])
                and not suppressions.covers(site, strict=False)
            ):
                expected.append((site.lineno, "statement", cls, "SESSION_COOKIE_SECURE"))
    # Django settings the deployment checks warn about, where a line fits.
    if django_insertion_index(source, tree.body) is None:
        return expected
    for name in sorted(DJANGO_IS_TRUE):
        site = facts.django.warned(name)
        if site is not None and not suppressions.covers(site, strict=False):
            expected.append((site.lineno, "statement", tree, name))
    return expected


def statement_insertion_problems(change, facts: "ConfigFacts", suppressions):
    """An inserted `NAME = True` or `app.config["SESSION_COOKIE_SECURE"] = True`."""
    owner, index, statement = change.owner, change.index, change.after
    before_body = change.before_body
    rule = "secure-cookie-setting"
    target = statement.targets[0]
    if isinstance(owner, ast.Module) and isinstance(target, ast.Name):
        site = facts.django.warned(target.id)
        if site is None:
            return [("not-warned", f"added {target.id} where Django's checks do not warn")]
        if index != django_insertion_index(facts.source, before_body):
            return [("misplaced", f"added {target.id} elsewhere than beside the module's "
                     "cookie settings, its HTTPS hardening, or before the star imports that "
                     "end it")]
        if suppressions.covers(site, strict=True, rule=rule):
            return [("suppressed", "added a setting whose finding is suppressed")]
        return []
    flask = isinstance(owner, ast.ClassDef) or not isinstance(target, ast.Name)
    if flask and {"pytest", "unittest"} & facts.rules.roots:
        return [("test-module", "added the setting to a test module")]
    if isinstance(owner, ast.ClassDef) and isinstance(target, ast.Name):
        return config_class_problems(change, facts, suppressions)
    previous = before_body[index - 1] if index > 0 else None
    config = previous is not None and secret_key_statement(previous)
    expected = f"{config}" if config else None
    if not config or not ({"flask", "quart"} & facts.rules.roots):
        return [("not-an-app", "added the setting after a statement that sets no secret key")]
    if facts.mentioned or facts.loads:
        return [("mentioned", "added the setting to a file that names or loads it")]
    if ast.unparse(target.value) != expected:
        return [("receiver", f"added it on {ast.unparse(target.value)}, not {expected}")]
    if first_cookie_update(facts.django_tree, expected) is not None:
        return [("misplaced", f"added a line though an update of {expected} gives cookie "
                 "settings, where the new one belongs")]
    if suppressions.covers(previous, strict=True, rule=rule):
        return [("suppressed", "added a setting whose finding is suppressed")]
    return []


def update_entry_problems(change, facts: "ConfigFacts", suppressions):
    """`SESSION_COOKIE_SECURE=True` added to an `app.config.update(...)`: beside the app's
    cookie settings, in the file's first update of that config that gives some, for an
    app whose secret key the file sets, where the statement form would be allowed."""
    call, key = change.before, change.keyword
    receiver = cookie_update_receiver(call)
    if key != "SESSION_COOKIE_SECURE" or receiver is None:
        return [("tree-changed", f"added the entry {key}")]
    if first_cookie_update(facts.django_tree, receiver) is not call:
        return [("misplaced", f"added {key} to an update of {receiver} that is not its first "
                 "to give cookie settings")]
    if not ({"flask", "quart"} & facts.rules.roots):
        return [("not-an-app", "added the setting in a file that imports no Flask or Quart")]
    if {"pytest", "unittest"} & facts.rules.roots:
        return [("test-module", "added the setting to a test module")]
    if facts.mentioned or facts.loads:
        return [("mentioned", "added the setting to a file that names or loads it")]
    sites = [
        node for node in ast.walk(facts.django_tree)
        if isinstance(node, ast.stmt) and secret_key_statement(node) == receiver
    ]
    if not sites:
        return [("not-an-app", f"added the setting to {receiver}, whose secret key the file "
                 "does not set")]
    if all(suppressions.covers(site, strict=True, rule="secure-cookie-setting") for site in sites):
        return [("suppressed", "added a setting whose finding is suppressed")]
    return []


def config_class_problems(change, facts: "ConfigFacts", suppressions):
    """A `SESSION_COOKIE_SECURE = True` added to a Flask config class: a production
    class where the file names one, else the base of a hierarchy that sets the secret
    key; beside the class's cookie settings, else last."""
    owner, name = change.owner, change.after.targets[0].id
    if name != "SESSION_COOKIE_SECURE" or not is_config_class(owner) or is_model(owner):
        return [("not-a-config", f"added {name} to class {owner.name}")]
    role = config_role(owner)
    if role in NOT_DEPLOYED:
        return [("not-deployed", f"added the setting to the {role} class {owner.name}")]
    inherited_false = [
        s for a in facts.ancestors(owner) for s in a.body if owner in facts.production_heirs(s)
    ]
    if inherited_false:
        if facts.gives_itself(owner, name):
            return [("mentioned", f"added the setting to {owner.name}, which gives it")]
        if change.index != facts.config_class_index(owner):
            return [("misplaced", "added the setting elsewhere than after the class's last "
                     "cookie setting, or last")]
        return []
    if facts.mentioned:
        return [("mentioned", "added the setting to a file that names it")]
    targets = facts.config_targets()
    if owner not in targets:
        if role == "base" and any(config_role(c) == "production" for c in targets):
            return [("not-production", f"added the setting to {owner.name}, not to the "
                     "production class")]
        if facts.sets_secret_key(owner):
            return [("base-class", f"added the setting to {owner.name}, not to its base class")]
        return [("not-a-config", f"added {name} to class {owner.name}, which sets no secret key")]
    if change.index != facts.config_class_index(owner):
        return [("misplaced", "added the setting elsewhere than after the class's last "
                 "cookie setting, or last")]
    if suppressions.covers(facts.config_class_site(owner), strict=True, rule="secure-cookie-setting"):
        return [("suppressed", "added a setting whose finding is suppressed")]
    return []


def setting_value_problems(change, facts: "ConfigFacts", suppressions):
    """A setting's value made True: `NAME = value`, `X["NAME"] = value`,
    `X.secure_cookies_by_default = value`, or a mapping entry of a setting."""
    node, old = change.before, change.old_value
    problems = []
    if suppressions.covers(old, strict=True, rule="secure-cookie-setting"):
        problems.append(("suppressed", "changed a suppressed setting"))
    if isinstance(node, (ast.Assign, ast.AnnAssign)):
        target = node.targets[0] if isinstance(node, ast.Assign) else node.target
        if isinstance(target, ast.Subscript) and last_name(target.value) != "config":
            problems.append(("not-config", f"changed an item of {ast.unparse(target.value)}"))
        module_level = facts.at_module_level(node)
        if is_falsy_literal(old) and facts.beside_debug(node):
            problems.append(("development", "made a setting True beside DEBUG = True"))
        if facts.given_in_undeployed_class(node):
            problems.append(("not-deployed", "changed a test or development config class's "
                             "own choice"))
        if facts.production_heirs(node):
            problems.append(("not-production", "made True a base class's value that its "
                             "production classes set themselves"))
        name = target.id if isinstance(target, ast.Name) else None
        if module_level and name in DJANGO_IS_TRUE and facts.django.would_warn(name) is False:
            problems.append(("not-warned", f"changed {name} where Django's checks never warn"))
        if not is_falsy_literal(old):
            django = facts.django.complete and module_level and isinstance(target, ast.Name)
            if not (django and target.id in DJANGO_IS_TRUE and is_truthy_literal(old)):
                problems.append(("truthy-replaced", f"replaced the true {describe(old)}"))
        return problems
    if not is_falsy_literal(old):
        problems.append(("truthy-replaced", f"replaced the true {describe(old)}"))
    return problems + mapping_context_problems(change, facts)


def mapping_context_problems(change, facts):
    """A mapping of settings is assigned to an upper-case name outside a function, or
    given to a config's update() or from_mapping()."""
    if change.keyword not in SETTING_NAMES:
        return []
    mapping = change.before
    parent = facts.parent(mapping)
    if isinstance(mapping, ast.Call):
        call = mapping
    elif isinstance(parent, ast.Call) and mapping in parent.args:
        call = parent
    else:
        call = None
    if call is not None:
        if (
            isinstance(call.func, ast.Attribute)
            and call.func.attr in ("update", "from_mapping")
            and last_name(call.func.value) == "config"
        ):
            return []
        return [("not-a-setting", "changed an argument of a call that is no config update")]
    if (
        isinstance(parent, (ast.Assign, ast.AnnAssign))
        and not facts.in_function(parent)
        and all(
            isinstance(t, ast.Name) and t.id == "REST_AUTH"
            for t in (parent.targets if isinstance(parent, ast.Assign) else [parent.target])
        )
    ):
        return []
    return [("not-a-setting", "changed an entry of a dict that holds no settings")]


def is_tornado_settings_call(call, facts) -> bool:
    """A call whose keywords are Tornado application settings: `Application(...)`,
    `dict(...)`, or `super().__init__(...)` in a subclass of `Application`, whose
    `__init__(self, handlers=None, default_host=None, transforms=None, **settings)`
    takes them (tornado 6.5, tornado/web.py)."""
    if last_name(call.func) in ("Application", "dict"):
        return True
    func = call.func
    is_super_init = (
        isinstance(func, ast.Attribute) and func.attr == "__init__"
        and isinstance(func.value, ast.Call) and last_name(func.value.func) == "super"
    )
    cls = facts.class_of(call) if is_super_init else None
    return cls is not None and any(last_name(base) == "Application" for base in cls.bases)


def framework_mapping_problems(change, facts, suppressions):
    """Tornado's XSRF cookie settings and CherryPy's session config."""
    key, mapping, owner = change.keyword, change.before, change.owner
    rule = "secure-session-cookie"
    roots = facts.rules.roots
    if key in ("xsrf_cookie_kwargs", "secure"):
        settings = owner if key == "secure" else mapping
        on = mapping_value(settings, "xsrf_cookies")
        if "tornado" not in roots or not is_truthy_literal(on):
            return [("not-a-sink", "changed settings that turn on no Tornado XSRF cookie")]
        parent = facts.parent(mapping)
        assigned = (
            parent.targets[0].id
            if isinstance(parent, ast.Assign) and isinstance(parent.targets[0], ast.Name)
            else None
        )
        if change.kind == "entry" and key == "xsrf_cookie_kwargs" and assigned in facts.kwargs_read_from:
            return [("named-elsewhere", f"added xsrf_cookie_kwargs, which code reads or sets in {assigned}")]
        if isinstance(settings, ast.Call) and not is_tornado_settings_call(settings, facts):
            return [("not-a-sink", "changed a call that is no Tornado application")]
    elif key == "tools.sessions.secure":
        on = mapping_value(mapping, "tools.sessions.on")
        if "cherrypy" not in roots or not is_truthy_literal(on):
            return [("not-a-sink", "changed a config that turns on no CherryPy session")]
    else:
        return [("tree-changed", f"changed the entry {key}")]
    problems = []
    if change.kind == "entry" and {"pytest", "unittest"} & roots:
        problems.append(("test-module", f"added {key} in a test module"))
    if change.kind == "entry" and any(k is None for k, _, _ in mapping_items(mapping)):
        problems.append(("splat-call", f"inserted {key} beside **"))
    if change.kind == "entry" and isinstance(mapping, ast.Call) and (
        has_splat(mapping) or (is_dict_call(mapping) and mapping.args)
    ):
        problems.append(("splat-call", f"inserted {key} beside **"))
    if change.kind == "value" and not is_falsy_literal(change.old_value):
        problems.append(("truthy-replaced", f"replaced the true {describe(change.old_value)}"))
    site = change.site
    if site is not None and suppressions.covers(site, strict=True, rule=rule):
        problems.append(("suppressed", "changed a suppressed config"))
    return problems


# --- Litestar and Sanic cookies, Set-Cookie headers, http.cookies morsels ---------------
#
# Restated from the rules' documentation (`cookie-fix --explain RULE`): the callees by the paths the file's
# imports give them, the Set-Cookie sinks with client-side code ruled out, and the
# morsels of http.cookies objects.

HEADER_RULE = "secure-cookie-header"
MORSEL_RULE = "secure-cookie-morsel"
NEW_SINKS = {"litestar", "sanic", "header", "morsel"}
# Needles: a file naming none of these (nor set-cookie, names_set_cookie) holds no fix
# of the new sinks, whose callees resolve through imports of litestar or sanic, or are
# named SimpleCookie, BaseCookie or Morsel.
MORSEL_BYTES = [b"SimpleCookie", b"BaseCookie", b"Morsel"]
OBJECT_BYTES = [b"litestar", b"sanic"] + MORSEL_BYTES

LITESTAR_COOKIE = {"litestar.datastructures.Cookie", "litestar.datastructures.cookie.Cookie"}
LITESTAR_SECURE_INDEX = 6  # key, path, value, max_age, expires, domain, secure

CLIENT_PREFIXES = (
    "httpx", "requests", "urllib3", "urllib", "http.client", "responses", "respx",
    "aioresponses", "requests_mock", "pytest_httpserver", "pytest_httpx", "unittest.mock",
    "mock", "aiohttp", "tornado.httpclient", "tornado.simple_httpclient",
    "tornado.curl_httpclient",
)
CLIENT_FIXTURES = {"httpserver", "requests_mock", "respx_mock", "httpx_mock"}
HEADER_LIST_METHODS = {"add", "append", "set", "setdefault"}  # on a receiver named *headers
HEADER_METHODS = {"add_header", "set_header", "send_header"}  # on any receiver
# A one-piece str or bytes literal without backslashes spelling set-cookie in any case.
SET_COOKIE_NAME = re.compile(rb"(?i)[rbu]{0,2}('''|\"\"\"|'|\")set-cookie\1")
# A one-piece str literal on one line, no backslash, no quote inside: its bytes are its value.
PLAIN_STR = re.compile(rb"[uU]?(\"|')[^\"'\\\r\n]*\1")
SCOPES = (ast.Module, ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)
FUNCTIONS = (ast.FunctionDef, ast.AsyncFunctionDef)

MORSEL_MODULES = {"http.cookies", "Cookie", "django.http", "django.http.cookie"}
MORSEL_CLASSES = {"SimpleCookie": "cookies", "BaseCookie": "cookies", "Morsel": "morsel"}
ANY_KEY = object()  # a secure flag given under a key that is no string literal


@dataclass(frozen=True)
class Site:
    """The lines a suppression marker must be on (Suppressions.covers reads these two)."""

    lineno: int
    end_lineno: int


def names_set_cookie(data: bytes) -> bool:
    # Any case, as the header's name; lower() is five times faster than a (?i) search.
    return b"set-cookie" in data.lower()


def node_bytes(source: Source, node) -> bytes:
    return source.data[slice(*source.span(node))]


def chain(node):
    """The root name and attributes of `a.b().c` (`a`, [b, c]), following attributes and
    calls; (None, []) when the chain starts elsewhere."""
    attributes = []
    while True:
        if isinstance(node, ast.Attribute):
            attributes.append(node.attr)
            node = node.value
        elif isinstance(node, ast.Call):
            node = node.func
        elif isinstance(node, ast.Name):
            return node.id, attributes[::-1]
        else:
            return None, []


def resolve_paths(node, aliases) -> list:
    """The dotted paths an expression names through the file's imports:
    `web.Response` with `from aiohttp import web` -> ["aiohttp.web.Response"]."""
    root, attributes = chain(node)
    tail = "".join("." + a for a in attributes)
    return [path + tail for path in aliases.get(root, [])]


# --- A: Litestar's Cookie(...) and Sanic's add_cookie(...) --------------------------------


def object_cookie_sink(node, aliases) -> Optional[str]:
    """"litestar" for a call that may build a Litestar Cookie (named Cookie, or resolving
    to it: change_problems tells which), "sanic" for any `X.add_cookie(...)`."""
    if not isinstance(node, ast.Call) or not isinstance(node.func, (ast.Name, ast.Attribute)):
        return None
    if last_name(node.func) == "Cookie" or is_litestar_cookie(node, aliases):
        return "litestar"
    if isinstance(node.func, ast.Attribute) and node.func.attr == "add_cookie":
        return "sanic"
    return None


def is_litestar_cookie(call, aliases) -> bool:
    return any(path in LITESTAR_COOKIE for path in resolve_paths(call.func, aliases))


def object_cookie_calls(tree, rules) -> list:
    """(call, sink) of every Litestar Cookie and, in a file importing sanic, every
    add_cookie call."""
    if not {"litestar", "sanic"} & rules.roots:
        return []
    found = []
    for node in ast.walk(tree):
        sink = object_cookie_sink(node, rules.aliases)
        if sink == "litestar" and is_litestar_cookie(node, rules.aliases):
            found.append((node, sink))
        elif sink == "sanic" and "sanic" in rules.roots:
            found.append((node, sink))
    return found


def object_cookie_problems(change, rules, suppressions):
    """Litestar: a dataclass whose secure is slot 6; Sanic: keyword-only, secure by
    default, so only an explicit falsy `secure=` is a fix."""
    call, sink = change.before, change.sink
    problems = []
    if suppressions.covers(call, strict=True):
        problems.append(("suppressed", "changed a suppressed call"))
    if sink == "sanic":
        if "sanic" not in rules.roots:
            problems.append(("not-a-sink", "changed add_cookie in a file that imports no sanic"))
        if change.kind == "insert":
            problems.append(("secure-by-default", "inserted secure= into add_cookie: secure already"))
        elif change.kind == "positional":
            problems.append(("wrong-index", "replaced a positional argument: secure is keyword-only"))
        return problems
    if not is_litestar_cookie(call, rules.aliases):
        problems.append(("not-a-sink", f"changed `{describe(call.func)}`, no Litestar Cookie"))
    index = LITESTAR_SECURE_INDEX
    if change.kind == "insert":
        if has_splat(call):
            problems.append(("splat-call", "inserted secure= into a call with *args or **kwargs"))
        if len(call.args) > index:
            problems.append(("slot-filled", f"inserted secure= though argument {index} is it"))
    elif change.kind == "positional":
        starred = any(isinstance(a, ast.Starred) for a in call.args[: change.index])
        if change.index != index or starred:
            problems.append(("wrong-index", f"replaced argument {change.index}, not {index}"))
    return problems


def expected_object_fix(call, sink, comments, suppressions):
    """The plain fix of a Litestar Cookie or Sanic add_cookie, or None."""
    if suppressions.covers(call, strict=False):
        return None
    keyword, args = secure_keyword(call), call.args
    index = LITESTAR_SECURE_INDEX
    if keyword is not None:
        fix = ("keyword", None) if is_falsy_literal(keyword.value) and len(args) <= index else None
    elif sink == "sanic" or any(isinstance(a, ast.Starred) for a in args[: index + 1]):
        fix = None
    elif len(args) > index:
        fix = ("positional", index) if is_falsy_literal(args[index]) else None
    else:
        fix = None if has_splat(call) else ("insert", None)
    if fix is not None and fix[0] != "insert" and holds_a_comment(replaced(call, fix), comments):
        return None
    return fix


# --- B: secure-cookie-header ------------------------------------------------------------


def gains_secure(old, new) -> bool:
    """`new` is `old` with a trailing run of `;`, spaces and tabs (or the end of that run)
    replaced by `; Secure`; the bytes tell which part of the run (header_edit_problems)."""
    suffix, run = ("; Secure", "; \t") if isinstance(old, str) else (b"; Secure", b"; \t")
    if type(old) is not type(new) or not new.endswith(suffix):
        return False
    kept = new[: -len(suffix)]
    return old.startswith(kept) and old[len(kept):].strip(run) == old[:0]


def gains_secure_constant(a, b) -> bool:
    return (
        isinstance(b, ast.Constant)
        and isinstance(a.value, (str, bytes))
        and a.kind == b.kind
        and a.value != b.value
        and gains_secure(a.value, b.value)
    )


def is_string_literal(node) -> bool:
    return isinstance(node, ast.JoinedStr) or (
        isinstance(node, ast.Constant) and isinstance(node.value, (str, bytes))
    )


def header_template(value) -> Optional[ast.AST]:
    """T of a header value V that is a template: the literal itself, `T % args` or
    `T.format(...)`; None for anything else (review)."""
    if is_string_literal(value):
        return value
    if isinstance(value, ast.BinOp) and isinstance(value.op, ast.Mod):
        return value.left if is_string_literal(value.left) else None
    if (
        isinstance(value, ast.Call)
        and isinstance(value.func, ast.Attribute)
        and value.func.attr == "format"
        and is_string_literal(value.func.value)
    ):
        return value.func.value
    return None


# printf-style formatting as the Python documentation words it: `%`, a mapping key,
# flags, width, precision, length modifier, conversion type (`%%` is a `%`).
PERCENT_FIELD = re.compile(
    r"%(?:\([^)]*\))?[#0 +-]*(?:\*|\d+)?(?:\.(?:\*|\d+))?[hlL]?[diouxXeEfFgGcrsa%]"
)


def percent_fields(text: str) -> Optional[str]:
    """`text % args` as a browser reads it, \\0 for each field; None where Python refuses."""
    out, at = [], 0
    while (start := text.find("%", at)) >= 0:
        match = PERCENT_FIELD.match(text, start)
        if match is None:
            return None
        out += [text[at:start], "%" if match.group() == "%%" else "\0"]
        at = match.end()
    return "".join(out) + text[at:]


def brace_fields(text: str) -> Optional[str]:
    """`text.format(...)` read by Python's own parser of it, \\0 for each field."""
    try:
        parts = list(string.Formatter().parse(text))
    except ValueError:
        return None
    return "".join(literal + ("" if name is None else "\0") for literal, name, _, _ in parts)


def template_text(template, value=None) -> Optional[str]:
    """A template's text as a browser reads it, with \\0 for a replacement field: an
    f-string's, and those of `%` or `.format` when V (`value`) applies one; None for a
    template Python would refuse."""
    fields = (lambda text: text)
    if isinstance(value, ast.BinOp):
        fields = percent_fields
    elif isinstance(value, ast.Call):
        fields = brace_fields
    if isinstance(template, ast.JoinedStr):
        parts = [
            fields(part.value) if isinstance(part, ast.Constant) else "\0"
            for part in template.values
        ]
        return None if None in parts else "".join(parts)
    text = template.value
    return fields(text.decode("latin-1") if isinstance(text, bytes) else text)


def fields_stand_for_values(text: str) -> bool:
    """Each replacement field (\\0) of a header's text stands for part of a value, which
    cannot add an attribute: after its segment's first `=` and joined to the character
    before it (not a blank or another field), or in the cookie's name (`{}={}`)."""
    for at, segment in enumerate(text.split(";")):
        name, equals, value = segment.partition("=")
        if "\0" in name and (at > 0 or not equals):
            return False
        if any(c == "\0" and i > 0 and value[i - 1] in " \t\0" for i, c in enumerate(value)):
            return False
    return True


def has_secure_attribute(text: str) -> bool:
    """An attribute after the first `;` named Secure (any case, blanks trimmed)."""
    return any(
        segment.split("=")[0].strip(" \t").lower() == "secure" for segment in text.split(";")[1:]
    )


def is_client_path(path: str) -> bool:
    if path == "aiohttp.web" or path.startswith("aiohttp.web."):
        return False  # aiohttp's server side
    return any(path == p or path.startswith(p + ".") for p in CLIENT_PREFIXES)


def may_hold_client_code(tree, rules) -> bool:
    """Whether any import may reach a client library (a prefix of one, or a name that
    merely starts like one; aiohttp's server side too), or a fixture of one is named:
    no header fix is expected in such a file."""
    for paths in rules.aliases.values():
        for path in paths:
            for prefix in CLIENT_PREFIXES:
                if path.startswith(prefix) or prefix.startswith(path + "."):
                    return True
    return any(isinstance(n, ast.arg) and n.arg in CLIENT_FIXTURES for n in ast.walk(tree))


class Scope:
    """A function body, a class body, or the module outside functions and classes: its
    own nodes (a lambda stays in its scope), and the names bound to client-side calls."""

    def __init__(self, node, aliases):
        self.node, self.aliases = node, aliases
        self.nodes, stack = [], list(reversed(node.body))
        while stack:
            child = stack.pop()
            self.nodes.append(child)
            if not isinstance(child, SCOPES):
                stack.extend(reversed(list(ast.iter_child_nodes(child))))
        self.client_bound = self.client_names()

    @property
    def plain(self) -> bool:
        """A function or the module: the scopes whose fixes may be expected."""
        return not isinstance(self.node, ast.ClassDef)

    def client_names(self) -> set:
        bound = set()
        if isinstance(self.node, FUNCTIONS):
            args = self.node.args
            every = args.posonlyargs + args.args + args.kwonlyargs + [args.vararg, args.kwarg]
            bound = {a.arg for a in every if a is not None and a.arg in CLIENT_FIXTURES}
        bindings = []
        for node in self.nodes:
            if isinstance(node, ast.Assign) and isinstance(node.value, ast.Call):
                bindings += [(t.id, node.value) for t in node.targets if isinstance(t, ast.Name)]
            elif isinstance(node, (ast.With, ast.AsyncWith)):
                bindings += [
                    (item.optional_vars.id, item.context_expr) for item in node.items
                    if isinstance(item.optional_vars, ast.Name)
                    and isinstance(item.context_expr, ast.Call)
                ]
        # Headers or cookies handed to a client's cookie jar are what the client got.
        for node in self.nodes:
            if isinstance(node, ast.Call) and isinstance(node.func, (ast.Name, ast.Attribute)):
                name = last_name(node.func) or ""
                receiver = last_name(node.func.value) if isinstance(node.func, ast.Attribute) else None
                if "update_cookies" in name or "jar" in (receiver or "").lower():
                    bound |= {a.id for a in node.args if isinstance(a, ast.Name)}
        grew = True
        while grew:  # `c = httpx.Client()` then `r = c.get(...)`: both client-bound
            grew = False
            for name, call in bindings:
                if name not in bound and self.is_client(call.func, bound):
                    bound.add(name)
                    grew = True
        return bound

    def is_client(self, node, bound=None) -> bool:
        """A callee (or receiver) of client-side code: its root name is client-bound, or
        it resolves to a client library."""
        bound = self.client_bound if bound is None else bound
        if chain(node)[0] in bound:
            return True
        return any(is_client_path(path) for path in resolve_paths(node, self.aliases))


def scopes_of(tree, aliases) -> list:
    return [Scope(node, aliases) for node in ast.walk(tree) if isinstance(node, SCOPES)]


@dataclass
class HeaderSink:
    template: ast.AST  # T, the literal the fix edits
    value: ast.AST  # V
    site: Site  # the dict entry, tuple, assignment or call a marker must be on
    client: bool  # in client-side code: never edited
    scope: Scope
    extra: bool = False  # `R.M(K, V, ...)` with more arguments: review


class HeaderFacts:
    """Every Set-Cookie header value of the input, by the id of its template."""

    def __init__(self, source: Source, scopes: list):
        self.source = source
        self.sinks: dict = {}
        for scope in scopes:
            for sink in ScopeHeaders(source, scope).sinks:
                self.sinks.setdefault(id(sink.template), []).append(sink)

    def expected(self, tree, rules, suppressions) -> list:
        """The plain header fixes: a one-piece str value (or such a template filled by `%`
        or `.format`, its fields standing for values) in a sink of a file with no client
        code, whose text leaves nothing to review."""
        if may_hold_client_code(tree, rules):
            return []
        found = []
        for sinks in self.sinks.values():
            if all(self.plain(sink, suppressions) for sink in sinks):
                found.append(sinks[0])
        return found

    def plain(self, sink, suppressions) -> bool:
        text = template_text(sink.template, sink.value)
        if text is None:
            return False
        first = text.split(";")[0]
        filled = sink.template is not sink.value
        return (
            const_str(sink.template) is not None
            and PLAIN_STR.fullmatch(node_bytes(self.source, sink.template)) is not None
            and text.strip(" \t;") != ""
            and not any(c in text for c in "\n\r,")
            and (filled or not any(c in text for c in "%{}"))
            and fields_stand_for_values(text)
            and "=" in first
            and not has_secure_attribute(text)
            and not sink.client
            and not sink.extra
            and sink.scope.plain
            and not suppressions.covers(sink.site, strict=False)
        )


class ScopeHeaders:
    """The Set-Cookie sinks of one scope (the four shapes of `cookie-fix --explain secure-cookie-header`)."""

    def __init__(self, source: Source, scope: Scope):
        self.source, self.scope = source, scope
        self.sinks: list = []
        # Names handed over as headers: name -> [whether that use is client-side].
        self.dict_uses, self.list_uses = {}, {}
        for node in scope.nodes:
            self.direct(node)
        for node in scope.nodes:
            self.through_names(node)

    def is_name(self, node) -> bool:
        return (
            isinstance(node, ast.Constant)
            and isinstance(node.value, (str, bytes))
            and SET_COOKIE_NAME.fullmatch(node_bytes(self.source, node)) is not None
        )

    def add(self, value, site, client, extra=False):
        template = header_template(value)
        if template is not None:
            self.sinks.append(HeaderSink(template, value, site, client, self.scope, extra))

    def add_dict(self, mapping, client):
        for key, value in zip(mapping.keys, mapping.values):
            if key is not None and self.is_name(key):
                self.add(value, Site(key.lineno, value.end_lineno), client)

    def add_pairs(self, sequence, client):
        for element in sequence.elts:
            self.add_pair(element, client)

    def add_pair(self, pair, client):
        if isinstance(pair, ast.Tuple) and len(pair.elts) == 2 and self.is_name(pair.elts[0]):
            self.add(pair.elts[1], Site(pair.lineno, pair.end_lineno), client)

    def headers_given(self, value, client, dict_too=True):
        """A value in a headers position: a literal is a sink, a name is noted."""
        if isinstance(value, ast.Dict) and dict_too:
            self.add_dict(value, client)
        elif isinstance(value, (ast.List, ast.Tuple)):
            self.add_pairs(value, client)
        elif isinstance(value, ast.Name):
            if dict_too:
                self.dict_uses.setdefault(value.id, []).append(client)
            self.list_uses.setdefault(value.id, []).append(client)

    def direct(self, node):
        if isinstance(node, ast.Call):
            client = self.scope.is_client(node.func)
            for keyword in node.keywords:
                if keyword.arg == "headers":
                    self.headers_given(keyword.value, client)
            if last_name(node.func) == "start_response" and len(node.args) >= 2:
                self.headers_given(node.args[1], False, dict_too=False)
            self.header_call(node, client)
        elif isinstance(node, ast.Dict):
            items = {const_str(k): v for k, v in zip(node.keys, node.values) if k is not None}
            if const_str(items.get("type")) == "http.response.start" and "headers" in items:
                self.headers_given(items["headers"], False, dict_too=False)
        elif isinstance(node, ast.Assign) and len(node.targets) == 1:
            target = node.targets[0]
            if isinstance(target, ast.Subscript) and self.is_name(target.slice):
                client = self.scope.is_client(target.value)
                self.add(node.value, Site(node.lineno, node.end_lineno), client)

    def header_call(self, call, client):
        """Shape 4: `R.M(K, V)`."""
        func = call.func
        if not isinstance(func, ast.Attribute) or len(call.args) < 2:
            return
        if not self.is_name(call.args[0]) or isinstance(call.args[1], ast.Starred):
            return
        receiver = (last_name(func.value) or "").lower()
        if func.attr in HEADER_METHODS or (
            func.attr in HEADER_LIST_METHODS and receiver.endswith("headers")
        ):
            extra = len(call.args) > 2 or bool(call.keywords)
            self.add(call.args[1], Site(call.lineno, call.end_lineno), client, extra)

    def through_names(self, node):
        """`N = {...}` / `N = [...]` and `N.append((K, V))` for a name N used as headers
        in this scope (client-side when every use is)."""
        if isinstance(node, ast.Assign) and len(node.targets) == 1:
            target = node.targets[0]
            if not isinstance(target, ast.Name):
                return
            if isinstance(node.value, ast.Dict) and target.id in self.dict_uses:
                self.add_dict(node.value, all(self.dict_uses[target.id]))
            elif isinstance(node.value, (ast.List, ast.Tuple)) and target.id in self.list_uses:
                self.add_pairs(node.value, all(self.list_uses[target.id]))
        elif (
            isinstance(node, ast.Call)
            and isinstance(node.func, ast.Attribute)
            and node.func.attr == "append"
            and isinstance(node.func.value, ast.Name)
            and node.func.value.id in self.list_uses
            and len(node.args) == 1
            and not node.keywords
        ):
            self.add_pair(node.args[0], all(self.list_uses[node.func.value.id]))


def header_change_problems(change, facts: "SinkFacts", suppressions):
    """A header value that gained `; Secure`: only in a sink that is not client-side and
    not suppressed, and only where the value had no Secure attribute."""
    sinks = facts.headers.sinks.get(id(change.before), [])
    if not sinks:
        return [("not-a-sink", f"changed `{describe(change.before)}`, no Set-Cookie header value")]
    live = [s for s in sinks if not s.client]
    if not live:
        return [("client-side", "changed a Set-Cookie header of client-side code")]
    if all(suppressions.covers(s.site, strict=True, rule=HEADER_RULE) for s in live):
        return [("suppressed", "changed a suppressed Set-Cookie header")]
    text = template_text(change.before, live[0].value)
    if text is None:
        return []  # a template Python refuses to fill: nothing to hold the edit to
    if not text:
        return [("no-finding", "added Secure to an empty header value")]
    if not fields_stand_for_values(text):
        return [("review-edited", f"added Secure to `{describe(live[0].value)}`, whose "
                 "replacement fields may stand for whole attributes")]
    if has_secure_attribute(text):
        return [("already-secure", f"added Secure to `{describe(change.before)}`, which has it")]
    return []


def header_edit_problems(old: bytes, new: bytes):
    """The literal's bytes: the run of `;` and blanks before the closing quote of its last
    piece replaced by `; Secure`, nothing else."""
    for quote in (b'"""', b"'''", b'"', b"'"):
        if old.endswith(quote) and new == old[: -len(quote)].rstrip(b"; \t") + b"; Secure" + quote:
            return []
    return [("edit", f"{old!r} became {new!r}, not its last piece ending in `; Secure`")]


# --- C: secure-cookie-morsel ------------------------------------------------------------


def morsel_class(call, aliases) -> Optional[str]:
    """"cookies" for SimpleCookie()/BaseCookie(), "morsel" for Morsel(), of http.cookies
    (or Python 2's Cookie, or Django's re-exports)."""
    for path in resolve_paths(call.func, aliases) if isinstance(call, ast.Call) else []:
        module, _, name = path.rpartition(".")
        if module in MORSEL_MODULES and name in MORSEL_CLASSES:
            return MORSEL_CLASSES[name]
    return None


def is_secure_key(node) -> bool:
    return const_str(node) is not None and node.value.lower() == "secure"


def morsel_flag_target(statement) -> Optional[ast.AST]:
    """The holder `N[K]` (or `N`) of `holder["secure"] = v`, one target."""
    if len(statement.targets) != 1:
        return None
    target = statement.targets[0]
    if isinstance(target, ast.Subscript) and is_secure_key(target.slice):
        return target.value
    return None


def inserted_morsel_flag(statement) -> bool:
    """A statement a fix may add: `N[K]["secure"] = True` or `N["secure"] = True`."""
    if not (isinstance(statement, ast.Assign) and is_true(statement.value)):
        return False
    holder = morsel_flag_target(statement)
    return isinstance(holder, ast.Name) or (
        isinstance(holder, ast.Subscript) and isinstance(holder.value, ast.Name)
    )


def holder_of(holder) -> Optional[tuple]:
    """(N, K node, "cookies") for `N[K]`, (N, None, "morsel") for `N`."""
    if isinstance(holder, ast.Name):
        return holder.id, None, "morsel"
    if isinstance(holder, ast.Subscript) and isinstance(holder.value, ast.Name):
        return holder.value.id, holder.slice, "cookies"
    return None


def key_quote(source: Source, key) -> bytes:
    """The quote `"secure"` takes beside a key: the key literal's, else a double quote."""
    if is_string_literal(key):
        match = re.match(rb"[A-Za-z]*(['\"])", node_bytes(source, key))
        if match:
            return match.group(1)
    return b'"'


class MorselScope:
    """One scope's http.cookies objects: the names bound to them, those left alone, the
    morsels given a secure flag."""

    def __init__(self, source: Source, scope: Scope):
        self.source, self.scope = source, scope
        self.objects: dict = {}  # name -> {"cookies", "morsel"}
        self.bindings: dict = {}  # name -> every statement binding it (`N = ...`)
        self.left_alone: set = set()
        self.secured: set = set()  # (name, key bytes, ANY_KEY or None for a morsel)
        self.values: dict = {}  # (name, key bytes; None for a Morsel's set()) -> values
        # Names whose cookies the scope writes as Set-Cookie headers (any writer of the
        # rule's documentation), and those written by `N.output()` or `print(N)`.
        self.written: set = set()
        self.plainly_written: set = set()
        for node in scope.nodes:
            if isinstance(node, ast.Assign):
                self.note_assignment(node)
            elif isinstance(node, ast.Call):
                self.note_call(node)

    def note_assignment(self, node):
        for target in node.targets:
            held = holder_of(target) if isinstance(target, ast.Subscript) else None
            if held is not None:  # N[K] = v
                key = node_bytes(self.source, held[1])
                self.values.setdefault((held[0], key), []).append(node.value)
            if isinstance(target, ast.Name):
                self.bindings.setdefault(target.id, []).append(node)
                kind = morsel_class(node.value, self.scope.aliases)
                if kind is not None and len(node.targets) == 1:
                    self.objects.setdefault(target.id, set()).add(kind)
            if isinstance(target, ast.Subscript) and is_secure_key(target.slice):
                held = holder_of(target.value)
                # `N[K1, K2]` is no morsel (SimpleCookie raises on a tuple): it flags none.
                if held is not None and not isinstance(held[1], ast.Tuple):
                    name, key, _ = held
                    self.secured.add((name, self.key_of(key)))

    def key_of(self, key):
        if key is None:
            return None
        return node_bytes(self.source, key) if is_string_literal(key) else ANY_KEY

    def note_call(self, call):
        self.note_writer(call)
        func = call.func
        if isinstance(func, ast.Attribute) and isinstance(func.value, ast.Name) and func.attr == "set":
            value = call.args[1] if len(call.args) > 1 else None  # m.set(key, value, coded)
            self.values.setdefault((func.value.id, None), []).append(value)
        # An object handed to a cookie jar is the client's: left alone.
        jar = isinstance(func, ast.Attribute) and "jar" in (last_name(func.value) or "")
        if not (jar or "update_cookies" in (last_name(func) or "")):
            return
        for given in call.args + [k.value for k in call.keywords]:
            given = given.value if isinstance(given, ast.Starred) else given
            if isinstance(given, ast.Name):
                self.left_alone.add(given.id)

    def note_writer(self, call):
        """The calls that write an object's cookies as Set-Cookie headers."""
        func = call.func
        if isinstance(func, ast.Name) and func.id == "print":
            names = [a.id for a in call.args if isinstance(a, ast.Name)]
            self.written.update(names)
            if len(call.args) == 1 and names and not call.keywords:
                self.plainly_written.add(names[0])
            return
        held = holder_of(func.value) if isinstance(func, ast.Attribute) else None
        if held is None:
            return
        name, key, _ = held
        bare = not call.args and not call.keywords
        if func.attr == "output" and key is None:
            keywords = {k.arg: k.value for k in call.keywords}
            header = const_str(keywords.get("header")) or ""
            if not ({"sep", "attrs"} & set(keywords) or header.lower().startswith("cookie")):
                self.written.add(name)
                if bare:
                    self.plainly_written.add(name)
        elif (func.attr in ("output", "OutputString") and key is not None and bare) or (
            func.attr == "OutputString" and key is None and bare
        ) or (func.attr == "js_output" and key is None):
            self.written.add(name)

    def deletes(self, name, key) -> bool:
        """Every value the morsel is given is an empty string literal: it deletes a cookie."""
        values = self.values.get((name, key), [])
        return bool(values) and all(const_str(v) == "" for v in values)

    def is_object(self, name, kind) -> bool:
        return kind in self.objects.get(name, ())

    def has_secure(self, name, key: Optional[bytes]) -> bool:
        return (name, key) in self.secured or (key is not None and (name, ANY_KEY) in self.secured)

    def settings(self, statement, name, kind) -> list:
        """What a statement of a block sets of the object, directly: (key bytes, whether
        it gives the morsel its value) pairs; key None for a Morsel."""
        found = []
        if kind == "morsel":
            call = statement.value if isinstance(statement, ast.Expr) else None
            if isinstance(call, ast.Call) and isinstance(call.func, ast.Attribute) \
                    and call.func.attr == "set" and isinstance(call.func.value, ast.Name) \
                    and call.func.value.id == name:
                found.append((None, True))
        for target in statement.targets if isinstance(statement, ast.Assign) else []:
            held = holder_of(target) if isinstance(target, ast.Subscript) else None
            if held is not None and held[0] == name:  # N[K] = v, N[...] = v
                found.append((None, False) if kind == "morsel" else (
                    node_bytes(self.source, held[1]), True))
            inner = holder_of(target.value) if isinstance(target, ast.Subscript) else None
            if kind == "cookies" and inner is not None and inner[0] == name and inner[1]:
                found.append((node_bytes(self.source, inner[1]), False))  # N[K][A] = v
        return found

    def sets(self, statement, name, kind, key, value_only=False) -> bool:
        return any(k == key and (gives or not value_only)
                   for k, gives in self.settings(statement, name, kind))


class MorselFacts:
    """The http.cookies objects of the input, scope by scope, and where each statement
    and block sits."""

    def __init__(self, source: Source, scopes: list, rules):
        self.source, self.rules = source, rules
        self.scopes = {id(scope.node): MorselScope(source, scope) for scope in scopes}
        self.parents, self.places = {}, {}
        for node in ast.walk(source.tree):
            for name in node._fields:
                value = getattr(node, name, None)
                children = value if isinstance(value, list) else [value]
                for index, child in enumerate(children):
                    if isinstance(child, ast.AST):
                        self.parents[id(child)] = node
                        if isinstance(value, list) and isinstance(child, ast.stmt):
                            self.places[id(child)] = (value, index)
        self.claimed = set()  # (block, name, key): one insertion per block

    def scope_of(self, node) -> MorselScope:
        while not isinstance(node, SCOPES):
            node = self.parents[id(node)]
        return self.scopes[id(node)]

    def given_earlier(self, owner, scope, name, kind, key) -> bool:
        """Whether a block enclosing the block of `owner` gave the morsel its value before
        the statement that holds that block."""
        node = owner
        while node is not scope.scope.node:
            if id(node) in self.places:
                body, index = self.places[id(node)]
                if any(scope.sets(s, name, kind, key, value_only=True) for s in body[:index]):
                    return True
            node = self.parents[id(node)]
        return False

    def value_problems(self, change, suppressions):
        """`holder["secure"] = v` made True: a falsy literal, of an object of this scope."""
        statement = change.before
        scope = self.scope_of(statement)
        held = holder_of(morsel_flag_target(statement))
        problems = []
        if held is None or not scope.is_object(held[0], held[2]):
            problems.append(("not-a-sink", f"changed `{describe(statement)}`: no morsel"))
        elif held[0] in scope.left_alone:
            problems.append(("left-alone", f"changed {held[0]}, which is handed to a cookie jar"))
        if not is_falsy_literal(change.old_value):
            problems.append(("truthy-replaced", f"replaced the true {describe(change.old_value)}"))
        if suppressions.covers(statement, strict=True, rule=MORSEL_RULE):
            problems.append(("suppressed", "changed a suppressed morsel flag"))
        return problems

    def insertion_problems(self, change, suppressions):
        """An added `N[K]["secure"] = True`: right after the last statement of a block
        that gives the morsel its value and sets it, where the scope gives it no secure."""
        name, key, kind = change.morsel
        owner = change.owner
        scope = self.scope_of(owner)
        if not scope.is_object(name, kind):
            return [("not-a-sink", f"added a flag to {name}, no http.cookies {kind} of this scope")]
        if {"pytest", "unittest"} & self.rules.roots:
            return [("test-module", "added a secure flag in a test module")]
        if name in scope.left_alone:
            return [("left-alone", f"added a flag to {name}, which is handed to a cookie jar")]
        if scope.has_secure(name, key):
            return [("already-secure", f"added a secure flag where the scope gives {name} one")]
        if name not in scope.written:
            return [("not-written", f"added a flag to {name}, not written as a Set-Cookie header")]
        if scope.deletes(name, key):
            return [("deleting", "added a flag to a morsel whose values are all empty: a deletion")]
        block, index = change.before_body, change.index
        anchor = block[index - 1] if index > 0 else None
        settings = scope.settings(anchor, name, kind) if anchor is not None else []
        if not settings:
            return [("misplaced", f"added the flag after a statement that sets nothing of {name}")]
        if key not in {k for k, _ in settings}:
            return [("key", f"added the flag under {key.decode(errors='replace')}, after a "
                     "statement that sets another key")]
        if any(scope.sets(s, name, kind, key) for s in block[index:]):
            return [("misplaced", "added the flag before the block's last statement that sets it")]
        givers = [s for s in block if scope.sets(s, name, kind, key, value_only=True)]
        if not givers:
            return [("misplaced", "added the flag to a block that gives the morsel no value")]
        claim = (id(block), name, key)
        if claim in self.claimed or self.given_earlier(owner, scope, name, kind, key):
            return [("duplicate", "added a second flag for one morsel's value")]
        self.claimed.add(claim)
        if any(suppressions.covers(s, strict=True, rule=MORSEL_RULE) for s in givers):
            return [("suppressed", "added a flag to a suppressed morsel")]
        return []

    def scope_text(self, scope) -> bytes:
        """A function's bytes, or the whole file's for the module (what a scope's
        expectations are held to: more than the scope, never less)."""
        node = scope.scope.node
        return node_bytes(self.source, node) if isinstance(node, FUNCTIONS) else self.source.data

    def expected_values(self, suppressions) -> list:
        """The falsy secure flags of this file's objects, made True, as Assign nodes."""
        found = []
        for scope in self.scopes.values():
            text = self.scope_text(scope).lower()
            if not scope.scope.plain or b"jar" in text or b"update_cookies" in text:
                continue
            for node in scope.scope.nodes:
                holder = morsel_flag_target(node) if isinstance(node, ast.Assign) else None
                held = holder_of(holder) if holder is not None else None
                if (
                    held is not None
                    and scope.is_object(held[0], held[2])
                    and len(scope.bindings.get(held[0], [])) == 1
                    and is_falsy_literal(node.value)
                    and b"#" not in node_bytes(self.source, node.value)
                    and not suppressions.covers(node, strict=False)
                ):
                    found.append(node)
        return found

    def expected_insertions(self, suppressions) -> list:
        """The missing flags the rules leave no doubt about, as (block, holder text, line):
        one `N[K] = v` with a literal key and a value that is no empty string, atop the
        block that binds `N = SimpleCookie()`, in a scope that writes N by `N.output()`
        or `print(N)` and says nothing of secure, outside test modules."""
        if {"pytest", "unittest"} & self.rules.roots:
            return []
        found = []
        for scope in self.scopes.values():
            text = self.scope_text(scope).lower()
            if not scope.scope.plain or any(w in text for w in (b"secure", b"jar", b"update_cookies")):
                continue  # a word that may make the morsel secure, or the client's
            for binding in scope.scope.node.body:
                found += self.expected_in_block(scope, binding, suppressions)
        return found

    def expected_in_block(self, scope, binding, suppressions) -> list:
        block = scope.scope.node.body
        if not (isinstance(binding, ast.Assign) and len(binding.targets) == 1
                and isinstance(binding.targets[0], ast.Name)):
            return []
        name = binding.targets[0].id
        if morsel_class(binding.value, scope.scope.aliases) != "cookies":
            return []
        if len(scope.bindings[name]) != 1:
            return []  # rebound: which object a statement sets is not plain
        givers = [n for n in scope.scope.nodes if isinstance(n, ast.Assign) and any(
            holder_of(t) is not None and holder_of(t)[0] == name
            for t in n.targets if isinstance(t, ast.Subscript))]
        if len(givers) != 1 or givers[0] not in block or len(givers[0].targets) != 1:
            return []
        giver = givers[0]
        key = giver.targets[0].slice
        emptied = is_string_literal(giver.value) and is_falsy_literal(giver.value)
        # An edit's text is UTF-8: a name or key beyond ASCII in a file of another code
        # page cannot be copied into a new line (the rule leaves it for review).
        foreign = not (name + (const_str(key) or "")).isascii() and (
            source_codec(self.source.data) != "utf-8"
        )
        if (
            const_str(key) is None
            or block.index(giver) < block.index(binding)
            or name not in scope.plainly_written
            or emptied
            or foreign
        ):
            return []
        key_bytes = node_bytes(self.source, key)
        anchor = [s for s in block if scope.sets(s, name, "cookies", key_bytes)][-1]
        after = block.index(anchor) + 1
        next_line = block[after].lineno if after < len(block) else None
        if (
            not starts_logical_line(self.source, anchor)
            or (next_line is not None and next_line <= anchor.end_lineno)
            or any(suppressions.covers(s, strict=False) for s in (binding, giver, anchor))
        ):
            return []
        return [(id(block), ast.unparse(giver.targets[0]), giver.lineno)]


def morsel_statement_text(fixed: Source, statement) -> list:
    """The texts an added flag may have: `N[K]["secure"] = True` with K's quote (double
    quotes beside a key that is no literal), `N["secure"] = True` for a Morsel."""
    holder = statement.targets[0].value
    if isinstance(holder, ast.Name):
        name = node_bytes(fixed, holder)
        return [name + b'["secure"] = True', name + b"['secure'] = True"]
    name, key = node_bytes(fixed, holder.value), node_bytes(fixed, holder.slice)
    quote = key_quote(fixed, holder.slice)
    return [name + b"[" + key + b"][" + quote + b"secure" + quote + b"] = True"]


class SinkFacts:
    """What the rules of cookies written by hand read of the input, and the verdicts on
    its flags' values, each part computed when first asked."""

    def __init__(self, source: Source, rules: FileRules, suppressions=None, project=None):
        self.source, self.rules = source, rules
        self.suppressions = suppressions or Suppressions([])
        self.fixed = None  # the output, once there is one
        self.project = project  # a Project in project mode

    @cached_property
    def values(self) -> "ValueFacts":
        return ValueFacts(self.source, self.rules, self.suppressions, self)

    @cached_property
    def scopes(self) -> list:
        return scopes_of(self.source.tree, self.rules.aliases)

    @cached_property
    def headers(self) -> HeaderFacts:
        return HeaderFacts(self.source, self.scopes)

    @cached_property
    def morsels(self) -> MorselFacts:
        return MorselFacts(self.source, self.scopes, self.rules)


def new_sink_problems(change, rules, suppressions, facts: SinkFacts):
    if change.sink in ("litestar", "sanic"):
        return object_cookie_problems(change, rules, suppressions)
    if change.sink == "header":
        return header_change_problems(change, facts, suppressions)
    if change.kind == "statement":
        return facts.morsels.insertion_problems(change, suppressions)
    problems = facts.morsels.value_problems(change, suppressions)
    if [kind for kind, _ in problems] == ["not-a-sink"]:
        # `kwargs["secure"] = False` of a dict a cookie call unpacks: a link of that
        # flag's chain (section 8), no morsel.
        literal = Change(change.old_value, change.new_value, "literal", sink="value")
        if not value_change_problems(literal, facts.values):
            return []
    return problems


def missed_new_fixes(source, rules, comments, suppressions, facts: SinkFacts, changes) -> list:
    """(line, detail) of the plain fixes of cookies written by hand the output lacks."""
    changed = {id(c.before) for c in changes if c.before is not None}
    missed = []
    for call, sink in object_cookie_calls(source.tree, rules):
        fix = expected_object_fix(call, sink, comments, suppressions)
        if fix is not None and id(call) not in changed:
            missed.append((call.lineno, f"`{describe(call)}` wants a {fix[0]} fix"))
    if names_set_cookie(source.data):
        for sink in facts.headers.expected(source.tree, rules, suppressions):
            if id(sink.template) not in changed:
                missed.append((sink.site.lineno, f"`{describe(sink.value)}` wants `; Secure`"))
    if any(name in source.data for name in MORSEL_BYTES):
        morsels = facts.morsels
        for node in morsels.expected_values(suppressions):
            if id(node) not in changed:
                missed.append((node.lineno, f"`{describe(node)}` wants True"))
        added = {(id(c.before_body), ast.unparse(c.after.targets[0].value))
                 for c in changes if c.sink == "morsel" and c.kind == "statement"}
        for block, holder, line in morsels.expected_insertions(suppressions):
            if (block, holder) not in added:
                missed.append((line, f"{holder} wants a secure flag"))
    return missed


# --- section 8: what a value settles ---------------------------------------------------
#
# A flag whose value is no literal is judged by scripts/value_oracle.py (DESIGN.md section
# 8, restated on `ast`): what it is in a deployment, and what may change on its account: a
# falsy literal of its chain made True, an environment default turned over, `secure=True`
# after a `**dict` a function writes out without it. A deletion (an empty value with a
# lifetime that has ended) follows the cookie it deletes: it is judged only where the file
# sets that cookie with a literal flag (or none).


def is_literal_value(node) -> bool:
    return isinstance(node, (ast.Constant, ast.JoinedStr))


def sets_literal_flag(call, rules) -> bool:
    """The call's flag is a literal, or left out where nothing else may give it."""
    keyword = secure_keyword(call)
    if keyword is not None:
        return is_literal_value(keyword.value)
    indexes = {sig.index for sig in rules.signatures(call)}
    for index in indexes:
        if index is not None and len(call.args) > index:
            return is_literal_value(call.args[index])
    return not has_splat(call)


def followed_deletions(rules) -> set:
    """The names of cookies the file sets with a literal flag: their deletions are judged."""
    return {
        vo.cookie_name(call) for call in rules.calls
        if not vo.deletes(call) and left_alone_because(call) is None and sets_literal_flag(call, rules)
    }


def left_as_deletion(call, rules) -> bool:
    return vo.deletes(call) and vo.cookie_name(call) not in followed_deletions(rules)


def call_flag(call, signatures, rule, keyword="secure") -> Optional[vo.Flag]:
    """The value of a call's flag, if it is no literal: by keyword, at the slot every
    signature agrees on, or the key of the one `**dict` it unpacks."""
    given = next((k for k in call.keywords if k.arg == keyword), None)
    if given is not None:
        return None if is_literal_value(given.value) else vo.Flag(given.value, site=call, rule=rule)
    reached = {sig.index for sig in signatures if sig.index is not None and len(call.args) > sig.index}
    if reached:
        index = reached.pop()
        if reached or len({sig.index for sig in signatures}) != 1 or any(
                isinstance(a, ast.Starred) for a in call.args[: index + 1]):
            return None  # the callees disagree on where it is: review
        value = call.args[index]
        return None if is_literal_value(value) else vo.Flag(value, site=call, rule=rule)
    splats = [k.value for k in call.keywords if k.arg is None]
    if len(splats) == 1 and isinstance(splats[0], ast.Name) and not any(
            isinstance(a, ast.Starred) for a in call.args):
        return vo.Flag(None, site=call, rule=rule, splat=splats[0], call=call, key=keyword)
    return None


class ValueFacts:
    """The flags of a file whose values are no literals, and their verdicts."""

    def __init__(self, source: Source, rules: FileRules, suppressions: Suppressions, sinks):
        self.source, self.rules, self.suppressions = source, rules, suppressions
        self.sinks = sinks
        self.run = self.static_only = 0  # defaults checked by running them, and not
        self.module = vo.Module(source.tree)
        self.judge = vo.Judge(self.module)
        self.flags = self.gather(sinks)
        self.verdicts = [(flag, self.judge.judge(flag)) for flag in self.flags]
        self.edits, self.blocked = {}, {}
        for _, verdict in self.verdicts:
            for edit in verdict.edits:
                self.edits.setdefault(id(edit.node), []).append(edit)
            for node, kind, why in verdict.blocked:
                self.blocked[id(node)] = (kind, why)

    def gather(self, sinks) -> list:
        rules, flags = self.rules, []
        for call in rules.calls:
            if left_alone_because(call) or left_as_deletion(call, rules):
                continue
            signatures = rules.signatures(call)
            if not all(sig.keyword for sig in signatures):
                continue
            flag = call_flag(call, signatures, "secure-cookie")
            if flag is not None:
                flag.falcon = any(sig.none_is_default or sig.secure_by_default for sig in signatures)
                flag.absent_is_secure = all(sig.secure_by_default for sig in signatures)
                flags.append(flag)
        for call, sink in object_cookie_calls(self.source.tree, rules):
            index = LITESTAR_SECURE_INDEX if sink == "litestar" else None
            flag = call_flag(call, [Signature("", index, True)], "secure-cookie")
            if flag is not None and flag.splat is None:
                flags.append(flag)
        for node in ast.walk(self.source.tree):
            sink = session_sink(node)
            if sink is not None and SESSION_SINKS[sink][0] in rules.roots:
                _, keyword, index, _ = SESSION_SINKS[sink]
                flag = call_flag(node, [Signature("", index, True)], "secure-session-cookie", keyword)
                if flag is not None:
                    flags.append(flag)
        flags += self.setting_flags()
        flags += self.morsel_flags(sinks)
        return flags

    def setting_flags(self) -> list:
        if not any(name in self.source.data for name in CONFIG_BYTES):
            return []
        facts = ConfigFacts(self.source, self.rules)
        flags = []
        for node in ast.walk(self.source.tree):
            if isinstance(node, (ast.Assign, ast.AnnAssign)) and node.value is not None:
                flags += self.assignment_flags(node, facts)
            if isinstance(node, (ast.Dict, ast.Call)) and mapping_flags(node):
                for key, _, value in mapping_items(node):
                    if key in SETTING_NAMES and not is_literal_value(value):
                        change = Change(node, node, "value", keyword=key)
                        if not mapping_context_problems(change, facts):
                            flags.append(vo.Flag(value, site=value, rule="secure-cookie-setting"))
        return flags

    def assignment_flags(self, node, facts) -> list:
        """A flag for each setting an assignment gives its value to: a chained one
        (`SESSION_COOKIE_SECURE = CSRF_COOKIE_SECURE = v`) gives it to every target."""
        if is_literal_value(node.value):
            return []
        if facts.in_function(node) or facts.beside_debug(node) or facts.given_in_undeployed_class(node):
            return []
        flags = []
        for target in node.targets if isinstance(node, ast.Assign) else [node.target]:
            name = target_setting(target)
            if name not in SETTING_NAMES:
                continue
            if isinstance(target, ast.Subscript) and last_name(target.value) != "config":
                continue
            module_level = facts.at_module_level(node)
            django = facts.django.complete and module_level and isinstance(target, ast.Name)
            if django and name in DJANGO_IS_TRUE and facts.django.would_warn(name) is False:
                continue
            want = "is_true" if django and name in DJANGO_IS_TRUE else "truthy"
            flags.append(vo.Flag(node.value, want, site=node.value, rule="secure-cookie-setting"))
        return flags

    def morsel_flags(self, sinks) -> list:
        if not any(name in self.source.data for name in MORSEL_BYTES):
            return []
        flags = []
        for node in ast.walk(self.source.tree):
            holder = morsel_flag_target(node) if isinstance(node, ast.Assign) else None
            held = holder_of(holder) if holder is not None else None
            if held is None or is_literal_value(node.value):
                continue
            scope = sinks.morsels.scope_of(node)
            if scope.is_object(held[0], held[2]) and held[0] not in scope.left_alone:
                flags.append(vo.Flag(node.value, site=node, rule=MORSEL_RULE))
        return flags

    def fixed_bytes(self, node) -> bytes:
        return node_bytes(self.sinks.fixed, node)

    def suppressed(self, edit, strict) -> bool:
        site = edit.site or edit.flag.site
        return site is not None and self.suppressions.covers(site, strict=strict, rule=edit.flag.rule)

    def allows_insert(self, call) -> bool:
        return any(e.kind == "insert" and not self.suppressed(e, True)
                   for e in self.edits.get(id(call), []))

    def missed(self, changes, comments) -> list:
        """(line, detail) of the fixes the verdicts leave no doubt about that the output
        lacks: one edit of each group of certain ones."""
        made = {id(c.before) for c in changes if c.before is not None}
        made |= {id(c.old_value) for c in changes if c.old_value is not None}
        missed = []
        for flag, verdict in self.verdicts:
            if getattr(flag, "falcon", False):
                continue
            for group in verdict.groups:
                wanted = [e for e in group if e.certain and not self.suppressed(e, False)]
                if not wanted or any(id(e.node) in made for e in group):
                    continue
                if any(e.kind != "insert" and holds_a_comment(e.node, comments) for e in wanted):
                    continue
                edit = wanted[0]
                what = {"falsy": "True", "default": "a secure default", "insert": "secure=True"}
                missed.append((edit.node.lineno, f"`{describe(edit.node)}` wants {what[edit.kind]} "
                               f"({verdict.kind}, for the flag at line {flag_line(flag)})"))
        return missed


def flag_line(flag) -> int:
    node = flag.value if flag.value is not None else flag.call
    return node.lineno


def value_change_problems(change, values: "ValueFacts"):
    """A literal of a flag's chain changed: some flag's verdict must allow exactly this."""
    edits = values.edits.get(id(change.before), [])
    if not edits:
        was, now = describe(change.before), describe(change.after)
        if id(change.before) in values.blocked:
            kind, why = values.blocked[id(change.before)]
            return [(kind, f"`{was}` became `{now}`: {why}")]
        return [("tree-changed", f"`{was}` became `{now}`, which no flag's value reaches "
                 "where it is decided")]
    problems = []
    for edit in edits:
        problems = edit_value_problems(change, edit, values)
        if not problems:
            change.kind = "literal" if edit.kind == "falsy" else "default"
            return []
    return problems


def edit_value_problems(change, edit, values: "ValueFacts"):
    if values.suppressed(edit, True):
        return [("suppressed", f"changed `{describe(change.before)}` for a suppressed flag")]
    if edit.kind == "falsy":
        if not is_true(change.after):
            return [("edit", f"made the falsy `{describe(change.before)}` "
                     f"`{describe(change.after)}`, not True")]
        return []
    if edit.kind != "default":
        return [("tree-changed", f"`{describe(change.before)}` changed")]
    return default_change_problems(change, edit, values)


STRING_OPENING = re.compile(rb"[a-zA-Z]*('''|\"\"\"|'|\")")


def default_change_problems(change, edit, values: "ValueFacts"):
    """An environment default turned over: the new literal makes the flag true with the
    variable unset (read by the oracle, and run under the readers' stand-ins), the old
    one did not, the variable set to the old spelling still gives false, and the new
    literal is spelled as the old one (its turned-over spelling where that works)."""
    flag, old, new = edit.flag, change.before, change.after
    module, judge = values.module, values.judge
    if isinstance(old, ast.Constant) and isinstance(old.value, str):
        if not isinstance(new.value, str) or new.kind != old.kind:
            return [("default-spelling", f"the string default {describe(old)} became {describe(new)}")]
        opening = STRING_OPENING.match(node_bytes(values.source, old))
        if opening is None or not values.fixed_bytes(new).startswith(opening.group(0)):
            return [("default-spelling", f"{describe(new)} is not quoted as {describe(old)} is")]
        turned = vo.turned_over(old.value)
        if turned is not None and judge.makes_true(flag, edit.frames, old, turned) and new.value != turned:
            return [("default-spelling", f"{old.value!r} became {new.value!r}, not {turned!r}")]
    elif isinstance(old, ast.Constant):
        if not (new.value is True or (old.value == 0 and type(new.value) is int and new.value == 1)):
            return [("default-spelling", f"the default {describe(old)} became {describe(new)}")]
    if not judge.makes_true(flag, edit.frames, old, new.value):
        return [("default-false", f"the default {describe(new)} leaves the flag at line "
                 f"{flag_line(flag)} false where nothing is set")]
    try:
        before = vo.closed_text(module, flag, edit.frames)
        after = vo.closed_text(module, flag, edit.frames, {id(old): repr(new.value)})
    except vo.Inconclusive:
        values.static_only += 1
        return []
    unset_before, unset_after = vo.run_closed(before, {}), vo.run_closed(after, {})
    if isinstance(unset_before, Exception) and isinstance(unset_after, Exception):
        # Another read of the chain raises where nothing is set (decouple's cast=bool of
        # a default it refuses): the deployment never computes the flag; only read.
        values.static_only += 1
        return []
    values.run += 1
    if vo.runs_true(unset_before, flag.want):
        return [("default-not-false", f"`{before}` is already true where nothing is set (run)")]
    if not vo.runs_true(unset_after, flag.want):
        return [("default-false", f"`{after}` is false where nothing is set (run)")]
    # The project's spelling of false, set: a deployment can still turn the flag off.
    variable = edit.read.variable
    spelling = old.value if isinstance(old, ast.Constant) else None
    if isinstance(spelling, (bool, int)) and edit.read.reader in ("django-environ", "decouple"):
        spelling = str(spelling)  # parsed when read from the environment
    if isinstance(spelling, str) and variable:
        # Only where the old code read that spelling as false (`1` is no spelling of false;
        # an uncast read of "False" is a true string already).
        meant_false = not vo.runs_true(vo.run_closed(before, {variable: spelling}), flag.want)
        if meant_false and vo.runs_true(vo.run_closed(after, {variable: spelling}), flag.want):
            return [("no-opt-out", f"`{after}` is true with {variable}={spelling!r}: a deployment "
                     "can no longer turn it off")]
    return []


# --- project mode: what only the project decides ------------------------------------------
# A file fixed within its project (`--project`) may get what a file alone never does
# (src/rules/cookie_calls/secure_fix.rs): a call's secure flag that follows the setting
# the project's other calls pass, or the request's scheme where the framework's test
# clients keep a Secure cookie to themselves over http; and, in a test file, a test
# client given an HTTPS base URL (https-test-client, --fix-tests).


@dataclass
class Project:
    path: str  # the file's path in its project, `/`-separated
    # the setters the project's classes define, in any of its files: a call of one may
    # reach a wrapper this file does not show (no fix is expected of it)
    methods: frozenset = frozenset()
    # the plain-HTTP origins of the project's test clients, where some of them moved to
    # HTTPS (project_origins): a test's string at one of them may follow its client
    origins: frozenset = frozenset()

    @property
    def is_test_file(self) -> bool:
        """src/files.rs TEST_EXCLUDES: below tests/, test/ or testing/, or named
        test_*.py, *_test.py or conftest.py."""
        *folders, name = self.path.split("/")
        stem = name.rsplit(".", 1)[0]
        return (
            any(folder in ("tests", "test", "testing") for folder in folders)
            or stem.startswith("test_") or stem.endswith("_test") or name == "conftest.py"
        )


# src/rules/secure_cookie_setting/mod.rs SECURE_SETTINGS: the settings a call may follow.
SECURE_SETTINGS = {
    "SESSION_COOKIE_SECURE", "CSRF_COOKIE_SECURE", "LANGUAGE_COOKIE_SECURE",
    "REMEMBER_COOKIE_SECURE", "JWT_COOKIE_SECURE", "JWT_AUTH_SECURE",
}
# src/rules/cookie_calls/test_clients.rs, restated: for each framework whose test clients
# keep a Secure cookie to themselves over http (by its imports' first component), the
# attributes from the request to its scheme, and the module's own request a handler may
# use instead of a parameter (`from quart import request`).
SCHEME_TESTS = {
    "starlette": (["url", "scheme"], None),  # starlette 0.46 starlette/requests.py
    "fastapi": (["url", "scheme"], None),
    "litestar": (["url", "scheme"], None),  # litestar 2.x, a Starlette-like Request.url
    "sanic": (["scheme"], None),  # sanic/request/types.py
    "aiohttp": (["scheme"], None),  # aiohttp/web_request.py
    "quart": (["scheme"], "request"),  # quart/wrappers/base.py
}
# The same table's test clients, by their import path: the base URL that makes each talk
# HTTPS, given to the constructor as `base_url` (its own default with `https`); None for
# httpx's, whose base URL is the test's own (only its scheme may change). Starlette's and
# Litestar's take the base URL second (starlette/testclient.py, litestar/testing/client).
TEST_CLIENTS = {
    "starlette.testclient.TestClient": "https://testserver",
    "fastapi.testclient.TestClient": "https://testserver",
    "litestar.testing.TestClient": "https://testserver.local",
    "litestar.testing.AsyncTestClient": "https://testserver.local",
    "httpx.AsyncClient": None,
    "httpx.Client": None,
}


def test_client_of(node, aliases) -> Optional[str]:
    """The import path of the test client a call constructs, or None."""
    if not isinstance(node, ast.Call) or not isinstance(node.func, (ast.Name, ast.Attribute)):
        return None
    return next((path for path in resolve_paths(node.func, aliases) if path in TEST_CLIENTS), None)


def base_url_of(call: ast.Call, slot: Optional[int]):
    """The base URL a client's construction gives: its `base_url=`, else the positional
    argument at `slot`; None when it gives none."""
    given = next((k.value for k in call.keywords if k.arg == "base_url"), None)
    if given is None and slot is not None and len(call.args) > slot:
        given = call.args[slot]
    return given


def followed_setting(node) -> Optional[list]:
    """`settings.SESSION_COOKIE_SECURE`: the names of a dotted name that ends with a
    secure cookie setting; None for anything else."""
    names = []
    while isinstance(node, ast.Attribute):
        names.append(node.attr)
        node = node.value
    if not isinstance(node, ast.Name):
        return None
    names.append(node.id)
    return names[::-1] if names[0] in SECURE_SETTINGS else None


def scheme_test(node) -> Optional[tuple]:
    """`R.url.scheme == "https"`: (R, the attributes after it, the string compared with);
    None for any other shape."""
    if not (isinstance(node, ast.Compare) and len(node.ops) == 1
            and isinstance(node.ops[0], ast.Eq) and const_str(node.comparators[0]) is not None):
        return None
    names, left = [], node.left
    while isinstance(left, ast.Attribute):
        names.append(left.attr)
        left = left.value
    if not isinstance(left, ast.Name) or not names:
        return None
    return left.id, names[::-1], const_str(node.comparators[0])


def module_bound_names(tree: ast.Module) -> set:
    """The names the module's own imports bind (not a function's or a class's)."""
    names, stack = set(), list(tree.body)
    while stack:
        node = stack.pop()
        if isinstance(node, ast.Import):
            names |= {a.asname or a.name.split(".")[0] for a in node.names}
        elif isinstance(node, ast.ImportFrom):
            names |= {a.asname or a.name for a in node.names if a.name != "*"}
        elif not isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
            stack += [child for child in ast.iter_child_nodes(node)
                      if isinstance(child, (ast.stmt, ast.excepthandler))]
    return names


def request_parameters(tree: ast.Module, call: ast.AST) -> set:
    """The parameters of the functions around `call` that are the request: named
    `request` or `req`, or annotated with a `Request` class (secure_fix.rs)."""
    names = set()
    for function in ast.walk(tree):
        if not isinstance(function, (ast.FunctionDef, ast.AsyncFunctionDef)):
            continue
        if not any(node is call for node in ast.walk(function)):
            continue
        arguments = function.args
        for argument in arguments.posonlyargs + arguments.args + arguments.kwonlyargs:
            annotation = argument.annotation
            annotated = isinstance(annotation, (ast.Name, ast.Attribute)) and last_name(
                annotation) == "Request"
            if argument.arg in ("request", "req") or annotated:
                names.add(argument.arg)
    return names


def imports_from(tree: ast.Module, module: str, name: str) -> bool:
    """Whether the file binds `name` by `from MODULE import name`."""
    return any(
        isinstance(node, ast.ImportFrom) and node.level == 0 and node.module == module
        and any(a.name == name and a.asname is None for a in node.names)
        for node in ast.walk(tree)
    )


def followed_value_problems(change: Change, rules: FileRules, tree: ast.Module):
    """A flag that follows the project: a secure setting whose root the module's imports
    bind, or the request's scheme tested for "https" in the spelling of a framework the
    file imports, on a request the handler around the call has."""
    value = change.followed
    setting = followed_setting(value)
    if setting is not None:
        if setting[0] not in module_bound_names(tree):
            return [("followed-value", f"secure={describe(value)}: the module's imports do not "
                     f"bind {setting[0]}")]
        return []
    request, attributes, compared = scheme_test(value)
    spellings = [(module, SCHEME_TESTS[module]) for module in sorted(rules.roots)
                 if module in SCHEME_TESTS]
    if compared != "https":
        return [("followed-value", f"secure={describe(value)} is no test for HTTPS")]
    frameworks = [(module, glob) for module, (names, glob) in spellings if names == attributes]
    if not frameworks:
        return [("followed-value", f"secure={describe(value)} reads the scheme as no "
                 "framework the file imports does")]
    if request in request_parameters(tree, change.before) or any(
            request == glob and imports_from(tree, module, glob) for module, glob in frameworks):
        return []
    return [("followed-value", f"secure={describe(value)}: {request} is not the request of "
             "the handler around the call")]


def project_methods(inputs) -> frozenset:
    """The setters the classes of a project's files define (FileRules' definitions)."""
    methods = set()
    for data in inputs:
        tree = python_parse(data)
        if tree is not None:
            methods |= set(FileRules.of(tree).definitions)
    return frozenset(methods)


def bound_url(statement) -> Optional[tuple]:
    """`NAME = "..."` or `NAME = f"..."`: the name, the string, and the text right after
    its opening quote (an f-string's first literal part); None for anything else."""
    if not isinstance(statement, ast.Assign) or len(statement.targets) != 1:
        return None
    target, value = statement.targets[0], statement.value
    if not isinstance(target, ast.Name):
        return None
    text = url_text(value)
    return None if text is None else (target.id, value, text)


def url_text(node) -> Optional[str]:
    """A string's text right after its opening quote: a plain string's value, an
    f-string's first literal part; None for anything else."""
    first = node.values[0] if isinstance(node, ast.JoinedStr) and node.values else node
    return const_str(first) if isinstance(first, ast.Constant) else None


# The scopes Python gives names of their own (a comprehension's targets are counted in
# the scope around it: stricter, never wrong).
NAME_SCOPES = (ast.FunctionDef, ast.AsyncFunctionDef, ast.Lambda, ast.ClassDef)


def scopes_around(node, parents) -> list:
    """The scopes holding `node`, innermost first, the module last."""
    found, node = [], parents.get(id(node))
    while node is not None:
        if isinstance(node, (*NAME_SCOPES, ast.Module)):
            found.append(node)
        node = parents.get(id(node))
    return found


def bindings(scope, name) -> int:
    """How many times `scope` itself binds `name` (assignments, loop and `with` targets,
    parameters, imports, defs, handlers, patterns); a `global` or `nonlocal` NAME counts
    twice: the name is then bound elsewhere too."""
    count, stack = 0, list(ast.iter_child_nodes(scope))
    while stack:
        node = stack.pop()
        if isinstance(node, ast.Name) and not isinstance(node.ctx, ast.Load):
            count += node.id == name
        elif isinstance(node, ast.arg):
            count += node.arg == name
        elif isinstance(node, ast.alias):
            count += (node.asname or node.name.split(".")[0]) == name
        elif isinstance(node, (ast.Global, ast.Nonlocal)):
            count += 2 * (name in node.names)
        elif isinstance(node, (ast.ExceptHandler, ast.MatchAs, ast.MatchStar)):
            count += node.name == name
        elif isinstance(node, ast.MatchMapping):
            count += node.rest == name
        if isinstance(node, NAME_SCOPES):
            count += getattr(node, "name", None) == name
            continue  # its own names are its own
        stack += ast.iter_child_nodes(node)
    return count


def bound_url_problems(change: Change, tree: ast.Module, aliases) -> list:
    """A base URL bound to a name (`url = f"http://..."`, then `base_url=url`): some test
    client's base URL is NAME reading this binding, the only one of its scope, where the
    client's scope is the binding's and the call comes after it, or the binding is the
    module's and no scope around the call binds NAME (flow::value_at, as the rule reads it)."""
    assignment = change.before
    name = assignment.targets[0].id
    parents = {id(child): node for node in ast.walk(tree) for child in ast.iter_child_nodes(node)}
    home = scopes_around(assignment, parents)[0]
    if bindings(home, name) != 1:
        return [("bound-url", f"{name} is bound more than once where it is set")]
    ends = (assignment.end_lineno, assignment.end_col_offset)
    for call in ast.walk(tree):
        client = test_client_of(call, aliases)
        url = None if client is None else base_url_of(
            call, 1 if TEST_CLIENTS[client] is not None else None)
        if not isinstance(url, ast.Name) or url.id != name:
            continue
        around = scopes_around(call, parents)
        if around[0] is home and ends <= (call.lineno, call.col_offset):
            return []
        if home is tree and around[0] is not home and not any(
                bindings(scope, name) for scope in around[:-1]):
            return []
    return [("bound-url", f"no test client reads {name} as its base URL here")]


def test_client_problems(change: Change, project: Optional[Project], sinks: "SinkFacts"):
    if project is None or not project.is_test_file:
        where = project.path if project else "a file"
        what = "a test's URL" if change.kind == "origin" else "a test client's base URL"
        return [("not-a-test-file", f"changed {what} in {where}, no test file")]
    if change.kind == "bound":
        # A name no client reads may still hold a test's URL at a client's origin.
        problems = bound_url_problems(change, sinks.source.tree, sinks.rules.aliases)
        return problems if problems and url_origin_problems(change, project) else []
    if change.kind == "origin":
        return url_origin_problems(change, project)
    return []


def url_origin_problems(change: Change, project: Project) -> list:
    """A test's URLs made https: each is at an origin of the project's moved test clients,
    the whole authority (followed by the text's end or a byte no host holds) and the start
    of a URL (no letter or digit before it) (https_test_client::expected_urls)."""
    moved = moved_urls(change.old_value, change.new_value) or []
    def at_origin(text, at):
        if at > 0 and text[at - 1].isalnum():
            return False
        return any(text.startswith(origin, at) and not re.match(
            r"[A-Za-z0-9._\-:@]", text[at + len(origin):at + len(origin) + 1])
            for origin in project.origins)
    if moved and all(at_origin(text, at) for text, at in moved):
        return []
    return [("url-origin", f"`{describe(change.old_value)}` is at no origin of a test client "
             f"the project moves ({', '.join(sorted(project.origins)) or 'none'})")]


def moved_urls(a, b) -> Optional[list]:
    """(text, offset) of each `http://` of string `a` (each literal part of an f-string)
    that is `https://` in `b`, where nothing else of their literal parts changed; None
    where something else did, or nothing moved."""
    if isinstance(a, ast.Constant) and isinstance(b, ast.Constant):
        pairs = [(a, b)]
    elif isinstance(a, ast.JoinedStr) and isinstance(b, ast.JoinedStr) and len(a.values) == len(
            b.values):
        pairs = [(x, y) for x, y in zip(a.values, b.values) if isinstance(x, ast.Constant)]
        if any(isinstance(x, ast.Constant) != isinstance(y, ast.Constant)
               for x, y in zip(a.values, b.values)):
            return None
    else:
        return None
    moved = []
    for x, y in pairs:
        was, now = const_str(x), const_str(y)
        if was is None or now is None:
            return None
        i = j = 0
        while i < len(was) or j < len(now):
            if was.startswith("http://", i) and now.startswith("https://", j):
                moved.append((was, i))
                i, j = i + 7, j + 8
            elif i < len(was) and j < len(now) and was[i] == now[j]:
                i, j = i + 1, j + 1
            else:
                return None
    return moved or None


def client_origins(tree: ast.Module) -> list:
    """The plain-HTTP origin of each test client a file constructs over http with its
    default base URL (TEST_CLIENTS' own, with http) or a base URL literal `"http://HOST/..."`
    (`http://HOST`: up to the first `/`, `?`, `#`, `{`, quote or backslash,
    src/project/test_clients.rs `literal_origin`)."""
    origins, aliases = [], FileRules.of(tree).aliases
    for call in ast.walk(tree):
        client = test_client_of(call, aliases)
        if client is None:
            continue
        https = TEST_CLIENTS[client]
        url = base_url_of(call, 1 if https is not None else None)
        if url is None and https is not None and not has_splat(call):
            origins.append("http://" + https[len("https://"):])
        elif url is not None and isinstance(url, (ast.Constant, ast.JoinedStr)):
            host = re.match(r"http://([^/?#{\"'\\]*)", url_text(url) or "")
            if host and host.group(1):
                origins.append("http://" + host.group(1))
    return origins


def project_origins(files) -> frozenset:
    """files: (path in the project, input bytes, output bytes or None) of one project.
    The origins of its test files' clients over http (client_origins), where some client
    moved: a test file's output constructs fewer of them than its input."""
    origins, moved = set(), False
    for path, before, after in files:
        tree = python_parse(before) if Project(path).is_test_file else None
        if tree is None:
            continue
        found = client_origins(tree)
        origins |= set(found)
        fixed = None if after is None else python_parse(after)
        moved |= fixed is not None and len(client_origins(fixed)) < len(found)
    return frozenset(origins) if moved else frozenset()


# --- is each change allowed? ------------------------------------------------------------


def change_problems(change: Change, rules: FileRules, suppressions: Suppressions, facts=None,
                    sinks=None):
    """The violations of one change, as (kind, detail) pairs."""
    call = change.before
    if change.sink == "value":
        values = sinks.values
        if not values.edits.get(id(change.before)) and id(change.before) not in values.blocked:
            entry = schema_default_problems(change, rules, sinks)
            if entry is not None:
                return entry
        return value_change_problems(change, sinks.values)
    if change.sink == "test-client":
        return test_client_problems(change, sinks.project, sinks)
    if change.sink in NEW_SINKS:
        return new_sink_problems(change, rules, suppressions, sinks)
    if change.sink == "statement":
        return statement_insertion_problems(change, facts, suppressions) + (change.idiom or [])
    if change.sink == "schema":
        return schema_problems(change, sinks.source, sinks.changes)
    if change.sink == "setting" and facts.is_local_name(change.before):
        # A function's own name, spelled like a setting: a value like any other (section 8).
        literal = Change(change.old_value, change.new_value, "literal", sink="value")
        return [
            ("local-variable", f"changed {change.keyword} in a function: {detail}")
            if kind == "tree-changed" else (kind, detail)
            for kind, detail in value_change_problems(literal, sinks.values)
        ]
    if change.sink == "config" and change.kind == "entry" and change.keyword in SETTING_NAMES:
        return update_entry_problems(change, facts, suppressions) + (change.idiom or [])
    if change.sink == "setting" or (change.sink == "config" and change.keyword in SETTING_NAMES):
        return setting_value_problems(change, facts, suppressions) + (change.idiom or [])
    if change.sink == "config":
        return framework_mapping_problems(change, facts, suppressions)
    if change.sink is not None:
        return session_change_problems(change, rules, suppressions, sinks)
    problems = []
    why = left_alone_because(call)
    if why:
        problems.append(("left-alone", f"changed a call that must be left alone: {why}"))
    if suppressions.covers(call, strict=True):
        problems.append(("suppressed", "changed a suppressed call"))
    if left_as_deletion(call, rules):
        problems.append(("deletion", "changed a deletion of a cookie the file sets with no "
                         "literal flag"))
    if change.followed is not None:
        problems += followed_value_problems(change, rules, sinks.source.tree)
    signatures = rules.signatures(call)
    if change.kind == "insert":
        inserted = insertion_problems(call, signatures)
        if has_splat(call) and sinks.values.allows_insert(call):
            inserted = [p for p in inserted if p[0] != "splat-call"]
        problems += inserted
    elif change.kind == "positional":
        problems += positional_problems(call, change.index, signatures)
    return problems


def session_change_problems(change: Change, rules: FileRules, suppressions: Suppressions, sinks):
    """A session sink's change: only where its package is imported, not suppressed for
    its rule, and one that Python accepts under the package's own signature."""
    call, sink = change.before, change.sink
    module, keyword, index, passed_to = SESSION_SINKS[sink]
    problems = []
    if module not in rules.roots:
        problems.append(("not-a-sink", f"changed {sink}, but the file does not import {module}"))
    if suppressions.covers(call, strict=True, rule="secure-session-cookie"):
        problems.append(("suppressed", "changed a suppressed call"))
    if change.kind == "insert":
        if has_splat(call) and not sinks.values.allows_insert(call):
            problems.append(("splat-call", f"inserted {keyword}= into a call with *args or **kwargs"))
        if index is not None and len(call.args) > index:
            problems.append(("slot-filled", f"inserted {keyword}= though argument {index} is it"))
    elif change.kind == "positional" and change.index != index:
        problems.append(("wrong-index", f"replaced argument {change.index}; {keyword} is at {index}"))
    return problems


def insertion_problems(call: ast.Call, signatures):
    """An inserted `secure=` raises TypeError where a positional argument, *args or
    **kwargs already gives it, or where the callee takes no such keyword."""
    if has_splat(call):
        return [("splat-call", "inserted secure= into a call with *args or **kwargs")]
    count = len(call.args)
    problems = []
    for sig in signatures:
        if not sig.keyword:
            problems.append(
                ("no-secure-parameter", f"inserted secure=, which {sig.origin} does not take")
            )
        if sig.index is not None and count > sig.index:
            given = describe(call.args[sig.index])
            problems.append((
                "slot-filled",
                f"inserted secure= though positional argument {sig.index} `{given}` "
                f"is secure under {sig.origin}",
            ))
        for limit in sig.varargs_limits:
            if count > limit:
                problems.append((
                    "varargs-slot",
                    f"inserted secure= though {count} positional arguments reach the "
                    f"framework's slot {limit} through the *args of {sig.origin}",
                ))
    return problems


def positional_problems(call: ast.Call, index: int, signatures):
    if any(isinstance(a, ast.Starred) for a in call.args[:index]):
        return [("wrong-index", f"replaced positional argument {index} after *args")]
    problems = []
    for sig in signatures:
        if sig.index != index:
            where = "keyword only" if sig.index is None else f"at index {sig.index}"
            problems.append((
                "wrong-index",
                f"replaced positional argument {index} `{describe(call.args[index])}`, "
                f"but secure is {where} under {sig.origin}",
            ))
    return problems


# --- which calls must be fixed? ---------------------------------------------------------


def expected_fix(call: ast.Call, rules: FileRules, comments, suppressions: Suppressions):
    """The fix the rules leave no doubt about: ("insert", None), ("keyword", None) or
    ("positional", i); None when the call is secure, review, or in doubt."""
    if left_alone_because(call) or suppressions.covers(call, strict=False):
        return None
    if left_as_deletion(call, rules):
        return None  # a deletion follows the cookie it deletes, which the file does not set
    verdicts = {verdict_under(call, sig) for sig in rules.signatures(call)}
    if len(verdicts) != 1:
        return None  # the possible callees disagree: review
    fix = verdicts.pop()
    if fix is not None and fix[0] != "insert" and holds_a_comment(replaced(call, fix), comments):
        return None  # `secure=(""  # why\n "")`: no replacement keeps the comment
    return fix


def verdict_under(call: ast.Call, sig: Signature):
    keyword = secure_keyword(call)
    if keyword is not None:
        if not sig.keyword or not is_falsy_literal(keyword.value):
            return None
        if sig.none_is_default and is_none(keyword.value):
            return None
        return ("keyword", None)
    if sig.index is not None:
        for at, argument in enumerate(call.args[: sig.index + 1]):
            if isinstance(argument, ast.Starred):
                return None  # *args may fill the slot
            if at == sig.index:
                default = sig.none_is_default and is_none(argument)
                return ("positional", at) if is_falsy_literal(argument) and not default else None
    if has_splat(call) or sig.secure_by_default or not sig.keyword:
        return None
    if sig.named is not None and len(call.args) > sig.named:
        return None  # more positional arguments than the method names: review
    return ("insert", None)


def replaced(call: ast.Call, fix) -> ast.AST:
    kind, index = fix
    return call.args[index] if kind == "positional" else secure_keyword(call).value


def holds_a_comment(node: ast.AST, comments) -> bool:
    start, end = (node.lineno, node.col_offset), (node.end_lineno, node.end_col_offset)
    for comment in comments:
        line, column = comment.start
        utf8_column = len(comment.line[:column].encode("utf-8"))
        if start <= (line, utf8_column) < end:
            return True
    return False


# --- one case ---------------------------------------------------------------------------


@dataclass
class Outcome:
    checked: bool = False  # Python parses the input
    changed: bool = False
    change_kinds: list = field(default_factory=list)  # "insert", "keyword", "positional"
    violations: list = field(default_factory=list)
    defaults_run: int = 0  # default changes checked by running them under the stand-ins
    defaults_static: int = 0  # and those only read (a chain the stand-ins cannot close)
    verdicts: list = field(default_factory=list)  # the kinds of the value verdicts

    def add(self, line, kind, detail):
        self.violations.append(Violation(line, kind, detail))


def check_case(before: bytes, after, error, lost_fixes=True, project=None) -> Outcome:
    outcome = Outcome()
    needles = SETTER_BYTES + SESSION_BYTES + CONFIG_BYTES + OBJECT_BYTES
    if after is None and error is None and not any(name in before for name in needles) \
            and not names_set_cookie(before):
        outcome.checked = True  # no cookie call, no change: nothing to hold the engine to
        return outcome
    source = Source(before)
    if source.tree is None:
        return outcome  # Python rejects it: nothing to hold the engine to
    outcome.checked = True
    outcome.changed = after is not None
    if error is not None:
        check_error(error, outcome, lost_fixes)
        return outcome
    rules = FileRules.of(source.tree)
    comments = source.comments()
    # Where tokenize fails on what ast parses, the suppression markers are unknown:
    # the changes are still checked, but no fix is expected.
    expect_fixes = comments is not None
    comments = comments or []
    suppressions = Suppressions(comments)
    sinks = SinkFacts(source, rules, suppressions, project)
    changes = []
    if after is not None:
        changes = check_output(source, after, rules, suppressions, outcome, sinks)
        if changes is None:
            return outcome
    outcome.change_kinds = [
        "test-client" if c.sink == "test-client" else "followed" if c.followed is not None
        else "insert-after-splat" if c.kind == "insert" and c.sink is None and has_splat(c.before)
        else c.kind for c in changes
    ]
    changed = {id(c.before) for c in changes if c.before is not None}
    for call in rules.calls if expect_fixes else []:
        method = call.func.attr
        if project and method in project.methods and method not in rules.definitions:
            continue  # a wrapper of another file may be the callee: in doubt
        fix = expected_fix(call, rules, comments, suppressions)
        if fix is not None and id(call) not in changed:
            outcome.add(call.lineno, "missed-fix", f"`{describe(call)}` wants a {fix[0]} fix")
    if expect_fixes:
        made = {(c.kind, id(c.before) if c.before is not None else id(c.owner), c.keyword)
                for c in changes}
        # Every setting, key and list the configuration rules read is a CONFIG_BYTES name.
        configured = any(name in before for name in CONFIG_BYTES)
        facts = ConfigFacts(source, rules) if configured else None
        for line, kind, node, key in expected_config_fixes(facts, suppressions) if facts else []:
            if (kind, id(node), key) not in made:
                outcome.add(line, "missed-fix", f"{key} wants a fix ({kind})")
        for line, detail in missed_new_fixes(source, rules, comments, suppressions, sinks, changes):
            outcome.add(line, "missed-fix", detail)
        for line, detail in sinks.values.missed(changes, comments):
            outcome.add(line, "missed-fix", detail)
    if "values" in sinks.__dict__:
        outcome.defaults_run = sinks.values.run
        outcome.defaults_static = sinks.values.static_only
        outcome.verdicts = [verdict.kind for _, verdict in sinks.values.verdicts]
    outcome.violations.sort(key=lambda v: v.line)
    return outcome


def check_error(error: str, outcome: Outcome, lost_fixes: bool):
    if error.startswith("syntax error"):
        if lost_fixes:
            outcome.add(0, "lost-fix", f"Python parses the file; the engine says: {error}")
    elif error.startswith("internal error"):
        outcome.add(0, "internal-error", error)


def check_output(source: Source, after: bytes, rules, suppressions, outcome, sinks=None):
    """Checks a fixed file against its input; returns the changes, or None when the
    two cannot be compared."""
    if after == source.data:
        outcome.add(0, "no-op-output", "the engine returned a fixed file equal to its input")
    fixed = Source(after)
    if fixed.tree is None:
        outcome.add(0, "unparsable-output", "Python does not parse the fixed file")
        return None
    diff = TreeDiff(source, fixed, rules.aliases, sinks.project if sinks else None)
    try:
        diff.compare(source.tree, fixed.tree, 0)
    except Mismatch as mismatch:
        outcome.add(mismatch.line, "tree-changed", mismatch.detail)
        return None
    facts = ConfigFacts(source, rules) if any(c.sink in CONFIG_SINKS for c in diff.changes) else None
    sinks = sinks or SinkFacts(source, rules, suppressions)
    sinks.fixed = fixed
    sinks.changes = diff.changes
    for change in diff.changes:
        for kind, detail in change_problems(change, rules, suppressions, facts, sinks):
            outcome.add(change.line, kind, detail)
    check_bytes(source, fixed, diff.changes, outcome)
    return diff.changes


def outermost(changes, fixed: Source):
    """The changes not nested in another change, in the order of the output."""
    kept = []
    for change in sorted(changes, key=lambda c: new_span(fixed, c)):
        if kept and new_span(fixed, change)[1] <= new_span(fixed, kept[-1])[1]:
            continue
        kept.append(change)
    return kept


def new_span(fixed: Source, change: Change) -> tuple:
    """A change's bytes in the output; for an added statement, the first of
    added_line_spans()."""
    if change.kind == "statement":
        return change.chosen_span or added_line_spans(fixed, change)[0]
    return change_span(fixed, change, change.after)


def change_span(source: Source, change: Change, node) -> tuple:
    """A changed node's bytes; a value's literal with the parentheses around it that hold
    nothing else (the edit may take them with it)."""
    start, end = source.span(node)
    if change.sink != "value":
        return start, end
    data, blank = source.data, b" \t\f\r\n\\"
    while True:
        left, right = start, end
        while left > 0 and data[left - 1] in blank:
            left -= 1
        while right < len(data) and data[right] in blank:
            right += 1
        if left > 0 and data[left - 1:left] == b"(" and data[right:right + 1] == b")":
            start, end = left - 1, right + 1
        else:
            return start, end


def added_line_spans(fixed: Source, change: Change) -> list:
    """The bytes an added statement may have brought: its line with its ending, or the
    ending before it with its line (a line added at the end of a file without one)."""
    line_start = fixed.line_starts[change.after.lineno - 1]
    last = change.after.end_lineno
    line_end = fixed.line_starts[last] if last < len(fixed.line_starts) else len(fixed.data)
    spans = [(line_start, line_end)]
    before = LINE_ENDING.search(fixed.data, max(line_start - 2, 0), line_start)
    if before is not None and before.end() == line_start:
        own = LINE_ENDING.search(fixed.data, max(line_end - 2, line_start), line_end)
        text_end = own.start() if own is not None and own.end() == line_end else line_end
        spans.append((before.start(), text_end))
    return spans


def check_bytes(source: Source, fixed: Source, changes, outcome: Outcome):
    """Outside the outermost changed calls the bytes are the same; then each changed
    call is held to section 3 (check_inside_call)."""
    old_at = new_at = 0
    for change in outermost(changes, fixed) + [None]:
        if change is None:
            old_start = old_end = len(source.data)
            new_start = new_end = len(fixed.data)
        elif change.kind == "statement":
            # An added line: what comes before it is compared as the gap, and the span
            # taken is the one that leaves the gap as it was.
            spans = added_line_spans(fixed, change)
            change.chosen_span = next(
                (
                    (start, end) for start, end in spans
                    if source.data[old_at:old_at + start - new_at] == fixed.data[new_at:start]
                ),
                spans[0],
            )
            new_start, new_end = change.chosen_span
            old_start = old_end = old_at + (new_start - new_at)
        else:
            old_start, old_end = change_span(source, change, change.before)
            new_start, new_end = change_span(fixed, change, change.after)
        old_gap, new_gap = source.data[old_at:old_start], fixed.data[new_at:new_start]
        if old_gap != new_gap:
            first = first_difference(old_gap, new_gap)
            was, now = old_gap[first : first + 30], new_gap[first : first + 30]
            line = source.line_of(old_at + first)
            outcome.add(line, "outside-bytes-changed", f"{was!r} became {now!r}")
            return
        old_at, new_at = old_end, new_end
    for change in changes:
        if change.kind == "statement":
            for kind, detail in added_line_problems(source, fixed, change):
                outcome.add(change.line, kind, detail)
        else:
            check_inside_call(source, fixed, change, outcome, changes)


def check_inside_call(source: Source, fixed: Source, change: Change, outcome, changes):
    """The edit is section 3's, byte for byte; the comments stay, in order; no line
    ending appears that the call did not have."""
    line = change.before.lineno
    for kind, detail in edit_problems(source, fixed, change, changes):
        outcome.add(line, kind, detail)
    old, new = call_comments(source, change.before), call_comments(fixed, change.after)
    if new is None and old is not None:
        outcome.add(line, "comment-changed", "the fixed call does not tokenize")
    elif old != new and old is not None:
        lost = [c for c in old if c not in new] or ["(order)"]
        outcome.add(line, "comment-changed", f"comments {old} became {new}: {lost[0]!r}")
    old_start, old_end = source.span(change.before)
    new_start, new_end = fixed.span(change.after)
    endings = set(LINE_ENDING.findall(source.data[old_start:old_end]))
    brought = set(LINE_ENDING.findall(fixed.data[new_start:new_end])) - endings
    if brought:
        ending = sorted(brought)[0]
        outcome.add(line, "line-ending", f"the fix brought the line ending {ending!r} in")


# What an insertion may add besides `secure=True` (DESIGN.md section 3): a comma, blanks,
# a new line and its indentation.
SEPARATORS = re.compile(rb"[, \t\r\n]*")
# What may surround a replaced literal and go with it: parentheses and blanks, line
# continuations among them; never a comment.
AROUND_LITERAL = b"() \t\f\r\n\\"


def edit_problems(source: Source, fixed: Source, change: Change, changes):
    """Section 3, byte for byte: the call's new text is its old one (with the changes of
    calls nested in it) plus `secure=True` and separators, or with the falsy literal
    (and parentheses around it that hold no comment) made `True`."""
    if change.sink == "value":
        old = source.data[slice(*change_span(source, change, change.before))]
        start, end = change_span(fixed, change, change.after)
        at, until = (offset - start for offset in fixed.span(change.after))
        literal = node_bytes(source, change.before)
        replacement = b"True" if change.kind == "literal" else fixed.data[start + at:start + until]
        return replacement_edit_problems(old, fixed.data[start:end], at, until, literal, replacement)
    old = with_nested_changes(source, fixed, change, changes)
    start, end = fixed.span(change.after)
    new = fixed.data[start:end]
    if change.kind == "entry":
        key_node, value = change.entry
        at, until = fixed.span(key_node)[0] - start, fixed.span(value)[1] - start
        # A value in its block's idiom was judged whole (idiom_entry_problems).
        written = None if change.idiom is None else fixed.data[slice(*fixed.span(value))]
        return entry_edit_problems(old, new, at, until, change.keyword, written) + layout_problems(
            source, fixed, change.before, fixed.span(key_node)[0])
    if change.kind == "header":
        return header_edit_problems(old, new)
    if change.kind == "schema":
        problems, without = [], new
        for entry in reversed(change.entry):
            at, until = (offset - start for offset in fixed.span(entry))
            without = without[:at] + without[until:]
            problems += layout_problems(source, fixed, change.before, fixed.span(entry)[0])
        if not inserted_only(old, without):
            problems.append(("edit", f"{old!r} became {new!r}: more than the entries inserted"))
        return problems
    if change.sink == "test-client":
        return test_client_edit_problems(source, fixed, change, old, new, start)
    if change.kind == "value":
        if shares_an_entry(change, changes):
            return []
        at, until = (offset - start for offset in fixed.span(change.new_value))
        literal = source.data[slice(*source.span(change.old_value))]
        # A value in the module's idiom was judged whole (idiom_problems).
        replacement = b"True" if change.idiom is None else new[at:until]
        return replacement_edit_problems(old, new, at, until, literal, replacement)
    # A followed value was judged whole (followed_value_problems): its bytes are the flag.
    flag = b"True" if change.followed is None else node_bytes(fixed, change.followed)
    if change.kind == "insert":
        added = fixed.span(change.after.keywords[-1])[0]
        at, until = (offset - start for offset in fixed.span(change.after.keywords[-1]))
        return insertion_edit_problems(old, new, at, until, change.keyword, flag) + layout_problems(
            source, fixed, change.before, added)
    at, until = (offset - start for offset in fixed.span(changed_value(change.after, change)))
    literal = source.data[slice(*source.span(changed_value(change.before, change)))]
    return replacement_edit_problems(old, new, at, until, literal, flag)


def moved_bytes(was: bytes, now: bytes) -> bool:
    """Whether `now` is `was` with some `http://` made `https://`, at least one."""
    i = j = moved = 0
    while i < len(was) or j < len(now):
        if was.startswith(b"http://", i) and now.startswith(b"https://", j):
            i, j, moved = i + 7, j + 8, moved + 1
        elif i < len(was) and j < len(now) and was[i] == now[j]:
            i, j = i + 1, j + 1
        else:
            return False
    return moved > 0


# A string (an f-string too, never a raw or bytes one) whose text starts with http://
# right after its opening quote (src/rules/https_test_client/mod.rs `http_literal`).
HTTP_LITERAL = re.compile(rb"[fFuU]?(\"{3}|'{3}|\"|')http://")


def test_client_edit_problems(source: Source, fixed: Source, change: Change, old, new, start):
    """`base_url="https://..."` inserted as a new last keyword (quoted as the file's
    strings may be), or the URL literal's `http://` made `https://` (in the call, or
    where a name it gives is bound), nothing else."""
    if change.kind == "insert":
        added = change.after.keywords[-1]
        url = const_str(added.value).encode()
        value = node_bytes(fixed, added.value)
        if value not in (b'"' + url + b'"', b"'" + url + b"'"):
            return [("edit", f"inserted the base URL {value!r}, not a plain string")]
        at, until = (offset - start for offset in fixed.span(added))
        return insertion_edit_problems(old, new, at, until, "base_url", value) + layout_problems(
            source, fixed, change.before, fixed.span(added)[0])
    literal = node_bytes(source, change.old_value)
    if change.kind == "origin":
        # Each URL of the string at a moved origin (url_origin_problems): only the bytes of
        # its scheme change, in a string that is no raw or bytes one.
        prefix = re.match(rb"[A-Za-z]*", literal).group()
        if re.search(rb"[rRbB]", prefix):
            return [("edit", f"changed {literal!r}, a raw or bytes string")]
        fixed_literal = node_bytes(fixed, change.new_value)
        if not moved_bytes(literal, fixed_literal):
            return [("edit", f"{literal!r} became {fixed_literal!r}: more than URL schemes")]
        at, until = (offset - start for offset in fixed.span(change.new_value))
        return replacement_edit_problems(old, new, at, until, literal, fixed_literal)
    opening = HTTP_LITERAL.match(literal)
    if opening is None:
        return [("edit", f"changed {literal!r}, whose text does not start with http://")]
    https = literal[:opening.end() - 7] + b"https://" + literal[opening.end():]
    at, until = (offset - start for offset in fixed.span(change.new_value))
    return replacement_edit_problems(old, new, at, until, literal, https)


BLANKS = b" \t\x0c"


def line_prefix(source: Source, offset: int) -> bytes:
    """The bytes of `offset`'s line before it."""
    return source.data[source.line_starts[source.line_of(offset) - 1]:offset]


def item_starts(source: Source, node) -> list:
    """Where each argument of a call, or entry of a dict, starts in the bytes: at its first
    byte after the comma before it (or after the bracket that opens the list), a `(`
    around it, its `*` or `**` included. Between two items stand only brackets, a comma,
    blanks, line breaks, continuations and comments, and a comment holds no string."""
    if isinstance(node, ast.Call):
        items = sorted([*node.args, *node.keywords], key=lambda n: (n.lineno, n.col_offset))
        items, end, opening = [(n, n) for n in items], source.span(node.func)[1], b"("
    else:
        items = [(v if k is None else k, v) for k, v in zip(node.keys, node.values)]
        end, opening = source.span(node)[0], b"{"
    starts = []
    for first, last in items:
        start = source.span(first)[0]
        code = re.sub(rb"#[^\r\n]*", lambda m: b" " * len(m.group()), source.data[end:start])
        after = code.rfind(b",") + 1 if starts else code.find(opening) + 1
        rest = code[after:]
        starts.append(end + after + len(rest) - len(rest.lstrip(BLANKS + b"\r\n\\")))
        end = source.span(last)[1]
    return starts


def layout_problems(source: Source, fixed: Source, before, added: int):
    """Section 3's layout of a new last argument or entry (at `added` in the output): where
    the last one and the closing bracket each start their line (after the last one, its
    comma, comments and backslash continuations are layout), on a line of its own indented
    as the last one's first line; else on the last one's line."""
    starts = item_starts(source, before)
    if not starts:
        return []
    close = source.span(before)[1] - 1
    last = starts[-1]
    exploded = not line_prefix(source, last).strip(BLANKS) and not line_prefix(
        source, close).strip(BLANKS)
    prefix = line_prefix(fixed, added)
    if exploded and prefix != line_prefix(source, last):
        return [("layout", f"the new item follows {prefix!r} on its line, not the last item's "
                 f"indentation {line_prefix(source, last)!r} alone (exploded layout)")]
    if not exploded and not prefix.strip(BLANKS):
        return [("layout", "the new item starts a line, where the call is not exploded")]
    return []


def changed_value(call: ast.Call, change: Change) -> ast.AST:
    if change.kind == "positional":
        return call.args[change.index]
    return next(k for k in call.keywords if k.arg == change.keyword).value


def insertion_edit_problems(old: bytes, new: bytes, at: int, until: int, keyword="secure",
                            value=b"True"):
    """`new[at:until]` is the inserted keyword argument."""
    expected = keyword.encode() + b"=" + value
    if new[at:until] != expected:
        return [("edit", f"inserted {new[at:until]!r}, not {expected!r}")]
    if not inserted_only(old, new[:at] + new[until:]):
        return [("edit", f"{old!r} became {new!r}: more than an insertion")]
    return []


def replacement_edit_problems(old: bytes, new: bytes, at: int, until: int, literal: bytes,
                              replacement=b"True"):
    """`new[at:until]` is the `True` (or another literal) that replaced `literal`."""
    prefix, suffix = new[:at], new[until:]
    fits = len(prefix) + len(suffix) <= len(old) and old.startswith(prefix)
    if new[at:until] != replacement or not (fits and old.endswith(suffix)):
        return [("edit", f"{old!r} became {new!r}: more than one replacement")]
    removed = old[len(prefix) : len(old) - len(suffix)]
    if removed.strip(AROUND_LITERAL) != literal or removed.count(b"(") != removed.count(b")"):
        return [("edit", f"replaced {removed!r}, not the literal {literal!r} alone")]
    return []


def with_nested_changes(source: Source, fixed: Source, change: Change, changes) -> bytes:
    """The call's old bytes, with the calls nested in it that changed as they became."""
    start, end = source.span(change.before)
    nested = [
        c for c in changes
        if c is not change and c.before is not None and c.before is not change.before
        and start <= source.span(c.before)[0] and source.span(c.before)[1] <= end
    ]
    # A mapping that gained an entry and had a value made True: the value's own bytes
    # are replaced here, so that the entry is checked as the one insertion left.
    siblings = [
        c for c in changes
        if c is not change and c.before is change.before and c.kind == "value"
        and change.kind == "entry"
    ]
    parts, at = [], start
    replaced = [(c.before, c.after) for c in outermost(nested, fixed)]
    replaced += [(c.old_value, c.new_value) for c in siblings]
    for old_node, new_node in sorted(replaced, key=lambda pair: source.span(pair[0])):
        inner_start, inner_end = source.span(old_node)
        parts += [source.data[at:inner_start], fixed.data[slice(*fixed.span(new_node))]]
        at = inner_end
    return b"".join(parts) + source.data[at:end]


def shares_an_entry(change: Change, changes) -> bool:
    """A value made True in a mapping that also gained an entry (checked with it)."""
    return any(c.kind == "entry" and c.before is change.before for c in changes if c is not change)


def entry_edit_problems(old: bytes, new: bytes, at: int, until: int, key: str, written=None):
    """`new[at:until]` is the added entry: `"key": True`, `key=True`, or the same with
    `{"secure": True}` for xsrf_cookie_kwargs; `key=` and the value `written` in the
    idiom where there is one."""
    name = re.escape(key.encode())
    entry = new[at:until]
    in_dict = rb"([\"'])" + name + rb"\1: (True|\{([\"'])secure\3: True\})"
    keyword = name + rb"=(True|\{([\"'])secure\2: True\})"
    if written is not None:
        keyword = name + b"=" + re.escape(written)
    if not (re.fullmatch(in_dict, entry) or re.fullmatch(keyword, entry)):
        return [("edit", f"added the entry {entry!r}")]
    if not inserted_only(old, new[:at] + new[until:]):
        return [("edit", f"{old!r} became {new!r}: more than an insertion")]
    return []


def added_line_problems(source: Source, fixed: Source, change: Change):
    """An added statement is a line of its own, indented as the statement before it in
    its block (or after it), ending as the file's lines do."""
    start, end = new_span(fixed, change)
    added = fixed.data[start:end]
    text_start, text_end = fixed.span(change.after)
    text = fixed.data[text_start:text_end]
    target = change.after.targets[0]
    if change.sink == "morsel":
        if text not in morsel_statement_text(fixed, change.after):
            return [("edit", f"added {text!r}")]
    elif isinstance(target, ast.Name):
        value = b"True"
        if change.idiom is not None:  # judged whole by idiom_problems
            value = fixed.data[slice(*fixed.span(change.after.value))]
        if text != f"{target.id} = ".encode() + value:
            return [("edit", f"added {text!r}")]
    elif change.idiom is not None:  # judged whole by idiom_problems
        value = fixed.data[slice(*fixed.span(change.after.value))]
        written = APP_STATEMENT.pattern.replace(rb"True$", re.escape(value) + b"$")
        if not re.fullmatch(written, text):
            return [("edit", f"added {text!r}")]
    elif not APP_STATEMENT.fullmatch(text):
        return [("edit", f"added {text!r}")]
    body, index = change.after_body, change.new_index
    # The block's indentation, read from the nearest statement that starts its line: one
    # after a `;`, or on a bracket's continuation line, shows none.
    def starts_line(statement):
        line_start = fixed.line_starts[statement.lineno - 1]
        return not fixed.data[line_start:fixed.span(statement)[0]].strip(b" \t\x0c")
    before = [s for s in reversed(body[:index]) if starts_line(s)]
    after = [s for s in body[index + 1:] if s is not change.after and starts_line(s)]
    neighbors = before[:1] + after[:1]
    neighbor = neighbors[0] if neighbors else None
    indent = b""
    if neighbor is not None:
        line_start = fixed.line_starts[neighbor.lineno - 1]
        indent = fixed.data[line_start:fixed.span(neighbor)[0]]
    endings = set(LINE_ENDING.findall(source.data)) or {b"\n"}
    for ending in endings:
        if added in (indent + text + ending, ending + indent + text):
            return []
    return [("edit", f"added the line {added!r}, not {indent + text!r} and a line ending of the file")]


def inserted_only(old: bytes, new: bytes) -> bool:
    """Whether `new` is `old` with separators inserted in at most two places."""
    prefix = first_difference(old, new)
    suffix = 0
    while suffix < min(len(old), len(new)) - prefix and old[-1 - suffix] == new[-1 - suffix]:
        suffix += 1
    old_mid, new_mid = old[prefix : len(old) - suffix], new[prefix : len(new) - suffix]
    if not old_mid:
        return SEPARATORS.fullmatch(new_mid) is not None
    at = new_mid.find(old_mid)
    while at >= 0:
        before, after = new_mid[:at], new_mid[at + len(old_mid) :]
        if SEPARATORS.fullmatch(before) and SEPARATORS.fullmatch(after):
            return True
        at = new_mid.find(old_mid, at + 1)
    return False


def first_difference(a: bytes, b: bytes) -> int:
    return next((i for i, (x, y) in enumerate(zip(a, b)) if x != y), min(len(a), len(b)))


# --- running many cases -----------------------------------------------------------------


def read_bytes(path: str) -> bytes:
    try:
        with open(path, "rb") as file:
            return file.read()
    except OSError as error:
        sys.exit(f"ast oracle: cannot read {path}: {error}")


def run_cases(cases, lost_fixes=True, project=False) -> int:
    """cases: (name, input path, output path or None, error or None, path in the
    project, project). Prints the violations and the summary; returns the exit status."""
    total = changed = violations = unparsed = 0
    kinds = {"insert": 0, "keyword": 0, "positional": 0, "value": 0, "entry": 0, "statement": 0,
             "header": 0, "literal": 0, "default": 0, "insert-after-splat": 0, "schema": 0,
             "followed": 0, "test-client": 0}
    verdicts, run, static = {}, 0, 0
    methods, origins = {}, {}
    if project:  # every file of a project is read before any is judged
        cases = list(cases)
        for group in {case[5] for case in cases}:
            methods[group] = project_methods(read_bytes(c[1]) for c in cases if c[5] == group)
            origins[group] = project_origins(
                (c[4] or c[0], read_bytes(c[1]), read_bytes(c[2]) if c[2] else None)
                for c in cases if c[5] == group)
    for name, input_path, output_path, error, path, group in cases:
        total += 1
        after = read_bytes(output_path) if output_path else None
        mode = Project(path or name, methods[group], origins[group]) if project else None
        outcome = check_case(read_bytes(input_path), after, error, lost_fixes, mode)
        unparsed += not outcome.checked
        changed += outcome.checked and outcome.changed
        for kind in outcome.change_kinds:
            kinds[kind] += 1
        for kind in outcome.verdicts:
            verdicts[kind] = verdicts.get(kind, 0) + 1
        run, static = run + outcome.defaults_run, static + outcome.defaults_static
        for v in outcome.violations:
            violations += 1
            print(f"{name}:{v.line}: {v.kind}: {v.detail}")
    if unparsed:
        print(f"ast oracle: {unparsed} inputs Python does not parse were not checked")
    print("ast oracle: changes checked: " + ", ".join(f"{n} {k}" for k, n in kinds.items()))
    print("ast oracle: values judged: " + ", ".join(f"{n} {k}" for k, n in sorted(verdicts.items()))
          + f"; defaults changed: {run} run under the readers' stand-ins, {static} only read")
    print(f"ast oracle: {total} cases, {changed} changed, {violations} violations")
    return 1 if violations else 0


def manifest_cases(path: str):
    try:
        with open(path, encoding="utf-8") as file:
            lines = [line for line in file if line.strip()]
    except OSError as error:
        sys.exit(f"ast oracle: cannot read the manifest {path}: {error}")
    base = os.path.dirname(os.path.abspath(path))

    def resolve(relative):
        return None if relative is None else os.path.join(base, relative)

    for number, line in enumerate(lines, 1):
        try:
            case = json.loads(line)
        except json.JSONDecodeError as error:
            sys.exit(f"ast oracle: {path}:{number}: not JSON: {error}")
        output, error = case.get("output"), case.get("error")
        place = case.get("path"), case.get("project")
        yield case["name"], resolve(case["input"]), resolve(output), error, *place


def folder_cases(before_root: str, after_root: str, skipped_json: Optional[str]):
    """Every Python file of BEFORE against its copy in AFTER (changed when the bytes
    differ); `skipped_json` holds a JSON object: relative path -> the engine's reason."""
    errors = {}
    if skipped_json:
        try:
            with open(skipped_json, encoding="utf-8") as file:
                errors = json.load(file)
        except (OSError, json.JSONDecodeError) as error:
            sys.exit(f"ast oracle: cannot read {skipped_json}: {error}")
    for folder, subfolders, names in os.walk(before_root):
        subfolders.sort()
        for file_name in sorted(names):
            before = os.path.join(folder, file_name)
            if not file_name.endswith((".py", ".pyw", ".pyi")) or os.path.islink(before):
                continue
            relative = os.path.relpath(before, before_root)
            after = os.path.join(after_root, relative)
            if not os.path.isfile(after):
                continue
            output = after if read_bytes(after) != read_bytes(before) else None
            path = relative.replace(os.sep, "/")
            yield relative, before, output, errors.get(relative), path, before_root


# --- the oracle's own test --------------------------------------------------------------

FLASK = "from flask import Response\n"
WRAPPER = "class R:\n    def set_cookie(self, key, *args, **kwargs): pass\n"
SIGNED_WRAPPER = "class R:\n    def set_signed_cookie(self, *args, **kwargs): pass\n"
# (name, input, output or None, engine error or None, the violation it must report or None)
STARLETTE = "from starlette.middleware.sessions import SessionMiddleware\n"
DJANGO = "INSTALLED_APPS = [\n    'django.contrib.sessions',\n]\n"
LITESTAR = "from litestar.datastructures import Cookie\n"
SANIC = "from sanic import Sanic\n"
COOKIES = "from http.cookies import SimpleCookie\n"
MORSEL_FUNCTION = 'def f():\n    c = SimpleCookie()\n    c["sid"] = v\n    c["sid"]["path"] = "/"\n'
SECURE_LINE = '    c["sid"]["secure"] = True\n'
WRITE = "    return c.output()\n"  # the cookies written as Set-Cookie headers
# Section 8's cases.
BINDING = "def f(r):\n    secure = False\n    r.set_cookie('k', v, secure=secure)\n"
SHARED = "SECURE = False\nSECURE_SSL_REDIRECT = SECURE\ndef f(r):\n    r.set_cookie('k', v, secure=SECURE)\n"
BY_SCHEME = ("def f(r):\n    secure = False\n    if request.is_secure():\n        secure = True\n"
             "    r.set_cookie('k', v, secure=secure)\n")
CALLERS = ("def h(r, secure=False):\n    r.set_cookie('k', v, secure=secure)\n"
           "def g(r):\n    h(r, 0)\n    h(r)\n")
ENV = "import os\n"
# A Django settings module reading its booleans through django-environ's schema, and what
# its fix makes of it: the session setting's entry added last, and the setting read.
SCHEMA_HEAD = "import environ\nenv = environ.Env(DEBUG=(bool, False){})\nDEBUG = env('DEBUG')\n"
SCHEMA_TAIL = ("INSTALLED_APPS = ['django.contrib.sessions']\n"
               "MIDDLEWARE = ['django.contrib.sessions.middleware.SessionMiddleware']\n")
SCHEMA = SCHEMA_HEAD.format("") + SCHEMA_TAIL
SCHEMA_READ = "SESSION_COOKIE_SECURE = env('SESSION_COOKIE_SECURE')\n"
# A Flask app configured in one file, reading its booleans from the environment.
APP_IDIOM = ("import os\nfrom flask import Flask\napp = Flask(__name__)\n"
             "app.config['DEBUG'] = os.getenv('APP_DEBUG', 'no') == 'yes'\n"
             "app.config['SECRET_KEY'] = 'k'\n")
APP_UPDATE = ("import os\nfrom flask import Flask\napp = Flask(__name__)\n"
              "app.config.update(SECRET_KEY='k', DEBUG=os.getenv('APP_DEBUG', 'no') == 'yes',"
              " SESSION_COOKIE_HTTPONLY=True{})\n")


def schema_fixed(entry, read=SCHEMA_READ, head=SCHEMA_HEAD):
    return head.format(entry) + SCHEMA_TAIL + read
DJANGO_ENV = "import environ\nenv = environ.Env(COOKIE_X=(bool, False))\n"
SHARED_DEFAULT = ("import os\nFORCE = os.getenv('F', 'false') == 'true'\nSECURE_SSL_REDIRECT = FORCE\n"
                  "SESSION_COOKIE_SECURE = FORCE\n")
# One default for two variables: set to false, the first no longer turns the flag off.
EITHER = ("import os\ndef either(a, b, d):\n    return os.getenv(a, d) == 'true' or os.getenv(b, d) == 'true'\n"
          "SESSION_COOKIE_SECURE = either('COOKIE_A', 'COOKIE_B', 'false')\n")
SPLAT = "def f(r):\n    opts = {'httponly': True}\n    r.set_cookie('k', 'v', **opts)\n"
DELETION = "r.set_cookie('a', 'v', secure=False)\nr.set_cookie('a', '', max_age=0)\n"
SELF_TEST = [
    ("session middleware insert", STARLETTE + "app.add_middleware(SessionMiddleware, secret_key='k')\n",
     STARLETTE + "app.add_middleware(SessionMiddleware, secret_key='k', https_only=True)\n",
     None, None),
    ("session middleware given secure= instead of https_only=",
     STARLETTE + "app.add_middleware(SessionMiddleware, secret_key='k')\n",
     STARLETTE + "app.add_middleware(SessionMiddleware, secret_key='k', secure=True)\n",
     None, "tree-changed"),
    ("session middleware of another package", "from mine import SessionMiddleware\n"
     "app.add_middleware(SessionMiddleware, secret_key='k')\n",
     "from mine import SessionMiddleware\n"
     "app.add_middleware(SessionMiddleware, secret_key='k', https_only=True)\n",
     None, "not-a-sink"),
    ("session middleware slot filled", STARLETTE + "SessionMiddleware(a, 'k', 's', 1, '/', 'lax', x)\n",
     STARLETTE + "SessionMiddleware(a, 'k', 's', 1, '/', 'lax', x, https_only=True)\n",
     None, "slot-filled"),
    ("session middleware positional", STARLETTE + "SessionMiddleware(a, 'k', 's', 1, '/', 'lax', 0)\n",
     STARLETTE + "SessionMiddleware(a, 'k', 's', 1, '/', 'lax', True)\n", None, None),
    ("session middleware suppressed by its rule",
     STARLETTE + "SessionMiddleware(a, 'k')  # cookie-fix: ignore[secure-session-cookie]\n",
     STARLETTE + "SessionMiddleware(a, 'k', https_only=True)  # cookie-fix: ignore[secure-session-cookie]\n",
     None, "suppressed"),
    ("session middleware not suppressed by another rule's marker",
     STARLETTE + "SessionMiddleware(a, 'k')  # cookie-fix: ignore[secure-cookie]\n",
     STARLETTE + "SessionMiddleware(a, 'k', https_only=True)  # cookie-fix: ignore[secure-cookie]\n",
     None, None),
    ("aiohttp storage secure=None", "import aiohttp_session\nEncryptedCookieStorage(k, secure=None)\n",
     "import aiohttp_session\nEncryptedCookieStorage(k, secure=True)\n", None, None),
    ("pyramid factory wrong slot", "import pyramid\nSignedCookieSessionFactory('s', 'n', None, '/', 0, 0)\n",
     "import pyramid\nSignedCookieSessionFactory('s', 'n', None, '/', True, 0)\n", None, "wrong-index"),
    # Configuration: secure-cookie-setting, and secure-session-cookie's mappings.
    ("django setting added", DJANGO + "X = 1\n", DJANGO + "X = 1\nSESSION_COOKIE_SECURE = True\n",
     None, None),
    ("django setting added before local overrides",
     DJANGO + "try:\n    from .local import *\nexcept ImportError:\n    pass\n",
     DJANGO + "SESSION_COOKIE_SECURE = True\ntry:\n    from .local import *\nexcept ImportError:\n    pass\n",
     None, None),
    ("django setting added after local overrides", DJANGO + "from .local import *\n",
     DJANGO + "from .local import *\nSESSION_COOKIE_SECURE = True\n", None, "misplaced"),
    ("django setting added before other statements", DJANGO + "X = 1\n",
     DJANGO + "SESSION_COOKIE_SECURE = True\nX = 1\n", None, "misplaced"),
    ("django setting added beside the cookie settings",
     DJANGO + "SESSION_COOKIE_AGE = 1  # a day\nSECURE_SSL_REDIRECT = True\nX = 1\n",
     DJANGO + "SESSION_COOKIE_AGE = 1  # a day\nSESSION_COOKIE_SECURE = True\n"
     "SECURE_SSL_REDIRECT = True\nX = 1\n", None, None),
    ("django setting added at the end, away from the cookie settings",
     DJANGO + "SESSION_COOKIE_AGE = 1\nX = 1\n",
     DJANGO + "SESSION_COOKIE_AGE = 1\nX = 1\nSESSION_COOKIE_SECURE = True\n", None, "misplaced"),
    ("django setting added beside the HTTPS hardening",
     DJANGO + "SECURE_HSTS_SECONDS: int = 60\nX = 1\n",
     DJANGO + "SECURE_HSTS_SECONDS: int = 60\nSESSION_COOKIE_SECURE = True\nX = 1\n", None, None),
    ("django setting added at the end, away from the HTTPS hardening",
     DJANGO + "SECURE_SSL_REDIRECT = True\nX = 1\n",
     DJANGO + "SECURE_SSL_REDIRECT = True\nX = 1\nSESSION_COOKIE_SECURE = True\n", None, "misplaced"),
    ("django setting added before local overrides that follow the cookie settings",
     DJANGO + "SESSION_COOKIE_AGE = 1\nX = 1\nfrom .local import *\n",
     DJANGO + "SESSION_COOKIE_AGE = 1\nX = 1\nSESSION_COOKIE_SECURE = True\nfrom .local import *\n",
     None, None),
    ("django setting added at the end, a cookie setting sharing its line",
     DJANGO + "SESSION_COOKIE_AGE = 1; X = 1\nY = 2\n",
     DJANGO + "SESSION_COOKIE_AGE = 1; X = 1\nY = 2\nSESSION_COOKIE_SECURE = True\n", None, None),
    ("django setting Django does not warn about", "INSTALLED_APPS = ['django.contrib.auth']\n",
     "INSTALLED_APPS = ['django.contrib.auth']\nSESSION_COOKIE_SECURE = True\n", None, "not-warned"),
    ("django CSRF in sessions", "MIDDLEWARE = [CSRF]\nCSRF_USE_SESSIONS = True\n".replace("CSRF]", "'django.middleware.csrf.CsrfViewMiddleware']"),
     "MIDDLEWARE = ['django.middleware.csrf.CsrfViewMiddleware']\nCSRF_USE_SESSIONS = True\nCSRF_COOKIE_SECURE = True\n",
     None, "not-warned"),
    ("django module extending another", "from .base import *\n" + DJANGO,
     "from .base import *\n" + DJANGO + "SESSION_COOKIE_SECURE = True\n", None, "not-warned"),
    ("django setting added, CRLF, no final newline", DJANGO.replace("\n", "\r\n") + "X = 1",
     DJANGO.replace("\n", "\r\n") + "X = 1\r\nSESSION_COOKIE_SECURE = True", None, None),
    ("django setting added with another line ending", DJANGO.replace("\n", "\r\n"),
     DJANGO.replace("\n", "\r\n") + "SESSION_COOKIE_SECURE = True\n", None, "edit"),
    ("django 1 made True", DJANGO + "SESSION_COOKIE_SECURE = 1\n", DJANGO + "SESSION_COOKIE_SECURE = True\n",
     None, None),
    ("1 made True outside a settings module", "SESSION_COOKIE_SECURE = 1\n", "SESSION_COOKIE_SECURE = True\n",
     None, "truthy-replaced"),
    ("setting made True", "CSRF_COOKIE_SECURE = (False)\n", "CSRF_COOKIE_SECURE = True\n", None, None),
    ("development setting made True", "DEBUG = True\nCSRF_COOKIE_SECURE = False\n",
     "DEBUG = True\nCSRF_COOKIE_SECURE = True\n", None, "development"),
    ("a setting added after a last line of two statements, one on a continuation line",
     "MIDDLEWARE = ['django.middleware.csrf.CsrfViewMiddleware']\nx = f(1,\n      2); y = 3",
     "MIDDLEWARE = ['django.middleware.csrf.CsrfViewMiddleware']\nx = f(1,\n      2); y = 3\nCSRF_COOKIE_SECURE = True",
     None, None),
    ("setting made True where Django never warns", "MIDDLEWARE = []\nCSRF_COOKIE_SECURE = 0\n",
     "MIDDLEWARE = []\nCSRF_COOKIE_SECURE = True\n", None, "not-warned"),
    ("local variable made True", "def f():\n    SESSION_COOKIE_SECURE = False\n",
     "def f():\n    SESSION_COOKIE_SECURE = True\n", None, "local-variable"),
    ("setting suppressed", "SESSION_COOKIE_SECURE = False  # NOSONAR\n",
     "SESSION_COOKIE_SECURE = True  # NOSONAR\n", None, "suppressed"),
    ("config item made True", "app.config['REMEMBER_COOKIE_SECURE'] = 0\n",
     "app.config['REMEMBER_COOKIE_SECURE'] = True\n", None, None),
    ("another dict's item made True", "headers['REMEMBER_COOKIE_SECURE'] = 0\n",
     "headers['REMEMBER_COOKIE_SECURE'] = True\n", None, "not-config"),
    ("config update made True", "app.config.update(JWT_COOKIE_SECURE=False)\n",
     "app.config.update(JWT_COOKIE_SECURE=True)\n", None, None),
    ("test override made True", "@override_settings(SESSION_COOKIE_SECURE=False)\nclass T: pass\n",
     "@override_settings(SESSION_COOKIE_SECURE=True)\nclass T: pass\n", None, "not-a-setting"),
    ("settings dict made True", "REST_AUTH = {'JWT_AUTH_SECURE': False}\n",
     "REST_AUTH = {'JWT_AUTH_SECURE': True}\n", None, None),
    ("falcon option made True", "app.resp_options.secure_cookies_by_default = False\n",
     "app.resp_options.secure_cookies_by_default = True\n", None, None),
    ("flask config class", "class Config:\n    SECRET_KEY = 'k'\n",
     "class Config:\n    SECRET_KEY = 'k'\n    SESSION_COOKIE_SECURE = True\n", None, None),
    ("flask config class, wrong indentation", "class Config:\n    SECRET_KEY = 'k'\n",
     "class Config:\n    SECRET_KEY = 'k'\n  SESSION_COOKIE_SECURE = True\n", None, "unparsable-output"),
    ("a class that is no config", "class EnvProvider:\n    SECRET_KEY = 'AWS_SECRET_ACCESS_KEY'\n",
     "class EnvProvider:\n    SECRET_KEY = 'AWS_SECRET_ACCESS_KEY'\n    SESSION_COOKIE_SECURE = True\n",
     None, "not-a-config"),
    ("a flask app in a test module", "import pytest\napp.secret_key = 'k'\n",
     "import pytest\napp.secret_key = 'k'\napp.config['SESSION_COOKIE_SECURE'] = True\n",
     None, "test-module"),
    ("a library's defaults", "DEFAULTS = {'JWT_AUTH_SECURE': False}\n",
     "DEFAULTS = {'JWT_AUTH_SECURE': True}\n", None, "not-a-setting"),
    ("tornado kwargs the file sets elsewhere",
     "import tornado\nS = {'xsrf_cookies': True}\nS['xsrf_cookie_kwargs'] = {'path': p}\n",
     "import tornado\nS = {'xsrf_cookies': True, 'xsrf_cookie_kwargs': {'secure': True}}\n"
     "S['xsrf_cookie_kwargs'] = {'path': p}\n", None, "named-elsewhere"),
    ("flask subclass instead of its base", "class Config:\n    SECRET_KEY = 'k'\nclass D(Config):\n    SECRET_KEY = 'j'\n",
     "class Config:\n    SECRET_KEY = 'k'\nclass D(Config):\n    SECRET_KEY = 'j'\n    SESSION_COOKIE_SECURE = True\n",
     None, "base-class"),
    ("flask class in a file that names the setting",
     "class Config:\n    SECRET_KEY = 'k'\nclass P(Config):\n    SESSION_COOKIE_SECURE = True\n",
     "class Config:\n    SECRET_KEY = 'k'\n    SESSION_COOKIE_SECURE = True\nclass P(Config):\n    SESSION_COOKIE_SECURE = True\n",
     None, "mentioned"),
    ("flask production class takes the setting", "class Config:\n    SECRET_KEY = 'k'\n"
     "class ProdConfig(Config):\n    X = 1\n",
     "class Config:\n    SECRET_KEY = 'k'\nclass ProdConfig(Config):\n    X = 1\n"
     "    SESSION_COOKIE_SECURE = True\n", None, None),
    ("flask base class takes the setting beside a production class",
     "class Config:\n    SECRET_KEY = 'k'\nclass ProdConfig(Config):\n    X = 1\n",
     "class Config:\n    SECRET_KEY = 'k'\n    SESSION_COOKIE_SECURE = True\n"
     "class ProdConfig(Config):\n    X = 1\n", None, "not-production"),
    ("missed flask production class", "class Config:\n    SECRET_KEY = 'k'\n"
     "class ServerConfig(Config):\n    PREFERRED_URL_SCHEME = 'https'\n", None, None, "missed-fix"),
    ("flask production class, no secret key in the file, fixed",
     "CSRF_COOKIE_SECURE = 0\nclass LiveConfig(Config):\n    X = 1\n",
     "CSRF_COOKIE_SECURE = True\nclass LiveConfig(Config):\n    X = 1\n    SESSION_COOKIE_SECURE = True\n",
     None, None),
    ("flask production class, no secret key in the file, left",
     "CSRF_COOKIE_SECURE = True\nclass LiveConfig(Config):\n    X = 1\n", None, None, None),
    ("flask test class left alone",
     "class Config:\n    SECRET_KEY = 'k'\n    SESSION_COOKIE_SECURE = True\n"
     "class TestingConfig(Config):\n    SESSION_COOKIE_SECURE = False\n", None, None, None),
    ("flask test class made True",
     "class Config:\n    SECRET_KEY = 'k'\n    SESSION_COOKIE_SECURE = True\n"
     "class TestingConfig(Config):\n    SESSION_COOKIE_SECURE = False\n",
     "class Config:\n    SECRET_KEY = 'k'\n    SESSION_COOKIE_SECURE = True\n"
     "class TestingConfig(Config):\n    SESSION_COOKIE_SECURE = True\n", None, "not-deployed"),
    ("flask class testing by its body made True",
     "class OtherConfig:\n    TESTING = True\n    SESSION_COOKIE_SECURE = False\n",
     "class OtherConfig:\n    TESTING = True\n    SESSION_COOKIE_SECURE = True\n", None, "not-deployed"),
    ("flask development class made True", "class DevConfig(Config):\n    SESSION_COOKIE_SECURE = 0\n",
     "class DevConfig(Config):\n    SESSION_COOKIE_SECURE = True\n", None, "not-deployed"),
    ("flask development class given the setting",
     "class LocalConfig:\n    SECRET_KEY = 'k'\n",
     "class LocalConfig:\n    SECRET_KEY = 'k'\n    SESSION_COOKIE_SECURE = True\n", None, "not-deployed"),
    ("flask class whose name holds a role's letters, not its word", "class DeviceConfig:\n    SECRET_KEY = 'k'\n",
     None, None, "missed-fix"),
    ("flask setting named in a test class only",
     "class Config:\n    SECRET_KEY = 'k'\nclass TestConfig(Config):\n    SESSION_COOKIE_SECURE = False\n",
     None, None, "missed-fix"),
    ("flask annotated secret key", "class ServerConfig:\n    SECRET_KEY: str = 'k'\n",
     "class ServerConfig:\n    SECRET_KEY: str = 'k'\n    SESSION_COOKIE_SECURE = True\n", None, None),
    ("missed flask annotated secret key", "class ServerConfig:\n    SECRET_KEY: str = 'k'\n",
     None, None, "missed-fix"),
    ("flask settings model", "class AppConfig(BaseSettings):\n    SECRET_KEY: str = 'k'\n",
     "class AppConfig(BaseSettings):\n    SECRET_KEY: str = 'k'\n    SESSION_COOKIE_SECURE = True\n",
     None, "not-a-config"),
    ("flask dataclass", "@dataclass(frozen=True)\nclass AppConfig:\n    SECRET_KEY: str = 'k'\n",
     "@dataclass(frozen=True)\nclass AppConfig:\n    SECRET_KEY: str = 'k'\n    SESSION_COOKIE_SECURE = True\n",
     None, "not-a-config"),
    ("flask setting beside the class's cookie settings",
     "class Config:\n    SECRET_KEY = 'k'\n    SESSION_COOKIE_AGE = 1  # a day\n    X = 2\n",
     "class Config:\n    SECRET_KEY = 'k'\n    SESSION_COOKIE_AGE = 1  # a day\n"
     "    SESSION_COOKIE_SECURE = True\n    X = 2\n", None, None),
    ("flask setting last, away from the class's cookie settings",
     "class Config:\n    SECRET_KEY = 'k'\n    SESSION_COOKIE_AGE = 1\n    X = 2\n",
     "class Config:\n    SECRET_KEY = 'k'\n    SESSION_COOKIE_AGE = 1\n    X = 2\n"
     "    SESSION_COOKIE_SECURE = True\n", None, "misplaced"),
    ("flask setting last, the cookie setting sharing its line",
     "class Config:\n    SECRET_KEY = 'k'\n    SESSION_COOKIE_AGE = 1; Y = 1\n    X = 2\n",
     "class Config:\n    SECRET_KEY = 'k'\n    SESSION_COOKIE_AGE = 1; Y = 1\n    X = 2\n"
     "    SESSION_COOKIE_SECURE = True\n", None, None),
    ("flask app", "from flask import Flask\napp.secret_key = 'k'\n",
     "from flask import Flask\napp.secret_key = 'k'\napp.config['SESSION_COOKIE_SECURE'] = True\n", None, None),
    ("flask app on another receiver", "from flask import Flask\napp.secret_key = 'k'\n",
     "from flask import Flask\napp.secret_key = 'k'\napi.config['SESSION_COOKIE_SECURE'] = True\n",
     None, "receiver"),
    ("flask app loading its config", "from flask import Flask\napp.secret_key = 'k'\napp.config.from_object(C)\n",
     "from flask import Flask\napp.secret_key = 'k'\napp.config['SESSION_COOKIE_SECURE'] = True\napp.config.from_object(C)\n",
     None, "mentioned"),
    ("flask app beside its cookie settings",
     "from flask import Flask\napp.secret_key = 'k'\napp.config.update(REMEMBER_COOKIE_SECURE=0)\n",
     "from flask import Flask\napp.secret_key = 'k'\n"
     "app.config.update(REMEMBER_COOKIE_SECURE=True, SESSION_COOKIE_SECURE=True)\n", None, None),
    ("flask app beside its cookie settings, a line instead",
     "from flask import Flask\napp.secret_key = 'k'\napp.config.update(SESSION_COOKIE_NAME='s')\n",
     "from flask import Flask\napp.secret_key = 'k'\napp.config['SESSION_COOKIE_SECURE'] = True\n"
     "app.config.update(SESSION_COOKIE_NAME='s')\n", None, "misplaced"),
    ("flask app beside the cookie settings of its second update",
     "from flask import Flask\napp.secret_key = 'k'\napp.config.update(SESSION_COOKIE_NAME='s')\n"
     "app.config.update(SESSION_COOKIE_PATH='/')\n",
     "from flask import Flask\napp.secret_key = 'k'\napp.config.update(SESSION_COOKIE_NAME='s')\n"
     "app.config.update(SESSION_COOKIE_PATH='/', SESSION_COOKIE_SECURE=True)\n", None, "misplaced"),
    ("flask app beside the cookie settings of another app",
     "from flask import Flask\napp.secret_key = 'k'\napi.config.update(SESSION_COOKIE_NAME='s')\n",
     "from flask import Flask\napp.secret_key = 'k'\n"
     "api.config.update(SESSION_COOKIE_NAME='s', SESSION_COOKIE_SECURE=True)\n", None, "not-an-app"),
    ("chained settings' default", ENV + "SESSION_COOKIE_SECURE = CSRF_COOKIE_SECURE = "
     "os.getenv('COOKIE_X', 'no') == 'yes'\n", ENV + "SESSION_COOKIE_SECURE = CSRF_COOKIE_SECURE = "
     "os.getenv('COOKIE_X', 'yes') == 'yes'\n", None, None),
    ("missed chained settings' default", ENV + "SESSION_COOKIE_SECURE = CSRF_COOKIE_SECURE = "
     "os.getenv('COOKIE_X', 'no') == 'yes'\n", None, None, "missed-fix"),
    ("tornado Application subclass",
     "import tornado.web\nclass App(tornado.web.Application):\n    def __init__(self, h):\n"
     "        super().__init__(h, xsrf_cookies=True)\n",
     "import tornado.web\nclass App(tornado.web.Application):\n    def __init__(self, h):\n"
     "        super().__init__(h, xsrf_cookies=True, xsrf_cookie_kwargs={'secure': True})\n", None, None),
    ("tornado super() of another class",
     "import tornado.web\nclass App(Base):\n    def __init__(self, h):\n"
     "        super().__init__(h, xsrf_cookies=True)\n",
     "import tornado.web\nclass App(Base):\n    def __init__(self, h):\n"
     "        super().__init__(h, xsrf_cookies=True, xsrf_cookie_kwargs={'secure': True})\n", None,
     "not-a-sink"),
    ("tornado XSRF kwargs added", "import tornado\nApplication([], xsrf_cookies=True)\n",
     "import tornado\nApplication([], xsrf_cookies=True, xsrf_cookie_kwargs={'secure': True})\n", None, None),
    ("tornado XSRF secure added", "import tornado\nS = {'xsrf_cookies': 1, 'xsrf_cookie_kwargs': {}}\n",
     "import tornado\nS = {'xsrf_cookies': 1, 'xsrf_cookie_kwargs': {'secure': True}}\n", None, None),
    ("tornado not imported", "Application([], xsrf_cookies=True)\n",
     "Application([], xsrf_cookies=True, xsrf_cookie_kwargs={'secure': True})\n", None, "not-a-sink"),
    ("tornado settings spread", "import tornado\nS = {'xsrf_cookies': True, **O}\n",
     "import tornado\nS = {'xsrf_cookies': True, **O, 'xsrf_cookie_kwargs': {'secure': True}}\n",
     None, "splat-call"),
    ("cherrypy entry added in a test module", "import cherrypy, unittest\nC = {'tools.sessions.on': True}\n",
     "import cherrypy, unittest\nC = {'tools.sessions.on': True, 'tools.sessions.secure': True}\n",
     None, "test-module"),
    ("missed setting", "CSRF_COOKIE_SECURE = False\n", None, None, "missed-fix"),
    ("missed django setting", DJANGO, None, None, "missed-fix"),
    ("missed config class setting", "class Config:\n    SECRET_KEY = 'k'\n", None, None, "missed-fix"),
    ("missed tornado entry", "import tornado\nS = {'xsrf_cookies': True}\n", None, None, "missed-fix"),
    ("missed cherrypy value", "import cherrypy\nC = {'tools.sessions.on': 1, 'tools.sessions.secure': None}\n",
     None, None, "missed-fix"),
    ("no fix wanted beside DEBUG", "DEBUG = True\nCSRF_COOKIE_SECURE = False\n", None, None, None),
    ("no fix wanted in a test module", "import unittest, tornado\nS = {'xsrf_cookies': True}\n", None, None, None),
    ("cherrypy secure made True", "import cherrypy\nC = {'tools.sessions.on': True, 'tools.sessions.secure': 0}\n",
     "import cherrypy\nC = {'tools.sessions.on': True, 'tools.sessions.secure': True}\n", None, None),
    ("cherrypy sessions off", "import cherrypy\nC = {'tools.sessions.on': False}\n",
     "import cherrypy\nC = {'tools.sessions.on': False, 'tools.sessions.secure': True}\n", None, "not-a-sink"),
    ("cherrypy entry added as a keyword", "import cherrypy\nC = {'tools.sessions.on': True}\n",
     "import cherrypy\nC = {'tools.sessions.on': True, 'tools.sessions.secure': False}\n", None, "tree-changed"),
    ("insert", "r.set_cookie('k', 'v')\n", "r.set_cookie('k', 'v', secure=True)\n", None, None),
    ("keyword falsy", "r.set_cookie('k', secure=False)\n", "r.set_cookie('k', secure=True)\n",
     None, None),
    ("keyword empty bytes", "r.set_cookie('k', secure=b'')\n", "r.set_cookie('k', secure=True)\n",
     None, None),
    ("positional 6", FLASK + "r.set_cookie('k', 'v', 1, 2, '/', 'd', False)\n",
     FLASK + "r.set_cookie('k', 'v', 1, 2, '/', 'd', True)\n", None, None),
    ("positional 5 webob", "import webob\nr.set_cookie('k', 'v', 1, '/', 'd', 0)\n",
     "import webob\nr.set_cookie('k', 'v', 1, '/', 'd', True)\n", None, None),
    ("parenthesised value keeps its comment", "r.set_cookie('k', secure=(  # why\n    False\n))\n",
     "r.set_cookie('k', secure=(  # why\n    True\n))\n", None, None),
    ("exploded CRLF", "r.set_cookie(\r\n    'k',\r\n    'v',\r\n)\r\n",
     "r.set_cookie(\r\n    'k',\r\n    'v',\r\n    secure=True,\r\n)\r\n", None, None),
    ("exploded, a continuation after the last argument",
     "r.set_cookie(\n    'k',\n    'v' \\\n)\n",
     "r.set_cookie(\n    'k',\n    'v', \\\n    secure=True\n)\n", None, None),
    ("exploded, inserted before the continuation",
     "r.set_cookie(\n    'k',\n    'v' \\\n)\n",
     "r.set_cookie(\n    'k',\n    'v', secure=True \\\n)\n", None, "layout"),
    ("exploded, the comma on the line after a comment",
     "r.set_cookie(\n    'k',\n    'v'  # why\n    ,\n)\n",
     "r.set_cookie(\n    'k',\n    'v'  # why\n    ,\n    secure=True,\n)\n", None, None),
    ("exploded, a parenthesised last argument holding a comment",
     "r.set_cookie(\n    'k',\n    (  # why, (\n        v\n    ),\n)\n",
     "r.set_cookie(\n    'k',\n    (  # why, (\n        v\n    ),\n    secure=True,\n)\n",
     None, None),
    ("exploded, indented as the argument inside its parentheses",
     "r.set_cookie(\n    'k',\n    (\n        v\n    ),\n)\n",
     "r.set_cookie(\n    'k',\n    (\n        v\n    ),\n        secure=True,\n)\n",
     None, "layout"),
    ("hanging indent given a line of its own", "r.set_cookie('k',\n             'v')\n",
     "r.set_cookie('k',\n             'v',\n             secure=True)\n", None, "layout"),
    ("exploded entry after a continuation", "import cherrypy\nC = {\n    'tools.sessions.on': True, \\\n}\n",
     "import cherrypy\nC = {\n    'tools.sessions.on': True, \\\n    'tools.sessions.secure': True,\n}\n",
     None, None),
    ("exploded entry before the continuation", "import cherrypy\nC = {\n    'tools.sessions.on': True, \\\n}\n",
     "import cherrypy\nC = {\n    'tools.sessions.on': True, 'tools.sessions.secure': True, \\\n}\n",
     None, "layout"),
    ("a Protocol's method is no signature",
     "from typing import Protocol\nclass P(Protocol):\n    def set_cookie(self, key, value): ...\n"
     "r.set_cookie('k', 'v')\n",
     "from typing import Protocol\nclass P(Protocol):\n    def set_cookie(self, key, value): ...\n"
     "r.set_cookie('k', 'v', secure=True)\n", None, None),
    ("a generic Protocol's method left unfixed",
     "import typing as t\nclass P(t.Protocol[T]):\n    def set_cookie(self, key, value): ...\n"
     "r.set_cookie('k', 'v')\n", None, None, "missed-fix"),
    ("an abstract method is a signature",
     "from abc import ABC, abstractmethod\nclass S(ABC):\n    @abstractmethod\n"
     "    def set_cookie(self, handler, token): ...\ns.set_cookie(h, t)\n",
     "from abc import ABC, abstractmethod\nclass S(ABC):\n    @abstractmethod\n"
     "    def set_cookie(self, handler, token): ...\ns.set_cookie(h, t, secure=True)\n",
     None, "no-secure-parameter"),
    ("CR only", "x = 1\rr.set_cookie(\r    'k',\r    'v',\r)\r",
     "x = 1\rr.set_cookie(\r    'k',\r    'v',\r    secure=True,\r)\r", None, None),
    ("latin-1 coding line", "# -*- coding: latin-1 -*-\nr\xe9ponse.set_cookie(gr\xf6\xdfe, 'v')  # \xe9\n",
     "# -*- coding: latin-1 -*-\nr\xe9ponse.set_cookie(gr\xf6\xdfe, 'v', secure=True)  # \xe9\n",
     None, None),
    ("latin-1, CR only", "# coding: latin-1\rr\xe9ponse.set_cookie('\xe9', 'v')\r",
     "# coding: latin-1\rr\xe9ponse.set_cookie('\xe9', 'v', secure=True)\r", None, None),
    ("local method index 2",
     "class R:\n    def set_cookie(self, k, v, secure=False): pass\nr.set_cookie('k', 'v', None)\n",
     "class R:\n    def set_cookie(self, k, v, secure=False): pass\nr.set_cookie('k', 'v', True)\n",
     None, None),
    ("mixed families agree", "import flask, pyramid\nr.set_cookie('k', 'v', secure=0)\nr.set_cookie('a', 'b')\n",
     "import flask, pyramid\nr.set_cookie('k', 'v', secure=True)\nr.set_cookie('a', 'b', secure=True)\n",
     None, None),
    ("a call in a decorator", "@r.set_cookie('k', 'v')\ndef f(): pass\n",
     "@r.set_cookie('k', 'v', secure=True)\ndef f(): pass\n", None, None),
    ("nested calls", "r.set_cookie('k', r.set_cookie('a', 'b'))\n",
     "r.set_cookie('k', r.set_cookie('a', 'b', secure=True), secure=True)\n", None, None),
    ("varargs wrapper, few arguments", WRAPPER + "r.set_cookie('k', 'v')\n",
     WRAPPER + "r.set_cookie('k', 'v', secure=True)\n", None, None),
    ("review left alone", "r.set_cookie('k', secure=flag)\nr.set_cookie('k', *a)\n", None, None, None),
    ("suppressed left alone", "r.set_cookie('k', 'v')  # NoSec\n# cookie-fix:ignore\nr.set_cookie('a', 'b')\n",
     None, None, None),
    ("another rule's ignore", "r.set_cookie('k', 'v')  # cookie-fix: ignore[other-rule]\n",
     "r.set_cookie('k', 'v', secure=True)  # cookie-fix: ignore[other-rule]\n", None, None),
    ("falcon: None is secure", "import falcon\nr.set_cookie('k', 'v', secure=None)\nr.set_cookie('k', 'v')\n",
     None, None, None),
    ("a falsy concatenation holding a comment", "r.set_cookie('k', secure=(''  # why\n ''))\n",
     None, None, None),
    ("module-level def is no signature", "def set_cookie():\n    pass\nr.set_cookie('k', 'v')\n",
     "def set_cookie():\n    pass\nr.set_cookie('k', 'v', secure=True)\n", None, None),
    ("an error Python shares", "r.set_cookie('k',\n", None, "syntax error at line 2 column 1", None),
    ("a decode error", "r.set_cookie('k', 'v')\n", None, "declared encoding `x` is not one", None),
    # Each of the following must be caught, for the reason named.
    ("domain None made True", FLASK + "r.set_cookie('k', '1', 3600, \\\n None, '/', None, False)\n",
     FLASK + "r.set_cookie('k', '1', 3600, \\\n True, '/', None, False)\n", None, "wrong-index"),
    ("comment deleted", "r.set_cookie('k', secure=(  # why\n    False\n))\n",
     "r.set_cookie('k', secure=True)\n", None, "comment-changed"),
    ("slot already filled", "r.set_cookie('k', 'v', 1, 2, '/', 'd', flag)\n",
     "r.set_cookie('k', 'v', 1, 2, '/', 'd', flag, secure=True)\n", None, "slot-filled"),
    ("webob slot filled", "import webob\nr.set_cookie('k', 'v', 1, '/', 'd', flag)\n",
     "import webob\nr.set_cookie('k', 'v', 1, '/', 'd', flag, secure=True)\n", None, "slot-filled"),
    ("a wrapper's own body calls the framework's setter",
     "class U:\n    def set_cookie(self, response, k, v):\n        response.set_cookie(k, v)\n",
     "class U:\n    def set_cookie(self, response, k, v):\n        response.set_cookie(k, v, secure=True)\n",
     None, None),
    ("missed fix in a wrapper's own body",
     "class U:\n    def set_cookie(self, response, k, v):\n        response.set_cookie(k, v)\n",
     None, None, "missed-fix"),
    ("a wrapper's own body calling itself",
     "class U:\n    def set_cookie(self, response, k, v):\n        self.set_cookie(k, v)\n",
     "class U:\n    def set_cookie(self, response, k, v):\n        self.set_cookie(k, v, secure=True)\n",
     None, "no-secure-parameter"),
    ("method without secure",
     "class H:\n    def set_cookie(self, handler, token): pass\nr.set_cookie(h, t)\n",
     "class H:\n    def set_cookie(self, handler, token): pass\nr.set_cookie(h, t, secure=True)\n",
     None, "no-secure-parameter"),
    ("varargs wrapper, 7 arguments", WRAPPER + "r.set_cookie(1, 2, 3, 4, 5, 6, 7)\n",
     WRAPPER + "r.set_cookie(1, 2, 3, 4, 5, 6, 7, secure=True)\n", None, "varargs-slot"),
    ("signed cookie forwarded to a local set_cookie without secure",
     "class H(R):\n    def set_cookie(self, name, value, expires_days=None): pass\nh.set_signed_cookie('k', b'v', version=1)\n",
     "class H(R):\n    def set_cookie(self, name, value, expires_days=None): pass\nh.set_signed_cookie('k', b'v', version=1, secure=True)\n",
     None, "no-secure-parameter"),
    ("signed wrapper, 7 arguments", SIGNED_WRAPPER + "r.set_signed_cookie(1, 2, 3, 4, 5, 6, 7)\n",
     SIGNED_WRAPPER + "r.set_signed_cookie(1, 2, 3, 4, 5, 6, 7, secure=True)\n", None, "varargs-slot"),
    ("test client", "self.client.set_cookie('k', 'v')\n",
     "self.client.set_cookie('k', 'v', secure=True)\n", None, "left-alone"),
    ("cookie jar", "session.cookies.set_cookie('k', 'v')\n",
     "session.cookies.set_cookie('k', 'v', secure=True)\n", None, "left-alone"),
    ("one positional argument", "jar2.set_cookie(cookie)\n", "jar2.set_cookie(cookie, secure=True)\n",
     None, "left-alone"),
    ("suppressed above", "#  cookie-fix :ignore\nr.set_cookie('k', 'v')\n",
     "#  cookie-fix :ignore\nr.set_cookie('k', 'v', secure=True)\n", None, "suppressed"),
    ("suppressed inside", "r.set_cookie(\n    'k',  # NOSONAR\n    'v')\n",
     "r.set_cookie(\n    'k',  # NOSONAR\n    'v', secure=True)\n", None, "suppressed"),
    ("lost fix", "r.set_cookie('k', 'v')\n", None, "syntax error at line 1 column 3", "lost-fix"),
    ("internal error", "r.set_cookie('k', 'v')\n", None, "internal error: the fix would break",
     "internal-error"),
    ("missed fix", "def set_cookie():\n    pass\nr.set_cookie('k', 'v')\n", None, None, "missed-fix"),
    ("missed positional fix", FLASK + "r.set_cookie('k', 'v', 1, 2, '/', 'd', False)\n", None, None,
     "missed-fix"),
    ("1 is not True", "r.set_cookie('k', max_age=1)\n", "r.set_cookie('k', max_age=True)\n", None,
     "tree-changed"),
    ("truthy made True", "r.set_cookie('k', secure='yes')\n", "r.set_cookie('k', secure=True)\n",
     None, "tree-changed"),
    ("a raw backslash is not empty", "r.set_cookie('k', secure=r'\\\\')\n",
     "r.set_cookie('k', secure=True)\n", None, "tree-changed"),
    ("a decorator changed", "@r.set_cookie('k', 'v')\ndef f(): pass\n",
     "@r.set_cookie('k', 'w', secure=True)\ndef f(): pass\n", None, "tree-changed"),
    ("other argument changed", "r.set_cookie('k', 'v')\n", "r.set_cookie('k', 'w', secure=True)\n",
     None, "tree-changed"),
    ("inserted False", "r.set_cookie('k', 'v')\n", "r.set_cookie('k', 'v', secure=False)\n", None,
     "tree-changed"),
    ("unparsable output", "r.set_cookie('k', 'v')\n", "r.set_cookie('k', 'v',, secure=True)\n", None,
     "unparsable-output"),
    ("bytes outside changed", "x = 1\nr.set_cookie('k', 'v')\n",
     "x =  1\nr.set_cookie('k', 'v', secure=True)\n", None, "outside-bytes-changed"),
    ("line endings converted", "x = 1\r\nr.set_cookie('k', 'v')\r\n",
     "x = 1\nr.set_cookie('k', 'v', secure=True)\n", None, "outside-bytes-changed"),
    ("LF in a CRLF call", "r.set_cookie(\r\n    'k', 'v',\r\n)\r\n",
     "r.set_cookie(\r\n    'k', 'v',\n    secure=True,\r\n)\r\n", None, "line-ending"),
    ("inserted beside **kwargs", "r.set_cookie('k', **o)\n", "r.set_cookie('k', **o, secure=True)\n",
     None, "splat-call"),
    ("keyword-only family", "import aiohttp\nr.set_cookie('k', 'v', 1, 2, '/', 'd', False)\n",
     "import aiohttp\nr.set_cookie('k', 'v', 1, 2, '/', 'd', True)\n", None, "wrong-index"),
    ("mixed families disagree", "import flask, pyramid\nr.set_cookie('k', 'v', 1, '/', 'd', False)\n",
     "import flask, pyramid\nr.set_cookie('k', 'v', 1, '/', 'd', True)\n", None, "wrong-index"),
    ("signed cookie is keyword only", "r.set_signed_cookie('k', 'v', 1, 2, '/', 'd', False)\n",
     "r.set_signed_cookie('k', 'v', 1, 2, '/', 'd', True)\n", None, "wrong-index"),
    ("two changes in one call", FLASK + "r.set_cookie('k', 'v', 1, 2, '/', None, False)\n",
     FLASK + "r.set_cookie('k', 'v', 1, 2, '/', True, True)\n", None, "tree-changed"),
    ("a comment moved", "r.set_cookie(\n    'k',  # c\n    'v')\n",
     "r.set_cookie(\n    'k',\n    'v', secure=True  # c\n)\n", None, "edit"),
    ("a continuation dropped", "r.set_cookie('k', \\\n    'v')\n",
     "r.set_cookie('k', 'v', secure=True)\n", None, "edit"),
    ("parentheses kept", "r.set_cookie('k', secure=(False))\n",
     "r.set_cookie('k', secure=(True))\n", None, None),
    ("parentheses dropped with the literal", "r.set_cookie('k', secure=( \\\n  0 ))\n",
     "r.set_cookie('k', secure=True)\n", None, None),
    ("a continuation before a concatenation", "r.set_cookie('k', 'v', 1, 2, '/', 'd', \\\n  '' \"\")\n",
     "r.set_cookie('k', 'v', 1, 2, '/', 'd', \\\n  True)\n", None, None),
    ("no-op output", "r.set_cookie('k', secure=flag)\n", "r.set_cookie('k', secure=flag)\n", None,
     "no-op-output"),
    # Litestar's Cookie and Sanic's add_cookie (secure-cookie).
    ("litestar cookie insert", LITESTAR + "c = Cookie('sid')\n",
     LITESTAR + "c = Cookie('sid', secure=True)\n", None, None),
    ("litestar cookie aliased, keyword made True",
     "from litestar.datastructures import Cookie as C\nC(key='k', secure=False)\n",
     "from litestar.datastructures import Cookie as C\nC(key='k', secure=True)\n", None, None),
    ("litestar cookie slot 6", "import litestar\nlitestar.datastructures.Cookie('k', '/', 'v', 1, 2, 'd', None)\n",
     "import litestar\nlitestar.datastructures.Cookie('k', '/', 'v', 1, 2, 'd', True)\n", None, None),
    ("litestar cookie through its module", "from litestar import datastructures\ndatastructures.Cookie(key='k')\n",
     "from litestar import datastructures\ndatastructures.Cookie(key='k', secure=True)\n", None, None),
    ("litestar cookie inside a left-alone set_cookie", LITESTAR + "r.set_cookie(Cookie(key='k'))\n",
     LITESTAR + "r.set_cookie(Cookie(key='k', secure=True))\n", None, None),
    ("a Cookie of another module", "from http.cookiejar import Cookie\nCookie(0, 'k')\n",
     "from http.cookiejar import Cookie\nCookie(0, 'k', secure=True)\n", None, "not-a-sink"),
    ("litestar cookie wrong slot", LITESTAR + "Cookie('k', '/', 'v', 1, 2, None)\n",
     LITESTAR + "Cookie('k', '/', 'v', 1, 2, True)\n", None, "wrong-index"),
    ("litestar cookie slot filled", LITESTAR + "Cookie('k', '/', 'v', 1, 2, 'd', flag)\n",
     LITESTAR + "Cookie('k', '/', 'v', 1, 2, 'd', flag, secure=True)\n", None, "slot-filled"),
    ("litestar cookie beside **kwargs", LITESTAR + "Cookie('k', **o)\n",
     LITESTAR + "Cookie('k', **o, secure=True)\n", None, "splat-call"),
    ("missed litestar cookie", LITESTAR + "Cookie('sid')\nCookie('a', secure=0)\n", None, None, "missed-fix"),
    ("litestar cookie review left alone", LITESTAR + "Cookie('k', secure=flag)\nCookie(*a)\n",
     None, None, None),
    ("sanic add_cookie made True", SANIC + "response.cookies.add_cookie('k', 'v', secure=False)\n",
     SANIC + "response.cookies.add_cookie('k', 'v', secure=True)\n", None, None),
    ("sanic add_cookie is secure by default", SANIC + "r.add_cookie('k', 'v')\n",
     SANIC + "r.add_cookie('k', 'v', secure=True)\n", None, "secure-by-default"),
    ("add_cookie without sanic", "r.add_cookie('k', 'v', secure=False)\n",
     "r.add_cookie('k', 'v', secure=True)\n", None, "not-a-sink"),
    ("sanic add_cookie suppressed", SANIC + "r.add_cookie('k', 'v', secure=False)  # nosec\n",
     SANIC + "r.add_cookie('k', 'v', secure=True)  # nosec\n", None, "suppressed"),
    ("missed sanic add_cookie", SANIC + "r.add_cookie('k', 'v', secure=(0))\n", None, None, "missed-fix"),
    # B: secure-cookie-header.
    ("header in headers=", "return Response(headers={'Set-Cookie': 'sid=abc'})\n",
     "return Response(headers={'Set-Cookie': 'sid=abc; Secure'})\n", None, None),
    ("header trailing run replaced", "resp['set-cookie'] = 'sid=abc; Path=/; '\n",
     "resp['set-cookie'] = 'sid=abc; Path=/; Secure'\n", None, None),
    ("header of ASGI, bytes", "await send({'type': 'http.response.start', 'headers': [(b'Set-Cookie', b'a=b')]})\n",
     "await send({'type': 'http.response.start', 'headers': [(b'Set-Cookie', b'a=b; Secure')]})\n", None, None),
    ("header f-string", "resp.headers.add('Set-Cookie', f'sid={sid}')\n",
     "resp.headers.add('Set-Cookie', f'sid={sid}; Secure')\n", None, None),
    ("header f-string last part", "self.send_header('Set-Cookie', f'sid={sid}; Path=/;')\n",
     "self.send_header('Set-Cookie', f'sid={sid}; Path=/; Secure')\n", None, None),
    ("header template with %", "resp['Set-Cookie'] = 'sid=%s' % v\n",
     "resp['Set-Cookie'] = 'sid=%s; Secure' % v\n", None, None),
    ("header list through a name, .format",
     "def app(env, start_response):\n    h = [('Set-Cookie', 'a={}'.format(v))]\n    start_response('200 OK', h)\n",
     "def app(env, start_response):\n    h = [('Set-Cookie', 'a={}; Secure'.format(v))]\n    start_response('200 OK', h)\n",
     None, None),
    ("header dict through a name", "def f():\n    h = {'Set-Cookie': 'a=b'}\n    return Response(headers=h)\n",
     "def f():\n    h = {'Set-Cookie': 'a=b; Secure'}\n    return Response(headers=h)\n", None, None),
    ("header appended to a list",
     "def app(env, start_response):\n    h = []\n    h.append(('Set-Cookie', 'a=b'))\n    start_response('200 OK', h)\n",
     "def app(env, start_response):\n    h = []\n    h.append(('Set-Cookie', 'a=b; Secure'))\n    start_response('200 OK', h)\n",
     None, None),
    ("header in an implicit concatenation", "resp['Set-Cookie'] = ('sid=abc; '\n    'Path=/')\n",
     "resp['Set-Cookie'] = ('sid=abc; '\n    'Path=/; Secure')\n", None, None),
    ("header of aiohttp's server side", "from aiohttp import web\nweb.Response(headers={'Set-Cookie': 'a=b'})\n",
     "from aiohttp import web\nweb.Response(headers={'Set-Cookie': 'a=b; Secure'})\n", None, None),
    ("header of a client-side httpx.Response",
     "import httpx\nr = httpx.Response(200, headers={'Set-Cookie': 'a=b'})\n",
     "import httpx\nr = httpx.Response(200, headers={'Set-Cookie': 'a=b; Secure'})\n", None, "client-side"),
    ("header of a client-bound fixture",
     "def test(httpx_mock):\n    httpx_mock.add_response(headers={'Set-Cookie': 'a=b'})\n",
     "def test(httpx_mock):\n    httpx_mock.add_response(headers={'Set-Cookie': 'a=b; Secure'})\n",
     None, "client-side"),
    ("header of a client-bound session",
     "import requests\nwith requests.Session() as s:\n    s.headers['Set-Cookie'] = 'a=b'\n",
     "import requests\nwith requests.Session() as s:\n    s.headers['Set-Cookie'] = 'a=b; Secure'\n",
     None, "client-side"),
    ("header template whose fields are values", "resp['Set-Cookie'] = 'sid=%s; Max-Age=%d' % (v, n)\n",
     "resp['Set-Cookie'] = 'sid=%s; Max-Age=%d; Secure' % (v, n)\n", None, None),
    ("header .format whose fields are values", "resp['Set-Cookie'] = 'sid={}; Path={:>{}}'.format(v, p, 2)\n",
     "resp['Set-Cookie'] = 'sid={}; Path={:>{}}; Secure'.format(v, p, 2)\n", None, None),
    ("header template with an escaped %", "resp['Set-Cookie'] = 'sid=%s; %%s' % v\n",
     "resp['Set-Cookie'] = 'sid=%s; %%s; Secure' % v\n", None, None),
    ("header field where attributes go", "resp['Set-Cookie'] = 'sid=%s; %s' % (v, a)\n",
     "resp['Set-Cookie'] = 'sid=%s; %s; Secure' % (v, a)\n", None, "review-edited"),
    ("header field after a field", "resp['Set-Cookie'] = 'sid=%(v)s%(a)s' % d\n",
     "resp['Set-Cookie'] = 'sid=%(v)s%(a)s; Secure' % d\n", None, "review-edited"),
    ("header .format field that is the cookie", "resp['Set-Cookie'] = '{}; {}'.format(v, a)\n",
     "resp['Set-Cookie'] = '{}; {}; Secure'.format(v, a)\n", None, "review-edited"),
    ("header f-string field after a blank", "resp['Set-Cookie'] = f'sid={v} {a}'\n",
     "resp['Set-Cookie'] = f'sid={v} {a}; Secure'\n", None, "review-edited"),
    ("header that had secure", "resp['Set-Cookie'] = 'sid=abc; secure'\n",
     "resp['Set-Cookie'] = 'sid=abc; secure; Secure'\n", None, "already-secure"),
    ("header given another attribute", "resp['Set-Cookie'] = 'sid=abc'\n",
     "resp['Set-Cookie'] = 'sid=abc; HttpOnly'\n", None, "tree-changed"),
    ("header given Secure without its blank", "resp['Set-Cookie'] = 'sid=abc'\n",
     "resp['Set-Cookie'] = 'sid=abc;Secure'\n", None, "tree-changed"),
    ("header run only partly replaced", "resp['Set-Cookie'] = 'sid=abc; '\n",
     "resp['Set-Cookie'] = 'sid=abc;; Secure'\n", None, "edit"),
    ("header f-string's earlier part changed", "resp['Set-Cookie'] = f'sid={sid}; Path=/'\n",
     "resp['Set-Cookie'] = f'sid={sid}; Path=/x; Secure'\n", None, "tree-changed"),
    ("a string that is no header value", "x = 'sid=abc'\n", "x = 'sid=abc; Secure'\n",
     None, "not-a-sink"),
    ("a header read, not set", "if resp.headers.get('Set-Cookie') == 'a=b': pass\n",
     "if resp.headers.get('Set-Cookie') == 'a=b; Secure': pass\n", None, "not-a-sink"),
    ("a header name in pieces", "resp['Set-' 'Cookie'] = 'a=b'\n", "resp['Set-' 'Cookie'] = 'a=b; Secure'\n",
     None, "not-a-sink"),
    ("add on a receiver that is no headers", "r.add('Set-Cookie', 'a=b')\n",
     "r.add('Set-Cookie', 'a=b; Secure')\n", None, "not-a-sink"),
    ("header suppressed", "resp['Set-Cookie'] = 'a=b'  # cookie-fix: ignore[secure-cookie-header]\n",
     "resp['Set-Cookie'] = 'a=b; Secure'  # cookie-fix: ignore[secure-cookie-header]\n", None, "suppressed"),
    ("missed header", "resp['Set-Cookie'] = 'sid=abc; Path=/'\n", None, None, "missed-fix"),
    ("missed header template", "resp['Set-Cookie'] = 'sid=%(s)s; Max-Age=%(a)d' % d\n", None, None,
     "missed-fix"),
    ("missed header in a dict through a name",
     "def f():\n    h = {'Set-Cookie': 'a=b'}\n    return Response(headers=h)\n", None, None, "missed-fix"),
    ("no header fix wanted",
     "resp['Set-Cookie'] = 'a=b, c=d'\nresp['Set-Cookie'] = 'a=b\\\\n'\nresp['Set-Cookie'] = 'a=%s%s' % (v, w)\n"
     "resp['Set-Cookie'] = x\nresp.headers.add('Set-Cookie', 'a=b', 'c')\nresp['Set-Cookie'] = 'a=b; Secure'\n"
     "resp['Set-Cookie'] = 'a=b'  # NOSONAR\nclass C:\n    resp['Set-Cookie'] = 'a=b'\n", None, None, None),
    ("no header fix wanted beside a client", "import requests\nresp['Set-Cookie'] = 'a=b'\n",
     None, None, None),
    # C: secure-cookie-morsel.
    ("morsel flag made True", COOKIES + "c = SimpleCookie()\nc['sid'] = v\nc['sid']['secure'] = False\n",
     COOKIES + "c = SimpleCookie()\nc['sid'] = v\nc['sid']['secure'] = True\n", None, None),
    ("Morsel flag made True", "from http import cookies\nm = cookies.Morsel()\nm['Secure'] = ''\n",
     "from http import cookies\nm = cookies.Morsel()\nm['Secure'] = True\n", None, None),
    ("a dict's secure made True", "c = {}\nc['sid']['secure'] = False\n", "c = {}\nc['sid']['secure'] = True\n",
     None, "not-a-sink"),
    ("morsel flag truthy replaced", COOKIES + "c = SimpleCookie()\nc['sid']['secure'] = 'yes'\n",
     COOKIES + "c = SimpleCookie()\nc['sid']['secure'] = True\n", None, "truthy-replaced"),
    ("morsel flag added", COOKIES + MORSEL_FUNCTION + WRITE,
     COOKIES + MORSEL_FUNCTION + SECURE_LINE + WRITE, None, None),
    ("morsel flag added, single quotes", COOKIES + "c = SimpleCookie()\nc['sid'] = v\nprint(c)\n",
     COOKIES + "c = SimpleCookie()\nc['sid'] = v\nc['sid']['secure'] = True\nprint(c)\n", None, None),
    ("morsel flag added, CRLF", (COOKIES + MORSEL_FUNCTION + WRITE).replace("\n", "\r\n"),
     (COOKIES + MORSEL_FUNCTION + SECURE_LINE + WRITE).replace("\n", "\r\n"), None, None),
    ("morsel flag added, no final newline", COOKIES + "c = SimpleCookie()\nc['sid'] = v\nprint(c)\nc['sid']['path'] = '/'",
     COOKIES + "c = SimpleCookie()\nc['sid'] = v\nprint(c)\nc['sid']['path'] = '/'\nc['sid']['secure'] = True",
     None, None),
    ("morsel flag added in each branch", COOKIES + "c = SimpleCookie()\nif x:\n    c['a'] = 1\nelse:\n    c['a'] = 2\n"
     "print(c)\n",
     COOKIES + "c = SimpleCookie()\nif x:\n    c['a'] = 1\n    c['a']['secure'] = True\n"
     "else:\n    c['a'] = 2\n    c['a']['secure'] = True\nprint(c)\n", None, None),
    ("Morsel flag added", "from http.cookies import Morsel\nm = Morsel()\nm.set('k', 'v', 'v')\nh(m.OutputString())\n",
     "from http.cookies import Morsel\nm = Morsel()\nm.set('k', 'v', 'v')\nm[\"secure\"] = True\n"
     "h(m.OutputString())\n", None, None),
    ("morsel flag added before the last setter", COOKIES + MORSEL_FUNCTION + WRITE,
     COOKIES + MORSEL_FUNCTION.replace("    c[\"sid\"][\"path\"]", SECURE_LINE + "    c[\"sid\"][\"path\"]") + WRITE,
     None, "misplaced"),
    ("morsel flag added to an unrelated block", COOKIES + MORSEL_FUNCTION + "    if x:\n        log()\n" + WRITE,
     COOKIES + MORSEL_FUNCTION + "    if x:\n        log()\n" + "    " + SECURE_LINE + WRITE, None, "misplaced"),
    ("morsel flag under another key", COOKIES + MORSEL_FUNCTION + WRITE,
     COOKIES + MORSEL_FUNCTION + SECURE_LINE.replace("sid", "other") + WRITE, None, "key"),
    ("morsel flag in another quote", COOKIES + MORSEL_FUNCTION + WRITE,
     COOKIES + MORSEL_FUNCTION + SECURE_LINE.replace('["secure"]', "['secure']") + WRITE, None, "edit"),
    ("morsel flag added twice", COOKIES + MORSEL_FUNCTION + WRITE,
     COOKIES + MORSEL_FUNCTION + SECURE_LINE + SECURE_LINE + WRITE, None, "duplicate"),
    ("morsel flag added where an enclosing block gave the value",
     COOKIES + "c = SimpleCookie()\nc['a'] = 1\nif x:\n    c['a'] = 2\nprint(c)\n",
     COOKIES + "c = SimpleCookie()\nc['a'] = 1\nc['a']['secure'] = True\nif x:\n    c['a'] = 2\n"
     "    c['a']['secure'] = True\nprint(c)\n", None, "duplicate"),
    ("morsel flag added in a test module", "import pytest\n" + COOKIES + MORSEL_FUNCTION + WRITE,
     "import pytest\n" + COOKIES + MORSEL_FUNCTION + SECURE_LINE + WRITE, None, "test-module"),
    ("morsel flag added where the scope gives one",
     COOKIES + MORSEL_FUNCTION.replace("[\"path\"] = \"/\"", "[\"secure\"] = flag") + WRITE,
     COOKIES + MORSEL_FUNCTION.replace("[\"path\"] = \"/\"", "[\"secure\"] = flag") + SECURE_LINE + WRITE,
     None, "already-secure"),
    ("morsel flag added to a jar's cookies", COOKIES + MORSEL_FUNCTION + "    session.update_cookies(c)\n",
     COOKIES + MORSEL_FUNCTION + SECURE_LINE + "    session.update_cookies(c)\n", None, "left-alone"),
    ("morsel flag added to cookies only returned", COOKIES + MORSEL_FUNCTION + "    return c\n",
     COOKIES + MORSEL_FUNCTION + SECURE_LINE + "    return c\n", None, "not-written"),
    ("morsel flag added to a request's Cookie header",
     COOKIES + MORSEL_FUNCTION + "    h['Cookie'] = c.output(header='Cookie:')\n",
     COOKIES + MORSEL_FUNCTION + SECURE_LINE + "    h['Cookie'] = c.output(header='Cookie:')\n",
     None, "not-written"),
    ("morsel flag added to cookies joined by sep=", COOKIES + MORSEL_FUNCTION + "    return c.output(sep=';')\n",
     COOKIES + MORSEL_FUNCTION + SECURE_LINE + "    return c.output(sep=';')\n", None, "not-written"),
    ("morsel flag added to a cookie being deleted",
     COOKIES + "c = SimpleCookie()\nc['sid'] = ''\nprint(c)\n",
     COOKIES + "c = SimpleCookie()\nc['sid'] = ''\nc['sid']['secure'] = True\nprint(c)\n", None, "deleting"),
    ("Morsel flag added to a cookie being deleted",
     "from http.cookies import Morsel\nm = Morsel()\nm.set('k', '', '\"\"')\nh(m.OutputString())\n",
     "from http.cookies import Morsel\nm = Morsel()\nm.set('k', '', '\"\"')\nm[\"secure\"] = True\n"
     "h(m.OutputString())\n", None, "deleting"),
    ("morsel flag added to a SimpleCookie of another module",
     "from mylib import SimpleCookie\n" + MORSEL_FUNCTION + WRITE,
     "from mylib import SimpleCookie\n" + MORSEL_FUNCTION + SECURE_LINE + WRITE, None, "not-a-sink"),
    ("morsel flag under a tuple of keys made True",
     COOKIES + "c = SimpleCookie()\nc['sid'] = v\nc['sid']['secure', 'x'] = False\nprint(c)\n",
     COOKIES + "c = SimpleCookie()\nc['sid'] = v\nc['sid']['secure', 'x'] = True\nprint(c)\n",
     None, "tree-changed"),
    ("morsel flag added after a tuple of keys",
     COOKIES + "c = SimpleCookie()\nc['sid'] = v\nc['sid']['secure',] = False\nprint(c)\n",
     COOKIES + "c = SimpleCookie()\nc['sid'] = v\nc['sid']['secure',] = False\n"
     "c['sid']['secure'] = True\nprint(c)\n", None, None),
    ("morsel flag added beside a tuple morsel's",
     COOKIES + "c = SimpleCookie()\nc['sid'] = v\nc['sid', 'x']['secure'] = True\nprint(c)\n",
     COOKIES + "c = SimpleCookie()\nc['sid'] = v\nc['sid']['secure'] = True\n"
     "c['sid', 'x']['secure'] = True\nprint(c)\n", None, None),
    ("morsel flag added, suppressed", COOKIES + "c = SimpleCookie()\nc['sid'] = v  # nosec\nprint(c)\n",
     COOKIES + "c = SimpleCookie()\nc['sid'] = v  # nosec\nc['sid']['secure'] = True\nprint(c)\n",
     None, "suppressed"),
    ("missed morsel flag value", COOKIES + "c = SimpleCookie()\nc['sid']['secure'] = 0\n", None, None,
     "missed-fix"),
    ("missed morsel flag", COOKIES + MORSEL_FUNCTION + WRITE, None, None, "missed-fix"),
    ("no morsel flag wanted", COOKIES + "def f(c):\n    c['sid'] = v\n    print(c)\n"
     "def g():\n    c = SimpleCookie()\n    c[k] = v\n    print(c)\n"
     "def h():\n    c = SimpleCookie()\n    c['a'] = v\n    if x:\n        c['a'] = w\n    print(c)\n"
     "def i():\n    c = SimpleCookie()\n    c['a'] = v\n    return c\n"
     "def j():\n    c = SimpleCookie()\n    c['a'] = v\n    return c.output(attrs=[])\n"
     "def k():\n    c = SimpleCookie()\n    c['a'] = ''\n    print(c)\n", None, None, None),
    # Section 8: values.
    ("falsy binding made True", BINDING, BINDING.replace("= False", "= True"), None, None),
    ("missed falsy binding", BINDING, None, None, "missed-fix"),
    ("falsy binding made True where other code reads it", SHARED,
     SHARED.replace("SECURE = False", "SECURE = True"), None, "shared-literal"),
    ("literal of a value the scheme settles made True", BY_SCHEME,
     BY_SCHEME.replace("= False", "= True"), None, "tree-changed"),
    ("falsy literal in the value made True", "r.set_cookie('k', v, secure=DEBUG or False)\n",
     "r.set_cookie('k', v, secure=DEBUG or True)\n", None, None),
    ("falsy literal whose True leaves the flag false made True",
     ENV + "r.set_cookie('k', v, secure=0 and os.getenv('X', 'false') == 'true')\n",
     ENV + "r.set_cookie('k', v, secure=True and os.getenv('X', 'false') == 'true')\n", None,
     "partial-fix"),
    ("falsy caller argument and default made True", CALLERS,
     CALLERS.replace("secure=False", "secure=True").replace("h(r, 0)", "h(r, True)"), None, None),
    ("missed falsy caller argument", CALLERS, CALLERS.replace("secure=False", "secure=True"),
     None, "missed-fix"),
    ("parameter of a decorated function left alone", "@route\n" + CALLERS,
     "@route\n" + CALLERS.replace("secure=False", "secure=True"), None, "tree-changed"),
    ("default turned over", ENV + "SESSION_COOKIE_SECURE = os.getenv('COOKIE_X', 'false') == 'true'\n",
     ENV + "SESSION_COOKIE_SECURE = os.getenv('COOKIE_X', 'true') == 'true'\n", None, None),
    ("default turned over in its case", ENV + "r.set_cookie('k', v, secure=os.getenv('COOKIE_X', 'No').lower() in ('yes', '1'))\n",
     ENV + "r.set_cookie('k', v, secure=os.getenv('COOKIE_X', 'Yes').lower() in ('yes', '1'))\n", None, None),
    ("default given another spelling", ENV + "r.set_cookie('k', v, secure=os.getenv('COOKIE_X', 'No').lower() in ('yes', '1'))\n",
     ENV + "r.set_cookie('k', v, secure=os.getenv('COOKIE_X', '1').lower() in ('yes', '1'))\n", None, "default-spelling"),
    ("default given another quote", ENV + "r.set_cookie('k', v, secure=os.getenv('COOKIE_X', '0') == '1')\n",
     ENV + "r.set_cookie('k', v, secure=os.getenv('COOKIE_X', \"1\") == '1')\n", None, "default-spelling"),
    ("default that leaves the flag false", ENV + "r.set_cookie('k', v, secure=os.getenv('COOKIE_X', 'nah') == '1')\n",
     ENV + "r.set_cookie('k', v, secure=os.getenv('COOKIE_X', '2') == '1')\n", None, "default-false"),
    ("default of a decouple cast", "from decouple import config\nSESSION_COOKIE_SECURE = config('COOKIE_X', default='off', cast=bool)\n",
     "from decouple import config\nSESSION_COOKIE_SECURE = config('COOKIE_X', default='on', cast=bool)\n", None, None),
    ("default of a django-environ scheme", DJANGO_ENV + "SESSION_COOKIE_SECURE = env('COOKIE_X')\n",
     DJANGO_ENV.replace("(bool, False)", "(bool, True)") + "SESSION_COOKIE_SECURE = env('COOKIE_X')\n", None, None),
    ("missed default", ENV + "SESSION_COOKIE_SECURE = os.getenv('COOKIE_X', 'false') == 'true'\n", None, None,
     "missed-fix"),
    ("app setting written in its block's idiom", APP_IDIOM,
     APP_IDIOM + "app.config['SESSION_COOKIE_SECURE'] = os.getenv('APP_SESSION_COOKIE_SECURE', 'yes') == 'yes'\n",
     None, None),
    ("app setting written in the idiom, false where nothing is set", APP_IDIOM,
     APP_IDIOM + "app.config['SESSION_COOKIE_SECURE'] = os.getenv('APP_SESSION_COOKIE_SECURE', 'no') == 'yes'\n",
     None, "idiom-false"),
    ("app setting written in no idiom of its block", APP_IDIOM,
     APP_IDIOM + "app.config['SESSION_COOKIE_SECURE'] = os.getenv('APP_SESSION_COOKIE_SECURE', 'yes') != 'no'\n",
     None, "not-idiom"),
    ("update entry written in its call's idiom", APP_UPDATE.format(""),
     APP_UPDATE.format(", SESSION_COOKIE_SECURE=os.getenv('APP_SESSION_COOKIE_SECURE', 'yes') == 'yes'"),
     None, None),
    ("update entry written in the idiom with another prefix", APP_UPDATE.format(""),
     APP_UPDATE.format(", SESSION_COOKIE_SECURE=os.getenv('SESSION_COOKIE_SECURE', 'yes') == 'yes'"),
     None, "not-idiom"),
    ("setting written in the schema's idiom", SCHEMA,
     schema_fixed(", SESSION_COOKIE_SECURE=(bool, True)"), None, None),
    ("schema entry given to a setting written True", SCHEMA,
     schema_fixed(", SESSION_COOKIE_SECURE=(bool, True)", "SESSION_COOKIE_SECURE = True\n"),
     None, "schema"),
    ("schema entry written like none of the schema's own", SCHEMA,
     schema_fixed(", SESSION_COOKIE_SECURE=bool"), None, "schema"),
    ("schema entry for another variable than the read's", SCHEMA,
     schema_fixed(", SESSION_SECURE=(bool, True)"), None, "schema"),
    ("schema entry false where nothing is set", SCHEMA,
     schema_fixed(", SESSION_COOKIE_SECURE=(bool, False)"), None, "idiom-false"),
    ("schema entry on a line of its own in a one-line call", SCHEMA,
     schema_fixed(",\n    SESSION_COOKIE_SECURE=(bool, True)"), None, "layout"),
    ("schema entry added to an Env bound after the read",
     SCHEMA + "env = environ.Env(DEBUG=(bool, False))\n",
     SCHEMA_HEAD.format("") + SCHEMA_TAIL + SCHEMA_READ
     + "env = environ.Env(DEBUG=(bool, False), SESSION_COOKIE_SECURE=(bool, True))\n", None, "schema"),
    ("schema's own entry turned over for the setting read",
     SCHEMA_HEAD.format(", SESSION_COOKIE_SECURE=(bool, False)") + SCHEMA_TAIL,
     schema_fixed(", SESSION_COOKIE_SECURE=(bool, True)"), None, None),
    ("schema's own entry turned over for a setting written True",
     SCHEMA_HEAD.format(", SESSION_COOKIE_SECURE=(bool, False)") + SCHEMA_TAIL,
     schema_fixed(", SESSION_COOKIE_SECURE=(bool, True)", "SESSION_COOKIE_SECURE = True\n"),
     None, "schema"),
    ("default of a variable that names no cookie", ENV + "SESSION_COOKIE_SECURE = os.getenv('FORCE_HTTPS', 'false') == 'true'\n",
     ENV + "SESSION_COOKIE_SECURE = os.getenv('FORCE_HTTPS', 'true') == 'true'\n", None, "broad-default"),
    ("default of a variable that names no cookie left", ENV + "SESSION_COOKIE_SECURE = os.getenv('APP_SSL', '0') == '1'\n",
     None, None, None),
    ("a variable named like a setting", ENV + "SESSION_COOKIE_SECURE = os.environ.get('SESSION_COOKIE_SECURE', 'no') == 'yes'\n",
     ENV + "SESSION_COOKIE_SECURE = os.environ.get('SESSION_COOKIE_SECURE', 'yes') == 'yes'\n", None, None),
    ("missed default of a variable named like a setting",
     ENV + "SESSION_COOKIE_SECURE = os.environ.get('SESSION_COOKIE_SECURE', 'no') == 'yes'\n", None, None,
     "missed-fix"),
    ("default of a django-environ scheme whose reader reads more",
     DJANGO_ENV + "SESSION_COOKIE_SECURE = env('COOKIE_X')\nDEBUG = env('DEBUG')\n",
     DJANGO_ENV.replace("(bool, False)", "(bool, True)") + "SESSION_COOKIE_SECURE = env('COOKIE_X')\n"
     "DEBUG = env('DEBUG')\n", None, None),
    ("missed default of a django-environ scheme whose reader reads more",
     DJANGO_ENV + "SESSION_COOKIE_SECURE = env('COOKIE_X')\nDEBUG = env('DEBUG')\n", None, None, "missed-fix"),
    ("default of a django-environ scheme whose variable another read names",
     DJANGO_ENV + "SESSION_COOKIE_SECURE = env('COOKIE_X')\nX = env.str('COOKIE_X')\n",
     DJANGO_ENV.replace("(bool, False)", "(bool, True)") + "SESSION_COOKIE_SECURE = env('COOKIE_X')\n"
     "X = env.str('COOKIE_X')\n", None, "shared-default"),
    ("default of a setting the framework may leave unset",
     "r.set_cookie('k', v, secure=app.config.get('REMEMBER_COOKIE_SECURE', False))\n",
     "r.set_cookie('k', v, secure=app.config.get('REMEMBER_COOKIE_SECURE', True))\n", None, None),
    ("missed default of a setting the framework may leave unset",
     "r.set_cookie('k', v, secure=app.config.get('REMEMBER_COOKIE_SECURE', False))\n", None, None,
     "missed-fix"),
    ("default of a setting the framework always defines",
     "r.set_cookie('k', v, secure=app.config.get('SESSION_COOKIE_SECURE', False))\n",
     "r.set_cookie('k', v, secure=app.config.get('SESSION_COOKIE_SECURE', True))\n", None, "tree-changed"),
    ("default other settings read too", SHARED_DEFAULT,
     SHARED_DEFAULT.replace("'false'", "'true'"), None, "shared-default"),
    ("default turned over where the value is true already", ENV + "SESSION_COOKIE_SECURE = os.getenv('COOKIE_X', 'yes') != 'no'\n",
     ENV + "SESSION_COOKIE_SECURE = os.getenv('COOKIE_X', 'no') != 'no'\n", None, "tree-changed"),
    ("default whose variable can no longer turn it off", EITHER,
     EITHER.replace("'COOKIE_B', 'false'", "'COOKIE_B', 'true'"), None, "no-opt-out"),
    ("insert after a dict the function writes", SPLAT, SPLAT.replace("**opts)", "**opts, secure=True)"),
     None, None),
    ("missed insert after a dict the function writes", SPLAT, None, None, "missed-fix"),
    ("insert after a dict handed to a call", SPLAT.replace("    r.set", "    fill(opts)\n    r.set"),
     SPLAT.replace("    r.set", "    fill(opts)\n    r.set").replace("**opts)", "**opts, secure=True)"),
     None, "splat-call"),
    ("insert after a module's dict", "opts = {}\ndef f(r):\n    r.set_cookie('k', **opts)\n",
     "opts = {}\ndef f(r):\n    r.set_cookie('k', **opts, secure=True)\n", None, "splat-call"),
    ("deletion of a cookie set nowhere", "r.set_cookie('a', '', max_age=0)\n",
     "r.set_cookie('a', '', max_age=0, secure=True)\n", None, "deletion"),
    ("deletion of a cookie set by a literal flag", DELETION, None, None, "missed-fix"),
    ("deletion of a cookie set by a literal flag, fixed", DELETION,
     DELETION.replace("max_age=0)", "max_age=0, secure=True)").replace("=False", "=True"), None, None),
    ("deletion of a cookie that follows the scheme left alone",
     "r.set_cookie('a', 'v', secure=request.is_secure())\nr.set_cookie('a', '', expires=0)\n", None, None, None),
]


# Project mode's cases: (name, the Project or None for a file alone, input, output or
# None, the violation it must report or None).
HANDLER = ("from starlette.responses import Response\n"
           "async def login(request):\n    r = Response()\n    r.set_cookie('k', v)\n")
HANDLER_FALSE = HANDLER.replace("v)", "v, secure=False)")
SCHEME = ', secure=request.url.scheme == "https")'
QUART = ("from quart import request, make_response\n"
         "async def login():\n    r = await make_response('x')\n    r.set_cookie('k', v)\n")
AIOHTTP = ("from aiohttp import web\n"
           "async def login(request):\n    r = web.Response()\n    r.set_cookie('k', v)\n")
DJANGO_VIEW = ("from django.conf import settings\nfrom django.http import HttpResponse\n"
               "def choose(request):\n    r = HttpResponse()\n    r.set_cookie('k', v)\n")
FOLLOWED = ", secure=settings.SESSION_COOKIE_SECURE)"
CLIENT = "from starlette.testclient import TestClient\nclient = TestClient(app)\n"
HTTPS_CLIENT = CLIENT.replace("(app)", '(app, base_url="https://testserver")')
LITESTAR_CLIENT = ("from litestar.testing import AsyncTestClient\n"
                   "client = AsyncTestClient(app=app)\n")
HTTPX_CLIENT = "import httpx\nclient = httpx.AsyncClient(transport=t, base_url='http://test')\n"
APP = Project("app.py")
TEST = Project("tests/test_app.py")
BOUND = ("import httpx\nasync def test_login():\n    url = f\"http://{HOST}:{PORT}\"\n"
         "    async with httpx.AsyncClient(transport=t, base_url=url) as client:\n"
         "        pass\n")
BOUND_HTTPS = BOUND.replace("http://", "https://")
MODULE_CLIENT = CLIENT.replace("client =", "URL = 'http://x'\nclient =").replace(
    "(app)", "(app, base_url=URL)")
AFTER_CALL = ("import httpx\ndef test_login():\n    client = httpx.Client(base_url=url)\n"
              "    url = 'http://x'\n")
MODULE_BOUND = ("from starlette.testclient import TestClient\nBASE = 'http://testserver'\n"
                "def test_login():\n    return TestClient(app, BASE)\n")
# A test's own URLs, in a project whose default Starlette client moved to HTTPS.
SERVED = frozenset({"http://testserver"})
URLS = Project("tests/test_urls.py", origins=SERVED)
EXPECTS = 'def test_login(client):\n    assert client.get("/").url == "http://testserver/welcome"\n'
EXPECTS_HTTPS = EXPECTS.replace("http://", "https://")
PROJECT_SELF_TEST = [
    ("scheme inserted in a handler", APP, HANDLER, HANDLER.replace("v)", "v" + SCHEME), None),
    ("scheme replaces a false flag", APP, HANDLER_FALSE,
     HANDLER_FALSE.replace(", secure=False)", SCHEME), None),
    ("scheme of a parameter annotated Request", APP,
     HANDLER.replace("(request)", "(http_request: Request)"),
     HANDLER.replace("(request)", "(http_request: Request)").replace(
         "v)", 'v, secure=http_request.url.scheme == "https")'), None),
    ("scheme of the request Quart's module gives", APP, QUART,
     QUART.replace("v)", 'v, secure=request.scheme == "https")'), None),
    ("scheme of an aiohttp request", APP, AIOHTTP,
     AIOHTTP.replace("v)", 'v, secure=request.scheme == "https")'), None),
    ("scheme inserted in a file alone", None, HANDLER, HANDLER.replace("v)", "v" + SCHEME),
     "tree-changed"),
    ("scheme tested for http", APP, HANDLER,
     HANDLER.replace("v)", 'v, secure=request.url.scheme == "http")'), "followed-value"),
    ("scheme tested unequal", APP, HANDLER,
     HANDLER.replace("v)", 'v, secure=request.url.scheme != "https")'), "tree-changed"),
    ("scheme spelled as another framework's", APP, HANDLER,
     HANDLER.replace("v)", 'v, secure=request.scheme == "https")'), "followed-value"),
    ("scheme of no framework the file imports", APP, HANDLER.replace("starlette", "django"),
     HANDLER.replace("starlette", "django").replace("v)", "v" + SCHEME), "followed-value"),
    ("scheme of a parameter that is no request", APP,
     HANDLER.replace("(request)", "(response)"),
     HANDLER.replace("(request)", "(response)").replace(
         "v)", 'v, secure=response.url.scheme == "https")'), "followed-value"),
    ("scheme of a request the handler does not have", APP,
     HANDLER.replace("(request)", "()"),
     HANDLER.replace("(request)", "()").replace("v)", "v" + SCHEME), "followed-value"),
    ("Quart's request, not imported", APP, QUART.replace("request, ", ""),
     QUART.replace("request, ", "").replace("v)", 'v, secure=request.scheme == "https")'),
     "followed-value"),
    ("scheme inserted with blanks around =", APP, HANDLER,
     HANDLER.replace("v)", 'v, secure = request.url.scheme == "https")'), "edit"),
    ("setting followed", APP, DJANGO_VIEW, DJANGO_VIEW.replace("v)", "v" + FOLLOWED), None),
    ("setting followed through an import of the module", APP,
     DJANGO_VIEW.replace("from django.conf import settings", "import config"),
     DJANGO_VIEW.replace("from django.conf import settings", "import config").replace(
         "v)", "v, secure=config.settings.CSRF_COOKIE_SECURE)"), None),
    ("setting followed in a file alone", None, DJANGO_VIEW,
     DJANGO_VIEW.replace("v)", "v" + FOLLOWED), "tree-changed"),
    ("a setting that is no secure cookie setting", APP, DJANGO_VIEW,
     DJANGO_VIEW.replace("v)", "v, secure=settings.DEBUG)"), "tree-changed"),
    ("setting whose root is not imported", APP,
     DJANGO_VIEW.replace("from django.conf import settings\n", ""),
     DJANGO_VIEW.replace("from django.conf import settings\n", "").replace("v)", "v" + FOLLOWED),
     "followed-value"),
    ("setting whose root a function imports", APP,
     DJANGO_VIEW.replace("from django.conf import settings\n", "").replace(
         "    r = H", "    from django.conf import settings\n    r = H"),
     DJANGO_VIEW.replace("from django.conf import settings\n", "").replace(
         "    r = H", "    from django.conf import settings\n    r = H").replace(
         "v)", "v" + FOLLOWED), "followed-value"),
    ("setting followed on a session middleware", APP,
     STARLETTE + "app.add_middleware(SessionMiddleware, secret_key=k)\n",
     STARLETTE + "app.add_middleware(SessionMiddleware, secret_key=k, "
     "https_only=settings.SESSION_COOKIE_SECURE)\n", "tree-changed"),
    ("a test client given its HTTPS base URL", TEST, CLIENT, HTTPS_CLIENT, None),
    ("in conftest.py, quoted as the file's strings", Project("conftest.py"), CLIENT,
     CLIENT.replace("(app)", "(app, base_url='https://testserver')"), None),
    ("Litestar's client given its own", Project("test_app.py"), LITESTAR_CLIENT,
     LITESTAR_CLIENT.replace("app)", 'app, base_url="https://testserver.local")'), None),
    ("a client's exploded call given a line", TEST, CLIENT.replace("(app)", "(\n    app,\n)"),
     CLIENT.replace("(app)", '(\n    app,\n    base_url="https://testserver",\n)'), None),
    ("a client's exploded call given it on the last line", TEST,
     CLIENT.replace("(app)", "(\n    app,\n)"),
     CLIENT.replace("(app)", '(\n    app, base_url="https://testserver",\n)'), "layout"),
    ("httpx's base URL made https", TEST, HTTPX_CLIENT,
     HTTPX_CLIENT.replace("http://", "https://"), None),
    ("a positional base URL made https", TEST, CLIENT.replace("(app)", '(app, "http://x")'),
     CLIENT.replace("(app)", '(app, "https://x")'), None),
    ("a test client's base URL in a file that is no test", APP, CLIENT, HTTPS_CLIENT,
     "not-a-test-file"),
    ("a test client's base URL in a file alone", None, CLIENT, HTTPS_CLIENT, "tree-changed"),
    ("Litestar's client given Starlette's URL", TEST, LITESTAR_CLIENT,
     LITESTAR_CLIENT.replace("app)", 'app, base_url="https://testserver")'), "tree-changed"),
    ("httpx's client given a base URL", TEST, "import httpx\nclient = httpx.Client(app=app)\n",
     'import httpx\nclient = httpx.Client(app=app, base_url="https://testserver")\n',
     "tree-changed"),
    ("a base URL made another", TEST, HTTPX_CLIENT,
     HTTPX_CLIENT.replace("http://test", "https://example.com"), "tree-changed"),
    ("a base URL given where the second argument is one", TEST,
     CLIENT.replace("(app)", '(app, "http://x")'),
     CLIENT.replace("(app)", '(app, "http://x", base_url="https://testserver")'), "tree-changed"),
    ("a base URL given and another argument changed", TEST,
     CLIENT.replace("(app)", "(app, raise_server_exceptions=True)"),
     CLIENT.replace("(app)", '(app, raise_server_exceptions=False, base_url="https://testserver")'),
     "tree-changed"),
    ("a base URL written as a concatenation", TEST, HTTPX_CLIENT,
     HTTPX_CLIENT.replace("'http://test'", "'https:/' '/test'"), "edit"),
    ("a base URL added with blanks around =", TEST, CLIENT,
     CLIENT.replace("(app)", '(app, base_url = "https://testserver")'), "edit"),
    ("a base URL bound in the function made https", TEST, BOUND, BOUND_HTTPS, None),
    ("a module's base URL, given second, made https", TEST, MODULE_BOUND,
     MODULE_BOUND.replace("http://", "https://"), None),
    ("a module's base URL read at module level", TEST, MODULE_CLIENT,
     MODULE_CLIENT.replace("http://", "https://"), None),
    ("a triple-quoted base URL made https", TEST,
     BOUND.replace('f"', 'f"""', 1).replace('}"', '}"""'),
     BOUND_HTTPS.replace('f"', 'f"""', 1).replace('}"', '}"""'), None),
    ("a bound base URL changed past its scheme", TEST, BOUND,
     BOUND.replace("http://{HOST}", "https://{HOST}.local"), "tree-changed"),
    ("a bound f-string's later part changed", TEST, BOUND,
     BOUND_HTTPS.replace(":{PORT}", ":{PORT + 1}"), "tree-changed"),
    ("a bound plain string changed past its scheme", TEST, MODULE_BOUND,
     MODULE_BOUND.replace("http://testserver", "https://testserver2"), "tree-changed"),
    ("a name no client takes as its base URL", TEST, BOUND.replace("base_url=url", "cookies=url"),
     BOUND_HTTPS.replace("base_url=url", "cookies=url"), "bound-url"),
    ("a bound base URL rebound on a path", TEST,
     BOUND.replace("    async", "    if flag:\n        url = other\n    async"),
     BOUND_HTTPS.replace("    async", "    if flag:\n        url = other\n    async"), "bound-url"),
    ("a base URL bound after the call", TEST, AFTER_CALL,
     AFTER_CALL.replace("http://", "https://"), "bound-url"),
    ("a module's base URL the client's function rebinds", TEST,
     MODULE_BOUND.replace("    return", "    for BASE in bases:\n        pass\n    return"),
     MODULE_BOUND.replace("http://", "https://").replace(
         "    return", "    for BASE in bases:\n        pass\n    return"), "bound-url"),
    ("a module's base URL a function declares global", TEST,
     MODULE_BOUND.replace("    return", "    global BASE\n    return"),
     MODULE_BOUND.replace("http://", "https://").replace(
         "    return", "    global BASE\n    return"),
     "bound-url"),
    ("a raw base URL made https", TEST, MODULE_BOUND.replace("'http://", "r'http://"),
     MODULE_BOUND.replace("'http://", "r'https://"), "edit"),
    ("a bound base URL in a file that is no test", APP, BOUND, BOUND_HTTPS, "not-a-test-file"),
    ("a bound base URL in a file alone", None, BOUND, BOUND_HTTPS, "tree-changed"),
    ("a test's URL at its client's origin made https", URLS, EXPECTS, EXPECTS_HTTPS, None),
    ("a test's URL that is the origin alone", URLS, EXPECTS.replace("/welcome", ""),
     EXPECTS_HTTPS.replace("/welcome", ""), None),
    ("a test's f-string at the origin, a query after it", URLS,
     EXPECTS.replace('"http://testserver/welcome"', 'f"http://testserver?next={path}"'),
     EXPECTS_HTTPS.replace('"https://testserver/welcome"', 'f"https://testserver?next={path}"'),
     None),
    ("a test's URL at a literal base URL's origin, its port kept", Project(
        "tests/test_urls.py", origins=frozenset({"http://test:8000"})),
     EXPECTS.replace("testserver/", "test:8000#"),
     EXPECTS_HTTPS.replace("testserver/", "test:8000#"), None),
    ("a test's URL bound to a name no client reads", URLS,
     EXPECTS.replace("    assert", '    WELCOME = "http://testserver/welcome"\n    assert'),
     EXPECTS.replace("    assert", '    WELCOME = "https://testserver/welcome"\n    assert'), None),
    ("the same name where no client moves", TEST,
     EXPECTS.replace("    assert", '    WELCOME = "http://testserver/welcome"\n    assert'),
     EXPECTS.replace("    assert", '    WELCOME = "https://testserver/welcome"\n    assert'),
     "bound-url"),
    ("a test's URL at another origin", URLS, EXPECTS.replace("testserver", "example.com"),
     EXPECTS_HTTPS.replace("testserver", "example.com"), "url-origin"),
    ("a test's URL at a longer host", URLS, EXPECTS.replace("testserver", "testserver.example"),
     EXPECTS_HTTPS.replace("testserver", "testserver.example"), "url-origin"),
    ("a test's URL whose host the origin's only starts", Project(
        "tests/test_urls.py", origins=frozenset({"http://test"})), EXPECTS, EXPECTS_HTTPS,
     "url-origin"),
    ("a test's URL where no client moves", TEST, EXPECTS, EXPECTS_HTTPS, "url-origin"),
    ("a test's URL changed past its scheme", URLS, EXPECTS,
     EXPECTS_HTTPS.replace("/welcome", "/home"), "tree-changed"),
    ("a test's f-string changed past its first part", URLS,
     EXPECTS.replace('"http://testserver/welcome"', 'f"http://testserver/{path}"'),
     EXPECTS_HTTPS.replace('"https://testserver/welcome"', 'f"https://testserver/{path}/"'),
     "tree-changed"),
    ("a test's raw URL made https", URLS, EXPECTS.replace('"http', 'r"http'),
     EXPECTS_HTTPS.replace('"https', 'r"https'), "edit"),
    ("a test's bytes URL made https", URLS, EXPECTS.replace('"http', 'b"http'),
     EXPECTS_HTTPS.replace('"https', 'b"https'), "tree-changed"),
    ("a test's URL inside its text", URLS,
     EXPECTS.replace('"http', '"see http'), EXPECTS_HTTPS.replace('"https', '"see https'),
     None),
    ("a test's URL that is the tail of a word", URLS,
     EXPECTS.replace('"http', '"xhttp'), EXPECTS_HTTPS.replace('"https', '"xhttps'),
     "url-origin"),
    ("a test's URL moved, and another of the text changed too", URLS,
     EXPECTS.replace('"http', '"see http'), EXPECTS_HTTPS.replace('"https', '"saw https'),
     "tree-changed"),
    ("a URL at the origin in a file that is no test", Project("app.py", origins=SERVED), EXPECTS,
     EXPECTS_HTTPS, "not-a-test-file"),
    ("a test's URL in a file alone", None, EXPECTS, EXPECTS_HTTPS, "tree-changed"),
    ("a call a wrapper of another file may take", Project("views.py", frozenset({"set_cookie"})),
     "from django.http import HttpResponse\ndef f(request):\n"
     "    auth.set_cookie(request, response, 'token', None)\n", None, None),
    ("the same call with no such wrapper in the project", APP,
     "from django.http import HttpResponse\ndef f(request):\n"
     "    auth.set_cookie(request, response, 'token', None)\n", None, "missed-fix"),
    ("an unfixed call in project mode", APP, HANDLER, None, "missed-fix"),
]


# project_origins: (name, the project's files as (path, input, output or None), origins).
HTTPX_PORT = "import httpx\nclient = httpx.Client(base_url='http://test:8000/api')\n"
ORIGIN_SELF_TEST = [
    ("a default client moved", [("tests/conftest.py", CLIENT, HTTPS_CLIENT)], SERVED),
    ("Litestar's default client moved", [(
        "tests/conftest.py", LITESTAR_CLIENT,
        LITESTAR_CLIENT.replace("app)", 'app, base_url="https://testserver.local")'))],
     {"http://testserver.local"}),
    ("a literal base URL's host and port, beside a moved client", [
        ("tests/conftest.py", CLIENT, HTTPS_CLIENT), ("tests/test_api.py", HTTPX_PORT, None)],
     {"http://testserver", "http://test:8000"}),
    ("a base URL whose host is a replacement field", [
        ("tests/conftest.py", CLIENT, HTTPS_CLIENT),
        ("tests/test_api.py", HTTPX_PORT.replace("'http://test", "f'http://{HOST}"), None)],
     SERVED),
    ("a client given an https base URL", [
        ("tests/conftest.py", CLIENT, HTTPS_CLIENT), ("tests/test_api.py", HTTPS_CLIENT, None)],
     SERVED),
    ("no client moved", [("tests/conftest.py", CLIENT, None), ("app.py", CLIENT, HTTPS_CLIENT)],
     set()),
    ("a client in a file that is no test", [
        ("tests/conftest.py", HTTPX_PORT, HTTPX_PORT.replace("http:", "https:")),
        ("app.py", CLIENT, None)], {"http://test:8000"}),
]


def self_test() -> int:
    misjudged = 0
    for name, files, expected in ORIGIN_SELF_TEST:
        found = project_origins((path, a.encode(), b and b.encode()) for path, a, b in files)
        if found != expected:
            misjudged += 1
            print(f"self-test: {name} (origins): wanted {sorted(expected)}, got {sorted(found)}")
    for name, before, after, error, expected in SELF_TEST:
        encoding = "latin-1" if "coding: latin-1" in before else "utf-8"
        fixed = None if after is None else after.encode(encoding)
        outcome = check_case(before.encode(encoding), fixed, error)
        found = [(v.kind, v.detail) for v in outcome.violations]
        if not outcome.checked:
            ok, why = expected is None, "Python does not parse the input"
        elif expected is None:
            ok, why = not found, f"flagged a correct fix: {found}"
        else:
            ok, why = expected in (kind for kind, _ in found), f"wanted {expected}, got {found}"
        if not ok:
            misjudged += 1
            print(f"self-test: {name}: {why}")
    for name, project, before, after, expected in PROJECT_SELF_TEST:
        fixed = None if after is None else after.encode()
        found = [(v.kind, v.detail)
                 for v in check_case(before.encode(), fixed, None, True, project).violations]
        if (expected is None and found) or (expected is not None and expected not in (
                kind for kind, _ in found)):
            misjudged += 1
            print(f"self-test: {name} (project mode): wanted {expected or 'none'}, got {found}")
    total = len(SELF_TEST) + len(PROJECT_SELF_TEST) + len(ORIGIN_SELF_TEST)
    print(f"ast oracle self-test: {total} cases, {misjudged} misjudged")
    return 1 if misjudged else 0


def main() -> int:
    parser = argparse.ArgumentParser(
        description="Checks cookie-fix's output with Python's ast (see the module docstring)."
    )
    parser.add_argument("manifest", nargs="?", help="JSON lines: name, input, output, error")
    parser.add_argument("--self-test", action="store_true", help="check the oracle itself")
    parser.add_argument("--folders", nargs=2, metavar=("BEFORE", "AFTER"), help="two folders")
    parser.add_argument("--skipped", help="with --folders: JSON object, relative path -> error")
    parser.add_argument(
        "--project",
        action="store_true",
        help="the files were fixed within their project: allow what only it decides",
    )
    parser.add_argument(
        "--no-lost-fixes",
        action="store_true",
        help="do not count syntax-error skips of files Python parses (the caller lists them)",
    )
    args = parser.parse_args()
    if not (args.self_test or args.folders or args.manifest):
        parser.error("give a manifest, --folders or --self-test")
    status = self_test() if args.self_test else 0
    lost_fixes = not args.no_lost_fixes
    if args.folders:
        status |= run_cases(folder_cases(*args.folders, args.skipped), lost_fixes, args.project)
    elif args.manifest:
        status |= run_cases(manifest_cases(args.manifest), lost_fixes, args.project)
    return status


if __name__ == "__main__":
    sys.exit(main())
