//! How a module reads its boolean deployment settings from the environment
//! (DESIGN.md section 10), so that a setting a fix adds or replaces is read the same
//! way, true when its variable is unset: `SESSION_COOKIE_SECURE =
//! envbool("MYAPP_SESSION_COOKIE_SECURE", "True")` where the module writes `DEBUG =
//! envbool("MYAPP_DEBUG", "False")`.
//!
//! The evidence is the statements of a module, class or function body that give an
//! upper-case setting (`NAME = v`, `app.config["NAME"] = v`, `app.config.update(NAME=v)`)
//! a boolean read from one environment variable with a default, as the
//! value module reads them ([`crate::value`]: `os.environ.get` and its parses,
//! django-environ, python-decouple, a function of the module whose result is such a
//! read). Every such assignment must be written alike (the same expression but for the
//! variable's name and the default) and name its variable alike (a common prefix
//! before the setting's own name); else nothing is learned. The expression written is
//! the first one's, with the new variable's name; it is kept only where the value
//! module, reading it in the fixed module, finds it true with the variable unset (after
//! turning its default over, as it fixes an insecure default), so a second run has
//! nothing to change.
//!
//! A module that gives its defaults in django-environ's schema (`env =
//! environ.Env(DEBUG=(bool, False))`, `DEBUG = env("DEBUG")`) has the new variable's
//! entry added to that schema, written like the exemplar's, beside the read.

use std::ops::Range;

use tree_sitter::Node;

use crate::edit::{self, Edit};
use crate::literal;
use crate::parse;
use crate::source::LineIndex;
use crate::value::eval::{Evaluator, Py, Read};
use crate::value::{self, How, Judgement, Reader, Vocabulary, Want};

/// What the module's reads of boolean settings have in common.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Idiom<'tree> {
    /// The first read's expression.
    template: String,
    /// The variable's name inside `template`, between its quotes.
    hole: Range<usize>,
    /// What every variable's name adds before its setting's name (`MYAPP_`, or nothing).
    prefix: String,
    /// The setting the expression is taken from (`DEBUG`), and where it starts.
    pub exemplar: String,
    pub exemplar_at: usize,
    /// Where the first read's default is given, when a django-environ schema gives it.
    schema: Option<Schema<'tree>>,
}

/// django-environ's schema, `env = environ.Env(DEBUG=(bool, False))`: a statement of
/// the module before the fix, binding the name the reads call.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Schema<'tree> {
    /// The `Env(...)` call's argument list, which a new entry ends.
    arguments: Node<'tree>,
    /// The exemplar's entry's value (`(bool, False)`), on one line.
    entry: String,
}

/// One boolean setting read from the environment.
struct Evidence {
    setting: String,
    /// The value's expression and where it is.
    text: String,
    at: usize,
    /// The variable's name inside `text`.
    hole: Range<usize>,
    variable: String,
    /// How it is written, but for the variable's name and the default.
    shape: String,
    /// The read's default, where it is written, and the read's call.
    default: Range<usize>,
    call: Range<usize>,
}

/// The idiom of the statements of `body` (a module, or a class's block) that come
/// before `before`: a fix there cannot use a reader bound later.
pub fn learn<'tree>(reader: &Reader<'_, 'tree>, body: Node, before: usize) -> Option<Idiom<'tree>> {
    let mut evidence = Vec::new();
    for statement in parse::code_children(body) {
        if statement.start_byte() >= before {
            break;
        }
        evidence.extend(evidence_of(reader, statement));
    }
    let first = evidence.first()?;
    let prefix = prefix_of(first)?;
    let alike = evidence
        .iter()
        .all(|e| e.shape == first.shape && prefix_of(e).as_deref() == Some(prefix.as_str()));
    alike.then(|| Idiom {
        template: first.text.clone(),
        hole: first.hole.clone(),
        prefix,
        exemplar: first.setting.clone(),
        exemplar_at: first.at,
        schema: schema_of(reader, first, before),
    })
}

