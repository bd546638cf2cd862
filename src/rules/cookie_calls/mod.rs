//! Cookie calls (DESIGN.md sections 1 to 3), read for one attribute: what is a cookie
//! call, which framework's signature applies, and the verdict. `secure-cookie`,
//! `httponly-cookie` and `samesite-cookie` are this reading, each for its attribute.

mod deletion;
mod frameworks;
pub mod secure_fix;
mod signature;
pub mod test_clients;

use tree_sitter::Node;

use super::secure_cookie_header as header;
use super::secure_cookie_morsel as morsel;
use super::secure_cookie_setting as setting;
use super::secure_session_cookie as session;
use super::values;
use super::{Checked, Context, Counts, NeedsMore};
use crate::bindings::{self, Bindings};
use crate::call::{Arguments, Outcome, Reading, Signature};
use crate::diagnostic::{Detection, Verdict};
use crate::literal;
use crate::parse;
use crate::source::is_blank;
use crate::value::{Judgement, Want};
use secure_fix::SecureFix;

/// The cookie attribute a rule reads.
pub struct Attribute {
    /// The spellings of its parameter, the usual one first (Falcon's is `http_only`).
    pub names: &'static [&'static str],
    pub kind: Kind,
    /// Its name in a `Set-Cookie` header, for messages: `Secure`.
    pub display: &'static str,
}

/// What a fix sets an attribute to, and how its value is read.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    /// `True`, or `--secure-value`'s expression.
    Secure,
    /// `True`. A cookie that page scripts must read by design (a CSRF token) is
    /// left for review.
    HttpOnly,
    /// `"Lax"`, quoted as the call's other strings are.
    SameSite,
}

/// The names of the setter calls read.
pub const SETTERS: &[&str] = &["set_cookie", "set_signed_cookie", "set_secure_cookie"];

/// The setters, and the names of [`frameworks::COOKIE_OBJECTS`].
pub const NEEDLES: &[&str] = &[
    "set_cookie",
    "set_signed_cookie",
    "set_secure_cookie",
    "add_cookie",
    "Cookie",
];

/// The needles of a rule that reads an attribute on every kind of sink
/// (`httponly-cookie`, `samesite-cookie`): [`NEEDLES`], the morsel classes, the
/// `Set-Cookie` header's, the settings of both attributes, and the session factories
/// and storages that take them.
pub const EVERY_SINK_NEEDLES: &[&str] = &[
    "set_cookie",
    "set_signed_cookie",
    "set_secure_cookie",
    "add_cookie",
    "Cookie",
    "SimpleCookie",
    "BaseCookie",
    "Morsel",
    "-cookie",
    "-Cookie",
    "-COOKIE",
    "SESSION_COOKIE_HTTPONLY",
    "REMEMBER_COOKIE_HTTPONLY",
    "CSRF_COOKIE_HTTPONLY",
    "SESSION_COOKIE_SAMESITE",
    "CSRF_COOKIE_SAMESITE",
    "LANGUAGE_COOKIE_SAMESITE",
    "REMEMBER_COOKIE_SAMESITE",
    "EncryptedCookieStorage",
    "NaClCookieStorage",
    "SimpleCookieStorage",
    "RedisStorage",
    "MemcachedStorage",
    "SignedCookieSessionFactory",
    "BaseCookieSessionFactory",
    "AuthTktCookieHelper",
    "AuthTktAuthenticationPolicy",
];

/// Each needle's own finer test: a call's, a morsel class's or a header's.
pub fn every_sink_may_match(bytes: &[u8], at: usize, needle: &str) -> bool {
    if morsel::CLASSES.contains(&needle) {
        morsel::is_constructed(bytes, at, needle)
    } else if header::NEEDLES.contains(&needle) {
        header::is_header_name(bytes, at, needle)
    } else if setting::ATTRIBUTE_NEEDLES.contains(&needle) {
        setting::is_whole_name(bytes, at, needle)
    } else if session::ATTRIBUTE_NEEDLES.contains(&needle) {
        session::is_a_name(bytes, at, needle)
    } else {
        may_be_called(bytes, at, needle)
    }
}

