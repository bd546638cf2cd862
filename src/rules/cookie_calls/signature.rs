//! Where a setter defined in the file itself takes an attribute (`secure`, `httponly`):
//! its parameters, read as the signature of the calls of its name.

use tree_sitter::Node;

use crate::call::Signature;
use crate::parse;

/// Reads the signature of the parameter spelled as one of `names` from a local
/// definition's `parameters` node. `framework` holds the signatures of the setter a
/// wrapper's `*args` would be forwarded to (the framework's `set_cookie`, whatever the
/// wrapper's name).
pub fn from_parameters(
    parameters: Node,
    source: &[u8],
    framework: &[Signature],
    names: &[&str],
) -> Signature {
    let mut params = read_parameters(parameters, source);
    if matches!(
        params.first(),
        Some(Parameter::Named {
            name: "self" | "cls",
            ..
        })
    ) {
        params.remove(0);
    }
    let star = params
        .iter()
        .position(|p| matches!(p, Parameter::Star { .. }))
        .unwrap_or(params.len());
    let takes_args = params
        .iter()
        .any(|p| matches!(p, Parameter::Star { args: true }));
    let slash = params.iter().position(|p| matches!(p, Parameter::Slash));
    let takes_kwargs = params.iter().any(|p| matches!(p, Parameter::DoubleStar));
    let secure = params
        .iter()
        .position(|p| matches!(p, Parameter::Named { name, .. } if names.contains(name)));
    let Some(at) = secure else {
        let through_args = framework.iter().filter_map(|s| s.position).min();
        return Signature {
            position: None,
            keyword: takes_kwargs,
            set_by_default: false,
            none_is_default: false,
            through_args: through_args.filter(|_| takes_args),
        };
    };
    let position = (at < star).then(|| {
        params[..at]
            .iter()
            .filter(|p| matches!(p, Parameter::Named { .. }))
            .count()
    });
    let positional_only = slash.is_some_and(|slash| at < slash);
    let set_by_default = match params[at] {
        Parameter::Named { default, .. } => {
            default.is_some_and(|value| crate::literal::truthiness(value, source) == Some(true))
        }
        _ => false,
    };
    Signature {
        position,
        keyword: takes_kwargs || !positional_only,
        set_by_default,
        none_is_default: false,
        through_args: None,
    }
}

/// [`from_parameters`] of a parameter list written out (`(self, key, value, secure=False)`),
/// as the project pass keeps another file's definition; `None` if it does not parse.
pub fn from_text(parameters: &str, framework: &[Signature], names: &[&str]) -> Option<Signature> {
    let source = format!("def f{parameters}:\n    pass\n");
    let parsed = parse::parse(source.as_bytes())?;
    let root = parsed.tree.root_node();
    if root.has_error() {
        return None;
    }
    let definition = parse::first_code_child(root)?;
    let list = definition.child_by_field_name("parameters")?;
    Some(from_parameters(list, source.as_bytes(), framework, names))
}

/// One entry of a parameter list, reduced to what decides where an attribute goes.
enum Parameter<'s, 'tree> {
    Named {
        name: &'s str,
        default: Option<Node<'tree>>,
    },
    /// A bare `*` or (`args`) `*args`: what follows is keyword-only.
    Star {
        args: bool,
    },
    DoubleStar,
    /// `/`: what precedes is positional-only.
    Slash,
}

fn read_parameters<'s, 'tree>(
    parameters: Node<'tree>,
    source: &'s [u8],
) -> Vec<Parameter<'s, 'tree>> {
    parse::code_children(parameters)
        .into_iter()
        .filter_map(|node| {
            let node = match node.kind() {
                // `*args: int` and `**kwargs: Any` wrap the splat in a typed parameter.
                "typed_parameter" => match node.named_child(0) {
                    Some(inner) if inner.kind() != "identifier" => inner,
                    _ => node,
                },
                _ => node,
            };
            Some(match node.kind() {
                "keyword_separator" => Parameter::Star { args: false },
                "list_splat_pattern" => Parameter::Star { args: true },
                "dictionary_splat_pattern" => Parameter::DoubleStar,
                "positional_separator" => Parameter::Slash,
                "identifier" => Parameter::Named {
                    name: node.utf8_text(source).ok()?,
                    default: None,
                },
                "typed_parameter" => Parameter::Named {
                    name: node.named_child(0)?.utf8_text(source).ok()?,
                    default: None,
                },
                "default_parameter" | "typed_default_parameter" => Parameter::Named {
                    name: node.child_by_field_name("name")?.utf8_text(source).ok()?,
                    default: node.child_by_field_name("value"),
                },
                // Tuple patterns (Python 2) still take a positional slot.
                _ => Parameter::Named {
                    name: "",
                    default: None,
                },
            })
        })
        .collect()
}
