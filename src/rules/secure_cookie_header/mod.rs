//! `secure-cookie-header`: a `Set-Cookie` header written by hand without the Secure
//! attribute.
//!
//! Every `Set-Cookie` literal of a file is looked up where its needles are; where it
//! stands tells the shape ([`Shape`]): a dict entry, a `(name, value)` pair, an item
//! assignment, a header method's first argument. Whether that shape is a server's header is told by
//! its scope ([`ScopeFacts`]): where the dict or list goes, and which names hold an
//! HTTP client's objects or a mock of a server, which are left alone. The value is
//! read by [`value`].

mod value;

use std::collections::HashMap;

use tree_sitter::Node;

use super::{Checked, Context, Counts, Rule};
use crate::bindings::{self, Bindings};
use crate::diagnostic::{Detection, Verdict};
use crate::literal;
use crate::parse;
use crate::scope;
use value::Reading;

pub static RULE: Rule = Rule {
    id: "secure-cookie-header",
    name: "SecureCookieHeader",
    summary: "Set-Cookie header written without the Secure attribute",
    description: "A Set-Cookie header written by hand without the Secure attribute lets \
                  the browser send the cookie over plain HTTP, where anyone on the network \
                  path can read it and take over the session (CWE-614, Sonar rule S2092).",
    help: "End the header's value with `; Secure`. `cookie-fix --write` appends it to \
           the string literal.",
    help_markdown: "End the header's value with `; Secure`. `cookie-fix --write` appends \
                    it to the string literal.",
    fix_title: "Append the Secure attribute to the header",
    cwe: 614,
    security_severity: "5.3",
    docs: include_str!("docs.md"),
    default: true,
    needles: NEEDLES,
    may_match: is_header_name,
    counts: |_| Counts::OutsideLongStrings,
    query: None,
    read_for_project: |_| false,
    check,
};

/// The header's name after `Set`, in the three casings code writes it in; the finer
/// test reads `set` before it in any case.
pub const NEEDLES: &[&str] = &["-cookie", "-Cookie", "-COOKIE"];

/// What the findings are about.
const SUBJECT: &str = "Set-Cookie";

/// The attribute a header must carry: `secure-cookie-header` reads `Secure`;
/// `httponly-cookie` and `samesite-cookie` read theirs through [`check_attribute`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum HeaderAttribute {
    Secure,
    /// A CSRF token cookie, which page scripts read by design, is left for review.
    HttpOnly,
    /// Any `SameSite=...` counts as a policy; a fix appends `SameSite=Lax`.
    SameSite,
}

impl HeaderAttribute {
    fn name(self) -> &'static str {
        match self {
            HeaderAttribute::Secure => "Secure",
            HeaderAttribute::HttpOnly => "HttpOnly",
            HeaderAttribute::SameSite => "SameSite",
        }
    }

    fn appended(self) -> &'static str {
        match self {
            HeaderAttribute::SameSite => "SameSite=Lax",
            other => other.name(),
        }
    }
}

/// Header methods whose first argument names the header and second gives its value:
/// on a receiver named like headers (`response.headers.add`, werkzeug's and
/// Starlette's `Headers`, aiohttp's `CIMultiDict`), or on any receiver (Tornado's
/// `RequestHandler`, `wsgiref.headers.Headers`, `http.server`'s handler).
const HEADERS_METHODS: &[&str] = &["add", "append", "set", "setdefault"];
const HEADER_METHODS: &[&str] = &["add_header", "set_header", "send_header"];

/// Packages whose objects are an HTTP client's, or a test double of a server: a
/// `Set-Cookie` there is what a client receives, and its tests read it back.
const CLIENT_MODULES: &[&str] = &[
    "httpx",
    "requests",
    "urllib3",
    "urllib",
    "http.client",
    "responses",
    "respx",
    "aioresponses",
    "requests_mock",
    "pytest_httpserver",
    "pytest_httpx",
    "unittest.mock",
    "mock",
    "aiohttp",
    "tornado.httpclient",
    "tornado.simple_httpclient",
    "tornado.curl_httpclient",
];
/// Inside a client package, its server side.
const SERVER_MODULES: &[&str] = &["aiohttp.web"];
/// What a client's cookie jar is named, and the method that fills one.
const JAR: &str = "jar";
const JAR_METHOD: &str = "update_cookies";
/// The pytest fixtures of those packages, which a test takes as parameters.
const CLIENT_FIXTURES: &[&str] = &["httpserver", "requests_mock", "respx_mock", "httpx_mock"];

