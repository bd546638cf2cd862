"""DESIGN.md section 8 ("What a value settles") restated on Python's `ast`, for
scripts/ast_oracle.py. It shares nothing with the engine: the rules are read from the
specification and the frameworks' sources, and a default an edit flips is checked by
running the expression under stand-ins of the environment readers.

A flag's value is what it is in a deployment: the request is HTTPS, DEBUG is off, no
environment variable is set, and a cookie setting another rule judges is read as judged
where it is set (true here). What the module does not show is unknown; unknown values
combine as Python's `or`, `and` and `not` would whichever value they took (Kleene).

The verdict on a flag (`Verdict.kind`):
- "settled": true in the deployment: nothing may change on its account;
- "default": false because an environment or configuration read's default decides: that
  default may become a literal that makes the whole expression true (in the spelling its
  chain uses: 'false' -> 'true', 'No' -> 'Yes', '0' -> '1', False -> True), only where the
  default feeds nothing but cookie flags;
- "falsy": false because a falsy literal reaches it unchanged (in the value, or where a
  name, a dict entry, a parameter's default or a caller's argument binds it): that literal
  may become True, only where its link feeds nothing but cookie flags;
- "absent": a `**dict` a function writes out without the key: `secure=True` may follow it;
- "callers": the value is a parameter of its function: each call of the function in the
  module is judged with the parameter bound to its argument (the default where no caller
  passes one; review for a decorated function, a lambda, one passed around); a method
  named like a cookie setter is each caller's (settled);
- "review": anything else: nothing changes.
"""

import ast
import json
from dataclasses import dataclass, field
from typing import Optional

# --- the vocabulary (rules' tables, restated) --------------------------------------------

SECURE_SETTINGS = {
    "SESSION_COOKIE_SECURE", "CSRF_COOKIE_SECURE", "LANGUAGE_COOKIE_SECURE",
    "REMEMBER_COOKIE_SECURE", "JWT_COOKIE_SECURE", "JWT_AUTH_SECURE",
}
# The settings their framework always defines, so that `config.get(NAME, default)`'s
# default never applies: django/conf/global_settings.py (the session's, CSRF's, language
# cookie's), flask 3.1 `default_config` (the session's), flask-jwt-extended 4.7's
# `app.config.setdefault` (JWT_COOKIE_SECURE). Flask-Login 0.6 reads its own with a
# default (`config.get("REMEMBER_COOKIE_SECURE", COOKIE_SECURE)`), unset otherwise.
ALWAYS_DEFINED = {
    "SESSION_COOKIE_SECURE", "CSRF_COOKIE_SECURE", "LANGUAGE_COOKIE_SECURE", "JWT_COOKIE_SECURE",
}
# Flask's SessionInterface.get_cookie_secure(app) returns SESSION_COOKIE_SECURE.
SETTING_METHODS = {"get_cookie_secure": "SESSION_COOKIE_SECURE"}
# The keywords and keys that pass a cookie's Secure flag.
FLAG_KEYS = {"secure", "https_only", "tools.sessions.secure"} | SECURE_SETTINGS
SETTERS = {"set_cookie", "set_signed_cookie", "set_secure_cookie"}

# Where a deployment reads the request's scheme, by the framework's own attribute:
# django HttpRequest.is_secure(), werkzeug/quart Request.is_secure, aiohttp
# request.secure / request.scheme, starlette and litestar request.url.scheme, falcon
# req.scheme / req.forwarded_scheme, tornado HTTPServerRequest.protocol, bottle
# request.urlparts.scheme, pyramid/webob/sanic request.scheme.
REQUESTS = {"request", "req", "_request", "http_request"}
SCHEME_ATTRIBUTES = {
    "is_secure": (None, True),
    "secure": (REQUESTS, True),
    "scheme": (REQUESTS | {"url", "urlparts", "base_url"}, "https"),
    "url_scheme": (REQUESTS, "https"),
    "forwarded_scheme": (REQUESTS, "https"),
    "protocol": (REQUESTS, "https"),
}
# Keys holding the scheme: PEP 3333's environ, the ASGI scope, a TLS proxy's header.
SCHEME_KEYS = {
    "wsgi.url_scheme": None,
    "scheme": {"scope"},
    "X-Forwarded-Proto": {"headers"},
    "x-forwarded-proto": {"headers"},
    "HTTP_X_FORWARDED_PROTO": {"META", "environ"},
}
DEBUG_RECEIVERS = {"app", "current_app", "application", "flask_app"}
CONFIG_RECEIVERS = {"config", "settings", "configuration", "conf"}
# The parses a value keeps its meaning through, by callee name.
PARSES = {"bool", "str", "int", "strtobool", "asbool"}
STR_METHODS = {
    "lower", "upper", "casefold", "strip", "lstrip", "rstrip", "title", "capitalize",
    "startswith", "endswith",
}
# The spellings of false a default is turned over from, and into.
TURNED = {
    "false": "true", "no": "yes", "off": "on", "0": "1", "n": "y", "f": "t",
    "disabled": "enabled", "disable": "enable",
}

CALLER_DEPTH = 3
FOLLOW_DEPTH = 24


class _Sentinel:
    def __init__(self, name):
        self.name = name

    def __repr__(self):
        return self.name


UNKNOWN = _Sentinel("UNKNOWN")
ABSENT = _Sentinel("ABSENT")  # a dict's key that is not there


@dataclass(frozen=True)
class Truth:
    """A value known only by its truth."""

    value: bool


@dataclass
class Val:
    py: object = UNKNOWN
    origin: Optional[ast.AST] = None  # the literal it is, reached unchanged

    @property
    def known(self) -> bool:
        return self.py is not UNKNOWN


def truth_of(py) -> Optional[bool]:
    if py is UNKNOWN:
        return None
    if py is ABSENT:
        return False
    if isinstance(py, Truth):
        return py.value
    if isinstance(py, tuple):
        return bool(py)
    try:
        return bool(py)
    except Exception:  # noqa: BLE001 - an object Python cannot tell the truth of
        return None


def plain(py) -> bool:
    """A value Python's own operators may be applied to."""
    if py is UNKNOWN or py is ABSENT or isinstance(py, Truth):
        return False
    if isinstance(py, tuple):
        return all(plain(item) for item in py)
    return isinstance(py, (bool, int, float, complex, str, bytes, type(None)))


def satisfies(py, want: str) -> Optional[bool]:
    if want == "is_true":
        if py is UNKNOWN or isinstance(py, Truth):
            return None
        return py is True
    return truth_of(py)


# --- reads: what an evaluation followed ----------------------------------------------------


@dataclass
class Read:
    kind: str  # scheme, debug, setting, env, param, callers, binding
    node: ast.AST
    variable: Optional[str] = None  # env: the variable's name
    default: Optional[ast.AST] = None  # env: the default's expression
    default_literal: Optional[ast.AST] = None  # env: the literal it came from
    function: Optional[ast.AST] = None  # param: its function
    name: Optional[str] = None  # param: its name
    reader: Optional[str] = None  # env: the library that reads it


@dataclass
class Frame:
    function: ast.AST
    # name -> ("given", expression, caller frame count) | ("default", expression) | ("missing",)
    arguments: dict


# --- the module ------------------------------------------------------------------------------

SCOPES = (ast.Module, ast.FunctionDef, ast.AsyncFunctionDef, ast.Lambda, ast.ClassDef)
FUNCTIONS = (ast.FunctionDef, ast.AsyncFunctionDef)


def const_str(node) -> Optional[str]:
    return node.value if isinstance(node, ast.Constant) and isinstance(node.value, str) else None


def last_name(node) -> Optional[str]:
    """`client` in `self.client`, `test_client` in `app.test_client()`."""
    while True:
        if isinstance(node, ast.Name):
            return node.id
        if isinstance(node, ast.Attribute):
            return node.attr
        if isinstance(node, ast.Call):
            node = node.func
        elif isinstance(node, (ast.Subscript, ast.Await)):
            node = node.value
        else:
            return None


def all_parameters(function) -> list:
    args = function.args
    found = args.posonlyargs + args.args + ([args.vararg] if args.vararg else [])
    found += args.kwonlyargs + ([args.kwarg] if args.kwarg else [])
    return found


def parameter_default(function, parameter) -> Optional[ast.AST]:
    args = function.args
    positional = args.posonlyargs + args.args
    if parameter in positional:
        at = positional.index(parameter) - (len(positional) - len(args.defaults))
        return args.defaults[at] if at >= 0 else None
    if parameter in args.kwonlyargs:
        return args.kw_defaults[args.kwonlyargs.index(parameter)]
    return None


def target_names(target) -> list:
    return [n.id for n in ast.walk(target) if isinstance(n, ast.Name)]


