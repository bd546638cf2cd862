//! `secure-cookie-morsel`: `http.cookies` morsels without the Secure flag.
//!
//! A CGI script, a WSGI app or a handler built on `http.server` writes its cookies with
//! `SimpleCookie`: `c["sid"] = value` makes a morsel, `c["sid"]["secure"] = True` flags
//! it, and `c.output()` writes the headers. This rule follows one object in the scope
//! that built it ([`Morsels`]): a falsy flag is made `True`, and a morsel never flagged
//! gets the statement that flags it after the statements that set it up.

use tree_sitter::Node;

use super::{Checked, Context, Counts, NeedsMore, Rule};
use crate::bindings::{self, Bindings};
use crate::diagnostic::{Detection, Verdict};
use crate::edit::{indentation_at, insert_line_after};
use crate::literal;
use crate::parse;
use crate::scope;
use crate::value::Want;

pub static RULE: Rule = Rule {
    id: "secure-cookie-morsel",
    name: "SecureCookieMorsel",
    summary: "http.cookies morsel without the Secure flag",
    description: "A cookie written with http.cookies (SimpleCookie, Morsel) without its \
                  \"secure\" flag is also sent over plain HTTP, where anyone on the network \
                  path can read it and take over the session (CWE-614, Sonar rule S2092).",
    help: "Set morsel[\"secure\"] = True on each morsel. `cookie-fix --write` adds the \
           statement after the ones that set the morsel up.",
    help_markdown: "Set `morsel[\"secure\"] = True` on each morsel. `cookie-fix --write` \
                    adds the statement after the ones that set the morsel up.",
    fix_title: "Set the morsel's secure flag",
    cwe: 614,
    security_severity: "5.3",
    docs: include_str!("docs.md"),
    default: true,
    needles: CLASSES,
    may_match: is_constructed,
    counts: |_| Counts::AsAName,
    query: None,
    read_for_project: |_| false,
    check,
};

/// The classes whose objects hold morsels, and the morsel itself.
pub const CLASSES: &[&str] = &["SimpleCookie", "BaseCookie", "Morsel"];
const MORSEL: &str = "Morsel";

/// The modules a class must come from: the standard library's (`Cookie` in Python 2),
/// and Django's re-export of it.
const MODULES: &[&str] = &[
    "http.cookies",
    "Cookie",
    "django.http",
    "django.http.cookie",
];

/// The attribute a morsel must set, as `Morsel` reads its keys (in any case):
/// `secure-cookie-morsel` reads `"secure"`; `httponly-cookie` and `samesite-cookie`
/// read theirs through [`check_flag`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Flag {
    Secure,
    HttpOnly,
    /// Not a flag to `Morsel` but a value: `None` is written `SameSite=None` (a policy),
    /// and an empty string is left out.
    SameSite,
}

impl Flag {
    fn key(self) -> &'static str {
        match self {
            Flag::Secure => "secure",
            Flag::HttpOnly => "httponly",
            Flag::SameSite => "samesite",
        }
    }

    /// What a fix sets it to, the string quoted with `quote`.
    fn value(self, context: &Context, quote: char) -> String {
        match self {
            Flag::Secure => context.settings.secure_value.clone(),
            Flag::HttpOnly => "True".to_owned(),
            Flag::SameSite => format!("{quote}Lax{quote}"),
        }
    }

    /// Whether a given value sets the attribute: `Some(false)` for a literal that
    /// does not (a fix replaces it), `None` for one only known at run time.
    fn is_set_by(self, value: Node, source: &[u8]) -> Option<bool> {
        if self != Flag::SameSite {
            return literal::truthiness(value, source);
        }
        if literal::unparenthesize(value).kind() == "none" {
            return Some(true);
        }
        match literal::plain_string(value, source) {
            Some("") => Some(false),
            Some(policy) if crate::call::is_samesite_policy(policy) => Some(true),
            _ => None,
        }
    }
}

/// The builtin a CGI script writes its headers with.
const PRINT: &str = "print";

/// What the findings are about.
const SUBJECT: &str = "morsel";

/// A class name counts where it is a whole name that is called.
pub fn is_constructed(bytes: &[u8], at: usize, needle: &str) -> bool {
    let name_byte = |b: Option<&u8>| b.is_some_and(|&b| b.is_ascii_alphanumeric() || b == b'_');
    let end = at + needle.len();
    let next = bytes[end..].iter().find(|b| !crate::source::is_blank(b));
    !name_byte(at.checked_sub(1).and_then(|before| bytes.get(before)))
        && !name_byte(bytes.get(end))
        && matches!(next, None | Some(b'(' | b'\n' | b'\r' | b'#' | b'\\'))
}

