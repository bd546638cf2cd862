//! Django's settings across the project (DESIGN.md section 9): the settings modules, the
//! star imports by which one extends another (`from .base import *`), the modules a
//! deployment loads (`DJANGO_SETTINGS_MODULE` in `wsgi.py`, `asgi.py`, `manage.py`), and
//! each module's role: production, development, test, or a base that others extend.
//!
//! Production is, in this order: a module named for it (`production`, `prod`) or that
//! holds the other HTTPS hardening (`SECURE_SSL_REDIRECT`, `SECURE_HSTS_SECONDS`); else
//! the module `wsgi.py` or `asgi.py` loads by default. Development and test are the
//! modules named so (`dev`, `local`, `test`) or that set `DEBUG = True`.

use std::collections::HashMap;
use std::path::{Path, PathBuf};

use tree_sitter::Node;

use super::modules::{self, ModuleName};
use crate::literal;
use crate::parse;
use crate::settings_module::{self, Evaluated, Exports};

/// The variable Django reads the settings module's name from.
const SETTINGS_VARIABLE: &str = "DJANGO_SETTINGS_MODULE";

/// Names that make a module a whole settings module, when a top-level statement assigns
/// one.
const WHOLE: &[&str] = &["INSTALLED_APPS", "MIDDLEWARE"];

/// Settings that harden a production deployment for HTTPS (django/conf/global_settings.py;
/// the deployment checks W008 and W004 ask for them).
const HARDENING: &[&str] = &["SECURE_SSL_REDIRECT", "SECURE_HSTS_SECONDS"];

const PRODUCTION_NAMES: &[&str] = &["production", "prod", "live", "deploy", "deployment"];
const DEVELOPMENT_NAMES: &[&str] = &["dev", "development", "develop", "local"];
const TEST_NAMES: &[&str] = &["test", "tests", "testing", "ci", "unittest"];

/// The names of files and folders that hold settings (a settings package's modules are
/// settings, whatever their own name).
const SETTINGS_FILE_NAMES: &[&str] = &["settings", "config", "conf"];

/// What a module is for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Role {
    Production,
    Development,
    Test,
    /// Neither: a base that other modules extend, or a module of its own.
    Base,
}

/// What one file tells of Django's settings.
#[derive(Debug, Clone, Default)]
pub struct FileFacts {
    /// The settings modules it names as `DJANGO_SETTINGS_MODULE`'s default.
    pub loads: Vec<ModuleName>,
    /// The file is a settings module: its source, kept to follow its star imports.
    pub module: Option<ModuleFacts>,
}

/// A settings module as the project pass reads it.
#[derive(Debug, Clone)]
pub struct ModuleFacts {
    pub source: Vec<u8>,
    pub star_imports: Vec<ModuleName>,
    pub hardened: bool,
    pub debug: Option<bool>,
    /// It assigns `INSTALLED_APPS` or `MIDDLEWARE` itself.
    pub whole: bool,
}

/// Whether a file may be a settings module or an entry point, as its name and bytes say:
/// only those are parsed.
pub fn worth_parsing(path: &Path, bytes: &[u8]) -> bool {
    let has = |mark: &str| memchr::memmem::find(bytes, mark.as_bytes()).is_some();
    // A whole settings module assigns its lists at the start of a line; a library that
    // only names them (Django's own code) does not.
    let assigns = |name: &str| {
        memchr::memmem::find_iter(bytes, name.as_bytes()).any(|at| {
            let line_start = at == 0 || matches!(bytes[at - 1], b'\n' | b'\r');
            let rest = &bytes[at + name.len()..];
            let rest = &rest[rest.len() - crate::source::trim_blank(rest).len()..];
            line_start && (rest.starts_with(b"=") || rest.starts_with(b"+="))
        })
    };
    (is_entry_point(path) && has(SETTINGS_VARIABLE))
        || (is_settings_path(path) && star_imports(bytes))
        || WHOLE.iter().any(|name| assigns(name))
}

/// Whether a line starts with a star import (`from .base import *`, also indented in a
/// `try:`): a settings module that extends another. One that neither extends another
/// nor is whole decides nothing beyond itself, and is read as a module of its own.
fn star_imports(bytes: &[u8]) -> bool {
    memchr::memmem::find_iter(bytes, b"import *").any(|at| {
        let line = &bytes[crate::source::line_start(bytes, at)..at];
        let code = crate::source::trim_blank(line);
        code.starts_with(b"from ") && !code.contains(&b'#')
    })
}

