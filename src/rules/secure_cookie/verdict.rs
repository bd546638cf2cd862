//! What a call's arguments say about `secure`, under one signature.

use std::ops::Range;

use tree_sitter::Node;

use super::signature::Signature;
use crate::literal;
use crate::parse;

/// The verdict on one cookie call.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Outcome {
    /// `secure` is a truthy literal, or left out where the default is secure.
    Secure,
    /// `secure` is left out: insert it.
    Missing,
    /// `secure` is a falsy literal: replace the bytes of `replaced` (all or part of `value`).
    Falsy {
        value: Range<usize>,
        replaced: Range<usize>,
    },
    /// `secure` is an expression only known at run time.
    Dynamic(Range<usize>),
    /// `secure` is left out but `*args` or `**kwargs` may carry it.
    Splat,
    /// `secure` is left out, but the call's positional arguments may reach it through
    /// the `*args` of the setter's definition in this file.
    ThroughArgs,
    /// The setter defined in this file takes no `secure`: adding it would raise `TypeError`.
    NoSecureParameter,
    /// The possible signatures (mixed frameworks, several definitions) disagree.
    Ambiguous,
}

/// A call's arguments, reduced to what decides `secure`.
pub struct Arguments<'tree> {
    /// Positional arguments in order; `None` stands for a `*args` splat.
    positional: Vec<Option<Node<'tree>>>,
    /// The value of `secure=...`.
    secure_keyword: Option<Node<'tree>>,
    has_splat: bool,
}

impl<'tree> Arguments<'tree> {
    pub fn new(argument_list: Node<'tree>, source: &[u8]) -> Self {
        let mut arguments = Arguments {
            positional: Vec::new(),
            secure_keyword: None,
            has_splat: false,
        };
        for argument in parse::code_children(argument_list) {
            match argument.kind() {
                "keyword_argument" => {
                    let name = argument.child_by_field_name("name");
                    if name.and_then(|n| n.utf8_text(source).ok()) == Some("secure") {
                        arguments.secure_keyword = argument.child_by_field_name("value");
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
        if let Some(value) = self.secure_keyword {
            if !signature.keyword {
                return Outcome::NoSecureParameter;
            }
            return classify(value, signature, source);
        }
        if let Some(index) = signature.position {
            for (at, argument) in self.positional.iter().enumerate() {
                match argument {
                    None => return Outcome::Splat,
                    Some(value) if at == index => return classify(*value, signature, source),
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
        } else if signature.secure_by_default {
            Outcome::Secure
        } else if !signature.keyword {
            Outcome::NoSecureParameter
        } else {
            Outcome::Missing
        }
    }
}

fn classify(value: Node, signature: &Signature, source: &[u8]) -> Outcome {
    let range = value.byte_range();
    match literal::truthiness(value, source) {
        Some(true) => Outcome::Secure,
        Some(false)
            if signature.none_is_default && literal::unparenthesize(value).kind() == "none" =>
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
