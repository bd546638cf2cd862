//! A complete Django settings module, and the cookie settings it leaves out that
//! Django's deployment checks (`manage.py check --deploy`) report.
//!
//! django 5.2, django/core/checks/security/sessions.py: `check_session_cookie_secure`
//! returns nothing when `SESSION_COOKIE_SECURE is True`; else W010 when
//! `"django.contrib.sessions" in INSTALLED_APPS`, W011 when
//! `"django.contrib.sessions.middleware.SessionMiddleware" in MIDDLEWARE`, W012 instead
//! of both. csrf.py: `check_csrf_cookie_secure` passes when `CSRF_USE_SESSIONS`, or
//! `"django.middleware.csrf.CsrfViewMiddleware" not in MIDDLEWARE`, or
//! `CSRF_COOKIE_SECURE is True`; else W016. global_settings.py: both settings, and
//! `CSRF_USE_SESSIONS`, default to `False`; `INSTALLED_APPS` and `MIDDLEWARE` to `[]`.

use tree_sitter::Node;

use super::{Gathered, Shape, CSRF_COOKIE_SECURE, SESSION_COOKIE_SECURE};
use crate::diagnostic::{Detection, Verdict};
use crate::edit::{line_ending_at, starts_logical_line, Edit};
use crate::literal;
use crate::parse;
use crate::rules::Context;
use crate::settings_module::{assigned_name, holds_star_import, Evaluated, Given, Strings};
use crate::value::Want;

pub const INSTALLED_APPS: &str = "INSTALLED_APPS";
pub const MIDDLEWARE: &str = "MIDDLEWARE";
const CSRF_USE_SESSIONS: &str = "CSRF_USE_SESSIONS";
const SESSIONS_APP: &str = "django.contrib.sessions";
const SESSION_MIDDLEWARE: &str = "django.contrib.sessions.middleware.SessionMiddleware";
const CSRF_MIDDLEWARE: &str = "django.middleware.csrf.CsrfViewMiddleware";

/// Whether the windows may show a settings module that leaves a cookie setting out:
/// one assigns `INSTALLED_APPS` or `MIDDLEWARE` at top level and not both settings are
/// given anywhere.
pub fn may_miss(context: &Context, gathered: &Gathered) -> bool {
    // Given at module level: a statement of its own at the start of a line, which a
    // window shows whole (one in a class or function is no setting).
    let lines = context.lines;
    let given = |name: &str| {
        gathered.given.iter().any(|g| {
            let statement = g
                .site
                .parent()
                .filter(|s| s.kind() == "expression_statement");
            let at_top = statement.is_some_and(|s| {
                s.parent().is_some_and(|p| p.kind() == "module")
                    && lines.line_start(lines.line_of(s.start_byte())) == s.start_byte()
            });
            g.name == name && g.shape == Shape::Assignment && at_top
        })
    };
    if given(SESSION_COOKIE_SECURE) && given(CSRF_COOKIE_SECURE) {
        return false;
    }
    parse::code_children(context.tree.root_node())
        .into_iter()
        .any(|statement| {
            let start = statement.start_byte();
            context.lines.line_start(context.lines.line_of(start)) == start
                && assigned_name(statement, context.source)
                    .is_some_and(|name| name == INSTALLED_APPS || name == MIDDLEWARE)
        })
}

/// A settings module that assigns `INSTALLED_APPS` or `MIDDLEWARE` at top level with
/// no star import before, or star-imports a module the project shows to hold them: it
/// holds a whole configuration, not an extension of another.
pub struct SettingsModule<'tree> {
    /// `INSTALLED_APPS` and `MIDDLEWARE` as far as the module tells.
    apps: Strings<'tree>,
    middleware: Strings<'tree>,
    /// The settings given a value at module level, in any block, or by a star import.
    set: Vec<String>,
    /// The last value of each name.
    values: std::collections::HashMap<String, Given<'tree>>,
    /// `CSRF_USE_SESSIONS`: `Some(true)` or `Some(false)` when known.
    csrf_use_sessions: Option<bool>,
    /// Where new settings go: beside the module's cookie settings, else the end, or
    /// before the star imports that end the module; `None` where no new line fits there.
    insert_at: Option<usize>,
}