/// A file a deployment or the developer starts Django from.
fn is_entry_point(path: &Path) -> bool {
    let name = path.file_name().and_then(|n| n.to_str()).unwrap_or("");
    is_entry_point_name(name)
}

fn is_entry_point_name(name: &str) -> bool {
    matches!(name, "manage.py" | "wsgi.py" | "asgi.py")
}

/// Whether a file's name says it may hold facts: an entry point or a settings module.
/// Asked of every file of a run: its name is taken from the path once.
pub fn may_be_named(path: &Path) -> bool {
    let name = path.file_name().and_then(|n| n.to_str()).unwrap_or("");
    is_entry_point_name(name) || {
        let stem = match name.rsplit_once('.') {
            Some((stem, _)) if !stem.is_empty() => stem,
            _ => name,
        };
        stem.contains("settings") || SETTINGS_FILE_NAMES.contains(&folder_name(path))
    }
}

fn folder_name(path: &Path) -> &str {
    path.parent()
        .and_then(|p| p.file_name())
        .and_then(|s| s.to_str())
        .unwrap_or("")
}

/// A path whose file or folder names say it holds settings: `settings.py`,
/// `local_settings.py`, and every module of a `settings/`, `config/` or `conf/`
/// package (`settings/production.py`).
fn is_settings_path(path: &Path) -> bool {
    let stem = path.file_stem().and_then(|s| s.to_str()).unwrap_or("");
    stem.contains("settings") || SETTINGS_FILE_NAMES.contains(&folder_name(path))
}

/// The facts of one file, read from its parse.
pub fn read(path: &Path, bytes: &[u8], tree: &tree_sitter::Tree) -> FileFacts {
    let statements = parse::code_children(tree.root_node());
    let loads = settings_module_defaults(tree, bytes);
    let mut star_imports = Vec::new();
    let mut hardened = false;
    let mut debug = None;
    let mut whole = false;
    for statement in &statements {
        star_imports.extend(star_import_names(*statement, bytes));
        if let Some((target, value)) = settings_module::assignment(*statement) {
            let name = target.utf8_text(bytes).unwrap_or("");
            let truth = literal::truthiness(value, bytes);
            if HARDENING.contains(&name) && truth == Some(true) {
                hardened = true;
            }
            if name == "DEBUG" {
                debug = truth;
            }
            if WHOLE.contains(&name) && star_imports.is_empty() {
                whole = true;
            }
        }
    }
    let is_module = whole || is_settings_path(path);
    FileFacts {
        loads,
        module: is_module.then(|| ModuleFacts {
            source: bytes.to_vec(),
            star_imports,
            hardened,
            debug,
            whole,
        }),
    }
}

/// The facts of a settings module that neither extends another nor is whole, read from
/// its lines: a base may still star-import it (a `local.py` of a developer's machine),
/// and its name or its `DEBUG = True` may mark it development. Only what stands at the
/// start of a line counts, as a module's own top-level statements do.
pub fn read_lines(path: &Path, bytes: &[u8]) -> FileFacts {
    if !is_settings_path(path) {
        return FileFacts::default();
    }
    let assigned = |name: &str| -> Option<&[u8]> {
        memchr::memmem::find_iter(bytes, name.as_bytes()).find_map(|at| {
            let line_start = at == 0 || matches!(bytes[at - 1], b'\n' | b'\r');
            let rest = crate::source::trim_blank(&bytes[at + name.len()..]);
            let value = rest.strip_prefix(b"=").filter(|v| !v.starts_with(b"="))?;
            let value = crate::source::trim_blank(value);
            let end = value
                .iter()
                .position(|b| matches!(b, b'\n' | b'\r' | b'#'))
                .unwrap_or(value.len());
            line_start.then(|| value[..end].trim_ascii_end())
        })
    };
    let truth = |value: &[u8]| match value {
        b"True" => Some(true),
        b"False" | b"0" | b"None" => Some(false),
        digits if !digits.is_empty() && digits.iter().all(u8::is_ascii_digit) => Some(true),
        _ => None,
    };
    let hardened = HARDENING
        .iter()
        .any(|name| assigned(name).and_then(truth) == Some(true));
    FileFacts {
        loads: Vec::new(),
        module: Some(ModuleFacts {
            source: bytes.to_vec(),
            star_imports: Vec::new(),
            hardened,
            debug: assigned("DEBUG").and_then(truth),
            whole: false,
        }),
    }
}

