//! `https-test-client`: a test client that talks to the app over plain HTTP, whose
//! cookie jar keeps a Secure cookie to itself, so that a test that logs in stops
//! sending the session back once the app's cookie is Secure (DESIGN.md section 10).
//! Off by default: `--fix-tests` runs it on the test files a Secure fix names.

use std::ops::Range;

use tree_sitter::Node;

use super::cookie_calls::test_clients::{TestClient, FRAMEWORKS};
use super::{Checked, Context, Counts, NeedsMore, Rule};
use crate::bindings::{self, Bindings};
use crate::call::Outcome;
use crate::diagnostic::{Detection, Verdict};
use crate::edit::Edit;
use crate::literal;
use crate::mapping::Mapping;
use crate::parse;
use crate::value::flow::{self, Sym, Target};

pub static RULE: Rule = Rule {
    id: "https-test-client",
    name: "HttpsTestClient",
    summary: "Test client that talks plain HTTP to an app whose cookies are Secure",
    description: "A test client built on httpx (Starlette's, FastAPI's, Litestar's) keeps a \
                  Secure cookie to itself over plain HTTP, as a browser does: once the app's \
                  login cookie is Secure, a test that logs in over http:// is logged out \
                  again, and the change that fixes CWE-614 turns the suite red.",
    help: "Give the client an HTTPS base URL: TestClient(app, base_url=\"https://testserver\"). \
           `cookie-fix --write --fix-tests` does.",
    help_markdown: "Give the client an HTTPS base URL: \
                    `TestClient(app, base_url=\"https://testserver\")`. \
                    `cookie-fix --write --fix-tests` does.",
    fix_title: "Give the test client an HTTPS base URL",
    cwe: 614,
    security_severity: "0.0",
    docs: include_str!("docs.md"),
    default: false,
    needles: NEEDLES,
    may_match: |_, _, _| true,
    counts: |_| Counts::AsAName,
    query: None,
    // A test file that only expects the app at its clients' origin holds no needle.
    read_for_project: |view| !view.test_origins().is_empty(),
    check,
};

/// The constructors of the clients whose base URL a test gives.
const NEEDLES: &[&str] = &["TestClient", "AsyncTestClient", "AsyncClient"];

/// httpx's own clients, which tests construct around an ASGI app with a base URL of
/// their own: only its scheme is changed.
const HTTPX: &[&str] = &["httpx.AsyncClient", "httpx.Client"];

fn check(context: &Context) -> Checked {
    let source = context.source;
    let bindings = Bindings::of(bindings::import_statements(context.tree, source), source);
    let mut detections = Vec::new();
    for needle in NEEDLES {
        for at in parse::occurrences(context.tree, source, needle) {
            let Some((call, callee)) = parse::call_named_at(context.tree, at, needle.len()) else {
                continue;
            };
            let Some(path) = bindings.path_of(callee, source) else {
                continue;
            };
            let Some(arguments) = call.child_by_field_name("arguments") else {
                continue;
            };
            let client = client_of(&path);
            if client.is_none() && !HTTPX.contains(&path.as_str()) {
                continue;
            }
            detections.extend(detection(context, call, arguments, needle, client)?);
        }
    }
    let edited: Vec<usize> = detections
        .iter()
        .flat_map(|d| d.edits.iter().map(|e| e.range.start))
        .collect();
    detections.extend(
        expected_urls(context)
            .into_iter()
            .filter(|d| d.edits.iter().all(|e| !edited.contains(&e.range.start))),
    );
    detections.sort_by_key(|d| d.range.start);
    detections.dedup_by_key(|d| d.range.start);
    Ok(detections)
}

/// The URLs in the strings of a test file at an origin its project's clients talk to
/// over plain HTTP (`"http://testserver/admin/login"`, `'<a href="http://testserver/">'`),
/// which `--fix-tests` moves to HTTPS: the app sees the new scheme, and builds its URLs
/// with it.
fn expected_urls(context: &Context) -> Vec<Detection> {
    let origins = context.project.test_origins();
    if origins.is_empty() {
        return Vec::new();
    }
    let source = context.source;
    let mut detections = Vec::new();
    for at in parse::occurrences(context.tree, source, "http://") {
        let Some(content) = context
            .tree
            .root_node()
            .descendant_for_byte_range(at, at + "http://".len())
            .filter(|node| node.kind() == "string_content")
        else {
            continue;
        };
        let Some(string) = content.parent().filter(|s| s.kind() == "string") else {
            continue;
        };
        let plain = is_plain(string, source);
        // A URL that starts here, not the tail of another word (`xhttp://`).
        let starts = at
            .checked_sub(1)
            .is_none_or(|before| !source[before].is_ascii_alphanumeric());
        let text = &source[at..content.end_byte()];
        // The whole authority: `http://testserver` is not `http://testserver.example`
        // nor `http://testserver:8000`.
        let at_origin = origins.iter().any(|origin| {
            text.strip_prefix(origin.as_bytes()).is_some_and(|rest| {
                rest.first()
                    .is_none_or(|b| !(b.is_ascii_alphanumeric() || b"._-:@".contains(b)))
            })
        });
        if !(plain && starts && at_origin) {
            continue;
        }
        let edit = to_https(at);
        // Two URLs of one string: one finding, both edits.
        if let Some(last) = detections
            .last_mut()
            .filter(|d: &&mut Detection| d.range == string.byte_range())
        {
            last.edits.push(edit);
            continue;
        }
        let shown = String::from_utf8_lossy(&context.body[string.byte_range()]).into_owned();
        detections.push(Detection {
            subject: "URL",
            verdict: Verdict::Missing,
            message: format!(
                "{shown}: the test expects the app at an origin its client now reaches over \
                 https://"
            ),
            range: string.byte_range(),
            edits: vec![edit],
            opt_out: None,
            follow_up: None,
        });
    }
    detections
}

