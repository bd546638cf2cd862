//! The project, not the file (DESIGN.md section 9): the facts that decide where a fix
//! takes effect, gathered in one pass over the project's files before the rules run.
//! Each file's rules ask for their file's facts through a [`View`]; nothing outside this
//! module reads another file.
//!
//! A file tells its facts ([`FileFacts::read`]) only if its bytes may hold one
//! ([`FileFacts::may_hold`], a byte search as cheap as the rules' needles); the facts of
//! all files are then put together once ([`Project::assemble`]).

pub mod django;
mod modules;

use std::collections::HashSet;
use std::path::{Path, PathBuf};
use std::sync::LazyLock;

use tree_sitter::Node;

pub use modules::ModuleName;

use crate::settings_module::Exports;

/// What one file tells the project.
#[derive(Debug, Clone, Default)]
pub struct FileFacts {
    pub django: django::FileFacts,
}

impl FileFacts {
    /// Whether the file may tell anything: the project pass parses only those that may.
    pub fn may_hold(path: &Path, bytes: &[u8]) -> bool {
        django::may_hold(path, bytes)
    }

    /// Whether a file found around named files may hold facts, by its name: `manage.py`,
    /// `wsgi.py`, `asgi.py`, and the modules named for settings.
    pub fn may_be_named(path: &Path) -> bool {
        django::may_be_named(path)
    }

    /// The facts of a file whose bytes [`may_hold`](Self::may_hold) some; none for a file
    /// that does not parse (its own check reports it).
    pub fn read(path: &Path, bytes: &[u8]) -> Option<FileFacts> {
        let source = crate::source::Source::new(bytes).ok()?;
        let view = source.view_of(source.body());
        let parsed = crate::parse::parse(&view)?;
        if parsed.tree.root_node().has_error() {
            return None;
        }
        Some(FileFacts {
            django: django::read(path, &view, &parsed.tree),
        })
    }
}

/// The facts of the project.
#[derive(Debug, Default)]
pub struct Project {
    django: django::Settings,
    /// The files the run checks (and may edit); the others were read for their facts.
    in_run: HashSet<PathBuf>,
}

static EMPTY: LazyLock<Project> = LazyLock::new(Project::default);

impl Project {
    /// The project of the files read, each with its absolute path and facts; `in_run`
    /// are those the run checks.
    pub fn assemble(facts: Vec<(PathBuf, FileFacts)>, in_run: HashSet<PathBuf>) -> Self {
        let django: Vec<(PathBuf, &django::FileFacts)> = facts
            .iter()
            .map(|(path, facts)| (path.clone(), &facts.django))
            .collect();
        Project {
            django: django::Settings::assemble(&django),
            in_run,
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

    /// Whether the run checks, and may edit, the file at `path`.
    pub fn in_run(&self, path: &Path) -> bool {
        self.project.in_run.contains(path)
    }

    /// A path as users see it (relative to the current folder).
    pub fn shown(&self, path: &Path) -> String {
        crate::files::display(path)
    }
}