class Module:
    """A parsed module: parents, scopes, imports, and where names are bound and read."""

    def __init__(self, tree: ast.Module):
        self.tree = tree
        self.parents = {}
        for node in ast.walk(tree):
            for child in ast.iter_child_nodes(node):
                self.parents[id(child)] = node
        self.imports = {}  # name -> dotted path
        for node in ast.walk(tree):
            if isinstance(node, ast.Import):
                for alias in node.names:
                    if alias.asname:
                        self.imports[alias.asname] = alias.name
                    else:
                        first = alias.name.split(".")[0]
                        self.imports[first] = first
            elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
                for alias in node.names:
                    if alias.name != "*":
                        self.imports[alias.asname or alias.name] = f"{node.module}.{alias.name}"
        self._nodes = {}

    def parent(self, node):
        return self.parents.get(id(node))

    def within(self, node, outer) -> bool:
        while node is not None:
            if node is outer:
                return True
            node = self.parent(node)
        return False

    def scope_of(self, node):
        """The scope whose code holds `node`: a default, a decorator or an annotation of a
        def belongs to the scope around the def."""
        child, parent = node, self.parent(node)
        while parent is not None:
            if isinstance(parent, FUNCTIONS + (ast.Lambda,)):
                body = parent.body if isinstance(parent.body, list) else [parent.body]
                if any(child is b for b in body):
                    return parent
            elif isinstance(parent, ast.ClassDef):
                if any(child is b for b in parent.body):
                    return parent
            elif isinstance(parent, ast.Module):
                return parent
            child, parent = parent, self.parent(parent)
        return self.tree

    def own_nodes(self, scope) -> list:
        """The nodes of a scope's own code, nested scopes' headers included but not their
        bodies."""
        key = id(scope)
        if key in self._nodes:
            return self._nodes[key]
        if isinstance(scope, ast.Lambda):
            roots = [scope.body]
        else:
            roots = list(scope.body)
        found, stack = [], list(reversed(roots))
        while stack:
            node = stack.pop()
            found.append(node)
            if isinstance(node, FUNCTIONS + (ast.Lambda,)):
                args = node.args
                stack.extend(reversed(node.decorator_list if not isinstance(node, ast.Lambda) else []))
                stack.extend(d for d in args.defaults + args.kw_defaults if d is not None)
                continue
            if isinstance(node, ast.ClassDef):
                stack.extend(node.decorator_list + node.bases + [k.value for k in node.keywords])
                continue
            stack.extend(reversed(list(ast.iter_child_nodes(node))))
        self._nodes[key] = found
        return found

    def nested_scopes(self, scope) -> list:
        return [n for n in self.own_nodes(scope) if isinstance(n, SCOPES)]

    def binds(self, scope, name) -> bool:
        """Whether the scope's own code binds `name` (a parameter counts)."""
        if isinstance(scope, FUNCTIONS + (ast.Lambda,)):
            if name in (p.arg for p in all_parameters(scope)):
                return True
        for node in self.own_nodes(scope):
            if isinstance(node, (ast.Assign, ast.AugAssign, ast.AnnAssign, ast.For, ast.AsyncFor)):
                targets = node.targets if isinstance(node, ast.Assign) else [node.target]
                if any(name in target_names(t) for t in targets):
                    return True
            elif isinstance(node, (ast.With, ast.AsyncWith)):
                if any(i.optional_vars is not None and name in target_names(i.optional_vars)
                       for i in node.items):
                    return True
            elif isinstance(node, ast.NamedExpr) and node.target.id == name:
                return True
            elif isinstance(node, ast.ExceptHandler) and node.name == name:
                return True
            elif isinstance(node, FUNCTIONS + (ast.ClassDef,)) and node.name == name:
                return True
            elif isinstance(node, (ast.Import, ast.ImportFrom)):
                for alias in node.names:
                    bound = alias.asname or alias.name.split(".")[0]
                    if bound == name:
                        return True
            elif isinstance(node, ast.comprehension) and name in target_names(node.target):
                return True
        return False

    def declares_outer(self, scope, name) -> bool:
        return any(
            isinstance(n, (ast.Global, ast.Nonlocal)) and name in n.names
            for n in self.own_nodes(scope)
        )

    def reads(self, scope, name) -> list:
        """Every read of `name` the scope's binding reaches: its own code and that of the
        scopes nested in it that do not bind the name themselves."""
        found, stack = [], [scope]
        while stack:
            current = stack.pop()
            for node in self.own_nodes(current):
                if isinstance(node, ast.Name) and node.id == name and isinstance(node.ctx, ast.Load):
                    found.append(node)
                if isinstance(node, SCOPES) and node is not current:
                    if isinstance(node, ast.ClassDef) or not self.binds(node, name):
                        stack.append(node)
        return found

    def statements(self, scope) -> list:
        return [] if isinstance(scope, ast.Lambda) else list(scope.body)

    def enclosing_class(self, node):
        """The class whose method holds `node`."""
        scope = self.scope_of(node)
        while isinstance(scope, ast.Lambda):
            scope = self.scope_of(scope)
        if not isinstance(scope, FUNCTIONS):
            return None
        outer = self.scope_of(scope)
        return outer if isinstance(outer, ast.ClassDef) else None

    def definition(self, at, name):
        """The function named `name` a call at `at` reaches: the last def of that name in
        the enclosing functions' or the module's own statements."""
        scope = self.scope_of(at)
        while True:
            if isinstance(scope, FUNCTIONS + (ast.Module,)):
                found = last_definition(self.own_statements(scope), name)
                if found is not None:
                    return found
            if isinstance(scope, ast.Module):
                return None
            scope = self.scope_of(scope)

    def own_statements(self, scope) -> list:
        """A scope's statements, into `if`/`try` blocks (not into nested scopes)."""
        found, stack = [], list(reversed(self.statements(scope)))
        while stack:
            statement = stack.pop()
            found.append(statement)
            if isinstance(statement, (ast.If, ast.Try)):
                for block in (statement.body, statement.orelse,
                              getattr(statement, "finalbody", [])):
                    stack.extend(reversed(block))
        return found

    def path_of(self, node) -> Optional[str]:
        """The dotted path an expression names through the imports (`os.environ.get`)."""
        attributes = []
        while isinstance(node, ast.Attribute):
            attributes.append(node.attr)
            node = node.value
        if not isinstance(node, ast.Name) or node.id not in self.imports:
            return None
        return ".".join([self.imports[node.id]] + attributes[::-1])


def last_definition(statements, name):
    found = None
    for statement in statements:
        if isinstance(statement, FUNCTIONS) and statement.name == name:
            found = statement
    return found


# --- flow: what a name or a dict's key holds where it is read ---------------------------------
#
# A symbolic value: ("expr", node) | ("if", test, a, b) | ("param", arg, function) |
# ("import", path) | ("unbound",) | ("absent",) | ("unknown", why) | ("never",)

NEVER = ("never",)


def branch(test, then, otherwise):
    if then == NEVER:
        return otherwise
    if otherwise == NEVER:
        return then
    if same_sym(then, otherwise):
        return then
    return ("if", test, then, otherwise)


def same_sym(a, b) -> bool:
    if a[0] != b[0] or len(a) != len(b):
        return False
    return all(x is y if isinstance(x, ast.AST) else
               (same_sym(x, y) if isinstance(x, tuple) else x == y) for x, y in zip(a, b))


