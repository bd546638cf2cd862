//! Flask across the project (DESIGN.md section 9): whether it uses Flask-Login's
//! remember-me cookie or Flask-SeaSurf's CSRF cookie, whose settings then belong beside
//! `SESSION_COOKIE_SECURE`; and whether the session cookie's Secure is decided by a
//! session interface or response class of the project's own, which the setting does not
//! reach.

use std::path::PathBuf;

use super::decider::{self, Decision};
use super::text::{self, Occurrences};

/// What one file tells of Flask.
#[derive(Debug, Clone, Default)]
pub struct FileFacts {
    /// It logs users in with the remember-me cookie (`login_user(user, remember=...)`,
    /// or sets a `REMEMBER_COOKIE_*` setting).
    pub remember: bool,
    /// It uses Flask-SeaSurf, whose CSRF cookie `CSRF_COOKIE_SECURE` governs.
    pub seasurf: bool,
    /// It uses the session: imports Flask's `session` or `flash`, or an extension that
    /// keeps its state there.
    pub session: bool,
    /// The classes it makes the app's session interface or response class.
    pub installed: Vec<String>,
    /// The methods that may decide the session cookie's Secure, by their class: an
    /// override of `get_cookie_secure` or `save_session` (a session interface), or of
    /// `set_cookie` in a response class.
    pub defined: Vec<Defined>,
    /// The file's bytes, kept where it defines such a method.
    pub source: Vec<u8>,
    /// It loads the app's configuration (`app.config.from_object(...)`) and names
    /// `SESSION_COOKIE_SECURE`: it gives the setting for every configuration it loads.
    pub gives_session_setting_on_load: bool,
}

/// A method that may decide the session cookie's Secure, where its name is.
#[derive(Debug, Clone)]
pub struct Defined {
    pub class: String,
    pub method: &'static str,
    pub at: usize,
}

/// A method of the project's that decides the session cookie's Secure itself.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Decider {
    pub class: String,
    pub method: &'static str,
    /// 1-based.
    pub line: usize,
    /// What it does with the cookie's Secure (never [`Decision::Follows`]: such a
    /// method decides nothing).
    pub decision: Decision,
}

/// Methods whose override takes the session cookie's Secure out of
/// `SESSION_COOKIE_SECURE`'s hands: flask 3.1 src/flask/sessions.py
/// (`SessionInterface.get_cookie_secure`, `save_session`), and a response class's
/// `set_cookie`, through which `save_session` sets the cookie.
const DECIDING: &[&str] = &["get_cookie_secure", "save_session", "set_cookie"];

/// How a Flask app loads its config classes (flask 3.1 src/flask/config.py).
const LOADER: &str = "from_object";

const SESSION_COOKIE_SECURE: &str = "SESSION_COOKIE_SECURE";

/// The attributes of a Flask app that install a class of the project's.
const INSTALLING: &[&str] = &["session_interface", "response_class"];

pub fn read(found: &Occurrences) -> FileFacts {
    let bytes = found.bytes;
    let mut facts = FileFacts::default();
    for at in found.names("login_user") {
        let arguments = text::next_code(bytes, at + "login_user".len())
            .and_then(|open| text::parenthesized(bytes, open));
        facts.remember |= arguments.is_some_and(remembers);
    }
    facts.remember |= found.has("REMEMBER_COOKIE_");
    facts.seasurf = found.has("SeaSurf") || found.has("flask_seasurf");
    facts.gives_session_setting_on_load = found.has(LOADER) && found.has(SESSION_COOKIE_SECURE);
    facts.session = uses_session(found);
    for attribute in INSTALLING {
        for at in found.names(attribute) {
            facts
                .installed
                .extend(installed_class(bytes, at + attribute.len()));
        }
    }
    for method in DECIDING {
        for at in found.names(method) {
            if !text::is_defined_at(bytes, at) {
                continue;
            }
            if let Some(class) = text::enclosing_class(bytes, at) {
                facts.defined.push(Defined { class, method, at });
            }
        }
    }
    // What such a method does is read only if the app installs its class (assemble).
    if !facts.defined.is_empty() {
        facts.source = bytes.to_vec();
    }
    facts
}