/// Where each needle counts, as for its own rule: calls and classes as names.
pub fn every_sink_counts(needle: &str) -> Counts {
    if header::NEEDLES.contains(&needle) {
        Counts::OutsideLongStrings
    } else if setting::ATTRIBUTE_NEEDLES.contains(&needle) {
        Counts::Anywhere
    } else {
        Counts::AsAName
    }
}

/// How each kind of sink's rule names one attribute.
pub struct EverySink {
    pub call: Attribute,
    pub morsel: morsel::Flag,
    pub header: header::HeaderAttribute,
    pub setting: setting::SettingAttribute,
    pub session: session::SessionAttribute,
}

/// The cookie calls, morsels, `Set-Cookie` headers and settings of a file that do not
/// set an attribute, read by each kind's own rule for it.
pub fn check_every_sink(context: &Context, sinks: &EverySink) -> Checked {
    let mut detections = check(context, &sinks.call)?;
    detections.extend(morsel::check_flag(context, sinks.morsel)?);
    detections.extend(header::check_attribute(context, sinks.header)?);
    detections.extend(setting::check_attribute(context, sinks.setting)?);
    detections.extend(session::check_attribute(context, sinks.session)?);
    detections.sort_by_key(|d| (d.range.start, d.range.end));
    Ok(detections)
}

/// Litestar's cookie class, called by its own name as often as through an attribute.
const COOKIE_CLASS: &str = "Cookie";

/// The classes whose methods are types of other classes' objects (PEP 544), and the word
/// a file must hold for a class of it to be one.
const PROTOCOLS: &[&str] = &["typing.Protocol", "typing_extensions.Protocol"];
const PROTOCOL: &str = "Protocol";

/// Everything in a file that the rule reads, looked up where the setters' names are: a
/// query visits every call and definition of the file.
#[derive(Default)]
struct Captured<'tree> {
    calls: Vec<(Node<'tree>, Node<'tree>, Node<'tree>, &'static str)>,
    imports: Vec<Node<'tree>>,
    /// Local methods named like a setter: the name, the parameters, the definition.
    definitions: Vec<(&'static str, Node<'tree>, Node<'tree>)>,
}

