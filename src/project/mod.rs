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
pub mod follows;
mod methods;
mod modules;
pub mod proxies;
pub mod test_clients;
mod text;

use std::collections::{HashMap, HashSet};
use std::path::{Path, PathBuf};
use std::sync::{Arc, LazyLock, Mutex, OnceLock};

use tree_sitter::Node;

pub use modules::ModuleName;

use crate::diagnostic::TestUse;
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
    /// Its calls that pass a cookie setting as a cookie's flag.
    pub follows: Vec<follows::Followed>,
    /// Where it shows that the app learns the scheme behind a proxy, or serves TLS.
    pub proxies: Vec<proxies::Evidence>,
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

    /// The facts of a file the walk read: those [`read`](Self::read) tells where the
    /// file [`may_hold`](Self::may_hold) them, and, for a file a rule reads, the
    /// settings its calls pass as flags.
    pub fn gather(
        path: &Path,
        bytes: &[u8],
        found: Found,
        vocabulary: &Vocabulary,
    ) -> Option<FileFacts> {
        let mut facts = Self::may_hold(path, bytes, found, vocabulary)
            .then(|| Self::read(path, bytes, vocabulary))
            .flatten();
        if found.candidate {
            let follows = follows::read(bytes);
            if !follows.is_empty() {
                facts.get_or_insert_default().follows = follows;
            }
        }
        // How the app learns the scheme is told where it is served or configured: a
        // file a rule reads (an app factory), or one named for serving it.
        if found.candidate || proxies::may_be_named(path) {
            let evidence = proxies::read(bytes);
            if !evidence.is_empty() {
                facts.get_or_insert_default().proxies = evidence;
            }
        }
        facts
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
            follows: Vec::new(),
            proxies: Vec::new(),
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
    /// The calls that pass a cookie setting as a flag, by the file.
    follows: Vec<(PathBuf, follows::Followed)>,
    /// Where a file shows that the app learns the scheme behind a proxy.
    proxies: Vec<(PathBuf, proxies::Evidence)>,
    /// The test files the run left out, absolute.
    tests: Vec<PathBuf>,
    /// Their test clients over plain HTTP, by the project root they were read below and
    /// the framework asked for (the first fix of a project that asks reads its tests).
    clients: Mutex<HashMap<TestsOf, Arc<OnceLock<TestUses>>>>,
}

/// A project's tests, by its root and the framework whose clients they are read for.
type TestsOf = (PathBuf, &'static str);

/// A project's test clients over plain HTTP, shared by the fixes that name them.
type TestUses = Arc<[TestUse]>;

static EMPTY: LazyLock<Project> = LazyLock::new(Project::default);

impl Project {
    /// The project of the files read, each with its absolute path and facts; `in_run`
    /// are those the run checks.
    pub fn assemble(
        facts: Vec<(PathBuf, FileFacts)>,
        in_run: HashSet<PathBuf>,
        roots: Vec<PathBuf>,
        tests: Vec<PathBuf>,
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
            follows: by_path(
                facts
                    .iter()
                    .flat_map(|(path, facts)| {
                        facts.follows.iter().map(|f| (path.clone(), f.clone()))
                    })
                    .collect(),
                |(path, _)| path,
            ),
            proxies: by_path(
                facts
                    .iter()
                    .flat_map(|(path, facts)| {
                        facts.proxies.iter().map(|e| (path.clone(), e.clone()))
                    })
                    .collect(),
                |(path, _)| path,
            ),
            tests: by_path(tests, |path| path),
            clients: Mutex::default(),
        }
    }

    /// What the rules of the file at `path` may ask.
    pub fn view(&self, path: &Path) -> View<'_> {
        View {
            project: self,
            path: Some(crate::files::absolute(path)),
            root: OnceLock::new(),
        }
    }
}

/// `items` in the order of their paths' bytes: the one a message names is the same in
/// every run, whatever order the walk read the files in, and [`below`] finds a folder's
/// files together (a path's own order compares components, which costs more).
fn by_path<T>(mut items: Vec<T>, path: impl Fn(&T) -> &PathBuf) -> Vec<T> {
    items.sort_by(|a, b| bytes_of(path(a)).cmp(bytes_of(path(b))));
    items
}

/// The items of `sorted` (sorted [`by_path`]) whose path lies below `root`: those that
/// start with the root and a separator sort together.
fn below<'f, T>(sorted: &'f [T], path: impl Fn(&T) -> &PathBuf, root: &Path) -> &'f [T] {
    let mut prefix = bytes_of(root).to_vec();
    prefix.push(std::path::MAIN_SEPARATOR as u8);
    let start = sorted.partition_point(|item| bytes_of(path(item)) < &prefix[..]);
    let length = sorted[start..]
        .iter()
        .take_while(|item| bytes_of(path(item)).starts_with(&prefix))
        .count();
    &sorted[start..start + length]
}

fn bytes_of(path: &Path) -> &[u8] {
    path.as_os_str().as_encoded_bytes()
}