/// `(user, remember=x)`: a remember that is not a false literal (`remember=False`).
fn remembers(arguments: &[u8]) -> bool {
    let squeezed: Vec<u8> = arguments
        .iter()
        .copied()
        .filter(|b| !b.is_ascii_whitespace())
        .collect();
    let Some(at) = memchr::memmem::find(&squeezed, b"remember=") else {
        return false;
    };
    let value = &squeezed[at + "remember=".len()..];
    !["False", "None", "0"].iter().any(|falsy| {
        value.starts_with(falsy.as_bytes())
            && matches!(value.get(falsy.len()), Some(b',' | b')') | None)
    })
}

/// The names of Flask (and Quart) through which code writes the session: `flash()`
/// stores its messages there (flask 3.1 src/flask/helpers.py).
const SESSION_NAMES: &[&str] = &["session", "flash", "get_flashed_messages"];

/// Extensions that keep their state in the session: Flask-Login (the user id,
/// src/flask_login/login_manager.py), Flask-WTF (the CSRF token, src/flask_wtf/csrf.py),
/// OAuth clients (the state), server-side sessions, and those built on them.
const SESSION_EXTENSIONS: &[&str] = &[
    "flask_login",
    "flask_wtf",
    "flask_session",
    "flask_kvsession",
    "flask_security",
    "flask_principal",
    "flask_user",
    "flask_appbuilder",
    "flask_admin",
    "flask_dance",
    "flask_oauthlib",
    "authlib",
    "flask_openid",
    "flask_oidc",
    "flask_pyoidc",
    "flask_socketio",
    "quart_auth",
];

/// The frameworks whose `session` and `flash` a module may import.
const FRAMEWORKS: &[&str] = &["flask", "quart"];

/// Whether the module uses the session: it imports `session` or `flash` from Flask
/// (`from flask import flash, session`, `flask.session`), or an extension that does.
fn uses_session(found: &Occurrences) -> bool {
    if SESSION_EXTENSIONS.iter().any(|module| found.has(module)) {
        return true;
    }
    FRAMEWORKS.iter().any(|framework| {
        let attribute = |name: &&str| found.has(&format!("{framework}.{name}"));
        let import = from_import(framework);
        SESSION_NAMES.iter().any(attribute)
            || found
                .names(&import)
                .into_iter()
                .any(|at| imports_a_session_name(found.bytes, at + import.len()))
    })
}

fn from_import(framework: &str) -> String {
    format!("from {framework} import")
}

/// Every word [`read`] looks for.
pub fn words() -> impl Iterator<Item = String> {
    let names = FRAMEWORKS.iter().flat_map(|framework| {
        SESSION_NAMES
            .iter()
            .map(move |name| format!("{framework}.{name}"))
            .chain([from_import(framework)])
    });
    [
        "login_user",
        "REMEMBER_COOKIE_",
        "SeaSurf",
        "flask_seasurf",
        LOADER,
        SESSION_COOKIE_SECURE,
    ]
    .into_iter()
    .chain(SESSION_EXTENSIONS.iter().copied())
    .chain(INSTALLING.iter().copied())
    .chain(DECIDING.iter().copied())
    .map(str::to_owned)
    .chain(names)
}

/// Whether the names imported after `end` (`x, y as z`, or in parentheses over several
/// lines) hold one of [`SESSION_NAMES`].
fn imports_a_session_name(bytes: &[u8], end: usize) -> bool {
    let Some(start) = text::next_code(bytes, end) else {
        return false;
    };
    let names = match bytes[start] {
        b'(' => text::parenthesized(bytes, start).unwrap_or(&[]),
        _ => {
            // To the end of the logical line: over backslash continuations.
            let mut end = start;
            loop {
                end = memchr::memchr(b'\n', &bytes[end..]).map_or(bytes.len(), |at| end + at);
                let line = bytes[..end].strip_suffix(b"\r").unwrap_or(&bytes[..end]);
                if end == bytes.len() || !line.ends_with(b"\\") {
                    break;
                }
                end += 1;
            }
            &bytes[start..end]
        }
    };
    names
        .split(|&b| b == b',')
        .filter_map(|name| {
            let name = name.split(|b| b.is_ascii_whitespace() || b"()\\".contains(b));
            name.into_iter().find(|word| !word.is_empty())
        })
        .any(|name| SESSION_NAMES.iter().any(|s| s.as_bytes() == name))
}