class Flow:
    """The statements of one scope, run for one name (or one key of a dict a name holds)."""

    def __init__(self, module: Module, name: str, key: Optional[str] = None):
        self.module, self.name, self.key = module, name, key

    def at(self, scope, read):
        """What the target holds where `read` is (None: once the scope has run)."""
        state = ("unbound",)
        if isinstance(scope, FUNCTIONS + (ast.Lambda,)):
            for parameter in all_parameters(scope):
                if parameter.arg == self.name:
                    state = ("param", parameter, scope)
        if isinstance(scope, ast.Lambda):
            return state
        statements = self.module.statements(scope)
        return self.before(statements, read, state) if read is not None else self.run(statements, state)

    def run(self, statements, state):
        for statement in statements:
            if state == NEVER:
                break
            state = self.statement(statement, state)
        return state

    def before(self, statements, read, state):
        for statement in statements:
            if self.module.within(read, statement):
                return self.into(statement, read, state)
            state = self.statement(statement, state)
        return state

    def into(self, statement, read, state):
        if isinstance(statement, (ast.For, ast.AsyncFor, ast.While, ast.With, ast.AsyncWith)):
            if self.touches(statement):
                return ("unknown", "bound by a loop or a with statement")
        blocks = []
        if isinstance(statement, ast.If):
            blocks = [statement.body, statement.orelse]
        elif isinstance(statement, (ast.For, ast.AsyncFor, ast.While)):
            blocks = [statement.body, statement.orelse]
        elif isinstance(statement, (ast.With, ast.AsyncWith)):
            blocks = [statement.body]
        elif isinstance(statement, ast.Try):
            blocks = [statement.body, statement.orelse, statement.finalbody] + [
                h.body for h in statement.handlers]
        for block in blocks:
            if any(self.module.within(read, s) for s in block):
                return self.before(block, read, state)
        return state  # in a condition or a header: what holds before the statement

    def touches(self, node) -> bool:
        """Whether a statement binds the name, or writes the key (not in nested scopes)."""
        stack = [node]
        while stack:
            current = stack.pop()
            if isinstance(current, SCOPES):
                if getattr(current, "name", None) == self.name:
                    return True
                continue
            if isinstance(current, (ast.Assign, ast.AugAssign, ast.AnnAssign, ast.For, ast.AsyncFor)):
                targets = current.targets if isinstance(current, ast.Assign) else [current.target]
                if any(self.name in target_names(t) for t in targets):
                    return True
            if isinstance(current, ast.NamedExpr) and current.target.id == self.name:
                return True
            if isinstance(current, (ast.With, ast.AsyncWith)) and any(
                    i.optional_vars is not None and self.name in target_names(i.optional_vars)
                    for i in current.items):
                return True
            if isinstance(current, ast.ExceptHandler) and current.name == self.name:
                return True
            if isinstance(current, (ast.Import, ast.ImportFrom)) and any(
                    (a.asname or a.name.split(".")[0]) == self.name for a in current.names):
                return True
            if self.key is not None and isinstance(current, ast.Call) and self.dict_write(current):
                return True
            if self.key is not None and isinstance(current, ast.Delete) and any(
                    self.is_item(t) is not None for t in current.targets):
                return True
            stack.extend(ast.iter_child_nodes(current))
        return False

    def statement(self, statement, state):
        if isinstance(statement, ast.Assign):
            return self.assign(statement.targets, statement.value, state)
        if isinstance(statement, ast.AnnAssign):
            if statement.value is None:
                return state
            return self.assign([statement.target], statement.value, state)
        if isinstance(statement, ast.AugAssign):
            if isinstance(statement.target, ast.Name) and statement.target.id == self.name:
                return ("unknown", "changed by an augmented assignment")
            if self.key is not None and self.is_item(statement.target) is not None:
                return ("unknown", "changed by an augmented assignment")
            return state
        if isinstance(statement, ast.Expr):
            if self.key is not None and isinstance(statement.value, ast.Call):
                write = self.dict_write(statement.value)
                if write is not None:
                    return self.apply(write, state)
            if self.touches(statement):
                return ("unknown", "bound inside an expression")
            return state
        if isinstance(statement, (ast.Return, ast.Raise, ast.Continue, ast.Break)):
            return NEVER
        if isinstance(statement, ast.If):
            then = self.run(statement.body, state)
            otherwise = self.run(statement.orelse, state)
            return branch(statement.test, then, otherwise)
        if isinstance(statement, (ast.Import, ast.ImportFrom)):
            for alias in statement.names:
                bound = alias.asname or alias.name.split(".")[0]
                if bound == self.name:
                    if self.key is not None:
                        return ("unknown", "an imported dict")
                    if isinstance(statement, ast.ImportFrom) and (statement.level or not statement.module):
                        return ("unknown", "imported from a relative module")
                    if isinstance(statement, ast.ImportFrom):
                        return ("import", f"{statement.module}.{alias.name}")
                    return ("import", alias.name if alias.asname else bound)
            return state
        if isinstance(statement, FUNCTIONS + (ast.ClassDef,)):
            return ("unknown", "bound to a definition") if statement.name == self.name else state
        if isinstance(statement, ast.Delete):
            for target in statement.targets:
                if isinstance(target, ast.Name) and target.id == self.name:
                    return ("unbound",) if self.key is None else ("absent",)
                if self.key is not None and self.is_item(target) is not None:
                    return ("absent",) if self.is_item(target) else ("unknown", "an item deleted")
            return state
        if isinstance(statement, (ast.Global, ast.Nonlocal, ast.Pass, ast.Assert)):
            return state
        if self.touches(statement):
            return ("unknown", "bound in a loop, try or with block")
        return state

    def is_item(self, node) -> Optional[bool]:
        """`name[key]` (True), `name[other literal]` (False), `name[expression]` (True:
        it may be the key); None for anything else."""
        if not (isinstance(node, ast.Subscript) and isinstance(node.value, ast.Name)
                and node.value.id == self.name):
            return None
        key = const_str(node.slice)
        return True if key is None else key == self.key

    def assign(self, targets, value, state):
        for target in targets:
            if isinstance(target, ast.Name) and target.id == self.name:
                state = ("expr", value) if self.key is None else self.dict_of(value)
            elif isinstance(target, (ast.Tuple, ast.List, ast.Starred)) and self.name in target_names(target):
                state = ("unknown", "bound by unpacking")
            elif self.key is not None and self.is_item(target) is not None:
                if self.is_item(target):
                    state = ("expr", value) if const_str(target.slice) == self.key else (
                        "unknown", "written under a key known only at run time")
        return state

    def dict_of(self, value):
        """The key's state once the name holds `value`."""
        if isinstance(value, ast.Dict):
            entries = list(zip(value.keys, value.values))
        elif (isinstance(value, ast.Call) and isinstance(value.func, ast.Name)
              and value.func.id == "dict" and not value.args):
            entries = [(None if k.arg is None else ast.Constant(k.arg), k.value) for k in value.keywords]
        else:
            return ("unknown", "not a dict the module writes out")
        found = None
        for key, item in entries:
            if key is None:
                found = ("unknown", "a ** splat that may add the key")
            elif const_str(key) is None:
                found = ("unknown", "a key known only at run time")
            elif const_str(key) == self.key:
                found = ("expr", item)
        return found or ("absent",)

    def dict_write(self, call):
        """How a call changes the key: ("set", v), ("setdefault", v), ("remove",),
        ("unknown",); None when it does not."""
        func = call.func
        if (isinstance(func, ast.Attribute) and isinstance(func.value, ast.Name)
                and func.value.id == self.name):
            args = call.args
            first = const_str(args[0]) if args else None
            if func.attr == "setdefault":
                if first is None:
                    return ("unknown",)
                if first != self.key:
                    return None
                return ("setdefault", args[1]) if len(args) > 1 else ("unknown",)
            if func.attr == "pop":
                if first is None:
                    return ("unknown",)
                return ("remove",) if first == self.key else None
            if func.attr == "update":
                write = None
                for keyword in call.keywords:
                    if keyword.arg is None:
                        return ("unknown",)
                    if keyword.arg == self.key:
                        write = ("set", keyword.value)
                for arg in args:
                    state = self.dict_of(arg)
                    if state[0] == "expr":
                        write = ("set", state[1])
                    elif state[0] != "absent":
                        return ("unknown",)
                return write
            if func.attr == "clear":
                return ("remove",)
            if func.attr in ("get", "items", "keys", "values", "copy", "__contains__"):
                return None
            return ("unknown",)
        handed = any(isinstance(a, ast.Name) and a.id == self.name for a in call.args) or any(
            isinstance(k.value, ast.Name) and k.value.id == self.name for k in call.keywords)
        return ("unknown",) if handed else None

    def apply(self, write, state):
        if write[0] == "set":
            return ("expr", write[1])
        if write[0] == "remove":
            return ("absent",)
        if write[0] == "setdefault":
            return set_default(state, write[1])
        return ("unknown", "handed to a call that may change the dict")


def set_default(state, value):
    if state[0] in ("absent", "unbound"):
        return ("expr", value)
    if state[0] == "if":
        return ("if", state[1], set_default(state[2], value), set_default(state[3], value))
    return state


def returned(module: Module, function):
    """What a function returns, under the conditions that lead to each `return`."""
    found = returns(function.body)
    return found if found is not None else ("unknown", "a function that may return None")


def returns(statements):
    for at, statement in enumerate(statements):
        if isinstance(statement, ast.Return):
            return ("expr", statement.value) if statement.value is not None else (
                "unknown", "a bare return")
        if isinstance(statement, ast.Raise):
            return NEVER
        if isinstance(statement, ast.If):
            then, otherwise = returns(statement.body), returns(statement.orelse)
            if then is None and otherwise is None:
                if holds_return(statement):
                    return ("unknown", "a return inside a block")
                continue
            rest = returns(statements[at + 1:]) or ("unknown", "a function that may return None")
            return branch(statement.test, then or rest, otherwise or rest)
        if holds_return(statement):
            return ("unknown", "a return inside a loop, try or with block")
    return None


def holds_return(statement) -> bool:
    stack = [statement]
    while stack:
        node = stack.pop()
        if isinstance(node, ast.Return):
            return True
        if isinstance(node, SCOPES):
            continue
        stack.extend(ast.iter_child_nodes(node))
    return False


# --- the environment and configuration readers (from the libraries' sources) -----------------


@dataclass
class EnvRead:
    """An environment read: its variable's expression, its default's (None: none), and
    how the reader returns it."""

    variable: ast.AST
    default: Optional[ast.AST]
    reader: str  # stdlib, django-environ, environs, decouple, getattr
    cast: Optional[str] = None  # decouple's cast=; django-environ's method's cast
    unset_raises: bool = True


def argument(call, position, name):
    for keyword in call.keywords:
        if keyword.arg == name:
            return keyword.value
    if position is not None and position < len(call.args):
        node = call.args[position]
        return None if isinstance(node, ast.Starred) else node
    return None


DJANGO_ENVIRON_CASTS = {"bool": "bool", "str": "str", "int": "int", "json": "json"}


def setting_default_read(call) -> Optional[EnvRead]:
    """`X.get("NAME", default)` of a cookie setting its framework may leave unset: where
    it is unset the default decides, read as an environment default is, the setting's
    name for the variable."""
    if not (isinstance(call.func, ast.Attribute) and call.func.attr == "get" and call.args):
        return None
    default = argument(call, 1, "default")
    if const_str(call.args[0]) not in SECURE_SETTINGS - ALWAYS_DEFINED or default is None:
        return None
    return EnvRead(call.args[0], default, "config", unset_raises=False)


def env_read(module: Module, call) -> Optional[EnvRead]:
    """The environment read a call is, if any."""
    if any(isinstance(a, ast.Starred) for a in call.args) or any(k.arg is None for k in call.keywords):
        return None
    path = module.path_of(call.func)
    # os.environ.get(key, default=None), os.getenv(key, default=None),
    # os.environ.setdefault(key, default=None)
    if path in ("os.environ.get", "os.getenv", "os.environ.setdefault"):
        variable = argument(call, 0, "key")
        if variable is None:
            return None
        return EnvRead(variable, argument(call, 1, "default"), "stdlib", unset_raises=False)
    setting = setting_default_read(call)
    if setting is not None:
        return setting
    # python-decouple 3.8: config(option, default=undefined, cast=undefined)
    if path == "decouple.config":
        return decouple_read(call)
    func = call.func
    receiver, method = (func.value, func.attr) if isinstance(func, ast.Attribute) else (func, None)
    if not isinstance(receiver, ast.Name):
        return None
    made = module_binding(module, receiver.id)
    if made is None:
        return None
    maker = module.path_of(made.func)
    if maker in ("environ.Env", "environ.environ.Env"):
        # django-environ: Env.__call__(var, cast=None, default=NOTSET), get_value(var, cast,
        # default), bool/str/int/json(var, default=NOTSET); a scheme Env(VAR=(cast, default)).
        if method not in (None, "get_value", "bool", "str", "int", "json"):
            return None
        variable = argument(call, 0, "var")
        if variable is None:
            return None
        if method in (None, "get_value"):
            default = argument(call, 2, "default")
            cast_node = argument(call, 1, "cast")
            cast = cast_node.id if isinstance(cast_node, ast.Name) else None
        else:
            default = argument(call, 1, "default")
            cast = DJANGO_ENVIRON_CASTS[method]
        scheme = None
        name = const_str(variable)
        for keyword in made.keywords:
            if keyword.arg is not None and keyword.arg == name:
                scheme = keyword.value
        if default is None and isinstance(scheme, ast.Tuple) and len(scheme.elts) == 2:
            default = scheme.elts[1]
            if cast is None and isinstance(scheme.elts[0], ast.Name):
                cast = scheme.elts[0].id
        return EnvRead(variable, default, "django-environ", cast)
    if maker == "environs.Env":
        if method not in (None, "bool", "str", "int", "json"):
            return None
        variable = argument(call, 0, "name")
        if variable is None:
            return None
        return EnvRead(variable, argument(call, 1, "default"), "environs")
    if maker in ("decouple.AutoConfig", "decouple.Config") and method is None:
        return decouple_read(call)
    return None