/// The project as one file's rules see it.
#[derive(Debug, Clone)]
pub struct View<'p> {
    project: &'p Project,
    /// The file's absolute path; none for standard input without a name.
    path: Option<PathBuf>,
    /// The root of its project, found when first asked (each ancestor is looked at).
    root: OnceLock<Option<PathBuf>>,
}

impl View<'static> {
    /// A file checked alone: no project facts.
    pub fn alone() -> Self {
        View {
            project: &EMPTY,
            path: None,
            root: OnceLock::new(),
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
        let Some(root) = self.root() else {
            return false;
        };
        self.project
            .roots
            .iter()
            .any(|folder| root.starts_with(folder))
    }

    /// The cookie setting the project's own calls pass as `keyword`'s value
    /// (`secure=settings.SESSION_COOKIE_SECURE`), where they all pass the same one and
    /// it is one of `settings` (those a rule judges where they are set, so that it is
    /// secure, fixed or reported in the run): the call, its file and line.
    pub fn followed_setting(
        &self,
        keyword: &str,
        settings: &[&str],
    ) -> Option<(&'p follows::Followed, String)> {
        let mut passed = self
            .below_root(&self.project.follows)
            .iter()
            .filter(|(_, followed)| followed.keyword == keyword);
        let (path, first) = passed.next()?;
        let agree = passed.all(|(_, other)| other.expression == first.expression);
        (agree && settings.contains(&first.setting())).then(|| (first, self.shown(path)))
    }

    /// Where the project shows, by one of `words`, that its app learns the scheme
    /// behind a TLS proxy, or serves TLS itself: what, at `path:line`.
    pub fn learns_scheme(&self, words: &[&str]) -> Option<String> {
        let (path, evidence) = self
            .below_root(&self.project.proxies)
            .iter()
            .find(|(_, evidence)| words.contains(&evidence.word))?;
        Some(format!(
            "{} at {}:{}",
            evidence.word,
            self.shown(path),
            evidence.line
        ))
    }

    /// The tests of this file's project that construct one of `clients` (those of the
    /// framework `framework`) over plain HTTP, read from the test files the run left out
    /// below the project's root, once per project and framework.
    pub fn test_clients_over_http(
        &self,
        framework: &'static str,
        clients: &[test_clients::Client],
    ) -> TestUses {
        // A file outside any project has no tests the run can tell are its own.
        let Some(root) = self.root() else {
            return Arc::from(Vec::new());
        };
        // The map is locked only to find the project's cell: its tests are read
        // outside the lock, while other projects' fixes go on.
        let cell = Arc::clone(
            self.project
                .clients
                .lock()
                .unwrap_or_else(|e| e.into_inner())
                .entry((root.to_path_buf(), framework))
                .or_default(),
        );
        let uses = cell.get_or_init(|| {
            let tests = below(&self.project.tests, |path| path, root);
            test_clients::read(tests, clients, |path| self.shown(path)).into()
        });
        Arc::clone(uses)
    }

    /// The plain-HTTP origins its project's test clients talk to (`http://testserver`),
    /// as the fixes of this run read them: `--fix-tests` moves them to HTTPS, and the
    /// tests' own URLs with them.
    pub fn test_origins(&self) -> Vec<String> {
        let Some(root) = self.root() else {
            return Vec::new();
        };
        let cache = self
            .project
            .clients
            .lock()
            .unwrap_or_else(|e| e.into_inner());
        let mut origins: Vec<String> = cache
            .iter()
            .filter(|((of, _), _)| of == root)
            .filter_map(|(_, cell)| cell.get())
            .flat_map(|uses| uses.iter().filter_map(|u| u.http_origin.clone()))
            .collect();
        origins.sort();
        origins.dedup();
        origins
    }

    /// The test files of this file's project, left out of the run, whose bytes hold one
    /// of `texts`.
    pub fn tests_holding(&self, texts: &[String]) -> Vec<PathBuf> {
        let Some(root) = self.root() else {
            return Vec::new();
        };
        below(&self.project.tests, |path| path, root)
            .iter()
            .filter(|path| {
                std::fs::read(path).is_ok_and(|bytes| {
                    texts
                        .iter()
                        .any(|text| memchr::memmem::find(&bytes, text.as_bytes()).is_some())
                })
            })
            .cloned()
            .collect()
    }

    /// The facts of files below this file's project root (all of them, for a file
    /// outside any project).
    fn below_root<'f, T>(&self, facts: &'f [(PathBuf, T)]) -> &'f [(PathBuf, T)] {
        match self.root() {
            Some(root) => below(facts, |(path, _)| path, root),
            None => facts,
        }
    }

    /// The root of the file's project: the nearest folder above it with a project's
    /// marker.
    pub fn root(&self) -> Option<&Path> {
        self.root
            .get_or_init(|| {
                let path = self.path.as_deref()?;
                project_root(path).map(Path::to_path_buf)
            })
            .as_deref()
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