/// `os.environ.setdefault("DJANGO_SETTINGS_MODULE", "shop.settings")` and
/// `os.environ["DJANGO_SETTINGS_MODULE"] = "shop.settings"`: the defaults a file sets.
fn settings_module_defaults(tree: &tree_sitter::Tree, source: &[u8]) -> Vec<ModuleName> {
    let mut names = Vec::new();
    for node in parse::mentions(tree, source, SETTINGS_VARIABLE) {
        if literal::plain_string(node, source) != Some(SETTINGS_VARIABLE) {
            continue;
        }
        let value = match node.parent() {
            // `setdefault("DJANGO_SETTINGS_MODULE", "x")`.
            Some(arguments) if arguments.kind() == "argument_list" => {
                parse::code_children(arguments).get(1).copied()
            }
            // `environ["DJANGO_SETTINGS_MODULE"] = "x"`.
            Some(subscript) if subscript.kind() == "subscript" => {
                parse::parent_holding(subscript, "assignment", "left")
                    .and_then(|assignment| assignment.child_by_field_name("right"))
            }
            _ => None,
        };
        if let Some(module) = value.and_then(|v| literal::plain_string(v, source)) {
            names.push(ModuleName::absolute(module));
        }
    }
    names
}

/// The modules a statement star-imports (also inside `try:` or `if`).
pub fn star_import_names(statement: Node, source: &[u8]) -> Vec<ModuleName> {
    let mut names = Vec::new();
    let mut stack = vec![statement];
    while let Some(node) = stack.pop() {
        match node.kind() {
            "import_from_statement" => {
                let star = parse::code_children(node)
                    .iter()
                    .any(|child| child.kind() == "wildcard_import");
                let module = node
                    .child_by_field_name("module_name")
                    .and_then(|m| m.utf8_text(source).ok());
                if let (true, Some(module)) = (star, module) {
                    let squeezed: String = module.split_whitespace().collect();
                    names.push(ModuleName::parse(&squeezed));
                }
            }
            "class_definition" | "function_definition" | "decorated_definition" => {}
            _ => stack.extend(parse::code_children(node)),
        }
    }
    names
}

/// The settings modules of the project, with their roles and what each exports.
#[derive(Debug, Default)]
pub struct Settings {
    modules: HashMap<PathBuf, Module>,
}

#[derive(Debug)]
struct Module {
    role: Role,
    exports: Exports,
    /// The modules its star imports name, resolved.
    imports: Vec<(ModuleName, PathBuf)>,
    /// The production modules that extend it, directly or through others.
    extended_by: Vec<PathBuf>,
}

/// Where a settings module's missing or false cookie settings are fixed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Placement<'p> {
    /// As a module of its own: no project facts say otherwise.
    Alone,
    /// A development or test module: its values are a choice, not reported.
    NotDeployed(Role),
    /// A base that production modules extend: they take the fixes.
    Extended(&'p [PathBuf]),
    /// A production module: it takes the fixes, with what it inherits.
    Production,
}