def decouple_read(call) -> Optional[EnvRead]:
    variable = argument(call, 0, "option")
    if variable is None:
        return None
    cast_node = argument(call, 2, "cast")
    cast = cast_node.id if isinstance(cast_node, ast.Name) else (None if cast_node is None else "?")
    return EnvRead(variable, argument(call, 1, "default"), "decouple", cast)


def module_binding(module: Module, name) -> Optional[ast.Call]:
    state = Flow(module, name).at(module.tree, None)
    if state[0] == "expr" and isinstance(state[1], ast.Call):
        return state[1]
    return None


def strtobool(value: str) -> int:
    """distutils.util.strtobool (Python 3.11)."""
    value = value.lower()
    if value in ("y", "yes", "t", "true", "on", "1"):
        return 1
    if value in ("n", "no", "f", "false", "off", "0"):
        return 0
    raise ValueError(f"invalid truth value {value!r}")


def asbool(value) -> bool:
    """pyramid.settings.asbool (pyramid 2.0)."""
    if value is None:
        return False
    if isinstance(value, bool):
        return value
    return str(value).strip().lower() in ("t", "true", "y", "yes", "on", "1")


def decouple_cast_boolean(value) -> bool:
    """python-decouple 3.8 Config._cast_boolean."""
    value = str(value)
    return bool(value) if value == "" else bool(strtobool(value))


# --- the evaluation --------------------------------------------------------------------------


class Inconclusive(Exception):
    pass


class Evaluation:
    """One flag's value read in the deployment, with what it followed (`reads`)."""

    def __init__(self, module: Module, overrides=None, frames=None):
        self.module = module
        self.overrides = overrides or {}  # id(literal node) -> Python value
        self.frames = list(frames or [])
        self.reads = []
        self.depth = 0

    def eval(self, node) -> Val:
        if self.depth > FOLLOW_DEPTH:
            return Val()
        self.depth += 1
        try:
            return self.eval_inner(node)
        finally:
            self.depth -= 1

    def eval_inner(self, node) -> Val:
        if id(node) in self.overrides:
            return Val(self.overrides[id(node)], node)
        if isinstance(node, ast.Constant):
            if node.value is Ellipsis:
                return Val()
            return Val(node.value, node)
        if isinstance(node, ast.JoinedStr):
            if not node.values:
                return Val("", node)
            texts = [v.value for v in node.values if isinstance(v, ast.Constant)]
            return Val(Truth(True)) if any(texts) else Val()
        if isinstance(node, (ast.Tuple, ast.List, ast.Set)):
            if any(isinstance(e, ast.Starred) for e in node.elts):
                return Val()
            return Val(tuple(self.eval(e).py for e in node.elts))
        if isinstance(node, ast.UnaryOp) and isinstance(node.op, ast.Not):
            truth = truth_of(self.eval(node.operand).py)
            return Val() if truth is None else Val(not truth)
        if isinstance(node, ast.BoolOp):
            return self.boolean(node)
        if isinstance(node, ast.IfExp):
            truth = truth_of(self.eval(node.test).py)
            if truth is True:
                return self.eval(node.body)
            if truth is False:
                return self.eval(node.orelse)
            return either(self.eval(node.body), self.eval(node.orelse))
        if isinstance(node, ast.Compare):
            return self.compare(node)
        if isinstance(node, ast.NamedExpr):
            return Val()
        row = deployment_row(self.module, node)
        if row is not None:
            self.reads.append(Read(row[0], node, variable=row[2] if len(row) > 2 else None))
            return Val(row[1])
        if isinstance(node, ast.Name):
            return self.name(node)
        if isinstance(node, ast.Attribute):
            return self.attribute(node)
        if isinstance(node, ast.Subscript):
            return self.subscript(node)
        if isinstance(node, ast.Call):
            return self.call(node)
        return Val()

    def boolean(self, node) -> Val:
        is_or = isinstance(node.op, ast.Or)
        value = self.eval(node.values[0])
        for operand in node.values[1:]:
            truth = truth_of(value.py)
            if truth is is_or:  # `True or x`, `False and x`: the first operand
                return value
            if truth is not None:
                value = self.eval(operand)
                continue
            other = self.eval(operand)
            if truth_of(other.py) is is_or:
                value = Val(Truth(is_or))  # `x or True` is true, `x and False` false
            else:
                value = Val()
        return value

    def compare(self, node) -> Val:
        left = self.eval(node.left)
        result = True
        for op, comparator in zip(node.ops, node.comparators):
            right = self.eval(comparator)
            this = compare(op, left.py, right.py)
            if this is False:
                result = False
            elif this is None and result is not False:
                result = None
            left = right
        return Val() if result is None else Val(result)

    # names -------------------------------------------------------------------------------

    def name(self, node) -> Val:
        module = self.module
        name = node.id
        scope = module.scope_of(node)
        read = node
        while True:
            if isinstance(scope, ast.Module):
                return self.sym(Flow(module, name).at(scope, read), node)
            if isinstance(scope, FUNCTIONS + (ast.Lambda,)):
                if not module.declares_outer(scope, name) and module.binds(scope, name):
                    return self.sym(Flow(module, name).at(scope, read), node)
            elif isinstance(scope, ast.ClassDef) and read is node and module.binds(scope, name):
                return self.sym(Flow(module, name).at(scope, read), node)
            # An outer scope's name is read when the inner one runs: once it has run.
            read = None
            scope = module.scope_of(scope)

    def sym(self, sym, at) -> Val:
        kind = sym[0]
        if kind == "expr":
            self.reads.append(Read("binding", sym[1]))
            return self.eval(sym[1])
        if kind == "if":
            truth = truth_of(self.eval(sym[1]).py)
            if truth is True:
                return self.sym(sym[2], at)
            if truth is False:
                return self.sym(sym[3], at)
            return either(self.sym(sym[2], at), self.sym(sym[3], at))
        if kind == "param":
            return self.parameter(sym[1], sym[2])
        if kind == "absent":
            return Val(ABSENT)
        return Val()

    def parameter(self, parameter, function) -> Val:
        for depth in range(len(self.frames) - 1, -1, -1):
            frame = self.frames[depth]
            if frame.function is not function:
                continue
            bound = frame.arguments.get(parameter.arg, ("missing",))
            if bound[0] == "given":
                saved = self.frames
                self.frames = saved[: bound[2]]
                try:
                    return self.eval(bound[1])
                finally:
                    self.frames = saved
            if bound[0] == "default":
                saved = self.frames
                self.frames = saved[:depth]
                try:
                    return self.eval(bound[1])
                finally:
                    self.frames = saved
            return Val()
        method = isinstance(function, FUNCTIONS) and isinstance(
            self.module.scope_of(function), ast.ClassDef)
        if method and function.name in SETTERS:
            self.reads.append(Read("callers", parameter, function=function, name=parameter.arg))
            return Val(True)
        self.reads.append(Read("param", parameter, function=function, name=parameter.arg))
        return Val()

    def attribute(self, node) -> Val:
        if isinstance(node.value, ast.Name) and node.value.id in ("self", "cls"):
            cls = self.module.enclosing_class(node)
            if cls is not None and self.module.binds(cls, node.attr):
                return self.sym(Flow(self.module, node.attr).at(cls, None), node)
        return Val()

    def subscript(self, node) -> Val:
        key = const_str(node.slice)
        if isinstance(node.value, ast.Name) and key is not None:
            return self.key(node.value.id, key, node)
        return Val()

    def key(self, name, key, at) -> Val:
        module = self.module
        scope, read = module.scope_of(at), at
        while True:
            if isinstance(scope, ast.Module) or module.binds(scope, name):
                sym = Flow(module, name, key).at(scope, read)
                if isinstance(scope, ast.Module) and sym[0] == "absent":
                    return Val()  # other modules may add to a module's dict
                return self.sym(sym, at)
            read = None
            scope = module.scope_of(scope)

    # calls --------------------------------------------------------------------------------

    def call(self, node) -> Val:
        module = self.module
        func = node.func
        if any(isinstance(a, ast.Starred) for a in node.args) or any(k.arg is None for k in node.keywords):
            return Val()
        read = env_read(module, node)
        if read is not None:
            return self.environment(read, node)
        if isinstance(func, ast.Name):
            if func.id == "getattr":
                return self.getattr(node)
            if func.id in PARSES and (func.id in ("bool", "str", "int")
                                      or module.definition(node, func.id) is None):
                return self.parse(func.id, node)
            definition = module.definition(node, func.id)
            if definition is not None:
                return self.returned(node, definition, skip_self=False)
            return Val()
        if isinstance(func, ast.Attribute):
            if isinstance(func.value, ast.Name) and func.value.id in ("self", "cls"):
                cls = module.enclosing_class(node)
                if cls is not None:
                    definition = last_definition(module.own_statements(cls), func.attr)
                    if definition is not None:
                        return self.returned(node, definition, skip_self=True)
            path = module.path_of(func)
            parse = {"json.loads": "json", "ast.literal_eval": "literal_eval",
                     "distutils.util.strtobool": "strtobool", "decouple.strtobool": "strtobool",
                     "pyramid.settings.asbool": "asbool"}.get(path)
            if parse is not None:
                return self.parse(parse, node)
            if func.attr in STR_METHODS:
                return self.string_method(node)
        return Val()

    def environment(self, read: EnvRead, node) -> Val:
        variable = self.eval(read.variable).py
        name = variable if isinstance(variable, str) else ast.unparse(read.variable)
        entry = Read("env", node, variable=name, default=read.default, reader=read.reader)
        self.reads.append(entry)
        if read.default is None:
            return Val(None) if not read.unset_raises else Val()
        value = self.eval(read.default)
        entry.default_literal = value.origin if value.origin is not None else read.default
        if read.reader == "decouple" and read.cast is not None:
            if read.cast == "bool":
                return apply(decouple_cast_boolean, value.py)
            if read.cast in ("str", "int"):
                return apply({"str": str, "int": int}[read.cast], value.py)
            return Val()
        return Val(value.py)  # returned as written (django-environ: unparsed when unset)

    def getattr(self, node) -> Val:
        if len(node.args) < 2 or node.keywords or const_str(node.args[1]) is None:
            return Val()
        obj, attribute = node.args[0], const_str(node.args[1])
        if self.module.path_of(obj) == "django.conf.settings":
            if attribute in SECURE_SETTINGS:
                self.reads.append(Read("setting", node, variable=attribute))
                return Val(True)
            return Val()
        default = node.args[2] if len(node.args) > 2 else None
        entry = Read("env", node, variable=f"{ast.unparse(obj)}.{attribute}", default=default,
                     reader="getattr")
        self.reads.append(entry)
        if default is None:
            return Val()
        value = self.eval(default)
        entry.default_literal = value.origin if value.origin is not None else default
        return Val(value.py)

    def parse(self, parse, node) -> Val:
        if len(node.args) != 1 or node.keywords:
            return Val()
        value = self.eval(node.args[0]).py
        if parse == "bool":
            truth = truth_of(value)
            return Val() if truth is None else Val(truth)
        functions = {
            "str": str, "int": int, "strtobool": strtobool_of, "asbool": asbool,
            "json": json_of, "literal_eval": literal_of,
        }
        return apply(functions[parse], value)

    def string_method(self, node) -> Val:
        value = self.eval(node.func.value).py
        if not isinstance(value, str) or node.keywords:
            return Val()
        arguments = [self.eval(a).py for a in node.args]
        if not all(plain(a) for a in arguments):
            return Val()
        try:
            return Val(getattr(value, node.func.attr)(*arguments))
        except Exception:  # noqa: BLE001 - a call Python refuses
            return Val()

    def returned(self, call, function, skip_self) -> Val:
        if any(frame.function is function for frame in self.frames):
            return Val()
        arguments = bind(call, function, skip_self, len(self.frames))
        if arguments is None:
            return Val()
        self.frames.append(Frame(function, arguments))
        try:
            return self.sym(returned(self.module, function), call)
        finally:
            self.frames.pop()