/// `.session_interface = AppSessionInterface()`, `.response_class = AppResponse`: the
/// class named after the `=` that follows the attribute at `end`.
fn installed_class(bytes: &[u8], end: usize) -> Option<String> {
    let equals = text::next_code(bytes, end)?;
    if bytes.get(equals) != Some(&b'=') || bytes.get(equals + 1) == Some(&b'=') {
        return None;
    }
    let start = text::next_code(bytes, equals + 1)?;
    let name: Vec<u8> = bytes[start..]
        .iter()
        .copied()
        .take_while(|b| b.is_ascii_alphanumeric() || *b == b'_' || *b == b'.')
        .collect();
    let last = name.rsplit(|&b| b == b'.').next()?;
    (!last.is_empty()).then(|| String::from_utf8_lossy(last).into_owned())
}

/// Flask's facts over the project.
#[derive(Debug, Default)]
pub struct Flask {
    pub remember: bool,
    pub seasurf: bool,
    /// Some module of the project uses the session.
    pub session: bool,
    /// The modules that load the config classes and give `SESSION_COOKIE_SECURE`
    /// themselves.
    pub session_given_on_load: Vec<PathBuf>,
    /// The methods installed classes decide the session cookie's Secure with, each with
    /// its file.
    pub deciders: Vec<(PathBuf, Decider)>,
}

impl Flask {
    pub fn assemble(facts: &[(PathBuf, &FileFacts)], values: &crate::value::Vocabulary) -> Self {
        let installed: Vec<&String> = facts.iter().flat_map(|(_, f)| &f.installed).collect();
        let mut deciders: Vec<(PathBuf, Decider)> = Vec::new();
        for (path, file) in facts {
            let methods: Vec<&Defined> = file
                .defined
                .iter()
                .filter(|defined| installed.contains(&&defined.class))
                .collect();
            if methods.is_empty() {
                continue;
            }
            for defined in methods {
                let decision = decider::judge(&file.source, defined.at, defined.method, values);
                if decision != Decision::Follows {
                    deciders.push((
                        path.clone(),
                        Decider {
                            class: defined.class.clone(),
                            method: defined.method,
                            line: text::line_number(&file.source, defined.at),
                            decision,
                        },
                    ));
                }
            }
        }
        deciders.sort_by(|a, b| (&a.0, a.1.line).cmp(&(&b.0, b.1.line)));
        Flask {
            remember: facts.iter().any(|(_, f)| f.remember),
            seasurf: facts.iter().any(|(_, f)| f.seasurf),
            session_given_on_load: facts
                .iter()
                .filter(|(_, f)| f.gives_session_setting_on_load)
                .map(|(path, _)| path.clone())
                .collect(),
            session: facts.iter().any(|(_, f)| f.session),
            deciders,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::{uses_session, words};
    use crate::project::text::Lexicon;

    fn uses(code: &str) -> bool {
        uses_session(&Lexicon::new(words()).occurrences(code.as_bytes()))
    }

    #[test]
    fn a_module_uses_the_session_through_flask_or_an_extension() {
        for code in [
            "from flask import Flask, session\n",
            "from flask import session as s\n",
            "from flask import (\n    Flask,\n    flash,\n)\n",
            "from quart import session\n",
            "import flask\nflask.session['x'] = 1\n",
            "from flask_login import LoginManager\n",
            "from authlib.integrations.flask_client import OAuth\n",
            "from flask import Flask, \\\n    session\n",
        ] {
            assert!(uses(code), "{code}");
        }
        for code in [
            "from flask import Flask, jsonify\n",
            "from flask import sessions\n",
            "from sqlalchemy.orm import session\n",
            "from flask import Flask  # session\nsession = make_session()\n",
        ] {
            assert!(!uses(code), "{code}");
        }
    }
}