impl Settings {
    pub fn assemble(facts: &[(PathBuf, &FileFacts)]) -> Self {
        let files: Vec<PathBuf> = facts.iter().map(|(path, _)| path.clone()).collect();
        let sources: HashMap<&PathBuf, &ModuleFacts> = facts
            .iter()
            .filter_map(|(path, facts)| Some((path, facts.module.as_ref()?)))
            .collect();
        let loaded_by = |entries: &[&str]| -> Vec<PathBuf> {
            facts
                .iter()
                .filter(|(path, _)| {
                    let name = path.file_name().and_then(|n| n.to_str()).unwrap_or("");
                    entries.contains(&name)
                })
                .flat_map(|(path, facts)| {
                    facts
                        .loads
                        .iter()
                        .filter_map(|name| modules::resolve(name, path, &files).cloned())
                })
                .collect()
        };
        let mut settings = Settings::default();
        for (path, module) in &sources {
            let imports = module
                .star_imports
                .iter()
                .filter_map(|name| {
                    Some((name.clone(), modules::resolve(name, path, &files)?.clone()))
                })
                .collect();
            let role = match named_role(path) {
                Some(role) => role,
                None if module.hardened => Role::Production,
                None => Role::Base,
            };
            settings.modules.insert(
                (*path).clone(),
                Module {
                    role,
                    exports: Exports::default(),
                    imports,
                    extended_by: Vec::new(),
                },
            );
        }
        // With no module named or hardened for production, the one a deployment loads
        // (`wsgi.py`, `asgi.py`), else the one loaded when no variable is set
        // (`manage.py`).
        for entries in [&["wsgi.py", "asgi.py"][..], &["manage.py"][..]] {
            let any_production = settings
                .modules
                .values()
                .any(|module| module.role == Role::Production);
            if any_production {
                break;
            }
            for path in loaded_by(entries) {
                if let Some(module) = settings.modules.get_mut(&path) {
                    if module.role == Role::Base {
                        module.role = Role::Production;
                    }
                }
            }
        }
        // `DEBUG = True` marks development only beside a production module: a project's
        // one settings module is what it deploys, whatever its DEBUG says today.
        let any_production = settings
            .modules
            .values()
            .any(|module| module.role == Role::Production);
        // A base that production star-imports is deployed, whatever DEBUG it sets
        // before production sets it again.
        if any_production {
            let extended = settings.extended_by_production();
            for (path, module) in settings.modules.iter_mut() {
                let debug = sources.get(path).is_some_and(|m| m.debug == Some(true));
                if module.role == Role::Base && debug && !extended.contains(path) {
                    module.role = Role::Development;
                }
            }
        }
        // What each module exports, once the roles say which star imports a deployment
        // follows.
        let roles: HashMap<PathBuf, Role> = settings
            .modules
            .iter()
            .map(|(path, module)| (path.clone(), module.role))
            .collect();
        // Only a module another one star-imports exports anything anyone reads.
        let imported: Vec<PathBuf> = settings
            .modules
            .values()
            .flat_map(|module| module.imports.iter().map(|(_, path)| path.clone()))
            .collect();
        let mut memo: HashMap<PathBuf, Exports> = HashMap::new();
        for (path, module) in settings.modules.iter_mut() {
            if !imported.contains(path) {
                continue;
            }
            let mut visiting = Vec::new();
            let reader = Exporter {
                sources: &sources,
                files: &files,
                roles: &roles,
            };
            module.exports = reader
                .exports_of(path, &mut memo, &mut visiting)
                .unwrap_or_default();
        }
        let production: Vec<PathBuf> = settings
            .modules
            .iter()
            .filter(|(_, module)| module.role == Role::Production)
            .map(|(path, _)| path.clone())
            .collect();
        for top in production {
            let mut stack = vec![top.clone()];
            let mut seen = vec![top.clone()];
            while let Some(path) = stack.pop() {
                let imported: Vec<PathBuf> = settings
                    .modules
                    .get(&path)
                    .map(|m| m.imports.iter().map(|(_, p)| p.clone()).collect())
                    .unwrap_or_default();
                for base in imported {
                    if seen.contains(&base) {
                        continue;
                    }
                    seen.push(base.clone());
                    if let Some(module) = settings.modules.get_mut(&base) {
                        if module.role == Role::Base && !module.extended_by.contains(&top) {
                            module.extended_by.push(top.clone());
                        }
                    }
                    stack.push(base);
                }
            }
        }
        for module in settings.modules.values_mut() {
            module.extended_by.sort();
        }
        settings
    }

    /// The modules a production module star-imports, directly or through others.
    fn extended_by_production(&self) -> Vec<PathBuf> {
        let mut stack: Vec<&PathBuf> = self
            .modules
            .iter()
            .filter(|(_, module)| module.role == Role::Production)
            .map(|(path, _)| path)
            .collect();
        let mut seen: Vec<PathBuf> = Vec::new();
        while let Some(path) = stack.pop() {
            for (_, base) in self.modules.get(path).map_or(&[][..], |m| &m.imports[..]) {
                if !seen.contains(base) {
                    seen.push(base.clone());
                    stack.push(base);
                }
            }
        }
        seen
    }

    /// Where the fixes of the settings module at `path` go.
    pub fn placement(&self, path: &Path) -> Placement<'_> {
        match self.modules.get(path) {
            None => Placement::Alone,
            Some(module) => match module.role {
                Role::Development | Role::Test => Placement::NotDeployed(module.role),
                Role::Production => Placement::Production,
                Role::Base if module.extended_by.is_empty() => Placement::Alone,
                Role::Base => Placement::Extended(&module.extended_by),
            },
        }
    }

    /// What the module named by a star import of the file at `path` exports; nothing
    /// for a development or test module that a module deployed imports (a
    /// `local_settings` a developer's machine has).
    pub fn exports_of(&self, path: &Path, name: &ModuleName) -> Option<&Exports> {
        let module = self.modules.get(path)?;
        let (_, imported) = module.imports.iter().find(|(n, _)| n == name)?;
        let imported = self.modules.get(imported)?;
        if is_deployed(Some(&module.role)) && !is_deployed(Some(&imported.role)) {
            return None;
        }
        Some(&imported.exports)
    }
}

/// What the settings modules export, following their star imports.
struct Exporter<'a> {
    sources: &'a HashMap<&'a PathBuf, &'a ModuleFacts>,
    files: &'a [PathBuf],
    roles: &'a HashMap<PathBuf, Role>,
}