def either(a: Val, b: Val) -> Val:
    """One of two values, known where they agree."""
    x, y = truth_of(a.py), truth_of(b.py)
    if x is None or x != y:
        return Val()
    if plain(a.py) and plain(b.py) and type(a.py) is type(b.py) and a.py == b.py:
        return Val(a.py)
    return Val(Truth(x))


def apply(function, value) -> Val:
    if not plain(value):
        return Val()
    try:
        return Val(function(value))
    except Exception:  # noqa: BLE001 - a parse that raises is no value
        return Val()


def strtobool_of(value):
    if isinstance(value, bool):
        return int(value)
    return strtobool(value)


def json_of(value):
    if not isinstance(value, str):
        raise ValueError
    result = json.loads(value)
    if not isinstance(result, bool):
        raise ValueError
    return result


def literal_of(value):
    if not isinstance(value, str):
        raise ValueError
    result = ast.literal_eval(value)
    if not isinstance(result, bool):
        raise ValueError
    return result


def compare(op, a, b) -> Optional[bool]:
    if not (plain(a) and plain(b)):
        if isinstance(op, (ast.In, ast.NotIn)) and isinstance(b, tuple) and plain(a):
            known = [x for x in b if plain(x)]
            if any(type(x) is type(a) and x == a for x in known) or any(
                    isinstance(x, (int, bool)) and isinstance(a, (int, bool)) and x == a for x in known):
                return isinstance(op, ast.In)
        return None
    try:
        if isinstance(op, ast.Eq):
            return a == b
        if isinstance(op, ast.NotEq):
            return a != b
        if isinstance(op, ast.In):
            return a in b
        if isinstance(op, ast.NotIn):
            return a not in b
        if isinstance(op, (ast.Is, ast.IsNot)):
            singletons = (True, False, None)
            if any(a is s for s in singletons) or any(b is s for s in singletons):
                return (a is b) == isinstance(op, ast.Is)
            return None
    except Exception:  # noqa: BLE001
        return None
    return None


def is_local_name(module: Module, node) -> bool:
    """A name the function (or class body) it is read in binds: its binding decides,
    not the setting or switch it is spelled like."""
    scope = module.scope_of(node)
    return not isinstance(scope, ast.Module) and module.binds(scope, node.id)


def is_setting_target(module: Module, target, assignment) -> bool:
    """`SESSION_COOKIE_SECURE = v` at module level or in a class body: a setting; in a
    function it is a local name like any other."""
    return target.id in SECURE_SETTINGS and not isinstance(
        module.scope_of(assignment), FUNCTIONS + (ast.Lambda,))


def deployment_row(module: Module, node):
    """The deployment's fact an expression reads: ("scheme", value), ("debug", False),
    ("setting", True, name); None for any other."""
    if isinstance(node, ast.Name):
        if is_local_name(module, node):
            return None  # a name a function binds is its own, however it is spelled
        if node.id == "DEBUG":
            return ("debug", False)
        if node.id in SECURE_SETTINGS:
            return ("setting", True, node.id)
        return None
    if isinstance(node, ast.Attribute):
        receiver = last_name(node.value)
        row = SCHEME_ATTRIBUTES.get(node.attr)
        if row is not None and (row[0] is None or receiver in row[0]):
            return ("scheme", row[1])
        if node.attr == "DEBUG" or (node.attr == "debug" and receiver in DEBUG_RECEIVERS):
            return ("debug", False)
        if node.attr in SECURE_SETTINGS:
            return ("setting", True, node.attr)
        return None
    if isinstance(node, ast.Subscript):
        key = const_str(node.slice)
        return keyed_row(node.value, key) if key is not None else None
    if isinstance(node, ast.Call):
        func = node.func
        if not isinstance(func, ast.Attribute):
            return None
        if env_read(module, node) is not None:
            # `os.environ.get("SESSION_COOKIE_SECURE", d)` reads a variable, not the
            # setting; `config.get("REMEMBER_COOKIE_SECURE", d)` a default that decides.
            return None
        if isinstance(func.value, ast.Name) and func.value.id in ("self", "cls"):
            cls = module.enclosing_class(node)
            if cls is not None and last_definition(module.own_statements(cls), func.attr):
                return None  # the class's own method
        if func.attr in SETTING_METHODS:
            return ("setting", True, SETTING_METHODS[func.attr])
        if not node.args and not node.keywords:
            row = SCHEME_ATTRIBUTES.get(func.attr)
            if row is not None and (row[0] is None or last_name(func.value) in row[0]):
                return ("scheme", row[1])
        if func.attr == "get" and node.args and const_str(node.args[0]) is not None:
            return keyed_row(func.value, const_str(node.args[0]))
    return None


def keyed_row(receiver, key):
    last = last_name(receiver)
    if key in SCHEME_KEYS and (SCHEME_KEYS[key] is None or last in SCHEME_KEYS[key]):
        return ("scheme", "https")
    if last in CONFIG_RECEIVERS and key in ("DEBUG", "debug"):
        return ("debug", False)
    if key in SECURE_SETTINGS:
        return ("setting", True, key)
    return None


def bind(call, function, skip_self, caller_frames) -> Optional[dict]:
    """A call's arguments bound to the function's parameters, as Python binds them."""
    if any(isinstance(a, ast.Starred) for a in call.args) or any(k.arg is None for k in call.keywords):
        return None
    args = function.args
    positional = args.posonlyargs + args.args
    if skip_self and positional:
        positional = positional[1:]
    given = list(call.args)
    keywords = {k.arg: k.value for k in call.keywords}
    bound = {}
    for at, parameter in enumerate(positional):
        if at < len(given):
            bound[parameter.arg] = ("given", given[at], caller_frames)
        elif parameter.arg in keywords:
            bound[parameter.arg] = ("given", keywords[parameter.arg], caller_frames)
        else:
            default = parameter_default(function, parameter)
            bound[parameter.arg] = ("default", default) if default is not None else ("missing",)
    for parameter in args.kwonlyargs:
        if parameter.arg in keywords:
            bound[parameter.arg] = ("given", keywords[parameter.arg], caller_frames)
        else:
            default = parameter_default(function, parameter)
            bound[parameter.arg] = ("default", default) if default is not None else ("missing",)
    return bound


def bind_defaults(function) -> dict:
    bound = {}
    for parameter in all_parameters(function):
        default = parameter_default(function, parameter)
        bound[parameter.arg] = ("default", default) if default is not None else ("missing",)
    return bound


