//! What a flag's value settles (DESIGN.md section 8): one reading of an expression,
//! shared by every rule that judges a flag (`secure=`, a setting's right-hand side, a
//! dict entry, a morsel's flag, a session middleware's `https_only`).
//!
//! The expression is evaluated ([`eval`]) as a deployment computes it: HTTPS, DEBUG
//! off, no environment variable set, every cookie setting another rule judges taken as
//! judged there. Names, dict keys, functions and methods of the module are followed
//! ([`flow`]); the shapes that settle a value are rows ([`rows`]). The verdict says what
//! the value follows, or what fixes it: a falsy literal replaced where it is written, an
//! environment default made secure ([`default`]), each call of a function judged at its
//! argument when the value is the function's parameter.
//!
//! Nothing here names a rule's sink: the settings and flags it follows come from the
//! rules' tables, through [`Vocabulary`].

pub mod default;
pub mod eval;
pub mod flow;
mod rows;

use std::cell::OnceCell;
use std::ops::Range;

use tree_sitter::{Node, Tree};

use crate::bindings::{self, Bindings};
use crate::edit::Edit;
use eval::{Argument, Evaluator, Frame, Py, Read, Val};

/// The names a value is read against, from the rules' tables.
#[derive(Debug)]
pub struct Vocabulary {
    /// Cookie settings a rule judges where they are defined (`SESSION_COOKIE_SECURE`).
    pub settings: &'static [&'static str],
    /// Methods that return a cookie setting (Flask's `get_cookie_secure`), and which.
    pub setting_methods: &'static [(&'static str, &'static str)],
    /// The keywords and keys that pass a cookie flag (`secure`, `https_only`): a value
    /// used there, and nowhere else, feeds nothing but cookies.
    pub flags: &'static [&'static str],
    /// The methods whose calls a rule judges itself (`set_cookie`): a parameter of a
    /// method so named (an override, a wrapper) is each caller's, judged there.
    pub sinks: &'static [&'static str],
    /// The settings their framework always defines (a default of its own), so that a
    /// `config.get(NAME, default)`'s default never applies.
    pub always_defined: &'static [&'static str],
}

impl Vocabulary {
    pub fn setting(&self, name: &str) -> Option<&'static str> {
        self.settings.iter().copied().find(|s| *s == name)
    }

    pub fn setting_method(&self, method: &str) -> Option<&'static str> {
        self.setting_methods
            .iter()
            .find(|(m, _)| *m == method)
            .map(|&(_, setting)| setting)
    }

    pub fn is_always_defined(&self, setting: &str) -> bool {
        self.always_defined.contains(&setting)
    }

    fn is_flag(&self, key: &str) -> bool {
        self.flags.contains(&key) || self.setting(key).is_some()
    }
}

/// What a value is read in: the file's tree (whole, or its windows) and the settings.
pub struct Reader<'a, 't> {
    pub tree: &'t Tree,
    pub source: &'a [u8],
    /// Whether the tree is the whole file's.
    pub whole: bool,
    pub vocabulary: &'a Vocabulary,
    /// `--secure-value`: a value equal to it is settled.
    pub secure_value: &'a str,
    imports: OnceCell<Bindings>,
}

impl<'a, 't> Reader<'a, 't> {
    pub fn new(
        tree: &'t Tree,
        source: &'a [u8],
        whole: bool,
        vocabulary: &'a Vocabulary,
        secure_value: &'a str,
    ) -> Self {
        Reader {
            tree,
            source,
            whole,
            vocabulary,
            secure_value,
            imports: OnceCell::new(),
        }
    }

    /// What the module's imports bind (every import line is in the windows).
    pub fn imports(&self) -> &Bindings {
        self.imports.get_or_init(|| {
            Bindings::of(
                bindings::import_statements(self.tree, self.source),
                self.source,
            )
        })
    }

    fn text(&self, node: Node) -> &'a str {
        node.utf8_text(self.source).unwrap_or("")
    }
}

/// What the windows lack to judge a value.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Needs {
    WholeFile,
}

/// What the deployment needs the value to be.
#[derive(Debug, Clone, Copy)]
pub enum Want {
    /// Any true value: a cookie call's flag, Flask's settings.
    Truthy,
    /// The bool `True`: a setting Django's deployment checks test with `is True`.
    IsTrue,
    /// A string the test accepts (a SameSite policy); a value that is none is left for
    /// review, not fixed here.
    Text(fn(&str) -> bool),
}