/// A needle counts where it ends a quoted `Set-Cookie` (any case): `"set-cookie"`,
/// `b'Set-Cookie'`, never `X-Set-Cookie-Name` or `csrf-cookie`.
pub fn is_header_name(bytes: &[u8], at: usize, needle: &str) -> bool {
    let end = at + needle.len();
    let (Some(quote), Some(set)) = (
        at.checked_sub(4).and_then(|start| bytes.get(start)),
        at.checked_sub(3).and_then(|start| bytes.get(start..at)),
    ) else {
        return false;
    };
    matches!(quote, b'"' | b'\'')
        && set.eq_ignore_ascii_case(b"set")
        && bytes.get(end) == Some(quote)
}

/// Where a `Set-Cookie` literal stands, when that may be a header a server sends.
#[derive(Clone, Copy)]
enum Shape<'t> {
    /// `{"Set-Cookie": value}`: the dict and the entry.
    Entry { dict: Node<'t>, entry: Node<'t> },
    /// `("Set-Cookie", value)` in a list or tuple of headers, or appended to a list.
    Pair {
        pair: Node<'t>,
        place: PairPlace<'t>,
    },
    /// `X["Set-Cookie"] = value`.
    Item {
        assignment: Node<'t>,
        receiver: Node<'t>,
    },
    /// `X.add("Set-Cookie", value)`: the call, its receiver, its method.
    Method {
        call: Node<'t>,
        receiver: Node<'t>,
        method: &'t str,
    },
}

#[derive(Clone, Copy)]
enum PairPlace<'t> {
    /// An element of this list or tuple literal.
    In(Node<'t>),
    /// The argument of `NAME.append(...)`.
    AppendedTo(&'t str),
}

/// Where a literal of headers (a dict or list), or a name holding one, is used.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Use<'t> {
    /// `headers=` of this call.
    HeadersArgument(Node<'t>),
    /// The second argument of `start_response(status, headers)` (WSGI).
    StartResponse,
    /// The `"headers"` of an ASGI `{"type": "http.response.start", ...}` message.
    AsgiMessage,
    /// Bound to this name: `headers = [...]`.
    Name(&'t str),
}

fn check(context: &Context) -> Checked {
    check_attribute(context, HeaderAttribute::Secure)
}

/// The `Set-Cookie` headers of a file that do not carry `attribute`.
pub fn check_attribute(context: &Context, attribute: HeaderAttribute) -> Checked {
    let source = context.source;
    let names = header_names(context);
    let import_statements = bindings::import_statements(context.tree, source);
    let shapes: Vec<(Shape, Node)> = names
        .iter()
        .filter_map(|&name| shape_of(name, source).map(|shape| (shape, name)))
        .collect();
    if shapes.is_empty() {
        return Ok(Vec::new());
    }
    let bindings = Bindings::of(import_statements, source);
    // Where a name holding headers goes, and which names hold a client's objects, lie
    // anywhere in the scope. Without a client package imported or a fixture of one
    // named, no name can hold one: a shape that is a literal where it is used (the
    // window holds its whole statement) is told without the rest of its scope.
    let told_by_scope = may_hold_clients(&bindings, source)
        || shapes
            .iter()
            .any(|(shape, _)| follows_a_name(*shape, source));
    if told_by_scope {
        context.needs_scopes_of(shapes.iter().map(|(_, name)| *name))?;
    }
    let mut scopes: HashMap<usize, ScopeFacts> = HashMap::new();
    let mut detections = Vec::new();
    for (shape, name) in shapes {
        let scope = scope::scope_of(name);
        let facts = scopes
            .entry(scope.id())
            .or_insert_with(|| match told_by_scope {
                true => ScopeFacts::of(scope, source, &bindings),
                false => ScopeFacts::default(),
            });
        let Some(sink) = sink_of(shape, facts, &bindings, source) else {
            continue;
        };
        detections.extend(detection(context, sink, attribute));
    }
    detections.sort_by_key(|d| (d.range.start, d.range.end));
    Ok(detections)
}

/// The `Set-Cookie` literals of the tree: the string nodes around its needles whose
/// text is the name, in any case, `str` or `bytes`, raw or not (never an f-string or a
/// triple-quoted one, which no one names a header with).
fn header_names<'t>(context: &Context<'t>) -> Vec<Node<'t>> {
    let (source, root) = (context.source, context.tree.root_node());
    let mut names: Vec<Node> = Vec::new();
    for needle in NEEDLES {
        for at in parse::occurrences(context.tree, source, needle) {
            if !is_header_name(source, at, needle) {
                continue;
            }
            let string = root
                .descendant_for_byte_range(at, at + needle.len())
                .and_then(|content| content.parent())
                .filter(|string| string.kind() == "string");
            names.extend(string.filter(|string| is_header_literal(*string, source)));
        }
    }
    names.sort_by_key(|node| node.start_byte());
    names.dedup_by_key(|node| node.id());
    names
}