# --- links: where a literal is written, and what reads it ------------------------------------


class Links:
    """Whether a literal's link of a chain feeds nothing but cookie flags."""

    def __init__(self, module: Module):
        self.module = module

    def feeds_only_flags(self, literal, value, frames) -> bool:
        module = self.module
        if value is not None and module.within(literal, value):
            return True
        for frame in frames:
            for name, bound in frame.arguments.items():
                if bound[0] in ("given", "default") and module.within(literal, bound[1]):
                    return self.reads_are_flags(frame.function, name)
        variable = schema_variable(module, literal)
        if variable is not None:
            return self.variable_read_only_in(variable, value)
        child, parent = literal, module.parent(literal)
        while parent is not None:
            if isinstance(parent, ast.arguments):
                function = module.parent(parent)
                for parameter in all_parameters(function):
                    default = parameter_default(function, parameter)
                    if default is not None and module.within(literal, default):
                        return self.reads_are_flags(function, parameter.arg)
                return False
            if isinstance(parent, (ast.Assign, ast.AnnAssign)) and child is parent.value:
                targets = parent.targets if isinstance(parent, ast.Assign) else [parent.target]
                return all(self.target_feeds_flags(t, parent, literal) for t in targets)
            if isinstance(parent, ast.Expr) and isinstance(parent.value, ast.Call):
                return self.dict_write_feeds_flags(parent.value, literal)
            if isinstance(parent, (ast.stmt, ast.Lambda, ast.comprehension)):
                return False
            child, parent = parent, module.parent(parent)
        return False

    def variable_read_only_in(self, variable, value) -> bool:
        """No string of the module names the variable but in the flag's own expression:
        a django-environ schema's default then feeds only this read, whatever else the
        reader reads."""
        return not any(
            const_str(node) == variable and not (value is not None and self.module.within(node, value))
            for node in ast.walk(self.module.tree)
        )

    def target_feeds_flags(self, target, assignment, literal) -> bool:
        module = self.module
        scope = module.scope_of(assignment)
        if isinstance(target, ast.Name):
            if is_setting_target(module, target, assignment):
                return True
            if self.entry_key(assignment.value, literal) is not None:
                return self.dict_feeds_flags(scope, target.id, self.entry_key(assignment.value, literal))
            return bool(module.reads(scope, target.id)) and self.reads_are_flags(scope, target.id)
        if isinstance(target, ast.Attribute):
            return target.attr in SECURE_SETTINGS
        if isinstance(target, ast.Subscript):
            key = const_str(target.slice)
            if key is None:
                return False
            if last_name(target.value) == "config" or key in SECURE_SETTINGS:
                return key in SECURE_SETTINGS
            if key.lower() != "secure":
                return False
            if isinstance(target.value, ast.Name) and not isinstance(scope, ast.Module):
                # `kwargs["secure"] = v` of a function's dict: every read of the dict
                # passes it to a cookie call or reads that key into a flag.
                return self.dict_feeds_flags(scope, target.value.id, key)
            return isinstance(target.value, ast.Subscript)  # a morsel's flag: N[K]["secure"]
        return False

    def entry_key(self, value, literal) -> Optional[str]:
        """The key of the dict entry that holds `literal` in a dict literal or dict(...)."""
        if isinstance(value, ast.Dict):
            for key, item in zip(value.keys, value.values):
                if self.module.within(literal, item):
                    return const_str(key)
        if isinstance(value, ast.Call) and isinstance(value.func, ast.Name) and value.func.id == "dict":
            for keyword in value.keywords:
                if keyword.arg is not None and self.module.within(literal, keyword.value):
                    return keyword.arg
        return None

    def dict_write_feeds_flags(self, call, literal) -> bool:
        """`d.setdefault("secure", v)`, `d.update(secure=v)` of a function's dict."""
        func = call.func
        if not (isinstance(func, ast.Attribute) and isinstance(func.value, ast.Name)):
            return False
        key = None
        if func.attr == "setdefault" and len(call.args) == 2 and self.module.within(literal, call.args[1]):
            key = const_str(call.args[0])
        elif func.attr == "update":
            for keyword in call.keywords:
                if keyword.arg is not None and self.module.within(literal, keyword.value):
                    key = keyword.arg
        scope = self.module.scope_of(call)
        if key not in FLAG_KEYS or isinstance(scope, ast.Module):
            return False
        return self.dict_feeds_flags(scope, func.value.id, key)

    def dict_feeds_flags(self, scope, name, key) -> bool:
        """Every read of the dict writes it, passes it whole to cookie calls (`**d`), or
        reads that key into a flag."""
        if key not in FLAG_KEYS:
            return False
        module = self.module
        reads = module.reads(scope, name)
        for read in reads:
            parent = module.parent(read)
            if isinstance(parent, ast.keyword) and parent.arg is None:
                call = module.parent(parent)
                if last_name(call.func) in SETTERS:
                    continue
                return False
            if isinstance(parent, ast.Subscript) and parent.value is read:
                if isinstance(parent.ctx, ast.Store):
                    continue  # written
                if const_str(parent.slice) == key and self.is_flag_read(parent, 0):
                    continue
                return False
            if isinstance(parent, ast.Attribute) and parent.attr in ("setdefault", "update"):
                continue
            return False
        return bool(reads)

    def reads_are_flags(self, scope, name, depth=0) -> bool:
        if depth > 6:
            return False
        return all(self.is_flag_read(read, depth) for read in self.module.reads(scope, name))

    def is_flag_read(self, read, depth) -> bool:
        module = self.module
        child, parent = read, module.parent(read)
        while parent is not None:
            if isinstance(parent, ast.keyword):
                return parent.arg in FLAG_KEYS
            if isinstance(parent, ast.Dict):
                for key, item in zip(parent.keys, parent.values):
                    if item is child:
                        return const_str(key) in FLAG_KEYS
                return False
            if isinstance(parent, ast.Call):
                if child is not parent.func:
                    if last_name(parent.func) not in PARSES or child not in parent.args:
                        return False
            elif isinstance(parent, (ast.Assign, ast.AnnAssign)):
                if child is not parent.value:
                    return False
                targets = parent.targets if isinstance(parent, ast.Assign) else [parent.target]
                scope = module.scope_of(parent)
                for target in targets:
                    if isinstance(target, ast.Name):
                        if is_setting_target(module, target, parent):
                            continue
                        # A module's name is its own setting, which other modules may read.
                        if not isinstance(scope, FUNCTIONS + (ast.Lambda,)):
                            return False
                        if not self.reads_are_flags(scope, target.id, depth + 1):
                            return False
                    elif isinstance(target, ast.Attribute):
                        if target.attr not in SECURE_SETTINGS:
                            return False
                    elif isinstance(target, ast.Subscript):
                        key = const_str(target.slice)
                        if key is None or (key not in FLAG_KEYS and key.lower() != "secure"):
                            return False
                    else:
                        return False
                return True
            elif isinstance(parent, (ast.stmt, ast.Lambda, ast.comprehension, ast.arguments)):
                return False
            child, parent = parent, module.parent(parent)
        return False


def schema_variable(module: Module, literal) -> Optional[str]:
    """The variable whose django-environ schema entry `Env(NAME=(cast, default))` holds
    `literal` as its default."""
    pair, entry = module.parent(literal), None
    if isinstance(pair, ast.Tuple) and len(pair.elts) == 2 and pair.elts[1] is literal:
        entry = module.parent(pair)
    if isinstance(entry, ast.keyword) and entry.arg is not None and isinstance(
            module.parent(entry), ast.Call):
        return entry.arg
    return None


# --- deletions: a call that deletes a cookie follows the cookie it deletes -------------------


def cookie_name(call) -> Optional[str]:
    """The name of the cookie a call sets, as the file writes it."""
    node = next((k.value for k in call.keywords if k.arg in ("key", "name")), None)
    if node is None and call.args and not isinstance(call.args[0], ast.Starred):
        node = call.args[0]
    if node is None:
        return None
    return repr(node.value) if isinstance(node, ast.Constant) else ast.unparse(node)


def ended(node, past_dates: bool) -> bool:
    """A lifetime that has ended: a number <= 0; for expires, a 1970 date too."""
    if isinstance(node, ast.UnaryOp) and isinstance(node.op, ast.USub):
        return isinstance(node.operand, ast.Constant) and isinstance(node.operand.value, (int, float))
    if isinstance(node, ast.Constant) and type(node.value) in (int, float):
        return node.value <= 0
    if not past_dates:
        return False
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        return "1970" in node.value
    if isinstance(node, ast.Call) and node.args:
        callee = last_name(node.func)
        first = node.args[0]
        return (callee == "datetime" and isinstance(first, ast.Constant) and first.value == 1970) or (
            callee == "fromtimestamp" and isinstance(first, ast.Constant) and first.value == 0)
    return False


def deletes(call) -> bool:
    """Whether a cookie call deletes its cookie: an empty value (or none) and a zero or
    past lifetime."""
    keywords = {k.arg: k.value for k in call.keywords if k.arg}
    positional = [a for a in call.args if not isinstance(a, ast.Starred)]
    value = keywords.get("value", positional[1] if len(positional) > 1 else None)
    if value is not None and const_str(value) != "":
        return False
    return any(
        name in keywords and ended(keywords[name], name == "expires")
        for name in ("max_age", "expires", "expires_days")
    )



# --- verdicts --------------------------------------------------------------------------------


@dataclass
class Edit:
    """A change a verdict allows: a literal made True ("falsy"), a default turned over
    ("default"), `secure=True` after a `**dict` ("insert"). `certain` when the oracle
    expects the engine to make it."""

    kind: str
    node: ast.AST  # the literal, the default, the call
    flag: "Flag"
    certain: bool = True
    site: Optional[ast.AST] = None  # where a suppression marker would stop it
    read: Optional[Read] = None  # "default": the environment read
    frames: list = field(default_factory=list)


