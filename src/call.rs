//! What a call's arguments say about one keyword flag (`secure=`, `https_only=`), under
//! the signatures the call may have: the verdict vocabulary of every call-shaped sink.

use std::ops::Range;

use tree_sitter::Node;

use crate::edit::{self, Edit};
use crate::literal;
use crate::parse;
use crate::source::LineIndex;

/// How a callee accepts the flag, and what leaving it out means.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Signature {
    /// 0-based index of the flag among positional arguments (after `self`), if it can be positional.
    pub position: Option<usize>,
    /// The flag may be passed by keyword (a parameter of its name, or `**kwargs`).
    pub keyword: bool,
    /// Leaving the flag out already sets the attribute (a Secure cookie, a SameSite
    /// policy).
    pub set_by_default: bool,
    /// `None` as the flag means "use the default" (or, for a policy, is one) rather
    /// than "not set".
    pub none_is_default: bool,
    /// A call with more positional arguments than this may pass the flag positionally:
    /// a local definition without it that takes `*args`, which a wrapper forwards to the
    /// framework's callee, whose slot for the flag this is.
    pub through_args: Option<usize>,
}

impl Signature {
    pub const fn positional(index: usize) -> Self {
        Signature {
            position: Some(index),
            keyword: true,
            set_by_default: false,
            none_is_default: false,
            through_args: None,
        }
    }

    pub const fn keyword_only() -> Self {
        Signature {
            position: None,
            keyword: true,
            set_by_default: false,
            none_is_default: false,
            through_args: None,
        }
    }
}

/// How the flag's value is read.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Reading {
    /// A truth value: `secure=`, `httponly=`.
    Flag,
    /// A SameSite policy: `"Strict"`, `"Lax"` or `"None"` in any case; a falsy value
    /// sets none.
    Policy,
}

/// Whether a string is a SameSite policy a browser knows, in any case.
pub fn is_samesite_policy(text: &str) -> bool {
    ["strict", "lax", "none"].contains(&text.to_ascii_lowercase().as_str())
}

/// The verdict on one call.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Outcome {
    /// The flag is a truthy literal (a policy), or left out where the default sets it.
    Secure,
    /// The flag is left out: insert it.
    Missing,
    /// The flag is a falsy literal: replace the bytes of `replaced` (all or part of `value`).
    Falsy {
        value: Range<usize>,
        replaced: Range<usize>,
    },
    /// The flag is an expression only known at run time.
    Dynamic(Range<usize>),
    /// The flag is left out but `*args` or `**kwargs` may carry it.
    Splat,
    /// The flag is left out, but the call's positional arguments may reach it through
    /// the `*args` of the setter's definition in this file.
    ThroughArgs,
    /// The callee defined in this file takes no such parameter: adding it would raise `TypeError`.
    NoSecureParameter,
    /// The possible signatures (mixed frameworks, several definitions) disagree.
    Ambiguous,
}

impl Outcome {
    /// The edits that fix a call with this outcome: the flag `keyword=value` inserted
    /// into `arguments` when it is missing, or its falsy literal replaced by `value`;
    /// none for any other outcome. `body` and `lines` are the file's.
    pub fn edits(
        &self,
        arguments: Node,
        keyword: &str,
        value: &str,
        body: &[u8],
        lines: &LineIndex,
    ) -> Vec<Edit> {
        match self {
            Outcome::Missing => {
                edit::insert_argument(arguments, &format!("{keyword}={value}"), body, lines)
            }
            Outcome::Falsy { replaced, .. } => vec![Edit::replace(replaced.clone(), value)],
            _ => Vec::new(),
        }
    }
}

/// A call's arguments, reduced to what decides the flag.
pub struct Arguments<'tree> {
    /// Positional arguments in order; `None` stands for a `*args` splat.
    positional: Vec<Option<Node<'tree>>>,
    /// The value given to the flag by keyword.
    flag_keyword: Option<Node<'tree>>,
    has_splat: bool,
    reading: Reading,
}

impl<'tree> Arguments<'tree> {
    /// The arguments of `argument_list` that matter for the flag spelled as one of
    /// `keywords`, whose value is read as `reading` says.
    pub fn new(
        argument_list: Node<'tree>,
        source: &[u8],
        keywords: &[&str],
        reading: Reading,
    ) -> Self {
        let mut arguments = Arguments {
            positional: Vec::new(),
            flag_keyword: None,
            has_splat: false,
            reading,
        };
        for argument in parse::code_children(argument_list) {
            match argument.kind() {
                "keyword_argument" => {
                    let name = argument.child_by_field_name("name");
                    let name = name.and_then(|n| n.utf8_text(source).ok());
                    if name.is_some_and(|name| keywords.contains(&name)) {
                        arguments.flag_keyword = argument.child_by_field_name("value");
                    }
                }
                "dictionary_splat" => arguments.has_splat = true,
                "list_splat" => {
                    arguments.has_splat = true;
                    arguments.positional.push(None);
                }
                _ => arguments.positional.push(Some(argument)),
            }
        }
        arguments
    }

    /// The verdict under every possible signature, if they all agree.
    pub fn evaluate(&self, signatures: &[Signature], source: &[u8]) -> Outcome {
        let mut outcomes = signatures.iter().map(|s| self.evaluate_one(s, source));
        let Some(first) = outcomes.next() else {
            return Outcome::Ambiguous;
        };
        if outcomes.all(|other| other == first) {
            first
        } else {
            Outcome::Ambiguous
        }
    }

    fn evaluate_one(&self, signature: &Signature, source: &[u8]) -> Outcome {
        if !signature.keyword && signature.position.is_none() {
            return Outcome::NoSecureParameter;
        }
        if let Some(value) = self.flag_keyword {
            if !signature.keyword {
                return Outcome::NoSecureParameter;
            }
            return classify(value, signature, self.reading, source);
        }
        if let Some(index) = signature.position {
            for (at, argument) in self.positional.iter().enumerate() {
                match argument {
                    None => return Outcome::Splat,
                    Some(value) if at == index => {
                        return classify(*value, signature, self.reading, source)
                    }
                    Some(_) => {}
                }
                if at >= index {
                    break;
                }
            }
        }
        if self.has_splat {
            Outcome::Splat
        } else if signature
            .through_args
            .is_some_and(|slot| self.positional.len() > slot)
        {
            Outcome::ThroughArgs
        } else if signature.set_by_default {
            Outcome::Secure
        } else if !signature.keyword {
            Outcome::NoSecureParameter
        } else {
            Outcome::Missing
        }
    }
}

fn classify(value: Node, signature: &Signature, reading: Reading, source: &[u8]) -> Outcome {
    let range = value.byte_range();
    if reading == Reading::Policy {
        match literal::plain_string(value, source) {
            Some(policy) if is_samesite_policy(policy) => return Outcome::Secure,
            // No policy a browser knows, or an error the framework raises: review.
            Some(policy) if !policy.is_empty() => return Outcome::Dynamic(range),
            _ => {}
        }
        if literal::truthiness(value, source) == Some(true) {
            return Outcome::Dynamic(range);
        }
    }
    match literal::truthiness(value, source) {
        Some(true) => Outcome::Secure,
        Some(false)
            if signature.none_is_default
                && (literal::unparenthesize(value).kind() == "none"
                    || reading == Reading::Policy) =>
        {
            Outcome::Secure
        }
        Some(false) => match literal::replaced_range(value, source) {
            Some(replaced) => Outcome::Falsy {
                value: range,
                replaced,
            },
            None => Outcome::Dynamic(range),
        },
        None => Outcome::Dynamic(range),
    }
}