/// Whether a string literal's whole text is a `Set-Cookie` header's name.
fn is_header_literal(string: Node, source: &[u8]) -> bool {
    let text = &source[string.byte_range()];
    let prefix = text.iter().take_while(|b| b.is_ascii_alphabetic()).count();
    let (prefix, quoted) = text.split_at(prefix);
    let name = SUBJECT.as_bytes();
    prefix.len() <= 2
        && prefix
            .iter()
            .all(|b| matches!(b.to_ascii_lowercase(), b'r' | b'b' | b'u'))
        && quoted.len() == name.len() + 2
        && matches!(quoted[0], b'"' | b'\'')
        && quoted[quoted.len() - 1] == quoted[0]
        && quoted[1..quoted.len() - 1].eq_ignore_ascii_case(name)
}

/// The shape a `Set-Cookie` literal stands in, read from its parents; none where it is
/// read (`.get("Set-Cookie")`, `"set-cookie" in headers`, a comparison).
fn shape_of<'t>(name: Node<'t>, source: &'t [u8]) -> Option<Shape<'t>> {
    let parent = name.parent()?;
    match parent.kind() {
        "pair" if parent.child_by_field_name("key") == Some(name) => {
            let dict = parent.parent().filter(|d| d.kind() == "dictionary")?;
            Some(Shape::Entry {
                dict,
                entry: parent,
            })
        }
        "tuple" => {
            let elements = parse::code_children(parent);
            if elements.len() != 2 || elements[0] != name {
                return None;
            }
            let outer = outermost(parent);
            let container = outer.parent()?;
            let place = match container.kind() {
                "list" | "tuple" => PairPlace::In(container),
                "argument_list" => PairPlace::AppendedTo(appended_to(container, source)?),
                _ => return None,
            };
            Some(Shape::Pair {
                pair: parent,
                place,
            })
        }
        "subscript" if parent.child_by_field_name("subscript") == Some(name) => {
            let assignment = parent.parent().filter(|a| a.kind() == "assignment")?;
            if assignment.child_by_field_name("left") != Some(parent) {
                return None;
            }
            // `a = b["Set-Cookie"] = v` assigns the item too; a type annotation does not.
            assignment.child_by_field_name("right")?;
            Some(Shape::Item {
                assignment,
                receiver: parent.child_by_field_name("value")?,
            })
        }
        "argument_list" if parse::first_code_child(parent) == Some(name) => {
            let call = parent.parent().filter(|c| c.kind() == "call")?;
            let function = call.child_by_field_name("function")?;
            if function.kind() != "attribute" {
                return None;
            }
            let method = function
                .child_by_field_name("attribute")?
                .utf8_text(source)
                .ok()?;
            let receiver = function.child_by_field_name("object")?;
            let named_headers = bindings::last_name(receiver, source)
                .is_some_and(|last| last.to_ascii_lowercase().ends_with("headers"));
            let known = HEADER_METHODS.contains(&method)
                || (HEADERS_METHODS.contains(&method) && named_headers);
            known.then_some(Shape::Method {
                call,
                receiver,
                method,
            })
        }
        _ => None,
    }
}