fn check(context: &Context) -> Checked {
    check_flag(context, Flag::Secure)
}

/// The morsels of a file that do not set `flag`.
pub fn check_flag(context: &Context, flag: Flag) -> Checked {
    let source = context.source;
    let objects = objects(context);
    if objects.is_empty() {
        return Ok(Vec::new());
    }
    // The statements that set a morsel up lie anywhere in the object's scope; a file
    // that names no flag and writes no cookie can have no finding.
    if !context.whole {
        if !may_find(source, flag) {
            return Ok(Vec::new());
        }
        context.needs_scopes_of(objects.iter().map(|(name, _)| *name))?;
    }
    let bindings = Bindings::of(bindings::import_statements(context.tree, source), source);
    let test_module = super::is_test_module(&bindings.modules());
    let mut detections = Vec::new();
    for (name, class) in objects {
        let Some(path) = bindings.path_of(class, source) else {
            continue;
        };
        let is_ours = MODULES.iter().any(|module| {
            CLASSES
                .iter()
                .any(|class| path == format!("{module}.{class}"))
        });
        if !is_ours {
            continue;
        }
        let single = path.ends_with(MORSEL);
        let Ok(object) = name.utf8_text(source) else {
            continue;
        };
        let morsels = Morsels::of(scope::scope_of(name), object, single, source, flag);
        detections.extend(morsels.detections(context, object, test_module)?);
    }
    detections.sort_by_key(|d| (d.range.start, d.range.end));
    detections.dedup_by_key(|d| d.range.clone());
    Ok(detections)
}

/// Whether the bytes hold what every finding needs: a quoted flag (`"secure"`, any
/// case), or a call that writes cookies (`output`, `OutputString`, `js_output`,
/// `print`), which a missing flag and attributes set by an expression need.
fn may_find(source: &[u8], flag: Flag) -> bool {
    let flag = flag.key().as_bytes();
    let first = flag[0];
    let quoted_flag = memchr::memchr2_iter(first, first.to_ascii_uppercase(), source).any(|at| {
        let quote = at.checked_sub(1).and_then(|before| source.get(before));
        matches!(quote, Some(b'"' | b'\''))
            && source
                .get(at..at + flag.len())
                .is_some_and(|word| word.eq_ignore_ascii_case(flag))
            && source.get(at + flag.len()) == quote
    });
    let writer = ["utput", PRINT]
        .iter()
        .any(|name| memchr::memmem::find(source, name.as_bytes()).is_some());
    quoted_flag || writer
}

/// The objects built and named where the needles are (`c = SimpleCookie()`,
/// `m = cookies.Morsel()`): each name, with the callee, whose imports tell its class.
fn objects<'t>(context: &Context<'t>) -> Vec<(Node<'t>, Node<'t>)> {
    let source = context.source;
    let mut objects = Vec::new();
    for class in CLASSES {
        for at in parse::occurrences(context.tree, source, class) {
            let Some((call, callee)) = parse::call_named_at(context.tree, at, class.len()) else {
                continue;
            };
            let assignment = parse::parent_holding(call, "assignment", "right");
            let object = assignment
                .and_then(|assignment| assignment.child_by_field_name("left"))
                .filter(|left| left.kind() == "identifier");
            objects.extend(object.map(|object| (object, callee)));
        }
    }
    objects.sort_by_key(|(object, _)| object.start_byte());
    objects
}

/// What one scope does with the morsels of one object.
struct Morsels<'t> {
    /// The statements that give a morsel its value (`c[key] = value`, `m.set(...)`),
    /// with the key's node (`None` for a `Morsel` itself).
    values: Vec<(Node<'t>, Option<Node<'t>>)>,
    /// The statements that set one of its attributes, with the key.
    attributes: Vec<(Node<'t>, Option<Node<'t>>)>,
    /// `["secure"] = value`: the statement, the key, the value.
    flags: Vec<(Node<'t>, Option<Node<'t>>, Node<'t>)>,
    /// Statements that set attributes named by an expression (`c[k][name] = v`,
    /// `c[k].update(options)`), with the key: they may set the flag.
    unknown: Vec<(Node<'t>, Option<Node<'t>>)>,
    /// Values that are an empty string: the cookie is being deleted.
    empty: Vec<Node<'t>>,
    /// The scope writes the object's cookies as `Set-Cookie` headers: `c.output()`,
    /// `c[key].OutputString()`, `print(c)`. Objects that only build a request's
    /// `Cookie` header (`c.output(header="", sep=";")`), fill a client's jar or are
    /// returned to code that may do either are not known to be a server's cookies.
    sent: bool,
    /// The scope hands the object to a client's cookie jar (`jar.update_cookies(c)`): its
    /// cookies are the client's, whatever else the name is given to.
    jarred: bool,
    source: &'t [u8],
    flag: Flag,
}

