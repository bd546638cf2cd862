//! A flag's value judged by the value module (DESIGN.md section 8), as the rules report
//! it: no finding where the code settles it (an entry for `-v` and the JSON report), a
//! fix where a falsy literal or an environment default decides, the callers of a
//! function whose parameter it is, or review with the reason.

use std::ops::Range;

use tree_sitter::Node;

use super::{Context, NeedsMore};
use crate::call::Outcome;
use crate::diagnostic::{Detection, Verdict};
use crate::edit::Edit;
use crate::value::{self, Judgement, Vocabulary, Want};

/// The verdict on the flag expression `value`.
pub fn judge(
    context: &Context,
    value: Node,
    vocabulary: &Vocabulary,
    want: Want,
) -> Result<Judgement, NeedsMore> {
    needs(
        context,
        value::judge(&context.values(vocabulary), value, want),
    )
}

/// What the value module asks of the windows: the whole file, or, where the file is too
/// large to parse whole, review of what they show.
fn needs(
    context: &Context,
    judged: Result<Judgement, value::Needs>,
) -> Result<Judgement, NeedsMore> {
    match judged {
        Ok(judgement) => Ok(judgement),
        Err(value::Needs::WholeFile) if context.whole_allowed => Err(NeedsMore::WholeFile),
        Err(value::Needs::WholeFile) => Ok(Judgement::Review(None)),
    }
}

/// A call's flag judged: its value's verdict, how the message shows the flag
/// (`secure=x`, `secure= from **opts`), and the value's bytes.
pub struct CallFlag {
    pub judgement: Judgement,
    pub shown: String,
    pub value: Range<usize>,
}

/// The verdict on a call's flag where the call gives it as an expression, or unpacks one
/// `**dict` that may hold it; `None` for any other outcome (a literal, a missing flag).
pub fn judge_call_flag(
    context: &Context,
    outcome: &Outcome,
    call: Node,
    arguments: Node,
    keyword: &str,
    vocabulary: &Vocabulary,
    want: Want,
) -> Result<Option<CallFlag>, NeedsMore> {
    let shown = |range: Range<usize>| String::from_utf8_lossy(&context.body[range]).into_owned();
    match outcome {
        Outcome::Dynamic(range) => {
            let Some(value) = node_at(context, range) else {
                return Ok(None);
            };
            Ok(Some(CallFlag {
                judgement: judge(context, value, vocabulary, want)?,
                shown: format!("{keyword}={}", shown(range.clone())),
                value: range.clone(),
            }))
        }
        Outcome::Splat => {
            let Some(dict) = single_dict_splat(arguments) else {
                return Ok(None);
            };
            let judgement = needs(
                context,
                value::judge_key(&context.values(vocabulary), dict, keyword, call, want),
            )?;
            Ok(Some(CallFlag {
                judgement,
                shown: format!("{keyword}= from **{}", shown(dict.byte_range())),
                value: dict.byte_range(),
            }))
        }
        _ => Ok(None),
    }
}

/// The one `**name` a call's arguments unpack, when there is no other splat.
fn single_dict_splat(arguments: Node) -> Option<Node> {
    let splats: Vec<Node> = crate::parse::code_children(arguments)
        .into_iter()
        .filter(|a| matches!(a.kind(), "dictionary_splat" | "list_splat"))
        .collect();
    match splats.as_slice() {
        [only] if only.kind() == "dictionary_splat" => {
            crate::parse::first_code_child(*only).filter(|name| name.kind() == "identifier")
        }
        _ => None,
    }
}

/// The node of exactly these bytes (the outermost, for a parenthesised expression).
pub fn node_at<'t>(context: &Context<'t>, range: &Range<usize>) -> Option<Node<'t>> {
    let mut node = context
        .tree
        .root_node()
        .descendant_for_byte_range(range.start, range.end)?;
    while let Some(parent) = node.parent() {
        if parent.byte_range() != *range {
            break;
        }
        node = parent;
    }
    (node.byte_range() == *range).then_some(node)
}