/// What settles a value, so that it needs no finding.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum How {
    /// A true literal, reached through a name, a dict or a function.
    Literal,
    /// The request's scheme: Secure on every response the application knows is HTTPS.
    Scheme,
    /// A cookie setting that is judged where it is defined.
    Setting(&'static str),
    /// The debug switch, off in production.
    Debug,
    /// An environment or configuration value that is true when unset.
    DefaultSecure,
    /// The value `--secure-value` configures.
    Configured,
    /// A parameter of a method named like a cookie setter: each call is judged as a
    /// cookie call of its own.
    Callers,
    /// The request's host: true wherever it is not a loopback host.
    Host,
}

impl How {
    /// A stable, kebab-case name for machine-readable output.
    pub fn name(self) -> &'static str {
        match self {
            How::Literal => "secure",
            How::Scheme => "follows-scheme",
            How::Setting(_) => "follows-setting",
            How::Debug => "follows-debug",
            How::DefaultSecure => "default-secure",
            How::Configured => "configured",
            How::Callers => "follows-callers",
            How::Host => "follows-host",
        }
    }
}

/// A settled value: how, what it reads (a setting's or a variable's name), and where
/// the expression that settles it is.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Settled {
    pub how: How,
    pub detail: String,
    pub at: Range<usize>,
}

impl Settled {
    /// Why the value needs no finding, in a sentence's end.
    pub fn explanation(&self) -> String {
        match self.how {
            How::Literal => "is true where it is set".to_owned(),
            How::Scheme => "follows the request's scheme (behind a TLS proxy, the proxy-trust \
                            setting gives it: SECURE_PROXY_SSL_HEADER, ProxyFix, xheaders=True)"
                .to_owned(),
            How::Setting(name) => format!("follows {name}, which is judged where it is set"),
            How::Debug => "is true where DEBUG is off, as Django's deployment check \
                           (security.W018) wants it in production"
                .to_owned(),
            How::DefaultSecure => format!("is read from {}, true when unset", self.detail),
            How::Configured => "is the configured secure-value".to_owned(),
            How::Host => "is true wherever the request's host is not a loopback one (where \
                          browsers take a cookie without Secure from plain HTTP anyway)"
                .to_owned(),
            How::Callers => format!(
                "is a parameter of {}, whose calls are judged as cookie calls themselves",
                self.detail
            ),
        }
    }
}

/// The verdict on one value.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Judgement {
    /// No finding: the value is settled.
    Settled(Settled),
    /// A falsy literal, in the value or where a name, a parameter or an argument binds it
    /// (`literal`): replacing it fixes the value.
    Falsy { literal: Range<usize> },
    /// The key is not in the dict passed as `**kwargs`: the flag is not passed.
    Absent,
    /// Read from the environment or configuration and false when unset: the edit gives
    /// the read a secure default.
    DefaultInsecure {
        variable: String,
        edit: Edit,
        /// The default as it reads after the edit.
        secure_default: String,
    },
    /// The value is a parameter of the function; each call is judged at its argument.
    Callers(Vec<Call>),
    /// The code does not settle it, and why, where more can be said than that the value
    /// is known only at run time.
    Review(Option<String>),
}

/// One call of a function whose parameter the value is, judged at its argument.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Call {
    /// The call, where its finding is reported.
    pub at: Range<usize>,
    pub judgement: Judgement,
}

/// The verdict on the flag expression `value`.
pub fn judge(reader: &Reader, value: Node, want: Want) -> Result<Judgement, Needs> {
    if is_configured(reader, value) {
        return Ok(Judgement::Settled(Settled {
            how: How::Configured,
            detail: String::new(),
            at: value.byte_range(),
        }));
    }
    judge_in(reader, value, want, Vec::new(), 0)
}

/// The verdict on the flag `key` of the dict named by `dict` (an identifier), passed as
/// `**dict` to the call `at`: what the statements before the call write there.
pub fn judge_key(
    reader: &Reader,
    dict: Node,
    key: &str,
    at: Node,
    want: Want,
) -> Result<Judgement, Needs> {
    let mut ev = Evaluator::new(reader);
    let name = reader.text(dict);
    let result = ev.key(name, key, at);
    classify(reader, at, want, ev, result, 0)
}

/// How many times a parameter is followed to its callers, and theirs.
const CALLER_DEPTH: usize = 3;

fn judge_in<'t>(
    reader: &Reader<'_, 't>,
    value: Node<'t>,
    want: Want,
    frames: Vec<Frame<'t>>,
    depth: usize,
) -> Result<Judgement, Needs> {
    let mut ev = Evaluator::new(reader);
    ev.frames = frames;
    let result = ev.eval(value);
    classify(reader, value, want, ev, result, depth)
}

