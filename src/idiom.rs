//! How a module reads its boolean deployment settings from the environment
//! (DESIGN.md section 10), so that a setting a fix adds or replaces is read the same
//! way, true when its variable is unset: `SESSION_COOKIE_SECURE =
//! envbool("MYAPP_SESSION_COOKIE_SECURE", "True")` where the module writes `DEBUG =
//! envbool("MYAPP_DEBUG", "False")`.
//!
//! The evidence is the top-level assignments of a module or a class body that give an
//! upper-case name a boolean read from one environment variable with a default, as the
//! value module reads them ([`crate::value`]: `os.environ.get` and its parses,
//! django-environ, python-decouple, a function of the module whose result is such a
//! read). Every such assignment must be written alike (the same expression but for the
//! variable's name and the default) and name its variable alike (a common prefix
//! before the setting's own name); else nothing is learned. The expression written is
//! the first one's, with the new variable's name; it is kept only where the value
//! module, reading it in the fixed module, finds it true with the variable unset (after
//! turning its default over, as it fixes an insecure default), so a second run has
//! nothing to change.

use std::ops::Range;

use tree_sitter::Node;

use crate::edit::Edit;
use crate::literal;
use crate::parse;
use crate::value::eval::{Evaluator, Py, Read};
use crate::value::{self, How, Judgement, Reader, Vocabulary, Want};

/// What the module's reads of boolean settings have in common.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Idiom {
    /// The first read's expression.
    template: String,
    /// The variable's name inside `template`, between its quotes.
    hole: Range<usize>,
    /// What every variable's name adds before its setting's name (`MYAPP_`, or nothing).
    prefix: String,
    /// The setting the expression is taken from (`DEBUG`), and where it starts.
    pub exemplar: String,
    pub exemplar_at: usize,
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
}

/// The idiom of the statements of `body` (a module, or a class's block) that come
/// before `before`: a fix there cannot use a reader bound later.
pub fn learn(reader: &Reader, body: Node, before: usize) -> Option<Idiom> {
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
    })
}

/// What a variable's name adds before its setting's, when it ends with it.
fn prefix_of(evidence: &Evidence) -> Option<String> {
    evidence
        .variable
        .strip_suffix(evidence.setting.as_str())
        .map(str::to_owned)
}

/// `NAME = <a boolean read from one environment variable with a default>`.
fn evidence_of(reader: &Reader, statement: Node) -> Option<Evidence> {
    let source = reader.source;
    let assignment = parse::first_code_child(statement)
        .filter(|a| statement.kind() == "expression_statement" && a.kind() == "assignment")?;
    let target = assignment.child_by_field_name("left")?;
    // `(os.getenv(...) == "True")` over lines is written as it is on one.
    let value = literal::unparenthesize(assignment.child_by_field_name("right")?);
    let setting = target.utf8_text(source).ok()?;
    if target.kind() != "identifier" || !is_setting_name(setting) {
        return None;
    }
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
    let reads: Vec<(&String, &Option<Range<usize>>)> = ev
        .reads
        .iter()
        .filter_map(|read| match read {
            Read::Environment {
                variable, default, ..
            } => Some((variable, default)),
            _ => None,
        })
        .collect();
    let [(variable, Some(default))] = reads.as_slice() else {
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
        setting: setting.to_owned(),
        text,
        at: range.start,
        hole,
        variable: variable.to_string(),
        shape: shape.split_whitespace().collect(),
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
    /// The edit that puts it in the file.
    pub edit: Edit,
    /// The variable it reads, and the value that turns it off.
    pub variable: String,
    pub opt_out: String,
}

impl Idiom {
    /// The expression that reads `setting`'s variable, with the exemplar's default.
    fn expression(&self, setting: &str) -> (String, String) {
        let variable = format!("{}{setting}", self.prefix);
        let mut text = self.template.clone();
        text.replace_range(self.hole.clone(), &variable);
        (text, variable)
    }

    /// `setting` read in the idiom, placed by `place` (which, given the value's text,
    /// gives the edit that writes it into `source`), when the value module reads the
    /// fixed module's value as true with the variable unset; `None` otherwise.
    pub fn write(
        &self,
        setting: &str,
        source: &[u8],
        vocabulary: &Vocabulary,
        want: Want,
        place: impl Fn(&str) -> Edit,
    ) -> Option<Written> {
        let (mut text, variable) = self.expression(setting);
        // The default as written first; then as the value module turns it over.
        for _ in 0..2 {
            let edit = place(&text);
            let offset = edit.range.start + edit.content.find(text.as_str())?;
            let probe = crate::edit::apply(source, std::slice::from_ref(&edit)).ok()?;
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
                        edit,
                        variable,
                        opt_out,
                    });
                }
                Judgement::DefaultInsecure {
                    edit: turned,
                    variable: read,
                    ..
                } if read == variable
                    && offset <= turned.range.start
                    && turned.range.end <= offset + text.len() =>
                {
                    let inner = turned.range.start - offset..turned.range.end - offset;
                    text.replace_range(inner, &turned.content);
                }
                _ => return None,
            }
        }
        None
    }
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