impl<'t> Morsels<'t> {
    fn of(scope: Node<'t>, object: &str, single: bool, source: &'t [u8], flag: Flag) -> Self {
        let mut morsels = Morsels {
            values: Vec::new(),
            attributes: Vec::new(),
            flags: Vec::new(),
            unknown: Vec::new(),
            empty: Vec::new(),
            sent: false,
            jarred: false,
            source,
            flag,
        };
        let is_object =
            |node: Node| node.kind() == "identifier" && node.utf8_text(source).ok() == Some(object);
        // The morsel a subscript or attribute's object is, and its key.
        let morsel_of = |node: Node<'t>| -> Option<Option<Node<'t>>> {
            if single {
                return is_object(node).then_some(None);
            }
            let node = literal::unparenthesize(node);
            if node.kind() != "subscript" || !is_object(node.child_by_field_name("value")?) {
                return None;
            }
            Some(Some(parse::subscript_key(node)?))
        };
        for node in scope::nodes_of(scope) {
            match node.kind() {
                "expression_statement" => {
                    let Some(inner) = parse::first_code_child(node) else {
                        continue;
                    };
                    morsels.read_statement(node, inner, single, &morsel_of, &is_object);
                }
                "call" if morsels.writes_set_cookie(node, &morsel_of, &is_object) => {
                    morsels.sent = true;
                }
                "call"
                    if super::secure_cookie_header::handed_to_a_jar(node, source)
                        .contains(&object) =>
                {
                    morsels.jarred = true;
                }
                _ => {}
            }
        }
        morsels
    }

