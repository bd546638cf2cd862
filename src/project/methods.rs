//! The setter methods the project defines (a wrapper, a helper class of its own), each
//! with its parameter list: DESIGN.md section 2's signature rule, read across files.

use super::text::{self, Occurrences};
use super::Vocabulary;

/// A method of a class named like a setter, and its parameters as written.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Method {
    pub name: String,
    /// `(self, key, value, secure=False)`.
    pub parameters: String,
}

/// Whether the bytes may define a setter: `def ` and the setters' common start
/// (`def set_`), one search for all of them.
pub fn may_define(bytes: &[u8], vocabulary: &Vocabulary) -> bool {
    let Some((first, rest)) = vocabulary.setters.split_first() else {
        return false;
    };
    let common = rest.iter().fold(first.len(), |length, setter| {
        first
            .bytes()
            .zip(setter.bytes())
            .take(length)
            .take_while(|(a, b)| a == b)
            .count()
    });
    let needle = format!("def {}", &first[..common]);
    memchr::memmem::find(bytes, needle.as_bytes()).is_some()
}

/// The methods of classes named like a setter: `def NAME(...)` inside a class body.
pub fn read(found: &Occurrences, vocabulary: &Vocabulary) -> Vec<Method> {
    let bytes = found.bytes;
    let mut methods = Vec::new();
    for setter in vocabulary.setters {
        for at in found.names(setter) {
            if !text::is_defined_at(bytes, at) || text::enclosing_class(bytes, at).is_none() {
                continue;
            }
            let Some(open) = text::next_code(bytes, at + setter.len()) else {
                continue;
            };
            let Some(parameters) = text::parenthesized(bytes, open) else {
                continue;
            };
            if let Ok(parameters) = std::str::from_utf8(parameters) {
                methods.push(Method {
                    name: (*setter).to_owned(),
                    parameters: parameters.to_owned(),
                });
            }
        }
    }
    methods
}