/// Whether a deployment loads a module of this role: a development or test module that
/// a deployed one star-imports (a `local_settings` a developer's machine has) is not
/// what production gets.
fn is_deployed(role: Option<&Role>) -> bool {
    matches!(role, Some(Role::Production | Role::Base) | None)
}

impl Exporter<'_> {
    /// What the settings module at `path` exports (memoised; an import cycle exports
    /// nothing).
    fn exports_of(
        &self,
        path: &PathBuf,
        memo: &mut HashMap<PathBuf, Exports>,
        visiting: &mut Vec<PathBuf>,
    ) -> Option<Exports> {
        if let Some(done) = memo.get(path) {
            return Some(done.clone());
        }
        if visiting.contains(path) {
            return None;
        }
        let module = self.sources.get(path)?;
        visiting.push(path.clone());
        let parsed = parse::parse(&module.source)?;
        let source = &module.source[..];
        let statements = parse::code_children(parsed.tree.root_node());
        let deployed = is_deployed(self.roles.get(path));
        let mut inherited: HashMap<usize, Exports> = HashMap::new();
        for statement in &statements {
            for name in star_import_names(*statement, source) {
                let Some(imported) = modules::resolve(&name, path, self.files) else {
                    continue;
                };
                if deployed && !is_deployed(self.roles.get(imported)) {
                    continue;
                }
                if let Some(exports) = self.exports_of(imported, memo, visiting) {
                    inherited.insert(statement.id(), exports);
                }
            }
        }
        let evaluated = Evaluated::of(&statements, source, &|statement| {
            inherited.get(&statement.id()).cloned()
        });
        let exports = evaluated.exports(source);
        visiting.pop();
        memo.insert(path.clone(), exports.clone());
        Some(exports)
    }
}

/// A module's role by its name (or its package's, for `__init__.py`).
fn named_role(path: &Path) -> Option<Role> {
    let stem = path.file_stem().and_then(|s| s.to_str()).unwrap_or("");
    let name = match stem {
        "__init__" => path
            .parent()
            .and_then(|p| p.file_name())
            .and_then(|s| s.to_str())
            .unwrap_or(""),
        stem => stem,
    };
    let named = |list: &[&str]| {
        list.iter()
            .any(|word| name == *word || name.split(['_', '-']).any(|part| part == *word))
    };
    if named(PRODUCTION_NAMES) {
        Some(Role::Production)
    } else if named(TEST_NAMES) {
        Some(Role::Test)
    } else if named(DEVELOPMENT_NAMES) {
        Some(Role::Development)
    } else {
        None
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn module(path: &str, code: &str) -> Option<ModuleFacts> {
        let bytes = code.as_bytes();
        match worth_parsing(Path::new(path), bytes) {
            true => {
                let parsed = parse::parse(bytes).expect("parses");
                read(Path::new(path), bytes, &parsed.tree).module
            }
            false => read_lines(Path::new(path), bytes).module,
        }
    }

    #[test]
    fn a_module_is_parsed_only_where_it_extends_another_or_is_whole() {
        let code = "from .base import *  # noqa\nDEBUG = True\n";
        assert!(worth_parsing(
            Path::new("app/settings/dev.py"),
            code.as_bytes()
        ));
        let code = "try:\n    from .local import *\nexcept ImportError:\n    pass\n";
        assert!(worth_parsing(
            Path::new("app/settings/base.py"),
            code.as_bytes()
        ));
        let code = "# The loader may import *.pyx files\nDEBUG = True\n";
        assert!(!worth_parsing(
            Path::new("app/config/__init__.py"),
            code.as_bytes()
        ));
        let code = "INSTALLED_APPS = []\n";
        assert!(worth_parsing(Path::new("app/anything.py"), code.as_bytes()));
    }

    #[test]
    fn the_lines_of_a_lone_module_tell_its_debug_and_hardening() {
        let lone = module(
            "app/settings/local.py",
            "DEBUG = True  # on my machine\nSECURE_HSTS_SECONDS = 0\n",
        )
        .expect("a settings module");
        assert_eq!((lone.debug, lone.hardened), (Some(true), false));
        let lone = module(
            "app/settings/live.py",
            "DEBUG = False\nSECURE_SSL_REDIRECT = True\nif x:\n    DEBUG = True\n",
        )
        .expect("a settings module");
        assert_eq!((lone.debug, lone.hardened), (Some(false), true));
        assert!(module("app/views.py", "DEBUG = True\n").is_none());
    }
}
