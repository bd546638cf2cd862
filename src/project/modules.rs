//! Which file a module name stands for, among the files the project pass read: a dotted
//! name (`shop.settings.production`) is the file whose path ends with its components
//! (`shop/settings/production.py` or `shop/settings/production/__init__.py`); a relative
//! one (`from .base import *`) is found from the importing file's package.

use std::path::{Path, PathBuf};

/// A module named by an import or a setting: `level` dots, then a dotted name
/// (`from ..common import *` is level 2, `common`).
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct ModuleName {
    pub level: usize,
    pub dotted: String,
}

impl ModuleName {
    pub fn absolute(dotted: &str) -> Self {
        ModuleName {
            level: 0,
            dotted: dotted.to_owned(),
        }
    }

    /// `..a.b` as written after `from`.
    pub fn parse(text: &str) -> Self {
        let level = text.bytes().take_while(|&b| b == b'.').count();
        ModuleName {
            level,
            dotted: text[level..].to_owned(),
        }
    }

    /// The last component: `production` of `shop.settings.production`.
    pub fn last(&self) -> &str {
        self.dotted.rsplit('.').next().unwrap_or("")
    }
}

/// The file a module name stands for, among `files` (absolute, normalised paths), seen
/// from the file `from` that names it; the candidate nearest to `from` when several
/// match.
pub fn resolve<'f>(name: &ModuleName, from: &Path, files: &'f [PathBuf]) -> Option<&'f PathBuf> {
    let components: Vec<&str> = name.dotted.split('.').filter(|c| !c.is_empty()).collect();
    if name.level > 0 {
        // The package of `from`, then up one folder per further dot.
        let mut package = from.parent()?.to_path_buf();
        for _ in 1..name.level {
            package = package.parent()?.to_path_buf();
        }
        let base = components.iter().fold(package, |path, c| path.join(c));
        return files.iter().find(|file| {
            **file == base.with_extension("py") || **file == base.join("__init__.py")
        });
    }
    if components.is_empty() {
        return None;
    }
    let mut candidates: Vec<&PathBuf> = files
        .iter()
        .filter(|file| ends_with_module(file, &components))
        .collect();
    candidates.sort_by_key(|file| std::cmp::Reverse(common_prefix(file, from)));
    candidates.first().copied()
}

/// Whether `file` is `a/b/c.py` or `a/b/c/__init__.py` for the components `a.b.c`.
fn ends_with_module(file: &Path, components: &[&str]) -> bool {
    let Some(stem) = file.file_stem().and_then(|s| s.to_str()) else {
        return false;
    };
    if file.extension().and_then(|e| e.to_str()) != Some("py") {
        return false;
    }
    let mut folders = file.parent().map(|p| p.components().rev());
    let (last, rest) = match components.split_last() {
        Some(split) => split,
        None => return false,
    };
    let mut expected: Vec<&str> = rest.iter().rev().copied().collect();
    if stem == "__init__" {
        expected.insert(0, last);
    } else if stem != *last {
        return false;
    }
    let Some(folders) = folders.as_mut() else {
        return expected.is_empty();
    };
    expected.iter().all(|want| {
        folders
            .next()
            .is_some_and(|folder| folder.as_os_str().to_str() == Some(want))
    })
}

fn common_prefix(a: &Path, b: &Path) -> usize {
    a.components()
        .zip(b.components())
        .take_while(|(x, y)| x == y)
        .count()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_are_found_among_the_files() {
        let files: Vec<PathBuf> = [
            "/r/shop/settings/__init__.py",
            "/r/shop/settings/base.py",
            "/r/shop/settings/production.py",
            "/r/other/settings/production.py",
            "/r/shop/wsgi.py",
        ]
        .iter()
        .map(PathBuf::from)
        .collect();
        let from = Path::new("/r/shop/settings/production.py");
        let found = |name: &str| resolve(&ModuleName::parse(name), from, &files).cloned();
        assert_eq!(
            found(".base"),
            Some(PathBuf::from("/r/shop/settings/base.py"))
        );
        assert_eq!(
            found("..settings"),
            Some(PathBuf::from("/r/shop/settings/__init__.py"))
        );
        assert_eq!(
            found("shop.settings.production"),
            Some(PathBuf::from("/r/shop/settings/production.py"))
        );
        // Two files end so: the nearer one.
        let wsgi = Path::new("/r/shop/wsgi.py");
        assert_eq!(
            resolve(&ModuleName::absolute("settings.production"), wsgi, &files),
            Some(&PathBuf::from("/r/shop/settings/production.py"))
        );
        assert_eq!(found(".missing"), None);
        assert_eq!(
            found("shop.settings"),
            Some(PathBuf::from("/r/shop/settings/__init__.py"))
        );
    }
}