/// Whether a file's imports bring a client package, or its bytes name a client fixture
/// or a cookie jar: whether any name may hold a client's object.
fn may_hold_clients(bindings: &Bindings, source: &[u8]) -> bool {
    let name_byte = |b: Option<&u8>| b.is_some_and(|&b| b.is_ascii_alphanumeric() || b == b'_');
    // A parameter is never an attribute: `tornado.httpserver` names no fixture.
    let is_a_name = |at: usize, len: usize| {
        let before = at.checked_sub(1).and_then(|b| source.get(b));
        !name_byte(before) && before != Some(&b'.') && !name_byte(source.get(at + len))
    };
    let names_a_jar = memchr::memmem::find(source, JAR_METHOD.as_bytes()).is_some()
        || source
            .windows(JAR.len())
            .any(|word| word.eq_ignore_ascii_case(JAR.as_bytes()));
    names_a_jar
        || bindings.paths().any(is_client_path)
        || CLIENT_FIXTURES.iter().any(|fixture| {
            memchr::memmem::find_iter(source, fixture.as_bytes())
                .any(|at| is_a_name(at, fixture.len()))
        })
}

/// The names a call hands to a client's cookie jar: its plain arguments, when its
/// method's name holds `update_cookies` or its receiver's holds `jar`.
pub fn handed_to_a_jar<'t>(call: Node, source: &'t [u8]) -> Vec<&'t str> {
    let Some(function) = call.child_by_field_name("function") else {
        return Vec::new();
    };
    let method = bindings::last_name(function, source).unwrap_or_default();
    let receiver = function
        .child_by_field_name("object")
        .and_then(|receiver| bindings::last_name(receiver, source))
        .unwrap_or_default();
    let to_a_jar = (function.kind() == "identifier" || function.kind() == "attribute")
        && (method.contains(JAR_METHOD) || receiver.to_ascii_lowercase().contains(JAR));
    let arguments = call.child_by_field_name("arguments");
    match (to_a_jar, arguments) {
        (true, Some(arguments)) => parse::code_children(arguments)
            .into_iter()
            .filter(|argument| argument.kind() == "identifier")
            .filter_map(|argument| argument.utf8_text(source).ok())
            .collect(),
        _ => Vec::new(),
    }
}

/// Whether a path lies in a client package, not in its server side.
fn is_client_path(path: &str) -> bool {
    CLIENT_MODULES
        .iter()
        .any(|m| bindings::path_within(path, m))
        && !SERVER_MODULES
            .iter()
            .any(|m| bindings::path_within(path, m))
}

/// Whether a shape is told by where a name is used: a dict or list bound to a name, or
/// a pair appended to one.
fn follows_a_name(shape: Shape, source: &[u8]) -> bool {
    let literal = match shape {
        Shape::Entry { dict, .. } => dict,
        Shape::Pair {
            place: PairPlace::In(list),
            ..
        } => list,
        Shape::Pair {
            place: PairPlace::AppendedTo(_),
            ..
        } => return true,
        Shape::Item { .. } | Shape::Method { .. } => return false,
    };
    matches!(use_of(literal, source), Some(Use::Name(_)))
}

/// The name whose `append` a call is, given its argument list holding one argument.
fn appended_to<'t>(arguments: Node<'t>, source: &'t [u8]) -> Option<&'t str> {
    if parse::code_children(arguments).len() != 1 {
        return None;
    }
    let function = arguments.parent()?.child_by_field_name("function")?;
    let method = function.child_by_field_name("attribute")?;
    let object = function.child_by_field_name("object")?;
    (function.kind() == "attribute"
        && method.utf8_text(source).ok()? == "append"
        && object.kind() == "identifier")
        .then(|| object.utf8_text(source).ok())
        .flatten()
}