/// The schema that gives `evidence` its default: an entry `NAME=(cast, default)` on one
/// line, in the arguments of a `Env(...)` call that a module statement before `before`
/// binds to the name the read calls. A schema anywhere else (another module's, a
/// function's, one bound after the fix) takes no entry a fix could rely on.
fn schema_of<'tree>(
    reader: &Reader<'_, 'tree>,
    evidence: &Evidence,
    before: usize,
) -> Option<Schema<'tree>> {
    let source = reader.source;
    let root = reader.tree.root_node();
    let mut tuple = node_of(root, evidence.default.clone())?.parent()?;
    while tuple.kind() == "parenthesized_expression" {
        tuple = tuple.parent()?;
    }
    let entry = tuple.parent().filter(|p| p.kind() == "keyword_argument")?;
    let arguments = entry.parent().filter(|p| p.kind() == "argument_list")?;
    let call = arguments.parent().filter(|p| p.kind() == "call")?;
    let binding = call.parent().filter(|p| p.kind() == "assignment")?;
    let statement = binding
        .parent()
        .filter(|p| p.kind() == "expression_statement")?;
    let bound = binding.child_by_field_name("left")?;
    if statement.parent() != Some(root)
        || binding.child_by_field_name("right") != Some(call)
        || bound.kind() != "identifier"
        || statement.end_byte() > before
    {
        return None;
    }
    let read = node_of(root, evidence.call.clone())?.child_by_field_name("function")?;
    let receiver = match read.kind() {
        "attribute" => read.child_by_field_name("object")?,
        _ => read,
    };
    if receiver.kind() != "identifier" || receiver.utf8_text(source) != bound.utf8_text(source) {
        return None;
    }
    // A splat may give any keyword: a new one could repeat it.
    let splat = parse::code_children(arguments)
        .iter()
        .any(|a| matches!(a.kind(), "list_splat" | "dictionary_splat"));
    if splat {
        return None;
    }
    let value = entry.child_by_field_name("value")?.utf8_text(source).ok()?;
    if value.contains(['\n', '\r']) {
        return None;
    }
    Some(Schema {
        arguments,
        entry: value.to_owned(),
    })
}

/// What a variable's name adds before its setting's, when it ends with it.
fn prefix_of(evidence: &Evidence) -> Option<String> {
    evidence
        .variable
        .strip_suffix(evidence.setting.as_str())
        .map(str::to_owned)
}

/// The settings a statement gives a value: `NAME = value`, `X.config["NAME"] = value`,
/// `X.config.update(NAME=value, ...)`.
fn settings_given<'tree>(statement: Node<'tree>, source: &[u8]) -> Vec<(String, Node<'tree>)> {
    let inner =
        parse::first_code_child(statement).filter(|_| statement.kind() == "expression_statement");
    let Some(inner) = inner else {
        return Vec::new();
    };
    let mut given = Vec::new();
    match inner.kind() {
        "assignment" => {
            let (Some(target), Some(value)) = (
                inner.child_by_field_name("left"),
                inner.child_by_field_name("right"),
            ) else {
                return given;
            };
            let setting = match target.kind() {
                "identifier" => target.utf8_text(source).ok(),
                "subscript" => target
                    .child_by_field_name("value")
                    .filter(|config| is_config(*config, source))
                    .and_then(|_| target.child_by_field_name("subscript"))
                    .and_then(|key| literal::plain_string(key, source)),
                _ => None,
            };
            given.extend(setting.map(|setting| (setting.to_owned(), value)));
        }
        "call" => {
            let function = inner.child_by_field_name("function");
            let update = function.filter(|f| {
                f.kind() == "attribute"
                    && f.child_by_field_name("attribute")
                        .and_then(|name| name.utf8_text(source).ok())
                        == Some("update")
                    && f.child_by_field_name("object")
                        .is_some_and(|config| is_config(config, source))
            });
            let arguments = update.and(inner.child_by_field_name("arguments"));
            for argument in arguments.map(parse::code_children).unwrap_or_default() {
                let name = argument.child_by_field_name("name");
                let value = argument.child_by_field_name("value");
                if let (Some(name), Some(value)) = (name, value) {
                    given.extend(name.utf8_text(source).ok().map(|n| (n.to_owned(), value)));
                }
            }
        }
        _ => {}
    }
    given.retain(|(setting, _)| is_setting_name(setting));
    given
}

