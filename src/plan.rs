//! What a run will do, decided before it looks at a file: the mode, the rules and
//! their settings from the command line and the configuration, the excludes, the
//! per-file ignores and the baseline.

use std::borrow::Cow;
use std::collections::HashSet;
use std::fs;
use std::path::{Path, PathBuf};

use crate::cli::{Args, Mode, OutputFormat};
use crate::config::{self, Config};
use crate::engine::Settings;
use crate::files::{self, io_reason, Excludes};
use crate::rules::{self, FixStyle, RuleSet};

/// Everything the run decided before looking at files.
pub struct Plan {
    pub mode: Mode,
    pub settings: Settings,
    /// Rules not to run on the files each glob set matches.
    pub per_file_ignores: Vec<(Excludes, RuleSet)>,
    pub excludes: Excludes,
    /// Test code, left out unless `--include-tests` (DESIGN.md section 8).
    pub tests: Option<Excludes>,
    /// Whether the test clients a Secure fix names are fixed too (`--fix-tests`).
    pub fix_tests: bool,
    pub force_exclude: bool,
    pub respect_gitignore: bool,
    /// `--baseline`: the fingerprints of the findings to leave out.
    pub baseline: Option<HashSet<String>>,
}

/// The plan of a run, or why the arguments or the configuration cannot make one.
pub fn plan(args: &Args) -> Result<Plan, String> {
    let config = if args.isolated {
        None
    } else if let Some(path) = &args.config {
        Some(config::load(path).map_err(|e| e.to_string())?)
    } else {
        let cwd = std::env::current_dir().map_err(|e| format!("current folder: {e}"))?;
        config::discover(&cwd).map_err(|e| e.to_string())?
    };
    let options = config
        .as_ref()
        .map(|c| c.options.clone())
        .unwrap_or_default();

    let from_config = args.secure_value.is_none() && options.secure_value.is_some();
    let secure_value = args
        .secure_value
        .clone()
        .or(options.secure_value.clone())
        .unwrap_or_else(|| Settings::default().secure_value);
    rules::check_fix_value(&secure_value).map_err(|reason| {
        let origin = match config.as_ref().filter(|_| from_config) {
            Some(config) => format!(" (secure-value in {})", config.path.display()),
            None => String::new(),
        };
        format!("invalid secure value `{secure_value}`{origin}: {reason}")
    })?;

    let fix_style = match (&args.fix_style, &options.fix_style) {
        (Some(style), _) => *style,
        (None, Some(name)) => FixStyle::named(name).ok_or_else(|| {
            let origin = match &config {
                Some(config) => format!(" (fix-style in {})", config.path.display()),
                None => String::new(),
            };
            format!("invalid fix style `{name}`{origin}: expected `idiom` or `literal`")
        })?,
        (None, None) => FixStyle::default(),
    };
    // A value the user configures is what they want written, wherever a fix goes.
    let explicit_value = args.secure_value.is_some() || options.secure_value.is_some();
    let fix_style = match explicit_value {
        true => FixStyle::Literal,
        false => fix_style,
    };

    if args.statistics && args.output_format != OutputFormat::Text {
        return Err(
            "--statistics prints text: it cannot be combined with --output-format".to_owned(),
        );
    }

    let excludes = excludes(args, config.as_ref())?;
    let in_config = |key: &str| match &config {
        Some(config) => format!(" ({key} in {})", config.path.display()),
        None => String::new(),
    };
    let select = args.select.as_deref().or(options.select.as_deref());
    let extend_select: Vec<String> = options
        .extend_select
        .iter()
        .flatten()
        .chain(&args.extend_select)
        .cloned()
        .collect();
    let ignore: Vec<String> = options
        .ignore
        .iter()
        .flatten()
        .chain(&args.ignore)
        .cloned()
        .collect();
    let rules = rules::selection(select, &extend_select, &ignore).map_err(|unknown| {
        // Name the config file when the id came from it.
        let from_cli = args
            .select
            .iter()
            .flatten()
            .chain(&args.extend_select)
            .chain(&args.ignore)
            .any(|id| *id == unknown.0);
        let origin = if from_cli {
            String::new()
        } else {
            in_config("rule selection")
        };
        format!("{unknown}{origin}")
    })?;
    let per_file_ignores = per_file_ignores(config.as_ref())?;
    Ok(Plan {
        mode: args.mode(),
        settings: Settings {
            secure_value,
            fix_style,
            rules,
        },
        per_file_ignores,
        excludes,
        tests: match args.include_tests || options.include_tests.unwrap_or(false) {
            true => None,
            false => Some(test_excludes()),
        },
        fix_tests: args.fix_tests || options.fix_tests.unwrap_or(false),
        force_exclude: args.force_exclude || options.force_exclude.unwrap_or(false),
        respect_gitignore: !args.no_ignore && options.respect_gitignore.unwrap_or(true),
        baseline: args.baseline.as_deref().map(read_baseline).transpose()?,
    })
}

