//! Whether a method of the project's that may set the session cookie (a session
//! interface's `save_session` or `get_cookie_secure`, a response class's `set_cookie`)
//! decides its Secure itself or follows `SESSION_COOKIE_SECURE` (DESIGN.md section 9).
//! The value it passes as `secure` is read as section 8 reads any flag: one that follows
//! the setting (`self.get_cookie_secure(app)`, the override's own parameter) leaves the
//! setting in charge; one that the code settles otherwise (`request.is_secure`) settles
//! the cookie; anything else decides it where review must look.

use std::ops::Range;

use tree_sitter::Node;

use crate::parse;
use crate::scan;
use crate::source::{Encoding, LineIndex};
use crate::value::{self, How, Judgement, Reader, Settled, Want};

/// What a method does with the session cookie's Secure.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Decision {
    /// It passes on what `SESSION_COOKIE_SECURE` says: the setting decides.
    Follows,
    /// It settles it, as section 8 reads the value it passes.
    Settles(Settled),
    /// It decides it in a way the code does not settle; why, where it can be said.
    Decides(Option<String>),
}

/// The setting a session interface's Secure follows when it does not decide it.
const SESSION_COOKIE_SECURE: &str = "SESSION_COOKIE_SECURE";

/// The decision of the method `name` whose name is at `at` of the module `source`.
///
/// The method's class is read through its windows (the class, the imports) when they
/// are enough, as the engine reads a file: the classes a project installs are few, but
/// a library's own may be in modules of thousands of lines.
pub fn judge(source: &[u8], at: usize, name: &str, vocabulary: &value::Vocabulary) -> Decision {
    let scanned = scan::scan(source, &[scan::Hit::anywhere(at)]);
    let masked = parse::mask(source, &scanned.own_line_comments);
    let windows = scanned
        .windows
        .as_deref()
        .and_then(|windows| with_block(windows, &scanned, at, name));
    if let Some(windows) = windows {
        let lines = LineIndex::new(source, Encoding::Utf8);
        let tree = parse::parse_windows(&masked, &windows, &lines)
            .filter(|tree| !tree.root_node().has_error());
        if let Some(decision) =
            tree.and_then(|tree| judge_in(&tree, source, false, at, name, vocabulary))
        {
            return decision;
        }
    }
    match parse::parse_whole(&masked) {
        Some(tree) => {
            judge_in(&tree, source, true, at, name, vocabulary).unwrap_or(Decision::Decides(None))
        }
        None => Decision::Decides(None),
    }
}

/// The windows with the method at `at` added, and for a session interface's the whole
/// class around it: such a method may call another of its class
/// (`self.get_cookie_secure(app)`), where a response class may be most of its module.
fn with_block(
    windows: &[Range<usize>],
    scanned: &scan::Scan,
    at: usize,
    name: &str,
) -> Option<Vec<Range<usize>>> {
    let method = scanned.enclosing_definition(at)?;
    let start = match name {
        "set_cookie" => method,
        _ => scanned.enclosing_definition(method)?,
    };
    let block = scanned
        .definitions
        .iter()
        .find(|definition| definition.start == start)?
        .clone();
    let mut merged: Vec<Range<usize>> = Vec::with_capacity(windows.len() + 1);
    let mut all: Vec<Range<usize>> = windows.to_vec();
    all.push(block);
    all.sort_by_key(|window| window.start);
    for window in all {
        match merged.last_mut() {
            Some(last) if window.start <= last.end => last.end = last.end.max(window.end),
            _ => merged.push(window),
        }
    }
    Some(merged)
}

/// The decision read from a tree of the module (whole, or its windows); none where the
/// windows do not hold what a value needs.
fn judge_in(
    tree: &tree_sitter::Tree,
    source: &[u8],
    whole: bool,
    at: usize,
    name: &str,
    vocabulary: &value::Vocabulary,
) -> Option<Decision> {
    let Some(function) = definition_at(tree, at) else {
        return whole.then_some(Decision::Decides(None));
    };
    let Some(body) = function.child_by_field_name("body") else {
        return Some(Decision::Decides(None));
    };
    let reader = Reader::new(tree, source, whole, vocabulary, "True");
    let judged = match name {
        "get_cookie_secure" => returned(body)
            .into_iter()
            .map(|value| of_value(&reader, value, name))
            .collect::<Option<Vec<_>>>()?,
        _ => {
            let calls = setter_calls(body, source);
            if calls.is_empty() {
                // Flask's own `save_session`, reached through `super()`, follows the
                // setting; a cookie written any other way is the method's own.
                return Some(match calls_super(body, source, name) {
                    true => Decision::Follows,
                    false => Decision::Decides(None),
                });
            }
            calls
                .into_iter()
                .map(|call| of_call(&reader, call, name))
                .collect::<Option<Vec<_>>>()?
        }
    };
    Some(combine(judged))
}

