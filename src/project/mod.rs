//! The project, not the file (DESIGN.md section 9): the facts that decide where a fix
//! takes effect, gathered in one pass over the project's files before the rules run.
//! Each file's rules ask for their file's facts through a [`View`]; nothing outside this
//! module reads another file.
//!
//! A file tells its facts ([`FileFacts::read`]) only if its bytes may hold one
//! ([`FileFacts::may_hold`], a byte search as cheap as the rules' needles); the facts of
//! all files are then put together once ([`Project::assemble`]).

pub mod decider;
pub mod django;
pub mod flask;
mod methods;
mod modules;
mod text;

use std::collections::HashSet;
use std::path::{Path, PathBuf};
use std::sync::{LazyLock, OnceLock};

use tree_sitter::Node;

pub use modules::ModuleName;

use crate::settings_module::Exports;

/// The names the project pass looks for, from the rules' tables.
#[derive(Debug, Clone, Copy)]
pub struct Vocabulary {
    /// The setters whose definitions anywhere in the project decide where their calls
    /// take an attribute (DESIGN.md section 2's signature rule, across files).
    pub setters: &'static [&'static str],
    /// The byte strings one of which a file must hold to tell a fact its name does not
    /// (searched in the rules' needle pass).
    pub needles: &'static [&'static str],
    /// What a value of a method that may decide a cookie's Secure is read against.
    pub values: &'static crate::value::Vocabulary,
}

/// What the needle pass found in a file: a rule's needle, a project needle.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Found {
    pub candidate: bool,
    pub facts: bool,
}

/// What one file tells the project.
#[derive(Debug, Clone, Default)]
pub struct FileFacts {
    pub django: django::FileFacts,
    pub flask: flask::FileFacts,
    pub methods: Vec<methods::Method>,
}

impl FileFacts {
    /// Whether the file may tell anything: the project pass parses only those that may.
    /// A file no rule reads (`candidate` false) is asked by its name alone (an entry
    /// point, a settings module), so that the bytes of most files are searched once, by
    /// the rules' needles.
    pub fn may_hold(path: &Path, bytes: &[u8], found: Found, vocabulary: &Vocabulary) -> bool {
        django::may_be_named(path)
            || found.facts
            || (found.candidate && methods::may_define(bytes, vocabulary))
    }

    /// Whether a file found around named files may hold facts, by its name: `manage.py`,
    /// `wsgi.py`, `asgi.py`, and the modules named for settings.
    pub fn may_be_named(path: &Path) -> bool {
        django::may_be_named(path)
    }

    /// The facts of a file whose bytes [`may_hold`](Self::may_hold) some; none for a file
    /// that does not parse (its own check reports it).
    pub fn read(path: &Path, bytes: &[u8], vocabulary: &Vocabulary) -> Option<FileFacts> {
        let source = crate::source::Source::new(bytes).ok()?;
        let view = source.view_of(source.body());
        // Only a settings module or an entry point is parsed: the other facts are read
        // from the bytes where their needles are.
        let django = match django::worth_parsing(path, &view) {
            true => {
                let parsed = crate::parse::parse(&view)?;
                if parsed.tree.root_node().has_error() {
                    return None;
                }
                django::read(path, &view, &parsed.tree)
            }
            false => django::read_lines(path, &view),
        };
        let found = lexicon(vocabulary).occurrences(&view);
        Some(FileFacts {
            django,
            flask: flask::read(&found),
            methods: methods::read(&found, vocabulary),
        })
    }
}

/// The words the readers of [`FileFacts`] look for. One vocabulary, the rules' own, is
/// used in a process: the lexicon is built for the first.
fn lexicon(vocabulary: &Vocabulary) -> &'static text::Lexicon {
    static LEXICON: OnceLock<text::Lexicon> = OnceLock::new();
    LEXICON.get_or_init(|| {
        let setters = vocabulary.setters.iter().map(|setter| (*setter).to_owned());
        text::Lexicon::new(flask::words().chain(setters))
    })
}

/// The facts of the project.
#[derive(Debug, Default)]
pub struct Project {
    django: django::Settings,
    flask: flask::Flask,
    /// The setter methods its files define, by the file.
    methods: Vec<(PathBuf, methods::Method)>,
    /// The files the run checks (and may edit); the others were read for their facts.
    in_run: HashSet<PathBuf>,
    /// The folders the run was given, absolute: a project below one is read whole.
    roots: Vec<PathBuf>,
}

static EMPTY: LazyLock<Project> = LazyLock::new(Project::default);

impl Project {
    /// The project of the files read, each with its absolute path and facts; `in_run`
    /// are those the run checks.
    pub fn assemble(
        facts: Vec<(PathBuf, FileFacts)>,
        in_run: HashSet<PathBuf>,
        roots: Vec<PathBuf>,
        vocabulary: &Vocabulary,
    ) -> Self {
        let django: Vec<(PathBuf, &django::FileFacts)> = facts
            .iter()
            .map(|(path, facts)| (path.clone(), &facts.django))
            .collect();
        let methods = facts
            .iter()
            .flat_map(|(path, facts)| facts.methods.iter().map(|m| (path.clone(), m.clone())))
            .collect();
        let flask: Vec<(PathBuf, &flask::FileFacts)> = facts
            .iter()
            .map(|(path, facts)| (path.clone(), &facts.flask))
            .collect();
        Project {
            django: django::Settings::assemble(&django),
            flask: flask::Flask::assemble(&flask, vocabulary.values),
            methods,
            in_run,
            roots,
        }
    }