/// A flag as a finding shows it.
pub struct Flag<'s> {
    /// What the finding is about (the setter, the setting).
    pub subject: &'static str,
    /// The flag as the message quotes it: `set_cookie() with secure=x`.
    pub said: String,
    /// Where its finding is reported (the call, the assignment).
    pub range: Range<usize>,
    /// The flag's expression.
    pub value: Range<usize>,
    /// What replaces a falsy literal.
    pub fix: &'s str,
    /// What review asks to check: `true in production`.
    pub check: &'s str,
}

/// The detections of a judged flag: none for a value that needs nothing, a settled
/// entry, a fix, review; for a parameter, those of each call.
pub fn detections(context: &Context, judgement: Judgement, flag: &Flag) -> Vec<Detection> {
    let detection = |verdict, message: String, range: Range<usize>, edits| Detection {
        subject: flag.subject,
        verdict,
        message,
        range,
        edits,
        opt_out: None,
        follow_up: None,
    };
    match judgement {
        Judgement::Settled(settled) => {
            // A true literal written in the flag itself needs no word.
            if settled.how == value::How::Literal && settled.at == flag.value {
                return Vec::new();
            }
            vec![detection(
                Verdict::Settled(settled.how, settled.at.start),
                format!("{}: {}", flag.said, settled.explanation()),
                flag.value.clone(),
                Vec::new(),
            )]
        }
        Judgement::Falsy { literal } => {
            let message = if flag.value.start <= literal.start && literal.end <= flag.value.end {
                flag.said.clone()
            } else {
                format!(
                    "{}, which is {} at line {}",
                    flag.said,
                    text(context, &literal),
                    line(context, literal.start)
                )
            };
            vec![detection(
                Verdict::Falsy,
                message,
                flag.range.clone(),
                vec![Edit::replace(literal, flag.fix)],
            )]
        }
        Judgement::DefaultInsecure {
            variable,
            edit,
            secure_default,
        } => vec![detection(
            Verdict::DefaultInsecure,
            format!(
                "{}: it is read from {variable}, false when unset; the default becomes \
                 {secure_default}",
                flag.said
            ),
            flag.range.clone(),
            vec![edit],
        )],
        // The rule that passes the flag in a dict says what its absence means.
        Judgement::Absent => vec![detection(
            Verdict::Splat,
            format!(
                "{}: the **kwargs it is given leave it out; check that it is set",
                flag.said
            ),
            flag.range.clone(),
            Vec::new(),
        )],
        Judgement::Callers(calls) => {
            let sink_line = line(context, flag.range.start);
            calls
                .into_iter()
                .flat_map(|call| {
                    let through = match call_at(context, &call.at) {
                        Some(node) => {
                            let callee = node
                                .child_by_field_name("function")
                                .map(|f| text(context, &f.byte_range()))
                                .unwrap_or_default();
                            format!("this call of {callee}() reaches")
                        }
                        _ => "the parameter's default reaches".to_owned(),
                    };
                    let at_call = Flag {
                        subject: flag.subject,
                        said: format!("{through} {} at line {sink_line}", flag.said),
                        range: call.at.clone(),
                        value: call.at.clone(),
                        fix: flag.fix,
                        check: flag.check,
                    };
                    detections(context, call.judgement, &at_call)
                })
                .collect()
        }
        Judgement::Review(reason) => {
            let reason = reason.map(|r| format!("{r}; ")).unwrap_or_default();
            vec![detection(
                Verdict::Dynamic,
                format!("{}: {reason}check that it is {}", flag.said, flag.check),
                flag.range.clone(),
                Vec::new(),
            )]
        }
    }
}

/// The call of exactly these bytes.
fn call_at<'t>(context: &Context<'t>, range: &Range<usize>) -> Option<Node<'t>> {
    let mut node = context
        .tree
        .root_node()
        .descendant_for_byte_range(range.start, range.end)?;
    loop {
        if node.kind() == "call" && node.byte_range() == *range {
            return Some(node);
        }
        node = node.parent().filter(|p| p.byte_range() == *range)?;
    }
}

fn text(context: &Context, range: &Range<usize>) -> String {
    let shown = String::from_utf8_lossy(&context.body[range.clone()]);
    shown.split_whitespace().collect::<Vec<_>>().join(" ")
}

fn line(context: &Context, offset: usize) -> usize {
    context.lines.line_of(offset) + 1
}