/// A receiver whose last name is `config`: `app.config`, `self.config`, `config`.
fn is_config(receiver: Node, source: &[u8]) -> bool {
    let last = match receiver.kind() {
        "identifier" => Some(receiver),
        "attribute" => receiver.child_by_field_name("attribute"),
        _ => None,
    };
    last.and_then(|name| name.utf8_text(source).ok()) == Some("config")
}

/// Each setting a statement gives a boolean read from one environment variable with a
/// default.
fn evidence_of(reader: &Reader, statement: Node) -> Vec<Evidence> {
    settings_given(statement, reader.source)
        .into_iter()
        .filter_map(|(setting, value)| read_evidence(reader, setting, value))
        .collect()
}

/// `setting`'s value, when it is a boolean read from one environment variable with a
/// default.
fn read_evidence(reader: &Reader, setting: String, value: Node) -> Option<Evidence> {
    let source = reader.source;
    // `(os.getenv(...) == "True")` over lines is written as it is on one.
    let value = literal::unparenthesize(value);
    // A read calls its reader with its variable's name in a string, and a collection is
    // none (Django's `LANGUAGES` list of `gettext_noop(...)` calls took the evaluator
    // 11 ms): such values are not evaluated at all.
    let collection = matches!(
        value.kind(),
        "list"
            | "tuple"
            | "set"
            | "dictionary"
            | "list_comprehension"
            | "set_comprehension"
            | "dictionary_comprehension"
            | "generator_expression"
    );
    if collection || !holds_call_and_string(value) {
        return None;
    }
    let mut ev = Evaluator::new(reader);
    let result = ev.eval(value);
    if ev.needs.is_some() {
        return None;
    }
    let reads: Vec<&Read> = ev
        .reads
        .iter()
        .filter(|read| matches!(read, Read::Environment { .. }))
        .collect();
    let [Read::Environment {
        variable,
        default: Some(default),
        at: call,
    }] = reads.as_slice()
    else {
        return None;
    };
    let default_text = std::str::from_utf8(&source[default.clone()]).ok()?;
    let boolean =
        matches!(result.py, Some(Py::Bool(_))) || matches!(default_text, "True" | "False");
    if !boolean {
        return None;
    }
    let names = strings_holding(value, variable, source);
    let [name] = names.as_slice() else {
        return None;
    };
    let range = value.byte_range();
    let relative = |r: &Range<usize>| r.start - range.start..r.end - range.start;
    let text = value.utf8_text(source).ok()?.to_owned();
    let hole = relative(name);
    // The default is a hole of the shape too, where the expression holds it (a schema
    // entry holds it elsewhere).
    let mut holes = vec![hole.clone()];
    if range.start <= default.start && default.end <= range.end {
        holes.push(relative(default));
    }
    holes.sort_by_key(|h| h.start);
    let mut shape = String::new();
    let mut at = 0;
    for h in &holes {
        shape.push_str(&text[at..h.start]);
        shape.push('\u{0}');
        at = h.end;
    }
    shape.push_str(&text[at..]);
    Some(Evidence {
        setting,
        text,
        at: range.start,
        hole,
        variable: variable.to_string(),
        shape: shape.split_whitespace().collect(),
        default: default.clone(),
        call: call.clone(),
    })
}

/// Whether the expression holds a call and a string somewhere.
fn holds_call_and_string(node: Node) -> bool {
    let (mut call, mut string) = (false, false);
    let mut stack = vec![node];
    while let Some(node) = stack.pop() {
        match node.kind() {
            "call" => call = true,
            "string" => string = true,
            _ => {}
        }
        if call && string {
            return true;
        }
        let mut cursor = node.walk();
        stack.extend(node.named_children(&mut cursor));
    }
    false
}