/// The cookie calls of a parsed file that do not set `attribute`, in source order.
pub fn check(context: &Context, attribute: &Attribute) -> Checked {
    let source = context.source;
    let mut captured = capture(context, source);
    captured.definitions = implementations(context, &captured.definitions)?;
    let modules: Vec<&str> = captured
        .imports
        .iter()
        .filter_map(|n| n.utf8_text(source).ok())
        .collect();
    let families = frameworks::imported_families(modules.iter().copied());

    let mut judged_calls = Vec::new();
    for &(call, receiver, arguments, method) in &captured.calls {
        if !is_response(receiver, source) || is_single_plain_argument(arguments) {
            continue;
        }
        let framework = frameworks::signatures_for(method, &families, attribute);
        let forwarded = frameworks::forwarded_signatures(&families, attribute);
        let read = |parameters| {
            signature::from_parameters(parameters, source, &forwarded, attribute.names)
        };
        // A wrapper's own body calls the framework's setter on another object
        // (`response.set_cookie(...)` inside `def set_cookie(self, request, response)`):
        // the wrapper's signature is for the calls that reach it, not that one.
        let wraps = |definition: Node| {
            flow_contains(definition, call)
                && !matches!(last_name(receiver, source), Some("self" | "cls" | "super"))
        };
        let own: Vec<(Signature, &'static str)> = captured
            .definitions
            .iter()
            .filter(|(defined, _, definition)| *defined == method && !wraps(*definition))
            .map(|&(_, parameters, _)| (read(parameters), attribute.names[0]))
            .collect();
        // `set_signed_cookie` and `set_secure_cookie` pass their keyword arguments on to
        // `self.set_cookie(...)`: a subclass's `set_cookie` in this file receives `secure`.
        let mut forwarded_to = Vec::new();
        if own.is_empty() && method != "set_cookie" {
            for &(defined, parameters, definition) in &captured.definitions {
                if defined != "set_cookie" {
                    continue;
                }
                match overrides_inherited(definition) {
                    Some(true) => forwarded_to.push(read(parameters)),
                    Some(false) => {}
                    // The window shows the method, not its class.
                    None if !context.whole => {
                        return Err(NeedsMore::ScopesOf(vec![definition.start_byte()]))
                    }
                    None => {}
                }
            }
        }
        // A setter another file of the project defines may be what this call reaches,
        // unless the receiver is a response (or the object itself): its signature joins
        // the framework's, and a call they disagree on is left for review.
        let elsewhere: Vec<(Signature, &'static str)> =
            match own.is_empty() && !is_framework_receiver(receiver, source) {
                true => context
                    .project
                    .setters_elsewhere(method)
                    .into_iter()
                    .filter_map(|(_, parameters)| {
                        signature::from_text(parameters, &forwarded, attribute.names)
                    })
                    .map(|signature| (signature, attribute.names[0]))
                    .collect(),
                false => Vec::new(),
            };
        let defined_elsewhere = !elsewhere.is_empty();
        let signatures = if own.is_empty() {
            let mut signatures = framework;
            signatures.extend(elsewhere);
            signatures
        } else {
            own
        };
        let outcome = if forwarded_to.iter().any(|s| !s.keyword) {
            Outcome::NoSecureParameter
        } else {
            evaluate(arguments, source, &signatures, attribute)
        };
        let sink = Sink {
            call,
            arguments,
            method,
            spelling: spelling_of(&signatures),
            forwards_to_local: !forwarded_to.is_empty(),
            defined_elsewhere,
            set_by_default: signatures.iter().all(|(s, _)| s.set_by_default),
            modules: &modules,
        };
        judged_calls.push((sink, outcome));
    }
    // A deletion follows the cookie it deletes: judged where the file sets that cookie
    // with a literal flag (fixed or Secure), left alone elsewhere.
    let set_by_literal: Vec<String> = judged_calls
        .iter()
        .filter(|(sink, outcome)| {
            deletion::deleted(sink.arguments, source).is_none()
                && matches!(
                    outcome,
                    Outcome::Missing | Outcome::Falsy { .. } | Outcome::Secure
                )
        })
        .filter_map(|(sink, _)| deletion::name(sink.arguments, source))
        .collect();
    let mut detections = Vec::new();
    for (sink, outcome) in judged_calls {
        let deleted = deletion::deleted(sink.arguments, source);
        if deleted.is_some_and(|name| !set_by_literal.contains(&name)) {
            continue;
        }
        detections.extend(judged(context, &sink, outcome, attribute)?);
    }
    detections.extend(cookie_objects(context, &captured.imports, attribute)?);
    detections.sort_by_key(|d| (d.range.start, d.range.end));
    Ok(detections)
}

/// The findings on calls of [`frameworks::COOKIE_OBJECTS`], looked up where their
/// names are: a query pattern for them would visit every call of every file.
fn cookie_objects(context: &Context, imports: &[Node], attribute: &Attribute) -> Checked {
    let source = context.source;
    let mut calls = Vec::new();
    for object in frameworks::COOKIE_OBJECTS {
        for at in parse::occurrences(context.tree, source, object.name) {
            let Some((call, callee)) = parse::call_named_at(context.tree, at, object.name.len())
            else {
                continue;
            };
            let arguments = call
                .child_by_field_name("arguments")
                .filter(|arguments| arguments.kind() == "argument_list");
            if let Some(arguments) = arguments {
                calls.push((call, callee, arguments, object));
            }
        }
    }
    if calls.is_empty() {
        return Ok(Vec::new());
    }
    let bindings = Bindings::of(bindings::import_statements(context.tree, source), source);
    let modules: Vec<&str> = imports
        .iter()
        .filter_map(|n| n.utf8_text(source).ok())
        .collect();
    let mut detections = Vec::new();
    for (call, callee, arguments, object) in calls {
        let is_sink = match object.callee {
            frameworks::Callee::Class(paths) => bindings
                .path_of(callee, source)
                .is_some_and(|path| paths.contains(&path.as_str())),
            frameworks::Callee::Method(imported) => {
                callee.kind() == "attribute" && imported.iter().any(|m| modules.contains(m))
            }
        };
        if !is_sink {
            continue;
        }
        let signature = [object.parameters.signature(attribute)];
        let outcome = evaluate(arguments, source, &signature, attribute);
        let sink = Sink {
            call,
            arguments,
            method: object.name,
            spelling: spelling_of(&signature),
            forwards_to_local: false,
            defined_elsewhere: false,
            set_by_default: signature.iter().all(|(s, _)| s.set_by_default),
            modules: &modules,
        };
        detections.extend(judged(context, &sink, outcome, attribute)?);
    }
    Ok(detections)
}

/// Whether `inner` lies within `outer`.
fn flow_contains(outer: Node, inner: Node) -> bool {
    outer.start_byte() <= inner.start_byte() && inner.end_byte() <= outer.end_byte()
}

/// Whether a method is defined in a class with base classes, where it overrides an
/// inherited one (a handler's `set_cookie`), rather than in a class of its own (a
/// helper's); `None` when the tree does not show its class.
fn overrides_inherited(definition: Node) -> Option<bool> {
    let bases = class_of(definition)?.child_by_field_name("superclasses");
    Some(bases.is_some_and(|bases| !parse::code_children(bases).is_empty()))
}

/// The class a method is defined in, if the tree shows it.
fn class_of(definition: Node) -> Option<Node> {
    let mut node = definition;
    while let Some(parent) = node.parent() {
        if parent.kind() == "class_definition" {
            return Some(parent);
        }
        node = parent;
    }
    None
}

/// The local methods that implement something. A method of a `typing.Protocol` class
/// (`class CookieSetter(Protocol)`, `Protocol[T]`, `typing_extensions.Protocol`) is a
/// type that other classes' objects match without naming it, above all a framework's
/// response, whose signature the frameworks' table knows: it decides nothing about the
/// calls. An abstract method is not that: the subclasses that implement it take the
/// parameters it names.
#[allow(clippy::type_complexity)]
fn implementations<'tree>(
    context: &Context<'tree>,
    definitions: &[(&'static str, Node<'tree>, Node<'tree>)],
) -> Result<Vec<(&'static str, Node<'tree>, Node<'tree>)>, NeedsMore> {
    let source = context.source;
    if definitions.is_empty() || memchr::memmem::find(source, PROTOCOL.as_bytes()).is_none() {
        return Ok(definitions.to_vec());
    }
    let bindings = Bindings::of(bindings::import_statements(context.tree, source), source);
    let is_protocol = |class: Node| {
        class
            .child_by_field_name("superclasses")
            .map(parse::code_children)
            .unwrap_or_default()
            .into_iter()
            .filter(|base| base.kind() != "keyword_argument")
            .filter_map(|base| bindings.path_of(base, source))
            .any(|path| PROTOCOLS.contains(&path.as_str()))
    };
    let mut kept = Vec::new();
    let mut lacking = Vec::new();
    for &(name, parameters, definition) in definitions {
        match class_of(definition) {
            Some(class) if is_protocol(class) => {}
            // The window shows the method, not its class.
            None if !context.whole => lacking.push(definition.start_byte()),
            _ => kept.push((name, parameters, definition)),
        }
    }
    match lacking.is_empty() {
        true => Ok(kept),
        false => Err(NeedsMore::ScopesOf(lacking)),
    }
}

/// The verdict on a call's arguments under every signature it may have.
fn evaluate(
    arguments: Node,
    source: &[u8],
    signatures: &[(Signature, &'static str)],
    attribute: &Attribute,
) -> Outcome {
    let reading = match attribute.kind {
        Kind::SameSite => Reading::Policy,
        Kind::Secure | Kind::HttpOnly => Reading::Flag,
    };
    let only: Vec<Signature> = signatures.iter().map(|&(signature, _)| signature).collect();
    Arguments::new(arguments, source, attribute.names, reading).evaluate(&only, source)
}

/// The spelling a fix passes, if the signatures agree on it.
fn spelling_of(signatures: &[(Signature, &'static str)]) -> Option<&'static str> {
    let (first, rest) = signatures.split_first()?;
    rest.iter().all(|(_, s)| *s == first.1).then_some(first.1)
}

/// One call, as a finding reports it.
struct Sink<'tree> {
    call: Node<'tree>,
    arguments: Node<'tree>,
    method: &'static str,
    /// The keyword a fix passes; `None` where the file's frameworks spell it differently.
    spelling: Option<&'static str>,
    /// A forwarding setter's `set_cookie` is defined in the file (see [`check`]).
    forwards_to_local: bool,
    /// Another file of the project defines a method of the setter's name, which the call
    /// may reach.
    defined_elsewhere: bool,
    /// Every signature sets the attribute where the call leaves it out (Falcon's
    /// `http_only`).
    set_by_default: bool,
    /// The first component of each module the file imports.
    modules: &'tree [&'tree str],
}

/// The findings for one call: where its flag is an expression (or comes from the one
/// `**dict` it is given), what the value module reads it to be (DESIGN.md section 8);
/// otherwise its outcome's.
fn judged(
    context: &Context,
    sink: &Sink,
    outcome: Outcome,
    attribute: &Attribute,
) -> Result<Vec<Detection>, NeedsMore> {
    let scripts_read =
        attribute.kind == Kind::HttpOnly && cookie_name(sink.arguments, context.source).is_some();
    let spelling = sink.spelling.unwrap_or(attribute.names[0]);
    let (vocabulary, want, check) = match attribute.kind {
        Kind::Secure => (&super::SECURE_VALUES, Want::Truthy, "true in production"),
        Kind::HttpOnly => (&super::HTTPONLY_VALUES, Want::Truthy, "true in production"),
        Kind::SameSite => (
            &super::SAMESITE_VALUES,
            Want::Text(crate::call::is_samesite_policy),
            "a SameSite policy (\"Strict\", \"Lax\" or \"None\")",
        ),
    };
    let method = sink.method;
    let judged = match scripts_read {
        true => None,
        false => values::judge_call_flag(
            context,
            &outcome,
            sink.call,
            sink.arguments,
            spelling,
            vocabulary,
            want,
        )?,
    };
    let Some(values::CallFlag {
        judgement,
        shown,
        value,
    }) = judged
    else {
        return Ok(detection(context, sink, outcome, attribute)?
            .into_iter()
            .collect());
    };
    let said = format!("{method}() with {shown}");
    let outcome = match (&judgement, &outcome) {
        // Left out of the dict: what the framework gives a call without it. (A value that
        // reads the missing key is no call without it: reported, not given a second one.)
        (Judgement::Absent, Outcome::Splat) if sink.set_by_default => Some(Outcome::Secure),
        (Judgement::Absent, Outcome::Splat) => Some(Outcome::Missing),
        // A dict the module does not show: the splat's own finding says it best.
        (Judgement::Review(None), Outcome::Splat) => Some(outcome.clone()),
        _ => None,
    };
    if let Some(outcome) = outcome {
        return Ok(detection(context, sink, outcome, attribute)?
            .into_iter()
            .collect());
    }
    let fix = fix_of(context, sink, attribute)?;
    let flag = values::Flag {
        subject: method,
        said,
        range: sink.call.byte_range(),
        value,
        fix: &fix.value,
        check,
    };
    Ok(values::detections(context, judgement, &flag))
}

/// What a fix writes as the attribute's value, and what its message adds.
fn fix_of(context: &Context, sink: &Sink, attribute: &Attribute) -> Result<SecureFix, NeedsMore> {
    let plain = |value: String| SecureFix {
        value,
        note: String::new(),
        follow_up: None,
    };
    Ok(match attribute.kind {
        Kind::Secure => {
            let keyword = sink.spelling.unwrap_or(attribute.names[0]);
            secure_fix::secure_fix(context, Some(sink.call), keyword, sink.modules)?
        }
        Kind::HttpOnly => plain("True".to_owned()),
        Kind::SameSite => {
            let quote = literal::first_quote(sink.arguments, context.source).unwrap_or('"');
            plain(format!("{quote}Lax{quote}"))
        }
    })
}

/// The finding for one call's outcome, with its message and edits; none if the call
/// sets the attribute.
fn detection(
    context: &Context,
    sink: &Sink,
    outcome: Outcome,
    attribute: &Attribute,
) -> Result<Option<Detection>, NeedsMore> {
    let body = context.body;
    let method = sink.method;
    let keyword = attribute.names[0];
    let display = attribute.display;
    let text = |range: std::ops::Range<usize>| String::from_utf8_lossy(&body[range]).into_owned();
    let outcome = match (sink.spelling, outcome) {
        (None, Outcome::Missing | Outcome::Falsy { .. }) => Outcome::Ambiguous,
        (_, outcome) => outcome,
    };
    let fixable = matches!(outcome, Outcome::Missing | Outcome::Falsy { .. });
    if fixable && attribute.kind == Kind::HttpOnly {
        if let Some(name) = cookie_name(sink.arguments, context.source) {
            return Ok(Some(Detection {
                subject: method,
                verdict: Verdict::ReadByScripts,
                message: format!(
                    "{method}() sets the {name} cookie without {display}: page scripts read a \
                     CSRF token by design; check that this one need not be read"
                ),
                range: sink.call.byte_range(),
                edits: Vec::new(),
                opt_out: None,
                follow_up: None,
            }));
        }
    }
    let spelling = sink.spelling.unwrap_or(keyword);
    // A Secure fix may read the project's tests: only where there is one to make.
    let fix = match fixable || attribute.kind != Kind::Secure {
        true => fix_of(context, sink, attribute)?,
        false => SecureFix {
            value: String::new(),
            note: String::new(),
            follow_up: None,
        },
    };
    let value = fix.value;
    let edits = outcome.edits(sink.arguments, spelling, &value, body, context.lines);
    let wanted = match attribute.kind {
        Kind::Secure | Kind::HttpOnly => format!("{spelling}=True"),
        Kind::SameSite => format!("a SameSite policy ({spelling}={value})"),
    };
    let (verdict, message) = match outcome {
        Outcome::Secure => return Ok(None),
        Outcome::Missing => (
            Verdict::Missing,
            format!("{method}() without {wanted}{}", fix.note),
        ),
        Outcome::Falsy { value, .. } => (
            Verdict::Falsy,
            format!("{method}() with {spelling}={}{}", text(value), fix.note),
        ),
        Outcome::Dynamic(value) => {
            let check = match attribute.kind {
                Kind::Secure | Kind::HttpOnly => "true in production",
                Kind::SameSite => "a SameSite policy (\"Strict\", \"Lax\" or \"None\")",
            };
            (
                Verdict::Dynamic,
                format!(
                    "{method}() with {spelling}={}: check that it is {check}",
                    text(value)
                ),
            )
        }
        Outcome::Splat => (
            Verdict::Splat,
            format!("{method}() passes *args or **kwargs: check that they set {wanted}"),
        ),
        Outcome::ThroughArgs => (
            Verdict::ThroughArgs,
            format!(
                "{method}() is defined in this file with *args, through which these positional arguments may reach {keyword}: check that they set it"
            ),
        ),
        Outcome::NoSecureParameter if sink.forwards_to_local => (
            Verdict::NoSecureParameter,
            format!(
                "{method}() passes {keyword}= on to set_cookie(), which is defined in this file without a {keyword} parameter: make it set {display}"
            ),
        ),
        Outcome::NoSecureParameter => (
            Verdict::NoSecureParameter,
            format!(
                "{method}() is defined in this file without a {keyword} parameter: make it set {display}"
            ),
        ),
        Outcome::Ambiguous if sink.defined_elsewhere => (
            Verdict::Ambiguous,
            format!(
                "{method}(): a method of that name defined elsewhere in the project, which this call may reach, and the framework's disagree on where {keyword} goes"
            ),
        ),
        Outcome::Ambiguous => (
            Verdict::Ambiguous,
            format!(
                "{method}(): the frameworks or definitions in this file disagree on where {keyword} goes"
            ),
        ),
    };
    Ok(Some(Detection {
        subject: method,
        verdict,
        message,
        range: sink.call.byte_range(),
        edits,
        opt_out: None,
        follow_up: fix.follow_up,
    }))
}

/// The cookie's name, when it is a literal that names a cookie page scripts read.
fn cookie_name<'s>(arguments: Node, source: &'s [u8]) -> Option<&'s str> {
    let children = parse::code_children(arguments);
    let by_keyword = children.iter().find_map(|argument| {
        let name = argument.child_by_field_name("name")?;
        matches!(name.utf8_text(source).ok()?, "key" | "name")
            .then(|| argument.child_by_field_name("value"))?
    });
    let first = children.first().filter(|a| a.kind() != "keyword_argument");
    let name = literal::plain_string(by_keyword.or(first.copied())?, source)?;
    super::is_read_by_scripts(name).then_some(name)
}

fn capture<'tree>(context: &Context<'tree>, source: &[u8]) -> Captured<'tree> {
    let tree = context.tree;
    let mut captured = Captured {
        imports: bindings::imported_packages(&bindings::import_statements(tree, source)),
        ..Captured::default()
    };
    for &setter in SETTERS {
        for at in parse::occurrences(tree, source, setter) {
            let Some(name) = parse::identifier_at(tree, at, setter.len()) else {
                continue;
            };
            let Some(parent) = name.parent() else {
                continue;
            };
            match parent.kind() {
                "attribute" if parent.child_by_field_name("attribute") == Some(name) => {
                    let call = parse::parent_holding(parent, "call", "function");
                    let arguments = call
                        .and_then(|call| call.child_by_field_name("arguments"))
                        .filter(|arguments| arguments.kind() == "argument_list");
                    let receiver = parent.child_by_field_name("object");
                    if let (Some(call), Some(receiver), Some(arguments)) =
                        (call, receiver, arguments)
                    {
                        captured.calls.push((call, receiver, arguments, setter));
                    }
                }
                // Only a method is what an attribute call reaches: a module-level
                // `def set_cookie()` is a view or a helper.
                "function_definition"
                    if parent.child_by_field_name("name") == Some(name)
                        && context.is_method(parent) =>
                {
                    if let Some(parameters) = parent.child_by_field_name("parameters") {
                        captured.definitions.push((setter, parameters, parent));
                    }
                }
                _ => {}
            }
        }
    }
    captured
}

/// A receiver that is the framework's own object: a response (`response`, `resp`,
/// `self.response`, `make_response(...)`), or `self` / `super()` in a class (whose own
/// definitions the file shows).
fn is_framework_receiver(receiver: Node, source: &[u8]) -> bool {
    let Some(name) = last_name(receiver, source) else {
        return false;
    };
    let name = name.to_ascii_lowercase();
    matches!(name.as_str(), "self" | "cls" | "super" | "res" | "r" | "rv")
        || name.contains("response")
        || name.contains("resp")
}

/// Test clients and cookie jars also have a `set_cookie`; their calls are not HTTP responses.
fn is_response(receiver: Node, source: &[u8]) -> bool {
    let Some(name) = last_name(receiver, source) else {
        return true;
    };
    let name = name.to_ascii_lowercase();
    !(name.ends_with("client")
        || name.ends_with("app")
        || name.contains("jar")
        || name == "cookies")
}

/// The last name in a receiver expression: `client` in `self.client`,
/// `test_client` in `app.test_client()`, `responses` in `responses[0]`.
fn last_name<'s>(mut node: Node, source: &'s [u8]) -> Option<&'s str> {
    loop {
        node = match node.kind() {
            "identifier" => return node.utf8_text(source).ok(),
            "attribute" => node.child_by_field_name("attribute")?,
            "call" => node.child_by_field_name("function")?,
            "subscript" => node.child_by_field_name("value")?,
            "parenthesized_expression" | "await" => parse::first_code_child(node)?,
            _ => return None,
        };
    }
}