/// The verdict on what `value` evaluated to.
fn classify<'t>(
    reader: &Reader<'_, 't>,
    value: Node<'t>,
    want: Want,
    mut ev: Evaluator<'_, '_, 't>,
    result: Val,
    depth: usize,
) -> Result<Judgement, Needs> {
    if let Some(needs) = ev.needs.take() {
        return Err(needs);
    }
    let truth = satisfies(&result, want);
    match truth {
        Some(true) => Ok(Judgement::Settled(settled(&ev.reads, value))),
        // No value the attribute takes: the finding's own words say so.
        Some(false) if matches!(want, Want::Text(_)) => Ok(Judgement::Review(None)),
        Some(false) => default::insecure(reader, value, want, &ev, &result),
        None => {
            let parameter = ev.reads.iter().find_map(|read| match read {
                Read::Parameter(range) => Some(range.clone()),
                _ => None,
            });
            match parameter {
                Some(parameter) if depth < CALLER_DEPTH => {
                    callers(reader, value, want, parameter, &ev.frames, depth)
                }
                _ => Ok(Judgement::Review(review_reason(reader, &ev, value))),
            }
        }
    }
}

/// Whether the value is what the deployment needs.
fn satisfies(value: &Val, want: Want) -> Option<bool> {
    match want {
        Want::Truthy => value.truth(),
        Want::IsTrue => match &value.py {
            Some(Py::Bool(b)) => Some(*b),
            Some(Py::Truth(_)) | None => None,
            Some(_) => Some(false),
        },
        Want::Text(accepts) => match &value.py {
            Some(Py::Str(text)) => Some(accepts(text)),
            // A setting of the same attribute, judged where it is set.
            Some(Py::Bool(true)) => Some(true),
            _ => None,
        },
    }
}

/// What a true value followed: of what it read, the strongest claim first (the
/// scheme, a setting, the debug switch, an environment default, a setter's callers, a
/// literal through a binding).
fn settled(reads: &[Read], value: Node) -> Settled {
    let claim = |read: &Read| -> Option<(u8, How, String, Range<usize>)> {
        Some(match read {
            Read::Scheme(at) => (0, How::Scheme, String::new(), at.clone()),
            Read::Setting(name, at) => (1, How::Setting(name), (*name).to_owned(), at.clone()),
            Read::Host(at) => (1, How::Host, String::new(), at.clone()),
            Read::Debug(at) => (2, How::Debug, String::new(), at.clone()),
            Read::Environment { variable, at, .. } => {
                (3, How::DefaultSecure, variable.clone(), at.clone())
            }
            Read::Callers(method, at) => (4, How::Callers, method.clone(), at.clone()),
            Read::Binding(at) => (5, How::Literal, String::new(), at.clone()),
            Read::Parameter(_) => return None,
        })
    };
    // The first read of the strongest kind.
    let strongest = reads
        .iter()
        .filter_map(claim)
        .enumerate()
        .min_by_key(|(order, (rank, ..))| (*rank, *order))
        .map(|(_, claim)| claim);
    match strongest {
        Some((_, how, detail, at)) => Settled { how, detail, at },
        None => Settled {
            how: How::Literal,
            detail: String::new(),
            at: value.byte_range(),
        },
    }
}

fn review_reason(reader: &Reader, ev: &Evaluator, value: Node) -> Option<String> {
    match &ev.unknown {
        // Known only at run time: nothing to add to what the message quotes.
        Some(unknown) if unknown.at == value.byte_range() && eval::is_opaque(&unknown.reason) => {
            None
        }
        Some(unknown) if unknown.at == value.byte_range() => {
            Some(format!("it is {}", unknown.reason))
        }
        Some(unknown) => {
            let shown = String::from_utf8_lossy(&reader.source[unknown.at.clone()]);
            let shown: String = shown.split_whitespace().collect::<Vec<_>>().join(" ");
            let reason = match eval::is_opaque(&unknown.reason) {
                true => "known only at run time",
                false => &unknown.reason,
            };
            Some(format!("{shown} is {reason}"))
        }
        None => None,
    }
}

/// Whether the value is `--secure-value`'s expression (blanks aside).
fn is_configured(reader: &Reader, value: Node) -> bool {
    let squeeze = |text: &str| text.split_whitespace().collect::<String>();
    let configured = squeeze(reader.secure_value);
    configured != "True" && squeeze(reader.text(value)) == configured
}

