//! What a fix writes as a call's Secure flag (DESIGN.md section 10): in the project's
//! idiom, the setting the project's own calls pass, where this file has its name, or the
//! request's scheme, where the framework's test clients keep a Secure cookie to
//! themselves over plain HTTP and the app learns the scheme behind its proxy; else the
//! configured value, naming the tests that will need an HTTPS base URL.

use tree_sitter::Node;

use super::test_clients::{self, Framework};
use crate::bindings;
use crate::diagnostic::FollowUp;
use crate::rules::{Context, FixStyle, NeedsMore, SECURE_VALUES};

/// A Secure fix's value, and what its message adds.
pub struct SecureFix {
    pub value: String,
    /// `; ...`, or empty.
    pub note: String,
    pub follow_up: Option<FollowUp>,
}

/// The fix of the Secure flag `keyword` of `call`, in a file that imports `modules`
/// (first components). `call` is `None` where the flag is configured once, not per
/// request (a session middleware's `https_only`): no request's scheme applies there.
pub fn secure_fix(
    context: &Context,
    call: Option<Node>,
    keyword: &str,
    modules: &[&str],
) -> Result<SecureFix, NeedsMore> {
    let literal = SecureFix {
        value: context.settings.secure_value.clone(),
        note: String::new(),
        follow_up: None,
    };
    let idiom = context.settings.fix_style == FixStyle::Idiom;
    if let Some((followed, at)) = context
        .project
        .followed_setting(keyword, SECURE_VALUES.settings)
        .filter(|_| idiom)
    {
        if imports_name(context, followed.root()) {
            return Ok(SecureFix {
                value: followed.expression.clone(),
                note: format!(
                    "; written to follow {} as the project's call at {at}:{} does",
                    followed.setting(),
                    followed.line
                ),
                follow_up: None,
            });
        }
    }
    let Some(framework) = test_clients::framework_of(modules.iter().copied()) else {
        return Ok(literal);
    };
    let dropping = framework.dropping();
    if dropping.is_empty() {
        return Ok(literal);
    }
    let learned = call
        .filter(|_| idiom)
        .and_then(|_| context.project.learns_scheme(framework.learns_scheme_from));
    // The handler's parameters are where the request is: the windows must show it.
    if let (Some(call), Some(_)) = (call, &learned) {
        context.needs_scopes_of([call])?;
    }
    let request = call.and_then(|call| request_in_scope(context, call, framework));
    if let (Some(request), Some(learned)) = (request, learned) {
        return Ok(SecureFix {
            value: framework.scheme_test.replace("{}", request),
            note: format!(
                "; written to follow the request's scheme, which the app learns behind its \
                 proxy ({learned}): Secure over HTTPS, and tests over http:// keep the cookie"
            ),
            follow_up: None,
        });
    }
    // A value of the user's own (`--secure-value "not app.debug"`) may keep the tests'
    // cookie: theirs to judge.
    if context.settings.secure_value != "True" {
        return Ok(literal);
    }
    let uses = context
        .project
        .test_clients_over_http(framework.name, &dropping);
    let Some(first) = uses.first() else {
        return Ok(literal);
    };
    let more = match uses.len() {
        1 => String::new(),
        2 => " and 1 more".to_owned(),
        n => format!(" and {} more", n - 1),
    };
    let shown = format!("{}:{}{more}", first.shown, first.line);
    let client = first.client;
    let by_flag = match uses.iter().all(|u| u.editable) {
        true => " (--fix-tests does)",
        false => "",
    };
    let how = match (first.https_base_url, first.takes_base_url) {
        (Some(url), _) => format!("give them base_url=\"{url}\"{by_flag}"),
        (None, true) => format!("give them an https:// base_url{by_flag}"),
        (None, false) => "make their requests over https://".to_owned(),
    };
    Ok(SecureFix {
        note: format!(
            "; the project's tests that use {client} over http:// ({shown}) will not send the \
             cookie back: {how}"
        ),
        value: literal.value,
        follow_up: Some(FollowUp { uses }),
    })
}

/// The first component of each module the file imports.
pub fn imported_modules<'s>(context: &Context<'s>) -> Vec<&'s str> {
    let statements = bindings::import_statements(context.tree, context.source);
    bindings::imported_packages(&statements)
        .into_iter()
        .filter_map(|n| n.utf8_text(context.source).ok())
        .collect()
}

/// Whether an import of the module binds `name` (`from django.conf import settings`):
/// the expression a fix copies from another file starts with it.
fn imports_name(context: &Context, name: &str) -> bool {
    bindings::import_statements(context.tree, context.source)
        .into_iter()
        .filter(|statement| crate::scope::scope_of(*statement).kind() == "module")
        .any(|statement| bindings::names_bound_by(statement, context.source).contains(&name))
}

/// The name of the request in the handler around `call`: a parameter of an enclosing
/// function named `request` or `req`, or annotated with a `Request` class; else the
/// framework's module-level request, where the module imports it.
fn request_in_scope<'s>(
    context: &Context<'s>,
    call: Node,
    framework: &Framework,
) -> Option<&'s str> {
    let source = context.source;
    let mut node = call;
    while let Some(parent) = node.parent() {
        node = parent;
        if parent.kind() != "function_definition" {
            continue;
        }
        let Some(parameters) = parent.child_by_field_name("parameters") else {
            continue;
        };
        for parameter in crate::parse::code_children(parameters) {
            if let Some(name) = request_parameter(parameter, source) {
                return Some(name);
            }
        }
    }
    let global = framework.request_global?;
    let imported = bindings::import_statements(context.tree, source)
        .into_iter()
        .filter(|statement| statement.kind() == "import_from_statement")
        .filter(|statement| {
            statement
                .child_by_field_name("module_name")
                .and_then(|m| m.utf8_text(source).ok())
                .is_some_and(|m| framework.modules.contains(&m))
        })
        .any(|statement| bindings::names_bound_by(statement, source).contains(&global));
    imported.then_some(global)
}

/// A parameter's name, if it is the request.
fn request_parameter<'s>(parameter: Node, source: &'s [u8]) -> Option<&'s str> {
    let text = |node: Node| node.utf8_text(source).ok();
    let (name, annotation) = match parameter.kind() {
        "identifier" => (Some(parameter), None),
        "typed_parameter" => (
            parameter
                .named_child(0)
                .filter(|n| n.kind() == "identifier"),
            parameter.child_by_field_name("type"),
        ),
        "default_parameter" | "typed_default_parameter" => (
            parameter.child_by_field_name("name"),
            parameter.child_by_field_name("type"),
        ),
        _ => (None, None),
    };
    let name = text(name?)?;
    let annotated = annotation
        .and_then(text)
        .is_some_and(|a| a.rsplit('.').next() == Some("Request"));
    (matches!(name, "request" | "req") || annotated).then_some(name)
}
