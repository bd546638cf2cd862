//! Mappings written out in the source, read entry by entry: a dict literal
//! (`{"secure": False}`) or the keyword arguments of a call (`dict(secure=False)`,
//! `config.update(SESSION_COOKIE_SECURE=False)`).

use tree_sitter::Node;

use crate::edit::{self, Edit};
use crate::literal;
use crate::parse;
use crate::source::LineIndex;

/// A dict literal, or a call's argument list read for its keyword arguments.
#[derive(Debug, Clone, Copy)]
pub enum Mapping<'tree> {
    Dict(Node<'tree>),
    Keywords(Node<'tree>),
}

/// One `key: value` pair or `key=value` argument whose key is a plain name or string.
#[derive(Debug, Clone, Copy)]
pub struct Entry<'tree, 's> {
    pub key: &'s str,
    /// The key's node (a string in a dict, an identifier in a call).
    pub key_node: Node<'tree>,
    pub value: Node<'tree>,
    /// The whole pair or keyword argument.
    pub node: Node<'tree>,
}

impl<'tree> Mapping<'tree> {
    /// A dict literal, or the argument list of a call.
    pub fn of(node: Node<'tree>) -> Option<Self> {
        match node.kind() {
            "dictionary" => Some(Mapping::Dict(node)),
            "argument_list" => Some(Mapping::Keywords(node)),
            "call" => node.child_by_field_name("arguments").and_then(Mapping::of),
            _ => None,
        }
    }

    /// A value read as a mapping: a dict literal or a `dict(...)` call.
    pub fn of_value(value: Node<'tree>, source: &[u8]) -> Option<Self> {
        let value = literal::unparenthesize(value);
        match value.kind() {
            "dictionary" => Some(Mapping::Dict(value)),
            "call" => {
                let callee = value.child_by_field_name("function")?;
                (callee.utf8_text(source).ok()? == "dict")
                    .then(|| Mapping::of(value))
                    .flatten()
            }
            _ => None,
        }
    }

    pub fn node(&self) -> Node<'tree> {
        match self {
            Mapping::Dict(node) | Mapping::Keywords(node) => *node,
        }
    }

    /// The entries whose key can be read, in order.
    pub fn entries<'s>(&self, source: &'s [u8]) -> Vec<Entry<'tree, 's>> {
        let mut entries = Vec::new();
        for item in parse::code_children(self.node()) {
            let (key_field, value_field) = match (self, item.kind()) {
                (Mapping::Dict(_), "pair") => ("key", "value"),
                (Mapping::Keywords(_), "keyword_argument") => ("name", "value"),
                _ => continue,
            };
            let (Some(key_node), Some(value)) = (
                item.child_by_field_name(key_field),
                item.child_by_field_name(value_field),
            ) else {
                continue;
            };
            let key = match self {
                Mapping::Dict(_) => literal::plain_string(key_node, source),
                Mapping::Keywords(_) => key_node.utf8_text(source).ok(),
            };
            if let Some(key) = key {
                entries.push(Entry {
                    key,
                    key_node,
                    value,
                    node: item,
                });
            }
        }
        entries
    }

    /// The last entry of `key`: the one that wins when a dict repeats a key.
    pub fn get<'s>(&self, key: &str, source: &'s [u8]) -> Option<Entry<'tree, 's>> {
        self.entries(source)
            .into_iter()
            .rev()
            .find(|entry| entry.key == key)
    }

    /// Whether `**other` (or, in a call, `*args`) may add entries the source does not
    /// show; so may `dict(base, ...)`'s positional mapping.
    pub fn has_splat(&self, source: &[u8]) -> bool {
        let is_dict_call = match self {
            Mapping::Keywords(arguments) => arguments
                .parent()
                .and_then(|call| call.child_by_field_name("function"))
                .is_some_and(|function| function.utf8_text(source).ok() == Some("dict")),
            Mapping::Dict(_) => false,
        };
        parse::code_children(self.node()).iter().any(|item| {
            matches!(item.kind(), "dictionary_splat" | "list_splat")
                || (is_dict_call && item.kind() != "keyword_argument")
        })
    }

    /// The edits that add `key` with the value `value` as the new last entry, laid out as
    /// a new last argument is (DESIGN.md section 3); a dict's key is quoted with `quote`.
    pub fn insert(
        &self,
        key: &str,
        value: &str,
        quote: char,
        body: &[u8],
        lines: &LineIndex,
    ) -> Vec<Edit> {
        let entry = match self {
            Mapping::Dict(_) => format!("{quote}{key}{quote}: {value}"),
            Mapping::Keywords(_) => format!("{key}={value}"),
        };
        edit::insert_argument(self.node(), &entry, body, lines)
    }
}