/// An upper-case name, as a setting's: `DEBUG`, `SESSION_COOKIE_SECURE`.
fn is_setting_name(name: &str) -> bool {
    name.starts_with(|c: char| c.is_ascii_uppercase())
        && name
            .chars()
            .all(|c| c.is_ascii_uppercase() || c.is_ascii_digit() || c == '_')
}

/// The contents of the plain strings inside `node` that spell `text`.
fn strings_holding(node: Node, text: &str, source: &[u8]) -> Vec<Range<usize>> {
    let mut found = Vec::new();
    let mut stack = vec![node];
    while let Some(node) = stack.pop() {
        if node.kind() == "string" {
            if literal::plain_string(node, source) == Some(text) {
                let mut cursor = node.walk();
                let content = node
                    .named_children(&mut cursor)
                    .find(|c| c.kind() == "string_content");
                found.extend(content.map(|c| c.byte_range()));
            }
            continue;
        }
        let mut cursor = node.walk();
        stack.extend(node.named_children(&mut cursor));
    }
    found
}

/// A setting's value written in the module's idiom.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Written {
    /// The edits that put it in the file: the value, and its schema entry where the
    /// module gives its defaults in a schema.
    pub edits: Vec<Edit>,
    /// The variable it reads, and the value that turns it off.
    pub variable: String,
    pub opt_out: String,
}

impl Idiom<'_> {
    /// The expression that reads `setting`'s variable, with the exemplar's default.
    fn expression(&self, setting: &str) -> (String, String) {
        let variable = format!("{}{setting}", self.prefix);
        let mut text = self.template.clone();
        text.replace_range(self.hole.clone(), &variable);
        (text, variable)
    }

    /// `setting` read in the idiom, placed by `place` (which, given the value's text,
    /// gives the edits that write it into `source`), when the value module reads the
    /// fixed module's value as true with the variable unset; `None` otherwise.
    pub fn write(
        &self,
        setting: &str,
        source: &[u8],
        lines: &LineIndex,
        vocabulary: &Vocabulary,
        want: Want,
        place: impl Fn(&str) -> Vec<Edit>,
    ) -> Option<Written> {
        let (mut text, variable) = self.expression(setting);
        // The schema's new entry, unless it has one for the variable already (whose
        // default, turned over, is then a change of its own).
        let mut entry = match &self.schema {
            Some(schema) if !schema.has_entry(&variable, source) => Some(schema.entry.clone()),
            _ => None,
        };
        let mut turned_entry: Option<Edit> = None;
        // The default as written first; then as the value module turns it over.
        for _ in 0..2 {
            let mut edits = match (&self.schema, &entry) {
                (Some(schema), Some(entry)) => {
                    let keyword = format!("{variable}={entry}");
                    edit::insert_argument(schema.arguments, &keyword, source, lines)
                }
                _ => Vec::new(),
            };
            edits.extend(turned_entry.clone());
            let placed = place(&text);
            let read = placed
                .iter()
                .find(|edit| edit.content.contains(text.as_str()))?;
            let at = read.content.find(text.as_str())?;
            let read = read.clone();
            edits.extend(placed);
            let offset = in_probe(&edits, &read, at);
            let entry_at = entry.as_ref().and_then(|entry| {
                let keyword = format!("{variable}={entry}");
                let added = edits.iter().find(|e| e.content.contains(&keyword))?;
                let at = in_probe(&edits, added, added.content.find(&keyword)?);
                let at = at + variable.len() + 1;
                Some(at..at + entry.len())
            });
            let probe = edit::apply(source, &edits).ok()?;
            let parsed = parse::parse(&probe)?;
            if parse::first_error(&parsed.tree).is_some() {
                return None;
            }
            let reader = Reader::new(&parsed.tree, &probe, true, vocabulary, "True");
            let node = node_of(parsed.tree.root_node(), offset..offset + text.len())?;
            match value::judge(&reader, node, want).ok()? {
                Judgement::Settled(settled) if settled.how == How::DefaultSecure => {
                    let opt_out = opt_out(&reader, node)?;
                    return Some(Written {
                        edits,
                        variable,
                        opt_out,
                    });
                }
                Judgement::DefaultInsecure {
                    edit: turned,
                    variable: read,
                    ..
                } if read == variable => {
                    let within = |range: &Range<usize>| {
                        range.start <= turned.range.start && turned.range.end <= range.end
                    };
                    let inner = |at: usize| turned.range.start - at..turned.range.end - at;
                    match (&mut entry, entry_at) {
                        _ if within(&(offset..offset + text.len())) => {
                            text.replace_range(inner(offset), &turned.content);
                        }
                        (Some(entry), Some(at)) if within(&at) => {
                            entry.replace_range(inner(at.start), &turned.content);
                        }
                        // The schema's own entry for the variable, before every edit.
                        (None, _)
                            if self
                                .schema
                                .as_ref()
                                .is_some_and(|schema| within(&schema.arguments.byte_range())) =>
                        {
                            turned_entry = Some(turned);
                        }
                        _ => return None,
                    }
                }
                _ => return None,
            }
        }
        None
    }
}