impl<'tree> SettingsModule<'tree> {
    /// The module, if the whole tree is a complete settings module.
    pub fn read(context: &Context<'tree>) -> Option<Self> {
        let source = context.source;
        let statements = parse::code_children(context.tree.root_node());
        let mut star_before = false;
        let mut complete = false;
        let lines = context.lines;
        for statement in &statements {
            if holds_star_import(*statement) {
                star_before = true;
            }
            // At the start of a line, as the needle's own test wants it.
            let starts_line =
                lines.line_start(lines.line_of(statement.start_byte())) == statement.start_byte();
            let name = assigned_name(*statement, source).filter(|_| starts_line);
            if !star_before && matches!(name, Some(INSTALLED_APPS | MIDDLEWARE)) {
                complete = true;
                break;
            }
        }
        let inherited = |statement| context.project.star_exports(statement, source);
        let evaluated = Evaluated::of(&statements, source, &inherited);
        // A module that extends one the project shows to be whole is whole too.
        let extends_whole = statements.iter().any(|statement| {
            holds_star_import(*statement)
                && inherited(*statement).is_some_and(|exports| {
                    exports.lists.contains_key(INSTALLED_APPS)
                        || exports.lists.contains_key(MIDDLEWARE)
                })
        });
        if !complete && !extends_whole {
            return None;
        }
        let csrf_use_sessions = match evaluated.values.get(CSRF_USE_SESSIONS) {
            // Given in a block (`if`, `try`) after its last plain value: not known.
            None | Some(Given::Here(_))
                if set_in_a_block_last(&statements, source, CSRF_USE_SESSIONS) =>
            {
                None
            }
            None => Some(false),
            Some(Given::Here(value)) => literal::truthiness(*value, source),
            Some(Given::Imported(_, truth)) => *truth,
        };
        let list = |name: &str| evaluated.lists.get(name).cloned().unwrap_or_default();
        Some(SettingsModule {
            apps: list(INSTALLED_APPS),
            middleware: list(MIDDLEWARE),
            set: evaluated.set.clone(),
            values: evaluated.values.clone(),
            csrf_use_sessions,
            insert_at: beside_cookie_settings(context, &statements)
                .or_else(|| insertion_point(context, &statements)),
        })
    }