/// The function definition whose name starts at `at`.
fn definition_at(tree: &tree_sitter::Tree, at: usize) -> Option<Node<'_>> {
    let mut node = tree.root_node().descendant_for_byte_range(at, at)?;
    while node.kind() != "function_definition" {
        node = node.parent()?;
    }
    Some(node)
}

/// The values the function's own `return` statements give (not a nested function's).
fn returned(body: Node) -> Vec<Node> {
    let mut values = Vec::new();
    own_nodes(body, &mut |node| {
        if node.kind() == "return_statement" {
            values.extend(node.named_child(0));
        }
    });
    values
}

/// The calls of `set_cookie` in the function's own body.
fn setter_calls<'t>(body: Node<'t>, source: &[u8]) -> Vec<Node<'t>> {
    let mut calls = Vec::new();
    own_nodes(body, &mut |node| {
        if node.kind() == "call" && called_name(node, source) == Some("set_cookie") {
            calls.push(node);
        }
    });
    calls
}

/// Whether the function calls the method it overrides (`super().save_session(...)`).
fn calls_super(body: Node, source: &[u8], name: &str) -> bool {
    let mut found = false;
    own_nodes(body, &mut |node| {
        found |= node.kind() == "call" && called_name(node, source) == Some(name);
    });
    found
}

/// The name a call calls: `f` of `f(...)`, `m` of `x.m(...)`.
fn called_name<'s>(call: Node, source: &'s [u8]) -> Option<&'s str> {
    let function = call.child_by_field_name("function")?;
    let name = match function.kind() {
        "attribute" => function.child_by_field_name("attribute")?,
        "identifier" => function,
        _ => return None,
    };
    name.utf8_text(source).ok()
}

/// Every node of the function's body, but those of nested functions and classes.
fn own_nodes<'t>(node: Node<'t>, visit: &mut impl FnMut(Node<'t>)) {
    visit(node);
    let mut cursor = node.walk();
    for child in node.named_children(&mut cursor) {
        if !matches!(
            child.kind(),
            "function_definition" | "class_definition" | "lambda"
        ) {
            own_nodes(child, visit);
        }
    }
}

/// What a `set_cookie` call in the method passes as `secure`.
fn of_call(reader: &Reader, call: Node, method: &str) -> Option<Decision> {
    let Some(arguments) = call.child_by_field_name("arguments") else {
        return Some(Decision::Decides(None));
    };
    let mut cursor = arguments.walk();
    let mut splat = false;
    for argument in arguments.named_children(&mut cursor) {
        match argument.kind() {
            "keyword_argument" => {
                let is_secure = argument
                    .child_by_field_name("name")
                    .is_some_and(|name| name.utf8_text(reader.source) == Ok("secure"));
                if let (true, Some(value)) = (is_secure, argument.child_by_field_name("value")) {
                    return of_value(reader, value, method);
                }
            }
            "dictionary_splat" => splat = true,
            _ => {}
        }
    }
    Some(match (splat, method) {
        // A response class's override that hands its keywords on.
        (true, "set_cookie") => Decision::Follows,
        (true, _) => Decision::Decides(None),
        (false, _) => Decision::Decides(Some("it sets the cookie without secure".to_owned())),
    })
}

/// What a value the method passes or returns as the cookie's Secure decides.
/// None where the windows do not hold what it needs.
fn of_value(reader: &Reader, value: Node, method: &str) -> Option<Decision> {
    let judgement = value::judge(reader, value, Want::Truthy).ok()?;
    Some(match judgement {
        Judgement::Settled(settled) => match settled.how {
            How::Setting(SESSION_COOKIE_SECURE) => Decision::Follows,
            // The override's own parameter: what its callers pass, Flask's setting.
            How::Callers if method == "set_cookie" => Decision::Follows,
            _ => Decision::Settles(settled),
        },
        Judgement::Callers(_) if method == "set_cookie" => Decision::Follows,
        Judgement::Falsy { .. } => Decision::Decides(Some("it passes a false secure".to_owned())),
        Judgement::Absent => {
            Decision::Decides(Some("it sets the cookie without secure".to_owned()))
        }
        Judgement::Review(reason) => Decision::Decides(reason),
        Judgement::DefaultInsecure { variable, .. } => Decision::Decides(Some(format!(
            "it reads {variable}, which is false when unset"
        ))),
        Judgement::Callers(_) => Decision::Decides(None),
    })
}

