//! Which files a run reads: Python files below the given folders (in parallel,
//! respecting `.gitignore` and excludes) and the files named on the command line.

use std::path::{Component, Path, PathBuf};
use std::sync::Mutex;

use globset::{Glob, GlobBuilder, GlobSet, GlobSetBuilder};
use ignore::{WalkBuilder, WalkState};

/// The extensions of Python source files.
pub const EXTENSIONS: &[&str] = &["py", "pyw", "pyi"];

/// Folders no one wants searched, as in ruff's defaults.
pub const DEFAULT_EXCLUDES: &[&str] = &[
    ".bzr",
    ".direnv",
    ".eggs",
    ".git",
    ".git-rewrite",
    ".hg",
    ".ipynb_checkpoints",
    ".mypy_cache",
    ".nox",
    ".pants.d",
    ".pyenv",
    ".pytest_cache",
    ".pytype",
    ".ruff_cache",
    ".svn",
    ".tox",
    ".venv",
    ".vscode",
    "__pypackages__",
    "_build",
    "buck-out",
    "build",
    "dist",
    "node_modules",
    "site-packages",
    "venv",
];

/// Test code, left out unless asked for (DESIGN.md section 8): the cookies a test sets
/// are its own, and its fixtures imitate servers and browsers on purpose.
pub const TEST_EXCLUDES: &[&str] = &[
    "tests",
    "test",
    "testing",
    "test_*.py",
    "*_test.py",
    "conftest.py",
];

/// Exclude globs: a pattern without `/` matches any file or folder name, one with
/// `/` matches a path relative to the folder it was given in.
#[derive(Debug, Clone)]
pub struct Excludes {
    names: GlobSet,
    paths: GlobSet,
}

/// A glob that does not compile.
#[derive(Debug)]
pub struct BadGlob {
    pub pattern: String,
    pub reason: String,
}

impl Excludes {
    /// `patterns` pairs each glob with the folder relative ones are anchored to.
    pub fn new<'a>(
        patterns: impl IntoIterator<Item = (&'a str, &'a Path)>,
    ) -> Result<Self, BadGlob> {
        let mut names = GlobSetBuilder::new();
        let mut paths = GlobSetBuilder::new();
        for (pattern, root) in patterns {
            let trimmed = pattern.trim_end_matches('/');
            let bad = |e: globset::Error| BadGlob {
                pattern: pattern.to_owned(),
                reason: e.kind().to_string(),
            };
            if trimmed.contains('/') {
                let anchored = absolute(&root.join(trimmed));
                let glob = GlobBuilder::new(&anchored.to_string_lossy())
                    .literal_separator(true)
                    .build()
                    .map_err(bad)?;
                paths.add(glob);
            } else {
                names.add(Glob::new(trimmed).map_err(bad)?);
            }
        }
        let build = |builder: GlobSetBuilder| {
            builder.build().map_err(|e| BadGlob {
                pattern: String::new(),
                reason: e.to_string(),
            })
        };
        Ok(Excludes {
            names: build(names)?,
            paths: build(paths)?,
        })
    }

    /// Whether this path itself matches (its folders are checked as the walk reaches them).
    pub fn matches(&self, path: &Path) -> bool {
        let named = path
            .file_name()
            .is_some_and(|name| self.names.is_match(Path::new(name)));
        named || (!self.paths.is_empty() && self.paths.is_match(absolute(path)))
    }

    /// Whether the path or any folder above it matches (for paths named on the command line).
    pub fn matches_any_ancestor(&self, path: &Path) -> bool {
        absolute(path).ancestors().any(|p| self.matches(p))
    }

    /// Whether the path or one of the `depth - 1` folders above it matches: a walked
    /// file's name and the folders between it and the folder the walk began in.
    pub fn matches_below(&self, path: &Path, depth: usize) -> bool {
        path.ancestors().take(depth).any(|p| self.matches(p))
    }
}

/// `path` made absolute against the current folder, with `.` and `..` resolved lexically.
pub fn absolute(path: &Path) -> PathBuf {
    let joined = if path.is_absolute() {
        path.to_owned()
    } else {
        std::env::current_dir()
            .unwrap_or_else(|_| PathBuf::from("/"))
            .join(path)
    };
    let mut normal = PathBuf::new();
    for component in joined.components() {
        match component {
            Component::CurDir => {}
            Component::ParentDir => {
                normal.pop();
            }
            other => normal.push(other),
        }
    }
    normal
}