@dataclass
class Flag:
    """A flag a rule judges: its value (or the `**dict` a call unpacks, with the key), what
    a deployment needs, where its finding is reported, and the rule."""

    value: Optional[ast.AST]
    want: str = "truthy"
    site: Optional[ast.AST] = None
    rule: str = "secure-cookie"
    splat: Optional[ast.Name] = None
    call: Optional[ast.Call] = None
    key: str = "secure"
    # A callee that may be secure by default (Falcon's `secure=None`, a method whose
    # `secure` defaults to True): no fix is expected.
    falcon: bool = False
    # The callee is secure where the call leaves the flag out: a key the dict lacks too.
    absent_is_secure: bool = False


@dataclass
class Verdict:
    kind: str
    # Each group is one finding's edits, any one of which fixes it (the engine picks one
    # default among several that decide; one literal; one insertion).
    groups: list = field(default_factory=list)
    why: str = ""
    # Literals and defaults the value reaches that may not change, and why: a link that
    # other code reads too.
    blocked: list = field(default_factory=list)

    @property
    def edits(self) -> list:
        return [edit for group in self.groups for edit in group]


class Judge:
    def __init__(self, module: Module):
        self.module = module
        self.links = Links(module)

    def judge(self, flag: Flag) -> Verdict:
        return self.judge_in(flag, [], 0, flag.site)

    def evaluate(self, flag: Flag, frames, overrides=None):
        ev = Evaluation(self.module, overrides, frames)
        if flag.splat is not None:
            value = ev.key(flag.splat.id, flag.key, flag.call)
        else:
            value = ev.eval(flag.value)
        return ev, value

    def judge_in(self, flag, frames, depth, site) -> Verdict:
        ev, value = self.evaluate(flag, frames)
        truth = satisfies(value.py, flag.want)
        if truth is True or (value.py is ABSENT and flag.absent_is_secure):
            return Verdict("settled")
        if truth is False:
            return self.insecure(flag, ev, value, frames, site)
        parameter = next((r for r in ev.reads if r.kind == "param"), None)
        if parameter is not None and depth < CALLER_DEPTH:
            return self.callers(flag, parameter, frames, depth, site)
        return Verdict("review", why="unknown")

    def insecure(self, flag, ev, value, frames, site) -> Verdict:
        environment = [r for r in ev.reads if r.kind == "env"]
        edits = []
        blocked = []
        for read in environment:
            literal = read.default_literal
            if literal is None:
                continue
            if not self.links.feeds_only_flags(literal, flag.value, frames):
                blocked.append((literal, "shared-default", "a default other code reads too"))
                continue
            if not names_a_cookie(read.variable):
                blocked.append((literal, "broad-default", f"the default of {read.variable}, "
                                "which names no cookie and may decide more than cookies"))
                continue
            original = literal.value if isinstance(literal, ast.Constant) else None
            # Through a `**dict`, the engine leaves a default for review (see the report).
            certain = flag.splat is None and not self.in_dict_entry(literal) and any(
                self.makes_true(flag, frames, literal, py)
                for py in candidates(original, self.strings_of(flag, ev)))
            edits.append(Edit("default", literal, flag, certain, site, read, list(frames)))
        if environment:
            if edits:
                return Verdict("default", [edits], blocked=blocked)
            return Verdict("review", why="an environment read no default of which can be made true",
                           blocked=blocked)
        if value.origin is not None and isinstance(value.origin, (ast.Constant, ast.JoinedStr)):
            if not self.makes_true(flag, frames, value.origin, True):
                # `False and x`: True there leaves the flag to x, and a second run would
                # find it false again.
                return Verdict("review", why="a literal whose True does not settle the flag",
                               blocked=[(value.origin, "partial-fix",
                                         "True there does not make the flag true")])
            if self.links.feeds_only_flags(value.origin, flag.value, frames):
                certain = not self.in_dict_entry(value.origin)
                edit = Edit("falsy", value.origin, flag, certain, site, None, list(frames))
                return Verdict("falsy", [[edit]])
            return Verdict("review", why="a literal other code reads too",
                           blocked=[(value.origin, "shared-literal", "a literal other code reads too")])
        if value.py is ABSENT and flag.splat is not None:
            scope = self.module.scope_of(flag.call)
            if isinstance(scope, FUNCTIONS) and self.module.binds(scope, flag.splat.id):
                return Verdict("absent", [[Edit("insert", flag.call, flag, True, site)]])
        return Verdict("review", why="false, with nothing to fix")

    def in_dict_entry(self, literal) -> bool:
        """A literal whose link is a dict's entry (`{"secure": v}`, `dict(secure=v)`,
        `d.setdefault("secure", v)`, `d.update(...)`): fixable where the dict feeds only
        cookie calls, but the engine leaves it for review (no fix is expected)."""
        module = self.module
        child, parent = literal, module.parent(literal)
        while parent is not None and not isinstance(parent, ast.stmt):
            if isinstance(parent, ast.Dict) and any(v is child for v in parent.values):
                return True
            if isinstance(parent, ast.keyword) and last_name(module.parent(parent).func) in (
                    "dict", "update"):
                return True
            if isinstance(parent, ast.Call) and child in parent.args and last_name(parent.func) in (
                    "setdefault", "update"):
                return True
            child, parent = parent, module.parent(parent)
        return False

    def strings_of(self, flag, ev) -> list:
        found = []
        roots = [flag.value] if flag.value is not None else []
        roots += [r.node for r in ev.reads if r.kind in ("binding", "env")]
        for root in roots:
            for node in ast.walk(root):
                text = const_str(node)
                if text and len(text) <= 12 and text not in found:
                    found.append(text)
        return found

    def makes_true(self, flag, frames, literal, py) -> bool:
        _, value = self.evaluate(flag, frames, {id(literal): py})
        return satisfies(value.py, flag.want) is True

    def callers(self, flag, read: Read, frames, depth, site) -> Verdict:
        module = self.module
        function = read.function
        if isinstance(function, ast.Lambda):
            return Verdict("review", why="a lambda's parameter")
        if function.decorator_list:
            return Verdict("review", why="a decorated function's parameter")
        method = isinstance(module.scope_of(function), ast.ClassDef)
        calls, passed = self.calls_of(function.name, method)
        if passed:
            return Verdict("review", why="a function passed around")
        if not calls:
            frame = Frame(function, bind_defaults(function))
            verdict = self.judge_in(flag, frames + [frame], depth + 1, site)
            required = parameter_default(function, read.node) is None
            if verdict.kind == "review" and required:
                return Verdict("review", why="a parameter no call of the module passes")
            return verdict
        groups, sites, blocked = [], set(), []
        for call in calls:
            arguments = bind(call, function, method, len(frames))
            if arguments is None:
                continue
            given = arguments.get(read.name, ("missing",))[0] == "given"
            at = call if given else read.node
            if id(at) in sites:
                continue
            sites.add(id(at))
            verdict = self.judge_in(flag, frames + [Frame(function, arguments)], depth + 1, at)
            groups += verdict.groups
            blocked += verdict.blocked
        return Verdict("callers", groups, blocked=blocked)

    def calls_of(self, name, method):
        calls, passed = [], False
        for node in ast.walk(self.module.tree):
            if method and isinstance(node, ast.Attribute) and node.attr == name:
                parent = self.module.parent(node)
                if isinstance(parent, ast.Call) and parent.func is node:
                    calls.append(parent)
                else:
                    passed = True
            elif not method and isinstance(node, ast.Name) and node.id == name:
                parent = self.module.parent(node)
                if isinstance(parent, ast.Call) and parent.func is node:
                    calls.append(parent)
                elif isinstance(node.ctx, ast.Load):
                    passed = True
        return calls, passed


def names_a_cookie(variable) -> bool:
    """A variable whose name says it is about cookies or the session
    (`SESSION_COOKIE_SECURE`, `COOKIES_SECURE`, `CSRF_SECURE`): a secure default changes
    nothing else. One that does not (`FORCE_HTTPS`, `APP_SSL`) may decide more where the
    module does not show it (a shell script, a proxy's configuration): its default stays."""
    upper = (variable or "").upper()
    return any(word in upper for word in ("COOKIE", "SESSION", "CSRF"))


def candidates(original, strings) -> list:
    """Values a default may take to make the expression true (the oracle expects a fix
    where one of them does)."""
    found = []
    if isinstance(original, str) or original is None:
        turned = turned_over(original) if original is not None else None
        if turned is not None:
            found.append(turned)
        found += list(strings) + ["true", "True", "1", "yes", "on"]
    if not isinstance(original, str):
        found += [True, 1]
    return found


def turned_over(text: str) -> Optional[str]:
    """A spelling of false turned into the same spelling of true, in its case."""
    turned = TURNED.get(text.lower())
    if turned is None:
        return None
    if len(text) > 1 and text == text.upper():
        return turned.upper()
    if text[:1].isupper():
        return turned[:1].upper() + turned[1:]
    return turned


# --- running it: a flag's expression, closed over what it reads, under stand-ins ---------------
#
# The chain a flag follows (names, dict keys, parameters, the module's functions) is
# written out as one Python expression; the deployment's facts become their values, and
# each environment read a call of a stand-in of its library, as its source behaves
# (django-environ 0.12 Env.get_value and parse_value, python-decouple 3.8 Config.get and
# _cast_boolean, environs 14 `return default`, os.environ). Python then evaluates it.

NOTSET = _Sentinel("NOTSET")