/// A value that is a parameter of its function: each call of the function in the
/// module, judged with the parameter bound to its argument; with no call, the
/// parameter's default.
fn callers<'t>(
    reader: &Reader<'_, 't>,
    value: Node<'t>,
    want: Want,
    parameter: Range<usize>,
    frames: &[Frame<'t>],
    depth: usize,
) -> Result<Judgement, Needs> {
    if !reader.whole {
        return Err(Needs::WholeFile);
    }
    let root = reader.tree.root_node();
    let Some(parameter) = root.descendant_for_byte_range(parameter.start, parameter.end) else {
        return Ok(Judgement::Review(None));
    };
    let parameter = widen_to_parameter(parameter);
    let function = flow::scope_of(parameter);
    let name = eval::parameter_name(parameter, reader.source);
    let Some(function_name) = function.child_by_field_name("name").map(|n| reader.text(n)) else {
        return Ok(Judgement::Review(Some(format!(
            "{name} is a parameter of a lambda"
        ))));
    };
    if function
        .parent()
        .is_some_and(|p| p.kind() == "decorated_definition")
    {
        return Ok(Judgement::Review(Some(format!(
            "{name} is a parameter of {function_name}, which a decorator registers: its \
             callers are not in this module"
        ))));
    }
    let is_method = eval::enclosing_class(parameter).is_some()
        || flow::scope_of(function.parent().unwrap_or(function)).kind() == "class_definition";
    let (calls, passed_around) = calls_of(reader, function_name, is_method);
    if passed_around {
        return Ok(Judgement::Review(Some(format!(
            "{name} is a parameter of {function_name}, which is passed around, not only \
             called here"
        ))));
    }
    let depth_now = frames.len();
    if calls.is_empty() {
        let arguments = eval::bind_defaults(function, reader.source);
        let mut frames = frames.to_vec();
        frames.push(Frame {
            function,
            arguments,
        });
        let judgement = judge_in(reader, value, want, frames, depth + 1)?;
        return Ok(match judgement {
            Judgement::Review(_) if eval::is_required(parameter) => {
                Judgement::Review(Some(format!(
                    "{name} is a parameter of {function_name}, which this module does not call"
                )))
            }
            judgement => judgement,
        });
    }
    let mut judged = Vec::new();
    for call in calls {
        let Some(arguments) =
            eval::bind_arguments(call, function, is_method, reader.source, depth_now)
        else {
            judged.push(Call {
                at: call.byte_range(),
                judgement: Judgement::Review(Some(format!(
                    "{function_name}() is called with arguments that cannot be matched to \
                     its parameters"
                ))),
            });
            continue;
        };
        let given = arguments
            .iter()
            .any(|(bound, argument)| bound == name && matches!(argument, Argument::Given(..)));
        let mut frames = frames.to_vec();
        frames.push(Frame {
            function,
            arguments,
        });
        let judgement = judge_in(reader, value, want, frames, depth + 1)?;
        // A call that leaves the parameter to its default is judged at the default,
        // once for all such calls.
        let at = if given {
            call.byte_range()
        } else {
            parameter.byte_range()
        };
        if !judged.iter().any(|c: &Call| c.at == at) {
            judged.push(Call { at, judgement });
        }
    }
    Ok(Judgement::Callers(judged))
}

/// The whole parameter (`name=default`) a name in a parameter list belongs to.
fn widen_to_parameter(node: Node) -> Node {
    match node.parent() {
        Some(parent)
            if matches!(
                parent.kind(),
                "default_parameter" | "typed_default_parameter" | "typed_parameter"
            ) =>
        {
            parent
        }
        _ => node,
    }
}

/// The calls of a function (`name(...)`) or method (`x.name(...)`) in the module, and
/// whether the name is also used otherwise (passed, assigned, registered).
fn calls_of<'t>(reader: &Reader<'_, 't>, name: &str, method: bool) -> (Vec<Node<'t>>, bool) {
    let mut calls = Vec::new();
    let mut passed_around = false;
    for at in crate::parse::occurrences(reader.tree, reader.source, name) {
        let Some(identifier) = crate::parse::identifier_at(reader.tree, at, name.len()) else {
            continue;
        };
        let Some(parent) = identifier.parent() else {
            continue;
        };
        let is_attribute = parent.kind() == "attribute"
            && parent.child_by_field_name("attribute") == Some(identifier);
        let callee = match (is_attribute, method) {
            (true, true) => parent,
            (false, false) if is_reference(identifier, parent) => identifier,
            // Another object's attribute, or a definition, parameter or keyword of
            // the name: not a use of this function.
            _ => continue,
        };
        match crate::parse::parent_holding(callee, "call", "function") {
            Some(call) => calls.push(call),
            None => passed_around = true,
        }
    }
    (calls, passed_around)
}

/// Whether an identifier whose parent is `parent` is a read of the name (not a
/// definition, a parameter, a keyword's name or an import).
fn is_reference(identifier: Node, parent: Node) -> bool {
    let named_by = |field: &str| parent.child_by_field_name(field) == Some(identifier);
    match parent.kind() {
        "function_definition" | "class_definition" => !named_by("name"),
        "keyword_argument" => !named_by("name"),
        "default_parameter" | "typed_default_parameter" => !named_by("name"),
        "parameters" | "lambda_parameters" | "typed_parameter" | "dotted_name"
        | "aliased_import" | "global_statement" | "nonlocal_statement" => false,
        _ => true,
    }
}

#[cfg(test)]
mod tests;