/// Whether a walked file is Python source by its extension.
pub fn is_python(path: &Path) -> bool {
    path.extension()
        .and_then(|ext| ext.to_str())
        .is_some_and(|ext| EXTENSIONS.contains(&ext))
}

/// How the walk treats ignore files and excludes.
pub struct WalkOptions<'a> {
    pub excludes: &'a Excludes,
    /// Test code to leave out, and the Python files left out so (read for the project's
    /// facts only).
    pub tests: Option<(&'a Excludes, &'a Mutex<Vec<PathBuf>>)>,
    pub respect_gitignore: bool,
    pub threads: usize,
}

/// Calls `visit` for every Python file below `roots`, from several threads.
/// A root that is a file is visited whatever its name.
/// `visit` is built once per thread by `make_visitor`.
pub fn walk<F>(roots: &[PathBuf], options: &WalkOptions, mut make_visitor: impl FnMut() -> F)
where
    F: FnMut(Result<PathBuf, ignore::Error>) + Send,
{
    let Some((first, rest)) = roots.split_first() else {
        return;
    };
    let mut builder = WalkBuilder::new(first);
    for root in rest {
        builder.add(root);
    }
    let excludes = options.excludes.clone();
    builder
        .standard_filters(options.respect_gitignore)
        .hidden(false)
        .require_git(false)
        .follow_links(false)
        .threads(options.threads)
        .filter_entry(move |entry| entry.depth() == 0 || !excludes.matches(entry.path()));
    let tests = options.tests;
    builder.build_parallel().run(|| {
        let mut visit = make_visitor();
        Box::new(move |entry| {
            match entry {
                Ok(entry) => {
                    let is_file = entry.file_type().is_some_and(|t| t.is_file());
                    let explicit =
                        entry.depth() == 0 && !entry.file_type().is_some_and(|t| t.is_dir());
                    let python = is_file && is_python(entry.path());
                    // Test folders are walked, not pruned, so that their files are counted.
                    let test = !explicit
                        && python
                        && tests.is_some_and(|(tests, left_out)| {
                            let matched = tests.matches_below(entry.path(), entry.depth());
                            if matched {
                                left_out
                                    .lock()
                                    .unwrap_or_else(|e| e.into_inner())
                                    .push(entry.path().to_path_buf());
                            }
                            matched
                        });
                    if explicit || (python && !test) {
                        visit(Ok(entry.into_path()));
                    }
                }
                Err(error) => visit(Err(error)),
            }
            WalkState::Continue
        })
    });
}

/// The text users see for a path: as given, without a leading `./`; an absolute
/// path below the current folder is shown relative to it (so a diff's `a/PATH`
/// header is one `git apply` takes).
pub fn display(path: &Path) -> String {
    let relative = if path.is_absolute() {
        std::env::current_dir()
            .ok()
            .and_then(|cwd| absolute(path).strip_prefix(cwd).ok().map(Path::to_owned))
    } else {
        None
    };
    let path = relative.as_deref().unwrap_or(path);
    let text = path.to_string_lossy();
    let mut text: &str = &text;
    while let Some(rest) = text.strip_prefix("./") {
        text = rest.trim_start_matches('/');
    }
    text.to_owned()
}

/// An I/O error's reason without Rust's " (os error N)" suffix.
pub fn io_reason(error: &std::io::Error) -> String {
    let text = error.to_string();
    match text.find(" (os error") {
        Some(at) => text[..at].to_owned(),
        None => text,
    }
}

/// The Python files below `folder` that `wanted` names (not below the default
/// excludes, and not deeper than a settings package inside a package): the files of a
/// project that hold its facts.
pub fn project_files(folder: &Path, wanted: impl Fn(&Path) -> bool) -> Vec<PathBuf> {
    const DEPTH: usize = 4;
    let excludes = Excludes::new(DEFAULT_EXCLUDES.iter().map(|p| (*p, folder)));
    let mut found = Vec::new();
    for entry in WalkBuilder::new(folder)
        .max_depth(Some(DEPTH))
        .hidden(false)
        .build()
        .flatten()
    {
        let path = entry.path();
        if excludes
            .as_ref()
            .is_ok_and(|excludes| excludes.matches_below(path, entry.depth()))
        {
            continue;
        }
        let is_file = entry.file_type().is_some_and(|t| t.is_file());
        if is_file && is_python(path) && wanted(path) {
            found.push(path.to_path_buf());
        }
    }
    found
}