class Closer:
    def __init__(self, module: Module, overrides=None, frames=None):
        self.module = module
        self.overrides = overrides or {}  # id(node) -> replacement source text
        self.frames = list(frames or [])
        self.depth = 0

    def text(self, node) -> str:
        if self.depth > FOLLOW_DEPTH:
            raise Inconclusive("followed too far")
        self.depth += 1
        try:
            return self.text_inner(node)
        finally:
            self.depth -= 1

    def text_inner(self, node) -> str:
        if id(node) in self.overrides:
            return f"({self.overrides[id(node)]})"
        if isinstance(node, ast.Constant):
            return f"({node.value!r})"
        if isinstance(node, ast.JoinedStr) and not node.values:
            return "('')"
        if isinstance(node, (ast.Tuple, ast.List, ast.Set)):
            return "(" + "".join(self.text(e) + ", " for e in node.elts) + ")"
        if isinstance(node, ast.UnaryOp) and isinstance(node.op, ast.Not):
            return f"(not {self.text(node.operand)})"
        if isinstance(node, ast.BoolOp):
            operator = " or " if isinstance(node.op, ast.Or) else " and "
            return "(" + operator.join(self.text(v) for v in node.values) + ")"
        if isinstance(node, ast.IfExp):
            return f"({self.text(node.body)} if {self.text(node.test)} else {self.text(node.orelse)})"
        if isinstance(node, ast.Compare):
            operators = {ast.Eq: "==", ast.NotEq: "!=", ast.In: "in", ast.NotIn: "not in",
                         ast.Is: "is", ast.IsNot: "is not"}
            parts = [self.text(node.left)]
            for op, comparator in zip(node.ops, node.comparators):
                if type(op) not in operators:
                    raise Inconclusive("an ordering")
                parts += [operators[type(op)], self.text(comparator)]
            return "(" + " ".join(parts) + ")"
        row = deployment_row(self.module, node)
        if row is not None:
            return f"({row[1]!r})"
        if isinstance(node, ast.Name):
            return self.name(node)
        if isinstance(node, ast.Attribute):
            if isinstance(node.value, ast.Name) and node.value.id in ("self", "cls"):
                cls = self.module.enclosing_class(node)
                if cls is not None and self.module.binds(cls, node.attr):
                    return self.sym(Flow(self.module, node.attr).at(cls, None))
            raise Inconclusive(ast.unparse(node))
        if isinstance(node, ast.Subscript):
            key = const_str(node.slice)
            if isinstance(node.value, ast.Name) and key is not None:
                return self.key(node.value.id, key, node)
            raise Inconclusive(ast.unparse(node))
        if isinstance(node, ast.Call):
            return self.call(node)
        raise Inconclusive(ast.unparse(node))

    def name(self, node) -> str:
        module, name = self.module, node.id
        scope, read = module.scope_of(node), node
        while True:
            if isinstance(scope, ast.Module):
                return self.sym(Flow(module, name).at(scope, read))
            if isinstance(scope, FUNCTIONS + (ast.Lambda,)):
                if not module.declares_outer(scope, name) and module.binds(scope, name):
                    return self.sym(Flow(module, name).at(scope, read))
            elif isinstance(scope, ast.ClassDef) and read is node and module.binds(scope, name):
                return self.sym(Flow(module, name).at(scope, read))
            read, scope = None, module.scope_of(scope)

    def key(self, name, key, at) -> str:
        module = self.module
        scope, read = module.scope_of(at), at
        while not (isinstance(scope, ast.Module) or module.binds(scope, name)):
            read, scope = None, module.scope_of(scope)
        return self.sym(Flow(module, name, key).at(scope, read))

    def sym(self, sym) -> str:
        if sym[0] == "expr":
            return self.text(sym[1])
        if sym[0] == "if":
            return f"({self.sym(sym[2])} if {self.text(sym[1])} else {self.sym(sym[3])})"
        if sym[0] == "param":
            return self.parameter(sym[1], sym[2])
        raise Inconclusive(f"a name that is {sym[0]}")

    def parameter(self, parameter, function) -> str:
        for depth in range(len(self.frames) - 1, -1, -1):
            frame = self.frames[depth]
            if frame.function is not function:
                continue
            bound = frame.arguments.get(parameter.arg, ("missing",))
            if bound[0] == "missing":
                raise Inconclusive("a parameter the call does not pass")
            saved = self.frames
            self.frames = saved[: bound[2]] if bound[0] == "given" else saved[:depth]
            try:
                return self.text(bound[1])
            finally:
                self.frames = saved
        raise Inconclusive("a parameter")

    def call(self, node) -> str:
        module, func = self.module, node.func
        read = env_read(module, node)
        if read is not None:
            default = "__NOTSET" if read.default is None else self.text(read.default)
            return (f"__env({read.reader!r}, {self.text(read.variable)}, {default}, "
                    f"{read.cast!r})")
        if isinstance(func, ast.Name):
            if func.id == "getattr" and len(node.args) == 3 and not node.keywords:
                if module.path_of(node.args[0]) != "django.conf.settings":
                    return self.text(node.args[2])  # a configuration module without it
            if func.id in PARSES and len(node.args) == 1 and not node.keywords and (
                    func.id in ("bool", "str", "int") or module.definition(node, func.id) is None):
                return f"__{func.id}({self.text(node.args[0])})"
            definition = module.definition(node, func.id)
            if definition is not None:
                return self.returned(node, definition, False)
            raise Inconclusive(ast.unparse(node))
        if isinstance(func, ast.Attribute):
            if isinstance(func.value, ast.Name) and func.value.id in ("self", "cls"):
                cls = module.enclosing_class(node)
                definition = last_definition(module.own_statements(cls), func.attr) if cls else None
                if definition is not None:
                    return self.returned(node, definition, True)
            parse = {"json.loads": "json", "ast.literal_eval": "literal_eval",
                     "distutils.util.strtobool": "strtobool", "decouple.strtobool": "strtobool",
                     "pyramid.settings.asbool": "asbool"}.get(module.path_of(func))
            if parse is not None and len(node.args) == 1 and not node.keywords:
                return f"__{parse}({self.text(node.args[0])})"
            if func.attr in STR_METHODS and not node.keywords:
                arguments = ", ".join(self.text(a) for a in node.args)
                return f"{self.text(func.value)}.{func.attr}({arguments})"
        raise Inconclusive(ast.unparse(node))

    def returned(self, call, function, skip_self) -> str:
        if any(frame.function is function for frame in self.frames):
            raise Inconclusive("recursion")
        arguments = bind(call, function, skip_self, len(self.frames))
        if arguments is None:
            raise Inconclusive("arguments that cannot be bound")
        self.frames.append(Frame(function, arguments))
        try:
            return self.sym(returned(self.module, function))
        finally:
            self.frames.pop()


def environment_stand_in(environ: dict):
    """`__env(reader, variable, default, cast)`: the read as its library makes it."""

    def read(reader, variable, default, cast):
        if reader in ("stdlib", "config"):
            return environ.get(variable, None if default is NOTSET else default)
        if reader == "django-environ":
            return django_environ_get_value(environ, variable, cast, default)
        if reader == "environs":
            if variable in environ:
                return environs_parse(environ[variable], cast)
            if default is NOTSET:
                raise LookupError(variable)
            return default
        if reader == "decouple":
            if variable in environ:
                value = environ[variable]
            elif default is NOTSET:
                raise LookupError(variable)
            else:
                value = default
            if cast == "bool":
                return decouple_cast_boolean(value)
            if cast in ("str", "int"):
                return {"str": str, "int": int}[cast](value)
            if cast is None:
                return value
            raise LookupError(cast)
        raise LookupError(reader)

    return read


def django_environ_get_value(environ, variable, cast, default):
    """django-environ 0.12 Env.get_value (no prefix, no proxy, smart_cast on)."""
    casts = {"bool": bool, "str": str, "int": int, "json": json.loads, None: None}
    if cast not in casts:
        raise LookupError(cast)
    cast = casts[cast]
    if variable in environ:
        value = environ[variable]
    elif default is NOTSET:
        raise LookupError(variable)
    else:
        value = default
    if cast is None and default is not None and default is not NOTSET:
        cast = type(default)
    value = None if default is None and value == "" else value
    if value != default:
        value = django_environ_parse_value(value, cast)
    return value


def django_environ_parse_value(value, cast):
    if cast is None:
        return value
    if cast is bool:
        try:
            return int(value) != 0
        except ValueError:
            return value.lower().strip() in ("true", "on", "ok", "y", "yes", "1")
    return cast(value)


def environs_parse(value, cast):
    """environs parses a variable that is set through marshmallow's fields."""
    if cast == "bool":
        truthy = {"t", "true", "on", "y", "yes", "1"}
        falsy = {"f", "false", "off", "n", "no", "0"}
        if value.lower() in truthy:
            return True
        if value.lower() in falsy:
            return False
        raise ValueError(value)
    if cast == "int":
        return int(value)
    return value


def run_closed(text: str, environ: dict):
    """The closed expression's value under the stand-ins, or the exception it raises."""
    namespace = {
        "__builtins__": {},
        "__env": environment_stand_in(environ),
        "__NOTSET": NOTSET,
        "__bool": bool, "__str": str, "__int": int,
        "__strtobool": strtobool_of, "__asbool": asbool,
        "__json": json.loads, "__literal_eval": ast.literal_eval,
    }
    try:
        return eval(compile(text, "<flag>", "eval"), namespace)  # noqa: S307 - our own text
    except Exception as error:  # noqa: BLE001 - what the deployment would raise
        return error


def closed_text(module: Module, flag: Flag, frames, overrides=None) -> str:
    closer = Closer(module, overrides, frames)
    if flag.splat is not None:
        return closer.key(flag.splat.id, flag.key, flag.call)
    return closer.text(flag.value)


def runs_true(value, want) -> bool:
    if isinstance(value, Exception):
        return False
    return value is True if want == "is_true" else bool(value)