/// The expression a node is, with the parentheses around it.
fn outermost(mut node: Node) -> Node {
    while let Some(parent) = node
        .parent()
        .filter(|p| p.kind() == "parenthesized_expression")
    {
        node = parent;
    }
    node
}

/// Where an expression (a literal of headers, or a name) is used, if it is one of the
/// places [`Use`] knows.
fn use_of<'t>(expression: Node<'t>, source: &'t [u8]) -> Option<Use<'t>> {
    let outer = outermost(expression);
    let parent = outer.parent()?;
    match parent.kind() {
        "keyword_argument" if parent.child_by_field_name("value") == Some(outer) => {
            let name = parent.child_by_field_name("name")?.utf8_text(source).ok()?;
            let call = parent.parent()?.parent().filter(|c| c.kind() == "call")?;
            (name == "headers").then_some(Use::HeadersArgument(call))
        }
        "argument_list" => {
            let arguments = parse::code_children(parent);
            let second =
                arguments.get(1).copied() == Some(outer) && arguments[0].kind() != "list_splat";
            let call = parent.parent()?;
            let callee = call.child_by_field_name("function")?;
            let start_response = bindings::last_name(callee, source) == Some("start_response");
            (second && start_response).then_some(Use::StartResponse)
        }
        "pair" if parent.child_by_field_name("value") == Some(outer) => {
            let key = parent.child_by_field_name("key")?;
            let message = parent.parent()?;
            (literal::plain_string(key, source) == Some("headers")
                && is_response_start(message, source))
            .then_some(Use::AsgiMessage)
        }
        "assignment" if parent.child_by_field_name("right") == Some(outer) => {
            let left = parent.child_by_field_name("left")?;
            (left.kind() == "identifier")
                .then(|| left.utf8_text(source).ok().map(Use::Name))
                .flatten()
        }
        _ => None,
    }
}

/// Whether a dict literal is an ASGI `http.response.start` message.
fn is_response_start(dict: Node, source: &[u8]) -> bool {
    dict.kind() == "dictionary"
        && parse::code_children(dict).into_iter().any(|pair| {
            pair.kind() == "pair"
                && pair
                    .child_by_field_name("key")
                    .and_then(|key| literal::plain_string(key, source))
                    == Some("type")
                && pair
                    .child_by_field_name("value")
                    .and_then(|value| literal::plain_string(value, source))
                    == Some("http.response.start")
        })
}

/// What one scope tells about the names in it.
#[derive(Default)]
struct ScopeFacts<'t> {
    /// Where each name is used as headers.
    uses: Vec<(&'t str, Use<'t>)>,
    /// Names that hold a client's object or a mock: assigned from such a call, bound by
    /// `with ... as`, a pytest fixture of those packages, or handed to a client's cookie
    /// jar (`client.update_cookies(headers)`, `jar.update(headers)`).
    client_bound: Vec<&'t str>,
}

impl<'t> ScopeFacts<'t> {
    fn of(scope: Node<'t>, source: &'t [u8], bindings: &Bindings) -> Self {
        let mut facts = ScopeFacts::default();
        if scope.kind() == "function_definition" {
            facts.client_bound.extend(
                scope::parameter_names(scope, source)
                    .into_iter()
                    .filter(|name| CLIENT_FIXTURES.contains(name)),
            );
        }
        let nodes = scope::nodes_of(scope);
        for &call in nodes.iter().filter(|node| node.kind() == "call") {
            facts.client_bound.extend(handed_to_a_jar(call, source));
        }
        for node in nodes {
            match node.kind() {
                "identifier" => {
                    if let (Some(used), Ok(name)) = (use_of(node, source), node.utf8_text(source)) {
                        if !matches!(used, Use::Name(_)) {
                            facts.uses.push((name, used));
                        }
                    }
                }
                "assignment" => {
                    let (Some(left), Some(right)) = (
                        node.child_by_field_name("left"),
                        node.child_by_field_name("right"),
                    ) else {
                        continue;
                    };
                    facts.bind_if_client(left, right, source, bindings);
                }
                "as_pattern" => {
                    let value = parse::first_code_child(node);
                    let alias = node
                        .child_by_field_name("alias")
                        .and_then(parse::first_code_child);
                    if let (Some(value), Some(alias)) = (value, alias) {
                        facts.bind_if_client(alias, value, source, bindings);
                    }
                }
                _ => {}
            }
        }
        facts
    }