/// `jar.set_cookie(cookie)`, `response.set_cookie(Cookie(...))`: a cookie object, not a key.
fn is_single_plain_argument(arguments: Node) -> bool {
    match parse::code_children(arguments).as_slice() {
        [only] => !matches!(
            only.kind(),
            "list_splat" | "dictionary_splat" | "keyword_argument"
        ),
        _ => false,
    }
}

/// The finer test of a needle: could the setter named at `at` be called here?
///
/// True for every occurrence of a setter's name that might be an attribute call:
/// unless the name is preceded on its line by something other than `.` (as in
/// `def set_cookie`, `"set_cookie"`) or followed on its line by something other than
/// `(` (as in `Response.set_cookie)`), it counts. Whatever may stand between the dot,
/// the name and the parenthesis across lines (continuations, comments in brackets)
/// makes the occurrence count too, so no real call is ever missed. Litestar's `Cookie`
/// may also be called by its own name: only a longer name (`SimpleCookie`) rules it out.
pub fn may_be_called(bytes: &[u8], at: usize, needle: &str) -> bool {
    let end = at + needle.len();
    let called = !is_identifier_byte(bytes.get(end)) && call_after(&bytes[end..]);
    if needle == COOKIE_CLASS {
        // `Cookie(` by its own name or through a module: not `SimpleCookie(`.
        return called && !is_identifier_byte(at.checked_sub(1).and_then(|b| bytes.get(b)));
    }
    called && attribute_before(&bytes[..at])
}

