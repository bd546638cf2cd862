//! The command line, as users of ruff and black expect it.

use std::path::PathBuf;

use clap::{ArgGroup, Parser, ValueEnum};

#[derive(Debug, Parser)]
#[command(
    name = "cookie-fix",
    version,
    // The package's description (Cargo.toml), which pyproject.toml repeats for PyPI.
    about,
    after_help = "Exit status: 0 nothing (left) to fix, 1 fixes pending or findings left \
                  (see --strict, --exit-non-zero-on-fix), 2 an error.",
    group(ArgGroup::new("mode").args(["dry_run", "write", "check", "add_ignore"]))
)]
pub struct Args {
    /// Files or folders to process; `-` reads standard input [default: .]
    pub paths: Vec<PathBuf>,

    /// Print a unified diff of the fixes and write nothing (the default mode).
    #[arg(long, visible_alias = "diff")]
    pub dry_run: bool,

    /// Apply the fixes in place (with `-`, print the fixed source on stdout).
    #[arg(long)]
    pub write: bool,

    /// Print the findings, write nothing; exit 1 when a fix is pending.
    #[arg(long)]
    pub check: bool,

    /// Write `# cookie-fix: ignore[RULE]` onto each finding that needs review, in place
    /// (with `-`, print the marked source on stdout); fixable findings are left for
    /// --write.
    #[arg(
        long,
        conflicts_with_all = ["output_format", "statistics", "baseline", "output_file"]
    )]
    pub add_ignore: bool,

    /// What stdout carries: `text` is the mode's own product (a diff, findings, or
    /// source); each other format replaces it in every mode.
    #[arg(long, value_enum, default_value_t = OutputFormat::Text)]
    pub output_format: OutputFormat,

    /// Insert `secure=EXPR` instead of `secure=True`.
    #[arg(long, value_name = "EXPR")]
    pub secure_value: Option<String>,

    /// How a new or fixed setting is written: `idiom` reads it from the environment as
    /// the module reads its other boolean settings, true when unset; `literal` writes
    /// `True`. An explicit --secure-value (or `secure-value`) overrides both.
    #[arg(long, value_enum, value_name = "STYLE")]
    pub fix_style: Option<crate::rules::FixStyle>,

    /// Run only these rules (comma-separated ids), instead of those on by default.
    #[arg(long, value_name = "RULE", value_delimiter = ',')]
    pub select: Option<Vec<String>>,

    /// Run these rules as well.
    #[arg(long, value_name = "RULE", value_delimiter = ',')]
    pub extend_select: Vec<String>,

    /// Do not run these rules.
    #[arg(long, value_name = "RULE", value_delimiter = ',')]
    pub ignore: Vec<String>,

    /// Print every rule: its id, whether it is on by default, and what it finds.
    #[arg(long, conflicts_with = "explain")]
    pub list_rules: bool,

    /// Print the documentation of a rule.
    #[arg(long, value_name = "RULE")]
    pub explain: Option<String>,

    /// Exclude files and folders matching this glob (repeatable), on top of the defaults.
    #[arg(long, value_name = "GLOB")]
    pub exclude: Vec<String>,

    /// Apply excludes to paths named on the command line too.
    #[arg(long)]
    pub force_exclude: bool,

    /// Do not respect .gitignore and .ignore files (the excludes still apply).
    #[arg(long)]
    pub no_ignore: bool,

    /// Check test code too: folders named tests, test or testing, and files named
    /// test_*.py, *_test.py or conftest.py, which are left out by default.
    #[arg(long)]
    pub include_tests: bool,

    /// Where a Secure fix names the project's tests that talk plain HTTP through a test
    /// client (which then keeps the cookie to itself), give those clients an HTTPS base
    /// URL too (rule https-test-client). Test code is otherwise never edited.
    #[arg(long)]
    pub fix_tests: bool,

    /// The file name to report, and to match against excludes, for input read from `-`.
    #[arg(long, value_name = "NAME")]
    pub stdin_filename: Option<PathBuf>,

    /// Read settings from this TOML file (a pyproject.toml or a cookie-fix.toml).
    #[arg(long, value_name = "FILE", conflicts_with = "isolated")]
    pub config: Option<PathBuf>,

    /// Ignore all configuration files.
    #[arg(long)]
    pub isolated: bool,

    /// When to use colour.
    #[arg(long, value_enum, default_value_t = ColorChoice::Auto)]
    pub color: ColorChoice,

    /// Print only the product (diff, findings, source): no summary or warnings.
    #[arg(short, long, conflicts_with = "verbose")]
    pub quiet: bool,

    /// Also list each skipped and suppressed item, and why.
    #[arg(short, long)]
    pub verbose: bool,

    /// Exit 0 even when fixes are pending (errors still exit 2).
    #[arg(long)]
    pub exit_zero: bool,

    /// With --write, exit 1 when anything was fixed.
    #[arg(long)]
    pub exit_non_zero_on_fix: bool,

    /// Count findings that need review as failures (exit 1).
    #[arg(long)]
    pub strict: bool,

    /// A JSON report of an earlier run (--output-format json): the findings that need
    /// review whose fingerprint it holds are neither printed nor counted.
    #[arg(long, value_name = "FILE")]
    pub baseline: Option<PathBuf>,

    /// Write the report (findings, diff or document) to this file instead of stdout.
    #[arg(short = 'o', long, value_name = "FILE")]
    pub output_file: Option<PathBuf>,

    /// Print one line per rule and verdict with its count (what is left after --write),
    /// instead of each finding or diff.
    #[arg(long)]
    pub statistics: bool,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum OutputFormat {
    /// `PATH:LINE:COL: secure-cookie MESSAGE [fix]` in --check mode; the diff in --dry-run.
    Text,
    /// One JSON document with every finding, its edits and the summary.
    Json,
    /// SARIF 2.1.0, for GitHub code scanning.
    Sarif,
    /// GitHub Actions workflow annotations.
    Github,
    /// A GitLab Code Quality report.
    Gitlab,
    /// JUnit XML, a test case per finding.
    Junit,
    /// reviewdog's Diagnostic Format, each fix a suggestion.
    Rdjson,
    /// A short report for a pull request's description: the changes by rule, what an
    /// operator who serves plain HTTP can set, what is left for review.
    Markdown,
}

impl OutputFormat {
    /// Whether the format is one document printed at the end, of every file's findings.
    pub fn is_document(self) -> bool {
        !matches!(self, OutputFormat::Text | OutputFormat::Github)
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ColorChoice {
    Auto,
    Always,
    Never,
}

/// What the run does with the fixes it finds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Mode {
    DryRun,
    Write,
    Check,
    /// `--add-ignore`: suppression markers instead of fixes.
    AddIgnore,
}

impl Args {
    pub fn mode(&self) -> Mode {
        if self.write {
            Mode::Write
        } else if self.check {
            Mode::Check
        } else if self.add_ignore {
            Mode::AddIgnore
        } else {
            Mode::DryRun
        }
    }
}