/// The row of a framework's client that takes a `base_url`, by its import path.
fn client_of(path: &str) -> Option<&'static TestClient> {
    FRAMEWORKS
        .iter()
        .flat_map(|framework| framework.clients)
        .filter(|client| client.client.https_base_url.is_some())
        .find(|client| {
            client.client.imported_from.iter().any(|module| {
                path.strip_prefix(module)
                    .and_then(|rest| rest.strip_prefix('.'))
                    .is_some_and(|rest| rest == client.client.constructor)
            })
        })
}

/// The finding for one construction over plain HTTP: its `http://` base URL made
/// `https://`, or the client's own base URL with `https` given where it has none.
fn detection(
    context: &Context,
    call: Node,
    arguments: Node,
    name: &'static str,
    client: Option<&'static TestClient>,
) -> Result<Option<Detection>, NeedsMore> {
    let source = context.source;
    let children = parse::code_children(arguments);
    let by_keyword = Mapping::Keywords(arguments)
        .get("base_url", source)
        .map(|entry| entry.value);
    // Starlette's and Litestar's clients take the base URL second.
    let by_position = client.and_then(|_| {
        children
            .get(1)
            .filter(|argument| argument.kind() != "keyword_argument")
            .copied()
    });
    if children.iter().any(|a| {
        matches!(
            a.kind(),
            "list_splat" | "dictionary_splat" | "parenthesized_list_splat"
        )
    }) {
        return Ok(None);
    }
    let (edits, said) = match by_keyword.or(by_position) {
        Some(url) => {
            let Some((at, string)) = http_literal(context, url)? else {
                return Ok(None);
            };
            let text = String::from_utf8_lossy(&context.body[string]);
            (vec![to_https(at)], format!("{name}() with base URL {text}"))
        }
        None => {
            let Some(url) = client.and_then(|c| c.client.https_base_url) else {
                return Ok(None);
            };
            let quote = literal::first_quote(arguments, source).unwrap_or('"');
            let value = format!("{quote}{url}{quote}");
            let edits =
                Outcome::Missing.edits(arguments, "base_url", &value, context.body, context.lines);
            let plain = url.replacen("https://", "http://", 1);
            (
                edits,
                format!("{name}() with its default base URL \"{plain}\""),
            )
        }
    };
    Ok(Some(Detection {
        subject: name,
        verdict: Verdict::Missing,
        message: format!(
            "{said}: over plain HTTP its cookie jar keeps the app's Secure cookies to itself; \
             give it an https:// base URL"
        ),
        range: call.byte_range(),
        edits,
        opt_out: None,
        follow_up: None,
    }))
}

/// Where the text of the string a base URL is starts with `http://`: the string
/// itself, or the one string (an f-string too) a name given as the base URL is bound to
/// where the call reads it (`url = f"http://{host}:{port}"`), in the function around the
/// call or at the module's level: where its text starts, and the string.
fn http_literal(context: &Context, url: Node) -> Result<Option<(usize, Range<usize>)>, NeedsMore> {
    let source = context.source;
    let string = match url.kind() {
        "identifier" => {
            let Ok(name) = url.utf8_text(source) else {
                return Ok(None);
            };
            context.needs_scopes_of([url])?;
            let mut scope = flow::scope_of(url);
            let mut sym = flow::value_at(scope, Target::Name(name), Some(url), source);
            if matches!(sym, Sym::Unbound) && scope.kind() != "module" {
                if !context.whole {
                    return Err(NeedsMore::WholeFile);
                }
                scope = context.tree.root_node();
                sym = flow::value_at(scope, Target::Name(name), None, source);
            }
            match sym {
                Sym::Expr(value) => value,
                _ => return Ok(None),
            }
        }
        _ => url,
    };
    if string.kind() != "string" {
        return Ok(None);
    }
    // The first piece of text right after the opening quote (an f-string's too).
    let mut cursor = string.walk();
    let children: Vec<Node> = string.children(&mut cursor).collect();
    let (Some(start), Some(content)) = (children.first(), children.get(1)) else {
        return Ok(None);
    };
    let text = content.utf8_text(source).unwrap_or_default();
    let opens = start.kind() == "string_start" && content.kind() == "string_content";
    match opens && is_plain(string, source) && text.starts_with("http://") {
        true => Ok(Some((content.start_byte(), string.byte_range()))),
        false => Ok(None),
    }
}

/// Whether a string is no raw or bytes one: its text is what it says.
fn is_plain(string: Node, source: &[u8]) -> bool {
    string
        .child(0)
        .and_then(|start| start.utf8_text(source).ok())
        .is_some_and(|quote| !quote.contains(['r', 'R', 'b', 'B']))
}

/// The edit that makes the `http://` at `at` `https://`.
fn to_https(at: usize) -> Edit {
    Edit::replace(at..at + "http://".len(), "https://")
}
