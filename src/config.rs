//! Settings from `[tool.cookie-fix]` in `pyproject.toml`, or from `cookie-fix.toml`.

use std::collections::BTreeMap;
use std::fmt;
use std::fs;
use std::path::{Path, PathBuf};

use serde::Deserialize;

/// The keys users may set. Unknown keys are errors, so a typo never passes silently.
#[derive(Debug, Default, Clone, Deserialize, PartialEq, Eq)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct Options {
    /// Replaces the default excludes.
    pub exclude: Option<Vec<String>>,
    /// Added to the excludes.
    pub extend_exclude: Option<Vec<String>>,
    /// The expression inserted as `secure=...`.
    pub secure_value: Option<String>,
    /// How a setting's fix is written: `"idiom"` (default) or `"literal"`.
    pub fix_style: Option<String>,
    /// Apply excludes to paths named on the command line too.
    pub force_exclude: Option<bool>,
    /// Respect `.gitignore` and `.ignore` files (default true).
    pub respect_gitignore: Option<bool>,
    /// Check test code too (default false).
    pub include_tests: Option<bool>,
    /// Give the test clients a Secure fix names an HTTPS base URL (default false).
    pub fix_tests: Option<bool>,
    /// The rules to run, instead of those on by default.
    pub select: Option<Vec<String>>,
    /// Rules to run as well.
    pub extend_select: Option<Vec<String>>,
    /// Rules not to run.
    pub ignore: Option<Vec<String>>,
    /// Rules not to run on the files a glob matches (`"tests/**" = ["secure-cookie"]`).
    pub per_file_ignores: Option<BTreeMap<String, Vec<String>>>,
}

/// Options with the file they came from; relative excludes are read from its folder.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Config {
    pub options: Options,
    pub path: PathBuf,
}

impl Config {
    /// The folder relative excludes are anchored to.
    pub fn root(&self) -> &Path {
        self.path.parent().unwrap_or(Path::new("."))
    }
}

/// A configuration file that cannot be used, with the path and the reason.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ConfigError {
    pub path: PathBuf,
    pub reason: String,
}

impl fmt::Display for ConfigError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}", self.path.display(), self.reason)
    }
}

impl std::error::Error for ConfigError {}

const OWN_FILE: &str = "cookie-fix.toml";
const PYPROJECT: &str = "pyproject.toml";

#[derive(Deserialize)]
struct Pyproject {
    tool: Option<Tool>,
}

#[derive(Deserialize)]
struct Tool {
    #[serde(rename = "cookie-fix")]
    cookie_fix: Option<Options>,
}

/// The nearest configuration at or above `start`: a `cookie-fix.toml`, or a
/// `pyproject.toml` that has a `[tool.cookie-fix]` table (the one in the same folder
/// as a `cookie-fix.toml` loses to it).
pub fn discover(start: &Path) -> Result<Option<Config>, ConfigError> {
    for folder in start.ancestors() {
        let own = folder.join(OWN_FILE);
        if own.is_file() {
            return load(&own).map(Some);
        }
        let pyproject = folder.join(PYPROJECT);
        if pyproject.is_file() {
            if let Some(options) = read_pyproject(&pyproject)? {
                return Ok(Some(Config {
                    options,
                    path: pyproject,
                }));
            }
        }
    }
    Ok(None)
}

/// Loads a file named with `--config`: a `pyproject.toml` is read for its table,
/// any other file is read whole.
pub fn load(path: &Path) -> Result<Config, ConfigError> {
    let options = if path.file_name().is_some_and(|name| name == PYPROJECT) {
        read_pyproject(path)?.unwrap_or_default()
    } else {
        let text = read(path)?;
        toml::from_str(&text).map_err(|e| invalid(path, e))?
    };
    Ok(Config {
        options,
        path: path.to_owned(),
    })
}

fn read_pyproject(path: &Path) -> Result<Option<Options>, ConfigError> {
    let text = read(path)?;
    // Most pyproject.toml files belong to other tools: do not let their errors stop us.
    if !text.contains("cookie-fix") {
        return Ok(None);
    }
    let pyproject: Pyproject = toml::from_str(&text).map_err(|e| invalid(path, e))?;
    Ok(pyproject.tool.and_then(|tool| tool.cookie_fix))
}

fn read(path: &Path) -> Result<String, ConfigError> {
    fs::read_to_string(path).map_err(|e| ConfigError {
        path: path.to_owned(),
        reason: e.to_string(),
    })
}

fn invalid(path: &Path, error: toml::de::Error) -> ConfigError {
    ConfigError {
        path: path.to_owned(),
        reason: error.to_string().trim_end().to_owned(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn unknown_keys_are_named() {
        let error = toml::from_str::<Options>("secure-vaule = 'x'").unwrap_err();
        assert!(
            error.to_string().contains("unknown field `secure-vaule`"),
            "{error}"
        );
    }

    #[test]
    fn kebab_case_keys() {
        let options: Options =
            toml::from_str("extend-exclude = ['gen']\nsecure-value = 'not DEBUG'").unwrap();
        assert_eq!(options.extend_exclude, Some(vec!["gen".to_owned()]));
        assert_eq!(options.secure_value.as_deref(), Some("not DEBUG"));
    }

    #[test]
    fn rule_selection_keys() {
        let options: Options = toml::from_str(
            "select = ['secure-cookie']\nignore = []\nextend-select = []\n[per-file-ignores]\n\"tests/**\" = ['secure-cookie']",
        )
        .unwrap();
        assert_eq!(options.select, Some(vec!["secure-cookie".to_owned()]));
        let per_file = options.per_file_ignores.unwrap();
        assert_eq!(per_file["tests/**"], ["secure-cookie"]);
    }
}