    /// The cookie settings a star import brings with a false literal and the module does
    /// not set again: in a production module, each is set to `True` here, unless Django's
    /// checks are silent about it (no such cookie), as for a value the module gives.
    pub fn inherited_false(&self, context: &Context, names: &[&'static str]) -> Vec<Detection> {
        names
            .iter()
            .filter(|&&name| {
                let checked = [SESSION_COOKIE_SECURE, CSRF_COOKIE_SECURE].contains(&name);
                !(checked && self.is_silent_about(name))
            })
            .filter_map(|&name| match self.values.get(name) {
                Some(Given::Imported(statement, Some(false))) => {
                    let from = statement.utf8_text(context.source).unwrap_or("").trim();
                    let message = format!(
                        "{name} is False in what `{from}` brings, and this production \
                         module does not set it"
                    );
                    Some(self.insertion(context, name, message, *statement))
                }
                _ => None,
            })
            .collect()
    }

    /// The settings Django's deployment checks report as not `True`, left out here.
    pub fn missing(&self, context: &Context) -> Vec<Detection> {
        [SESSION_COOKIE_SECURE, CSRF_COOKIE_SECURE]
            .into_iter()
            .filter(|name| !self.set.iter().any(|set| set == name))
            .filter_map(|name| match self.warning(name) {
                Ok(Some((warning, at))) => Some(self.detection(context, name, warning, at)),
                _ => None,
            })
            .collect()
    }

    /// Whether Django's checks are known to say nothing of `name` whatever its value:
    /// the module creates no such cookie (no session app or middleware; no CSRF
    /// middleware, or the CSRF token in the session).
    pub fn is_silent_about(&self, name: &str) -> bool {
        matches!(self.warning(name), Ok(None))
    }

    /// The warning Django's checks give when `name` is not `True`, with the literal that
    /// causes it; `Err` when the module does not tell. An entry written here is in the
    /// list whatever else it gets at run time (`INSTALLED_APPS + PROVIDERS`); which of
    /// two warnings Django gives may then depend on that part, and both are named.
    #[allow(clippy::type_complexity)]
    fn warning(&self, name: &str) -> Result<Option<(&'static str, Node<'tree>)>, ()> {
        if name == SESSION_COOKIE_SECURE {
            let app = self.apps.find(SESSIONS_APP);
            let middleware = self.middleware.find(SESSION_MIDDLEWARE);
            return match (app, middleware) {
                (Ok(Some(app)), Ok(Some(_))) => Ok(Some(("W012", app))),
                (Ok(Some(app)), Ok(None)) => Ok(Some(("W010", app))),
                (Ok(Some(app)), Err(())) => Ok(Some((
                    "W010, or W012 if MIDDLEWARE gets the session middleware at run time",
                    app,
                ))),
                (Ok(None), Ok(Some(middleware))) => Ok(Some(("W011", middleware))),
                (Err(()), Ok(Some(middleware))) => Ok(Some((
                    "W011, or W012 if INSTALLED_APPS gets the session app at run time",
                    middleware,
                ))),
                (Ok(None), Ok(None)) => Ok(None),
                _ => Err(()),
            };
        }
        // csrf.py passes on `CSRF_USE_SESSIONS` before it reads `MIDDLEWARE`: what the
        // list gets at run time does not matter then.
        if self.csrf_use_sessions == Some(true) {
            return Ok(None);
        }
        match (
            self.middleware.find(CSRF_MIDDLEWARE)?,
            self.csrf_use_sessions,
        ) {
            (None, _) | (_, Some(true)) => Ok(None),
            (Some(middleware), Some(false)) => Ok(Some(("W016", middleware))),
            (Some(_), None) => Err(()),
        }
    }

    fn detection(
        &self,
        context: &Context,
        name: &'static str,
        warning: &str,
        at: Node,
    ) -> Detection {
        let message = format!(
            "{name} is not set, so it is False: `manage.py check --deploy` warns \
             (security.{warning})"
        );
        self.insertion(context, name, message, at)
    }

    /// The finding that adds `name = True` where new settings go, reported at `at`.
    fn insertion(
        &self,
        context: &Context,
        name: &'static str,
        message: String,
        at: Node,
    ) -> Detection {
        let Some(insert_at) = self.insert_at else {
            return Detection {
                subject: name,
                verdict: Verdict::Ambiguous,
                message: format!(
                    "{message}; add {name} = True before the star imports that end the module"
                ),
                range: at.byte_range(),
                edits: Vec::new(),
                opt_out: None,
                follow_up: None,
            };
        };
        let ending = line_ending_at(context.lines, insert_at);
        let ends_without_newline = insert_at == context.body.len()
            && !context.body.is_empty()
            && !context.body.ends_with(b"\n")
            && !context.body.ends_with(b"\r");
        let place = |value: &str| {
            let line = format!("{name} = {value}");
            let content = match ends_without_newline {
                true => format!("{ending}{line}"),
                false => format!("{line}{ending}"),
            };
            vec![Edit::insert(insert_at, content)]
        };
        // Django's deployment checks test these settings with `is True`.
        let (edits, note, opt_out) =
            super::written(context, name, context.tree.root_node(), Want::IsTrue, place);
        Detection {
            subject: name,
            verdict: Verdict::Missing,
            message: format!("{message}{note}"),
            range: at.byte_range(),
            edits,
            opt_out,
            follow_up: None,
        }
    }
}

/// Whether the last top-level statement that gives `name` a value does so inside a block
/// (`if x:`, `try:`), where whether it runs is not known.
fn set_in_a_block_last(statements: &[Node], source: &[u8], name: &str) -> bool {
    statements
        .iter()
        .rev()
        .find(|statement| crate::settings_module::names_set_in(**statement, source).contains(&name))
        .is_some_and(|statement| assigned_name(*statement, source) != Some(name))
}

/// Where a new setting goes beside the module's cookie settings (`SESSION_COOKIE_AGE`,
/// `CSRF_COOKIE_HTTPONLY`), else beside its HTTPS hardening (`SECURE_SSL_REDIRECT`,
/// `SECURE_HSTS_SECONDS`): where a maintainer keeps them.
fn beside_cookie_settings(context: &Context, statements: &[Node]) -> Option<usize> {
    beside_settings(context, statements, |name| name.contains("_COOKIE_"))
        .or_else(|| beside_settings(context, statements, |name| name.starts_with("SECURE_")))
}

/// The start of the line after the last top-level statement, at the start of a line,
/// that sets a setting `wanted` accepts, when no star import follows it.
fn beside_settings(
    context: &Context,
    statements: &[Node],
    wanted: impl Fn(&str) -> bool,
) -> Option<usize> {
    let lines = context.lines;
    let last = statements.iter().rposition(|statement| {
        let starts_line =
            lines.line_start(lines.line_of(statement.start_byte())) == statement.start_byte();
        starts_line && assigned_name(*statement, context.source).is_some_and(&wanted)
    })?;
    if statements[last + 1..]
        .iter()
        .any(|statement| holds_star_import(*statement))
    {
        return None;
    }
    let end_line = lines.line_of(statements[last].end_byte());
    // Only where the statement ends its line (no `; x = 1` after it).
    let rest =
        &lines.line_text(end_line)[statements[last].end_byte() - lines.line_start(end_line)..];
    let after = crate::source::trim_blank(rest);
    if !(after.is_empty() || after.starts_with(b"#")) {
        return None;
    }
    let next = lines.line_end_with_newline(end_line);
    (next > statements[last].end_byte()).then_some(next)
}

/// The end of the module; or, when it ends with star imports (`from .local import *`,
/// also in a `try:`), the start of the first of them, above the comments just over it,
/// so that local overrides still win.
/// `None` when the first of those imports shares its line with what comes before it
/// (`"""; from .local import *`): no new line could go between them.
fn insertion_point(context: &Context, statements: &[Node]) -> Option<usize> {
    let trailing = statements
        .iter()
        .rev()
        .take_while(|statement| holds_star_import(**statement))
        .last();
    let Some(first) = trailing else {
        return Some(context.body.len());
    };
    let lines = context.lines;
    if !starts_logical_line(context.body, lines, first.start_byte()) {
        return None;
    }
    let mut line = lines.line_of(first.start_byte());
    // Comments alone on the lines just above go with the imports; the parser does not
    // see them (parse.rs), so they are read from the lines, outside strings.
    while line > 0 {
        let start = lines.line_start(line - 1);
        let is_comment = lines.line_text(line - 1).first() == Some(&b'#')
            && !parse::in_string(context.tree, start);
        if !is_comment {
            break;
        }
        line -= 1;
    }
    Some(lines.line_start(line))
}