impl Schema<'_> {
    /// Whether the schema has an entry for `variable`.
    fn has_entry(&self, variable: &str, source: &[u8]) -> bool {
        parse::code_children(self.arguments).iter().any(|argument| {
            argument.kind() == "keyword_argument"
                && argument
                    .child_by_field_name("name")
                    .and_then(|name| name.utf8_text(source).ok())
                    == Some(variable)
        })
    }
}

/// Where byte `at` of `edit`'s content is once `edits` (which do not overlap) are made.
fn in_probe(edits: &[Edit], edit: &Edit, at: usize) -> usize {
    let earlier = edits.iter().filter(|e| e.range.start < edit.range.start);
    let (added, removed) = earlier.fold((0, 0), |(added, removed), e| {
        (added + e.content.len(), removed + e.range.len())
    });
    edit.range.start + added - removed + at
}

/// The node of exactly these bytes.
fn node_of(root: Node, range: Range<usize>) -> Option<Node> {
    let mut node = root.descendant_for_byte_range(range.start, range.end)?;
    while node.byte_range() != range {
        node = node.parent()?;
    }
    while let Some(parent) = node.parent().filter(|p| p.byte_range() == range) {
        node = parent;
    }
    Some(node)
}

/// What an operator sets the variable to for the setting to be false: the default's
/// true spelling turned over (`"True"` to `False`, `"yes"` to `no`, `"1"` to `0`),
/// `false` for a bool default, which every reader parses.
fn opt_out(reader: &Reader, value: Node) -> Option<String> {
    let mut ev = Evaluator::new(reader);
    ev.eval(value);
    let default = ev.reads.iter().find_map(|read| match read {
        Read::Environment {
            default: Some(default),
            ..
        } => Some(default.clone()),
        _ => None,
    })?;
    let root = reader.tree.root_node();
    let node = literal::unparenthesize(node_of(root, default)?);
    let text = match node.kind() {
        "string" => literal::plain_string(node, reader.source)?,
        _ => node.utf8_text(reader.source).ok()?,
    };
    Some(value::default::spelled_as(text, false).unwrap_or_else(|| "false".to_owned()))
}

impl Written {
    /// What a finding adds about the value it writes: the line it follows and how an
    /// operator who serves plain HTTP turns it off.
    pub fn note(&self, idiom: &Idiom, file: Option<&str>, line: usize) -> String {
        let at = match file {
            Some(file) => format!("{file}:{line}"),
            None => format!("line {line}"),
        };
        format!(
            "written like {} at {at}; set {}={} to serve plain HTTP",
            idiom.exemplar, self.variable, self.opt_out
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn true_spellings_turn_over_in_their_case() {
        let turned = |text| value::default::spelled_as(text, false);
        assert_eq!(turned("True").as_deref(), Some("False"));
        assert_eq!(turned("true").as_deref(), Some("false"));
        assert_eq!(turned("YES").as_deref(), Some("NO"));
        assert_eq!(turned("1").as_deref(), Some("0"));
        assert_eq!(turned("maybe"), None);
        assert_eq!(
            value::default::spelled_as("No", true).as_deref(),
            Some("Yes")
        );
    }
}