/// The patterns of test code, which hold no `/`: they match a name anywhere.
fn test_excludes() -> Excludes {
    let here = Path::new(".");
    Excludes::new(files::TEST_EXCLUDES.iter().map(|p| (*p, here)))
        .unwrap_or_else(|bad| panic!("a test pattern does not compile: {}", bad.reason))
}

impl Plan {
    /// Whether a path named on the command line is excluded: always for the excludes'
    /// patterns when `--force-exclude`, and for test code then too.
    pub fn excludes_named(&self, path: &Path) -> bool {
        self.force_exclude
            && (self.excludes.matches_any_ancestor(path)
                || self
                    .tests
                    .as_ref()
                    .is_some_and(|tests| tests.matches_any_ancestor(path)))
    }
}

/// The fingerprints of a JSON report's findings (`--output-format json`).
fn read_baseline(path: &Path) -> Result<HashSet<String>, String> {
    let shown = path.display();
    let bytes =
        fs::read(path).map_err(|e| format!("baseline {shown}: cannot read: {}", io_reason(&e)))?;
    let report: serde_json::Value =
        serde_json::from_slice(&bytes).map_err(|e| format!("baseline {shown}: not JSON: {e}"))?;
    let findings = report["findings"].as_array().ok_or_else(|| {
        format!("baseline {shown}: not a cookie-fix JSON report (no \"findings\" list)")
    })?;
    findings
        .iter()
        .map(|finding| {
            finding["fingerprint"]
                .as_str()
                .map(str::to_owned)
                .ok_or_else(|| format!("baseline {shown}: a finding has no \"fingerprint\""))
        })
        .collect()
}

/// Default excludes (or the config's `exclude`), then `extend-exclude`, then `--exclude`.
/// `per-file-ignores` of the config: globs read like excludes, from the config's folder.
fn per_file_ignores(config: Option<&Config>) -> Result<Vec<(Excludes, RuleSet)>, String> {
    let Some(config) = config else {
        return Ok(Vec::new());
    };
    let origin = || format!(" (per-file-ignores in {})", config.path.display());
    let mut ignores = Vec::new();
    for (pattern, ids) in config.options.per_file_ignores.iter().flatten() {
        let rules = RuleSet::parse(ids).map_err(|unknown| format!("{unknown}{}", origin()))?;
        let glob = Excludes::new([(pattern.as_str(), config.root())]).map_err(|bad| {
            format!(
                "invalid pattern `{}`{}: {}",
                bad.pattern,
                origin(),
                bad.reason
            )
        })?;
        ignores.push((glob, rules));
    }
    Ok(ignores)
}

impl Plan {
    /// Whether a per-file ignore turns the rule at `index` off for `path`.
    pub fn ignores(&self, path: &Path, index: usize) -> bool {
        self.per_file_ignores
            .iter()
            .any(|(glob, rules)| rules.contains(index) && glob.matches_any_ancestor(path))
    }

    /// The settings for one file: the run's, less the rules its per-file ignores name.
    pub fn settings_for(&self, path: &Path) -> Cow<'_, Settings> {
        let ignored = self
            .per_file_ignores
            .iter()
            .filter(|(glob, _)| glob.matches_any_ancestor(path))
            .fold(RuleSet::EMPTY, |set, (_, rules)| set.union(*rules));
        if ignored.is_empty() {
            return Cow::Borrowed(&self.settings);
        }
        let mut settings = self.settings.clone();
        settings.rules = settings.rules.without(ignored);
        Cow::Owned(settings)
    }
}

fn excludes(args: &Args, config: Option<&Config>) -> Result<Excludes, String> {
    let here = PathBuf::from(".");
    let root = config.map_or(here.as_path(), Config::root);
    let options = config.map(|c| &c.options);
    let base: Vec<&str> = match options.and_then(|o| o.exclude.as_ref()) {
        Some(exclude) => exclude.iter().map(String::as_str).collect(),
        None => files::DEFAULT_EXCLUDES.to_vec(),
    };
    let extend = options
        .and_then(|o| o.extend_exclude.as_ref())
        .into_iter()
        .flatten()
        .map(String::as_str);
    let patterns = base
        .into_iter()
        .chain(extend)
        .map(|p| (p, root))
        .chain(args.exclude.iter().map(|p| (p.as_str(), here.as_path())));
    Excludes::new(patterns).map_err(|bad| {
        let origin = config.map_or(String::new(), |c| format!(" (in {})", c.path.display()));
        format!(
            "invalid exclude pattern `{}`{origin}: {}",
            bad.pattern, bad.reason
        )
    })
}