    fn read_statement(
        &mut self,
        statement: Node<'t>,
        inner: Node<'t>,
        single: bool,
        morsel_of: &impl Fn(Node<'t>) -> Option<Option<Node<'t>>>,
        is_object: &impl Fn(Node) -> bool,
    ) {
        let source = self.source;
        match inner.kind() {
            "assignment" => {
                let (Some(left), Some(right)) = (
                    inner.child_by_field_name("left"),
                    inner.child_by_field_name("right"),
                ) else {
                    return;
                };
                if left.kind() != "subscript" {
                    return;
                }
                let Some(target) = left.child_by_field_name("value") else {
                    return;
                };
                // A tuple of keys names no morsel and no attribute (`Morsel` raises on it):
                // `c[k]["secure", "x"] = v` sets up `c[k]` without flagging it.
                let Some(attribute) = parse::subscript_key(left) else {
                    if let Some(key) = morsel_of(target) {
                        self.attributes.push((statement, key));
                    }
                    return;
                };
                // `c[key] = value`: the morsel's value.
                if !single && is_object(target) {
                    self.values.push((statement, Some(attribute)));
                    if is_empty_string(right, source) {
                        self.empty.push(statement);
                    }
                    return;
                }
                // `c[key][name] = value`, `m[name] = value`: an attribute.
                let Some(key) = morsel_of(target) else {
                    return;
                };
                match literal::plain_string(attribute, source) {
                    Some(name) if name.eq_ignore_ascii_case(self.flag.key()) => {
                        self.flags.push((statement, key, right));
                    }
                    Some(_) => self.attributes.push((statement, key)),
                    None => self.unknown.push((statement, key)),
                }
            }
            "call" => {
                let Some(function) = inner.child_by_field_name("function") else {
                    return;
                };
                let (Some(object), Some(method)) = (
                    function.child_by_field_name("object"),
                    function.child_by_field_name("attribute"),
                ) else {
                    return;
                };
                let Some(key) = morsel_of(object) else {
                    return;
                };
                match method.utf8_text(source).unwrap_or_default() {
                    "set" if single => {
                        self.values.push((statement, None));
                        let value = inner
                            .child_by_field_name("arguments")
                            .and_then(|arguments| parse::code_children(arguments).get(1).copied());
                        if value.is_some_and(|value| is_empty_string(value, source)) {
                            self.empty.push(statement);
                        }
                    }
                    "update" | "setdefault" => self.unknown.push((statement, key)),
                    _ => {}
                }
            }
            _ => {}
        }
    }

    /// Whether a call writes the object's cookies as `Set-Cookie` headers.
    fn writes_set_cookie(
        &self,
        call: Node<'t>,
        morsel_of: &impl Fn(Node<'t>) -> Option<Option<Node<'t>>>,
        is_object: &impl Fn(Node) -> bool,
    ) -> bool {
        let source = self.source;
        let (Some(function), Some(arguments)) = (
            call.child_by_field_name("function"),
            call.child_by_field_name("arguments"),
        ) else {
            return false;
        };
        let arguments = parse::code_children(arguments);
        let keyword = |name: &str| {
            arguments.iter().find_map(|argument| {
                let is_it = argument.kind() == "keyword_argument"
                    && argument
                        .child_by_field_name("name")
                        .and_then(|n| n.utf8_text(source).ok())
                        == Some(name);
                is_it
                    .then(|| argument.child_by_field_name("value"))
                    .flatten()
            })
        };
        if function.kind() == "identifier" {
            // `print(c)`: a CGI script's headers, as `c.output()` writes them.
            let name = function.utf8_text(source).unwrap_or_default();
            return name == PRINT && arguments.first().is_some_and(|first| is_object(*first));
        }
        let (Some(object), Some(method)) = (
            function.child_by_field_name("object"),
            function.child_by_field_name("attribute"),
        ) else {
            return false;
        };
        let of_object = is_object(object) || morsel_of(object).is_some();
        match method.utf8_text(source).unwrap_or_default() {
            // A request's `Cookie` header is written with `sep=";"`, `attrs=[]` or
            // `header="Cookie:"`.
            "output" => {
                let request_header = keyword("header")
                    .and_then(|header| literal::plain_string(header, source))
                    .is_some_and(|header| header.to_ascii_lowercase().starts_with("cookie"));
                of_object
                    && keyword("sep").is_none()
                    && keyword("attrs").is_none()
                    && !request_header
            }
            "OutputString" => of_object && arguments.is_empty(),
            "js_output" => of_object,
            _ => false,
        }
    }

    /// Whether two keys are the same morsel: the same text.
    fn same(&self, a: Option<Node>, b: Option<Node>) -> bool {
        match (a, b) {
            (None, None) => true,
            (Some(a), Some(b)) => {
                self.source.get(a.byte_range()) == self.source.get(b.byte_range())
            }
            _ => false,
        }
    }

    fn detections(
        &self,
        context: &Context,
        object: &str,
        test_module: bool,
    ) -> Result<Vec<Detection>, NeedsMore> {
        let mut detections = Vec::new();
        if self.jarred {
            return Ok(detections);
        }
        for &(statement, key, value) in &self.flags {
            detections.extend(self.flag_detection(context, object, statement, key, value)?);
        }
        if !self.sent || test_module {
            return Ok(detections);
        }
        // A flag set through a key that is an expression (`for k in c: c[k]["secure"] = ...`)
        // may reach every morsel.
        let flags_every_key = self.flags.iter().any(|(_, key, _)| {
            key.is_some_and(|key| literal::plain_string(key, self.source).is_none())
        });
        let mut seen: Vec<Option<Node>> = Vec::new();
        for &(_, key) in &self.values {
            if seen.iter().any(|&other| self.same(other, key)) {
                continue;
            }
            seen.push(key);
            let deleted = self
                .values
                .iter()
                .filter(|&&(_, other)| self.same(other, key))
                .all(|(statement, _)| self.empty.contains(statement));
            if deleted
                || flags_every_key
                || self
                    .flags
                    .iter()
                    .any(|&(_, other, _)| self.same(other, key))
            {
                continue;
            }
            detections.extend(self.missing(context, object, key));
        }
        Ok(detections)
    }

    fn flag_detection(
        &self,
        context: &Context,
        object: &str,
        statement: Node,
        key: Option<Node>,
        value: Node,
    ) -> Result<Vec<Detection>, NeedsMore> {
        let name = self.name(object, key);
        let flag = self.flag.key();
        let text =
            |node: Node| String::from_utf8_lossy(&context.body[node.byte_range()]).into_owned();
        let quote = literal::quote_of(value, self.source).unwrap_or('"');
        let check = match self.flag {
            Flag::Secure | Flag::HttpOnly => "true in production",
            Flag::SameSite => "a SameSite policy (\"Strict\", \"Lax\" or \"None\")",
        };
        let (verdict, message, edits) = match self.flag.is_set_by(value, self.source) {
            Some(true) => return Ok(Vec::new()),
            Some(false) => match literal::replaced_range(value, self.source) {
                Some(range) => (
                    Verdict::Falsy,
                    format!("{SUBJECT} {name} with [\"{flag}\"] = {}", text(value)),
                    vec![crate::edit::Edit::replace(range, self.flag.value(context, quote))],
                ),
                None => (
                    Verdict::Dynamic,
                    format!("{SUBJECT} {name} with [\"{flag}\"] = {} and a comment inside: set it by hand", text(value)),
                    Vec::new(),
                ),
            },
            None => {
                let (vocabulary, want) = match self.flag {
                    Flag::Secure => (&super::SECURE_VALUES, Want::Truthy),
                    Flag::HttpOnly => (&super::HTTPONLY_VALUES, Want::Truthy),
                    Flag::SameSite => (
                        &super::SAMESITE_VALUES,
                        Want::Text(crate::call::is_samesite_policy),
                    ),
                };
                let judgement = super::values::judge(context, value, vocabulary, want)?;
                let fix = self.flag.value(context, quote);
                let flag = super::values::Flag {
                    subject: SUBJECT,
                    said: format!("{SUBJECT} {name} with [\"{flag}\"] = {}", text(value)),
                    range: statement.byte_range(),
                    value: value.byte_range(),
                    fix: &fix,
                    check,
                };
                return Ok(super::values::detections(context, judgement, &flag));
            }
        };
        Ok(vec![Detection {
            subject: SUBJECT,
            verdict,
            message,
            range: statement.byte_range(),
            edits,
            opt_out: None,
            follow_up: None,
        }])
    }

    /// The findings for a morsel never flagged: one per block that gives it its value,
    /// unless a block around it gave it earlier.
    fn missing(&self, context: &Context, object: &str, key: Option<Node>) -> Vec<Detection> {
        let name = self.name(object, key);
        let values: Vec<Node> = self
            .values
            .iter()
            .filter(|&&(_, other)| self.same(other, key))
            .map(|&(statement, _)| statement)
            .collect();
        let mut detections = Vec::new();
        for (at, &statement) in values.iter().enumerate() {
            let Some(block) = statement.parent() else {
                continue;
            };
            let given_before = values[..at].iter().any(|earlier| {
                earlier
                    .parent()
                    .is_some_and(|outer| outer == block || contains(outer, block))
            });
            if given_before {
                continue;
            }
            if self.unknown.iter().any(|&(_, other)| self.same(other, key)) {
                detections.push(Detection {
                    subject: SUBJECT,
                    verdict: Verdict::Dynamic,
                    message: format!("{SUBJECT} {name} has attributes set by an expression: check that they set \"{}\"", self.flag.key()),
                    range: statement.byte_range(),
                    edits: Vec::new(),
                    opt_out: None,
                    follow_up: None,
                });
                continue;
            }
            detections.push(self.insertion(context, key, &name, statement, block));
        }
        detections
    }

    /// The statement that flags the morsel, after the last statement of `block` that
    /// sets it up.
    fn insertion(
        &self,
        context: &Context,
        key: Option<Node>,
        name: &str,
        given: Node,
        block: Node,
    ) -> Detection {
        let lines = context.lines;
        let setting = self
            .values
            .iter()
            .chain(&self.attributes)
            .filter(|&&(statement, other)| {
                statement.parent() == Some(block)
                    && statement.start_byte() >= given.start_byte()
                    && self.same(other, key)
            })
            .map(|&(statement, _)| statement)
            .max_by_key(|statement| statement.start_byte())
            .unwrap_or(given);
        let finding = |verdict, message, edits| Detection {
            subject: SUBJECT,
            verdict,
            message,
            range: given.byte_range(),
            edits,
            opt_out: None,
            follow_up: None,
        };
        let line_start = lines.line_start(lines.line_of(setting.start_byte()));
        let first_code = line_start
            + context.body[line_start..]
                .iter()
                .take_while(|b| crate::source::is_blank(b))
                .count();
        let continued = lines.line_of(setting.start_byte()) > 0
            && lines
                .line_text(lines.line_of(setting.start_byte()) - 1)
                .ends_with(b"\\");
        // `if x: c["sid"] = v`: a new line could only be written outside the block.
        let opens_its_line = parse::code_children(block)
            .into_iter()
            .any(|statement| statement.start_byte() == first_code);
        if !opens_its_line || continued {
            return finding(
                Verdict::Ambiguous,
                format!("{SUBJECT} {name} without [\"{}\"], set on its block's header line: set it by hand", self.flag.key()),
                Vec::new(),
            );
        }
        // The name and key are copied from the file's bytes, which must be the parser's
        // (no code-page stand-in for `größe` in a latin-1 file) and UTF-8 to be an edit.
        let copied = |node: Node| {
            let range = node.byte_range();
            (context.body.get(range.clone()) == self.source.get(range.clone()))
                .then(|| std::str::from_utf8(&context.body[range]).ok())
                .flatten()
        };
        let object_text = object_of(given).and_then(copied);
        let key_text = key.map(copied);
        let (Some(object_text), None | Some(Some(_))) = (object_text, key_text) else {
            return finding(
                Verdict::Ambiguous,
                format!("{SUBJECT} {name} without [\"{}\"], named in bytes an edit cannot copy: set it by hand", self.flag.key()),
                Vec::new(),
            );
        };
        let quote = key
            .filter(|key| key.kind() == "string")
            .and_then(|key| literal::quote_of(key, self.source))
            .unwrap_or('"');
        let target = match key_text.flatten() {
            Some(key_text) => format!("{object_text}[{key_text}]"),
            None => object_text.to_owned(),
        };
        let flag = self.flag.key();
        let value = self.flag.value(context, quote);
        let statement = format!("{target}[{quote}{flag}{quote}] = {value}");
        let indent = indentation_at(context.body, lines, setting.start_byte());
        let edit = insert_line_after(lines, setting.end_byte(), indent, &statement);
        let wanted = match self.flag {
            Flag::Secure | Flag::HttpOnly => "True".to_owned(),
            Flag::SameSite => value,
        };
        finding(
            Verdict::Missing,
            format!("{SUBJECT} {name} without [\"{flag}\"] = {wanted}"),
            vec![edit],
        )
    }

    /// How a message names a morsel: `c["sid"]`, or the Morsel's own name.
    fn name(&self, object: &str, key: Option<Node>) -> String {
        match key {
            Some(key) => format!(
                "{object}[{}]",
                String::from_utf8_lossy(&self.source[key.byte_range()])
            ),
            None => object.to_owned(),
        }
    }
}

/// The object a statement that gives a morsel its value names: `c` in `c[key] = v`,
/// `m` in `m.set(...)`.
fn object_of(statement: Node) -> Option<Node> {
    let inner = parse::first_code_child(statement)?;
    let node = match inner.kind() {
        "assignment" => inner
            .child_by_field_name("left")?
            .child_by_field_name("value")?,
        "call" => inner
            .child_by_field_name("function")?
            .child_by_field_name("object")?,
        _ => return None,
    };
    (node.kind() == "identifier").then_some(node)
}

/// `""`, `''`: the value that deletes a cookie, which holds nothing to steal.
fn is_empty_string(value: Node, source: &[u8]) -> bool {
    literal::plain_string(value, source) == Some("")
}

/// Whether `inner` lies inside `outer`.
fn contains(outer: Node, inner: Node) -> bool {
    outer.start_byte() <= inner.start_byte() && inner.end_byte() <= outer.end_byte()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_file_without_a_flag_or_a_writer_has_no_finding_to_parse_for() {
        for text in [
            "c[k][\"secure\"] = x",
            "c[k]['SeCuRe'] = x",
            "c[k][u\"\"\"secure\"\"\"] = x",
            "print(c)",
            "h = c.output()",
            "m.OutputString()",
        ] {
            assert!(may_find(text.as_bytes(), Flag::Secure), "{text}");
        }
        for text in [
            "c[k] = v\nreturn c",
            "c[k][\"secured\"] = 1",
            "insecure = 'secure_x'",
        ] {
            assert!(!may_find(text.as_bytes(), Flag::Secure), "{text}");
        }
    }

    #[test]
    fn needles_count_where_a_class_is_called() {
        let counts = |text: &str| {
            let bytes = text.as_bytes();
            CLASSES.iter().any(|needle| {
                memchr::memmem::find_iter(bytes, needle).any(|at| is_constructed(bytes, at, needle))
            })
        };
        for text in [
            "c = SimpleCookie()",
            "c = cookies.BaseCookie (raw)",
            "m = Morsel(\n",
        ] {
            assert!(counts(text), "{text}");
        }
        for text in ["SimpleCookie_x = 1", "x: Morsel = m", "MorselJar()"] {
            assert!(!counts(text), "{text}");
        }
    }
}