    fn bind_if_client(
        &mut self,
        name: Node,
        value: Node<'t>,
        source: &'t [u8],
        bindings: &Bindings,
    ) {
        let value = literal::unparenthesize(value);
        let value = match value.kind() {
            "await" => parse::first_code_child(value).unwrap_or(value),
            _ => value,
        };
        if name.kind() == "identifier"
            && value.kind() == "call"
            && self.is_client_call(value, source, bindings)
        {
            if let Ok(name) = name.utf8_text(source) {
                self.client_bound.push(name);
            }
        }
    }

    /// Whether a call makes or configures a client's object or a mock.
    fn is_client_call(&self, call: Node, source: &[u8], bindings: &Bindings) -> bool {
        call.child_by_field_name("function")
            .is_some_and(|callee| self.is_client(callee, source, bindings))
    }

    /// Whether an expression is a client's: its path through the imports lies in a
    /// client package, or its root name holds a client's object.
    fn is_client(&self, expression: Node, source: &[u8], bindings: &Bindings) -> bool {
        if let Some(path) = bindings.path_of(expression, source) {
            let client = CLIENT_MODULES
                .iter()
                .any(|m| bindings::path_within(&path, m));
            let server = SERVER_MODULES
                .iter()
                .any(|m| bindings::path_within(&path, m));
            if client && !server {
                return true;
            }
        }
        bindings::chain(expression, source)
            .is_some_and(|(root, _)| self.client_bound.contains(&root))
    }

    /// Whether a name is used where a server's headers go.
    fn used_as_headers(&self, name: &str, lists: bool, source: &[u8], bindings: &Bindings) -> bool {
        self.uses.iter().any(|&(used, place)| {
            used == name
                && match place {
                    Use::HeadersArgument(call) => !self.is_client_call(call, source, bindings),
                    Use::StartResponse | Use::AsgiMessage => lists,
                    Use::Name(_) => false,
                }
        })
    }
}

/// A header a server sends: where it is reported, its value, and what else its call
/// is given.
struct Sink<'t> {
    site: Node<'t>,
    value: Option<Node<'t>>,
    /// `add("Set-Cookie", value, more)`: the method given more than a value.
    more_arguments: Option<&'t str>,
}

/// The sink a shape is, unless its scope says it is not a server's header.
fn sink_of<'t>(
    shape: Shape<'t>,
    facts: &ScopeFacts,
    bindings: &Bindings,
    source: &'t [u8],
) -> Option<Sink<'t>> {
    match shape {
        Shape::Entry { dict, entry } => {
            let sends = match use_of(dict, source)? {
                Use::HeadersArgument(call) => !facts.is_client_call(call, source, bindings),
                Use::Name(name) => facts.used_as_headers(name, false, source, bindings),
                Use::StartResponse | Use::AsgiMessage => false,
            };
            sends.then(|| Sink {
                site: entry,
                value: entry.child_by_field_name("value"),
                more_arguments: None,
            })
        }
        Shape::Pair { pair, place } => {
            let sends = match place {
                PairPlace::In(list) => match use_of(list, source)? {
                    Use::HeadersArgument(call) => !facts.is_client_call(call, source, bindings),
                    Use::StartResponse | Use::AsgiMessage => true,
                    Use::Name(name) => facts.used_as_headers(name, true, source, bindings),
                },
                PairPlace::AppendedTo(name) => facts.used_as_headers(name, true, source, bindings),
            };
            sends.then(|| Sink {
                site: pair,
                value: parse::code_children(pair).get(1).copied(),
                more_arguments: None,
            })
        }
        Shape::Item {
            assignment,
            receiver,
        } => (!facts.is_client(receiver, source, bindings)).then(|| Sink {
            site: assignment,
            value: assignment.child_by_field_name("right"),
            more_arguments: None,
        }),
        Shape::Method {
            call,
            receiver,
            method,
        } => {
            if facts.is_client(receiver, source, bindings) {
                return None;
            }
            let arguments = parse::code_children(call.child_by_field_name("arguments")?);
            let value = arguments.get(1).copied().filter(|v| {
                !matches!(
                    v.kind(),
                    "keyword_argument" | "list_splat" | "dictionary_splat"
                )
            })?;
            Some(Sink {
                site: call,
                value: Some(value),
                more_arguments: (arguments.len() > 2).then_some(method),
            })
        }
    }
}