    /// What the rules of the file at `path` may ask.
    pub fn view(&self, path: &Path) -> View<'_> {
        View {
            project: self,
            path: Some(crate::files::absolute(path)),
        }
    }
}

/// The project as one file's rules see it.
#[derive(Debug, Clone)]
pub struct View<'p> {
    project: &'p Project,
    /// The file's absolute path; none for standard input without a name.
    path: Option<PathBuf>,
}

impl View<'static> {
    /// A file checked alone: no project facts.
    pub fn alone() -> Self {
        View {
            project: &EMPTY,
            path: None,
        }
    }
}

impl<'p> View<'p> {
    /// Where the fixes of this file go, if it is a Django settings module.
    pub fn django_placement(&self) -> django::Placement<'p> {
        match &self.path {
            Some(path) => self.project.django.placement(path),
            None => django::Placement::Alone,
        }
    }

    /// What the statement's star import brings, where the project knows the module.
    pub fn star_exports(&self, statement: Node, source: &[u8]) -> Option<Exports> {
        let path = self.path.as_ref()?;
        let names = django::star_import_names(statement, source);
        let name = names.first()?;
        self.project.django.exports_of(path, name).cloned()
    }

    /// Whether the file is no configuration a deployment loads, whatever it sets: a
    /// database migration (Django's `migrations/`, Alembic's `alembic/versions/` or
    /// `migrations/versions/`) or an example (`examples/`, `example/`).
    pub fn is_not_configuration(&self) -> bool {
        const FOLDERS: &[&str] = &["migrations", "alembic", "examples", "example"];
        self.path.as_ref().is_some_and(|path| {
            path.parent().is_some_and(|folder| {
                folder
                    .components()
                    .any(|c| c.as_os_str().to_str().is_some_and(|c| FOLDERS.contains(&c)))
            })
        })
    }

    /// The methods named `name` that other files of the project define: each its file
    /// and its parameter list as written (`(self, request, response, token)`).
    pub fn setters_elsewhere(&self, name: &str) -> Vec<(&'p Path, &'p str)> {
        self.project
            .methods
            .iter()
            .filter(|(path, method)| method.name == name && Some(path) != self.path.as_ref())
            .map(|(path, method)| (path.as_path(), method.parameters.as_str()))
            .collect()
    }

    /// Whether the project logs users in with Flask-Login's remember-me cookie.
    pub fn uses_remember_cookie(&self) -> bool {
        self.project.flask.remember
    }

    /// Whether the project uses Flask-SeaSurf, whose CSRF cookie `CSRF_COOKIE_SECURE`
    /// governs.
    pub fn uses_seasurf(&self) -> bool {
        self.project.flask.seasurf
    }

    /// Another module that loads the app's config classes and gives
    /// `SESSION_COOKIE_SECURE` itself (`app.config.from_object(config[name])`, then
    /// `app.config.update(SESSION_COOKIE_SECURE=...)`): the setting is chosen there, for
    /// every class, as a file that names it chooses for its own classes.
    pub fn session_setting_given_on_load(&self) -> Option<String> {
        self.project
            .flask
            .session_given_on_load
            .iter()
            .find(|path| Some(*path) != self.path.as_ref())
            .map(|path| self.shown(path))
    }

    /// Where the session cookie's Secure is decided by a class of the project's that
    /// the app installs (`app.session_interface = ...`): `Class.method at path:line`,
    /// and what it decides.
    pub fn session_cookie_decided_by(&self) -> Option<(String, &'p decider::Decision)> {
        let (path, decider) = self.project.flask.deciders.first()?;
        let at = format!(
            "{}.{} at {}:{}",
            decider.class,
            decider.method,
            self.shown(path),
            decider.line
        );
        Some((at, &decider.decision))
    }

    /// Whether no module of the project uses the Flask session (no `session`, `flash()`,
    /// Flask-Login, Flask-WTF, OAuth client or server-side session extension), so that
    /// the app sends no session cookie. Only a run over a folder that holds the file's
    /// whole project can tell: its root is the nearest folder above the file with a
    /// project's marker (`.git`, `pyproject.toml`, `setup.py`, `requirements.txt`, ...).
    pub fn never_uses_session(&self) -> bool {
        if self.project.flask.session {
            return false;
        }
        let Some(root) = self.path.as_deref().and_then(project_root) else {
            return false;
        };
        self.project
            .roots
            .iter()
            .any(|folder| root.starts_with(folder))
    }

    /// Whether the run checks, and may edit, the file at `path`.
    pub fn in_run(&self, path: &Path) -> bool {
        self.project.in_run.contains(path)
    }

    /// A path as users see it (relative to the current folder).
    /// The file's own name (`settings.py`), where it has one.
    pub fn file_name(&self) -> Option<String> {
        let path = self.path.as_ref()?;
        Some(path.file_name()?.to_string_lossy().into_owned())
    }

    pub fn shown(&self, path: &Path) -> String {
        crate::files::display(path)
    }
}

/// The files and folders that mark the root of a project.
const PROJECT_MARKERS: &[&str] = &[
    ".git",
    "pyproject.toml",
    "setup.py",
    "setup.cfg",
    "requirements.txt",
    "Pipfile",
];

/// The nearest folder above `path` that holds a project's marker.
fn project_root(path: &Path) -> Option<&Path> {
    path.ancestors().skip(1).find(|folder| {
        PROJECT_MARKERS
            .iter()
            .any(|marker| folder.join(marker).exists())
    })
}