/// One decision of the method's several values: the setting decides only if every one
/// follows it; the method settles the cookie only if every one settles it.
fn combine(decisions: Vec<Decision>) -> Decision {
    if decisions.is_empty() {
        return Decision::Decides(None);
    }
    if decisions.iter().all(|d| *d == Decision::Follows) {
        return Decision::Follows;
    }
    if let Some(decides) = decisions.iter().find(|d| matches!(d, Decision::Decides(_))) {
        return decides.clone();
    }
    match decisions.into_iter().find_map(|d| match d {
        Decision::Settles(settled) => Some(settled),
        _ => None,
    }) {
        // Some values follow the setting, the others are settled: the setting still
        // decides some responses.
        Some(settled) => Decision::Settles(settled),
        None => Decision::Decides(None),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn decision(code: &str, method: &str) -> Decision {
        let at = code.find(&format!("def {method}")).expect("defined") + 4;
        judge(code.as_bytes(), at, method, &crate::rules::SECURE_VALUES)
    }

    fn how(decision: Decision) -> Option<How> {
        match decision {
            Decision::Settles(settled) => Some(settled.how),
            _ => None,
        }
    }

    #[test]
    fn a_session_interface_that_reads_the_setting_follows_it() {
        let code = "class S(SessionInterface):\n    def save_session(self, app, session, response):\n        secure = self.get_cookie_secure(app)\n        response.set_cookie(name, value, secure=secure)\n";
        assert_eq!(decision(code, "save_session"), Decision::Follows);
        let code = "class S(SecureCookieSessionInterface):\n    def save_session(self, app, session, response):\n        log()\n        return super().save_session(app, session, response)\n";
        assert_eq!(decision(code, "save_session"), Decision::Follows);
    }

    #[test]
    fn a_session_interface_that_follows_the_scheme_settles_the_cookie() {
        let code = "class S(SessionInterface):\n    def get_cookie_secure(self, app):\n        return request.is_secure\n";
        assert_eq!(how(decision(code, "get_cookie_secure")), Some(How::Scheme));
        let code = "class S(SessionInterface):\n    def get_cookie_secure(self, app):\n        return request.is_secure\n    def save_session(self, app, session, response):\n        response.set_cookie(n, v, secure=self.get_cookie_secure(app))\n";
        assert_eq!(how(decision(code, "save_session")), Some(How::Scheme));
    }

    #[test]
    fn a_session_interface_that_decides_otherwise_is_for_review() {
        let code = "class S(SessionInterface):\n    def save_session(self, app, session, response):\n        response.set_cookie(n, v)\n";
        assert_eq!(
            decision(code, "save_session"),
            Decision::Decides(Some("it sets the cookie without secure".to_owned()))
        );
        let code = "class S(SessionInterface):\n    def get_cookie_secure(self, app):\n        return False\n";
        assert!(matches!(
            decision(code, "get_cookie_secure"),
            Decision::Decides(Some(_))
        ));
        let code = "class S(SessionInterface):\n    def save_session(self, app, session, response):\n        response.headers['Set-Cookie'] = make(session)\n";
        assert_eq!(decision(code, "save_session"), Decision::Decides(None));
    }

    #[test]
    fn a_response_class_that_hands_its_flag_on_follows_its_callers() {
        let code = "class R(Response):\n    def set_cookie(self, key, value='', secure=False, **kw):\n        super().set_cookie(key, value, secure=secure, **kw)\n";
        assert_eq!(decision(code, "set_cookie"), Decision::Follows);
        let code = "class R(Response):\n    def set_cookie(self, *args, **kw):\n        super().set_cookie(*args, **kw)\n";
        assert_eq!(decision(code, "set_cookie"), Decision::Follows);
        let code = "class R(Response):\n    def set_cookie(self, *args, **kw):\n        super().set_cookie(*args, secure=True)\n";
        assert_eq!(how(decision(code, "set_cookie")), Some(How::Literal));
    }
}