fn is_identifier_byte(byte: Option<&u8>) -> bool {
    byte.is_some_and(|&b| crate::scan::is_word_byte(b))
}

/// The name may follow a `.`: the last byte before it on its line, past blanks, is a
/// dot, or there is none (the dot may be on an earlier line).
fn attribute_before(before: &[u8]) -> bool {
    match before.iter().rev().find(|b| !is_blank(b)) {
        Some(b'.' | b'\n' | b'\r') | None => true,
        Some(_) => false,
    }
}

/// The name may be called: the next byte on its line, past blanks, is `(`, or there is
/// none (the parenthesis may be on a later line, after a comment or a continuation).
fn call_after(after: &[u8]) -> bool {
    match after.iter().find(|b| !is_blank(b)) {
        Some(b'(' | b'\n' | b'\r' | b'#' | b'\\') | None => true,
        Some(_) => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_attribute_rule_reads_every_sink() {
        let mut union: Vec<&str> = NEEDLES.to_vec();
        union.extend(morsel::CLASSES);
        union.extend(header::NEEDLES);
        union.extend(setting::ATTRIBUTE_NEEDLES);
        union.extend(session::ATTRIBUTE_NEEDLES);
        assert_eq!(EVERY_SINK_NEEDLES, union.as_slice());
    }

    fn may_call_setter(text: &str) -> bool {
        let bytes = text.as_bytes();
        SETTERS.iter().any(|setter| {
            memchr::memmem::find_iter(bytes, setter).any(|at| may_be_called(bytes, at, setter))
        })
    }

    #[test]
    fn prefilter_keeps_every_possible_call() {
        for call in [
            "r.set_cookie('k', 'v')",
            "r . set_signed_cookie ('k', 'v')",
            "make_response(x).set_secure_cookie(",
            "(r\n    .set_cookie\n    ('k', 'v'))",
            "r.set_cookie  # why\n    ('k', 'v')",
            "r.\\\nset_cookie('k')",
            "r.set_cookie",
        ] {
            assert!(may_call_setter(call), "{call:?}");
        }
    }

    #[test]
    fn prefilter_drops_what_cannot_be_a_call() {
        for text in [
            "def set_cookie(self, key):",
            "handler = Response.set_cookie, other",
            "'set_cookie'",
            "r.set_cookies('k')",
            "r.reset_cookie('k')",
            "x = 1",
        ] {
            assert!(!may_call_setter(text), "{text:?}");
        }
    }
}