fn detection(context: &Context, sink: Sink, attribute: HeaderAttribute) -> Option<Detection> {
    let attribute_name = attribute.name();
    let reading = match sink.value {
        Some(value) => value::read(value, context.source, attribute_name, attribute.appended()),
        None => Reading::Expression,
    };
    let scripts_read = attribute == HeaderAttribute::HttpOnly
        && sink
            .value
            .and_then(|value| value::cookie_name(value, context.source))
            .is_some_and(|name| super::is_read_by_scripts(&name));
    let (verdict, message, edits) = match (reading, sink.more_arguments) {
        (Reading::Set, _) => return None,
        (Reading::Absent(_), None) if scripts_read => (
            Verdict::ReadByScripts,
            format!("{SUBJECT} header of a CSRF token cookie without {attribute_name}: page scripts read it by design; check that this one need not be read"),
            Vec::new(),
        ),
        (_, Some(method)) => (
            Verdict::Ambiguous,
            format!("{method}() is given more than the {SUBJECT} header's value: check that the cookie carries {attribute_name}"),
            Vec::new(),
        ),
        (Reading::Absent(edit), None) => (
            Verdict::Missing,
            format!("{SUBJECT} header without {attribute_name}"),
            vec![edit],
        ),
        (Reading::Expression, None) => (
            Verdict::Dynamic,
            format!("{SUBJECT} header whose value is an expression: check that it carries {attribute_name}"),
            Vec::new(),
        ),
        (Reading::ExpressionAttributes, None) => (
            Verdict::Dynamic,
            format!("{SUBJECT} header whose attributes are partly an expression: check that they include {attribute_name}"),
            Vec::new(),
        ),
        (Reading::Escapes, None) => (
            Verdict::Dynamic,
            format!("{SUBJECT} header whose value holds escapes: check that it carries {attribute_name}"),
            Vec::new(),
        ),
        (Reading::TwoCookies, None) => (
            Verdict::Ambiguous,
            format!("{SUBJECT} header holding more than one cookie: check that each carries {attribute_name}"),
            Vec::new(),
        ),
        (Reading::SplitSeparators, None) => (
            Verdict::Ambiguous,
            format!("{SUBJECT} header whose value ends in separators split over two strings: add {attribute_name} by hand"),
            Vec::new(),
        ),
    };
    Some(Detection {
        subject: SUBJECT,
        verdict,
        message,
        range: sink.site.byte_range(),
        edits,
        opt_out: None,
        follow_up: None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn needles_count_only_in_a_quoted_header_name() {
        let counts = |text: &str| {
            let bytes = text.as_bytes();
            NEEDLES.iter().any(|needle| {
                memchr::memmem::find_iter(bytes, needle).any(|at| is_header_name(bytes, at, needle))
            })
        };
        for text in [
            r#"{"Set-Cookie": v}"#,
            "b'set-cookie'",
            r#"h["SET-COOKIE"]"#,
            "'sEt-Cookie'",
        ] {
            assert!(counts(text), "{text}");
        }
        for text in [
            "X-Set-Cookie-Name",
            "'csrf-cookie'",
            "Set-Cookie",
            "'Set-Cookies'",
            "-cookie",
        ] {
            assert!(!counts(text), "{text}");
        }
    }
}
