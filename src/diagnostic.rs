//! One finding type and one verdict vocabulary, from the rules to every output.

use std::ops::Range;

use crate::edit::Edit;
use crate::source::Position;
pub use crate::value::How;

/// Why a finding was raised: the same words for every rule.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Verdict {
    /// The attribute is left out: fixed by adding it.
    Missing,
    /// The attribute is a falsy literal: fixed by replacing it.
    Falsy,
    /// A setting is a true literal other than `True`, which a check that tests `is True`
    /// (Django's deployment checks) still reports: fixed by replacing it.
    NotTrue,
    /// The attribute is read from the environment or configuration and is false when
    /// nothing is set: fixed by giving the read a secure default.
    DefaultInsecure,
    /// The attribute is an expression only known at run time: needs review.
    Dynamic,
    /// `*args` / `**kwargs` may carry the attribute: needs review.
    Splat,
    /// Positional arguments may reach the attribute through the `*args` of a definition
    /// in the file: needs review.
    ThroughArgs,
    /// A definition in the file takes no such parameter: needs review.
    NoSecureParameter,
    /// The file's frameworks or definitions disagree on where the attribute goes: needs review.
    Ambiguous,
    /// The cookie is one that page scripts read by design (a CSRF token), which
    /// HttpOnly would break: needs review.
    ReadByScripts,
    /// No finding: the code settles the value (DESIGN.md section 8), as `How` says, by
    /// the expression that starts at this offset.
    Settled(How, usize),
}

impl Verdict {
    /// Whether cookie-fix edits such a finding (unless it is suppressed).
    pub fn is_fixable(self) -> bool {
        matches!(
            self,
            Verdict::Missing | Verdict::Falsy | Verdict::NotTrue | Verdict::DefaultInsecure
        )
    }

    /// Whether this is no finding but a value the code settles.
    pub fn is_settled(self) -> bool {
        matches!(self, Verdict::Settled(..))
    }

    /// A stable, kebab-case name for machine-readable output.
    pub fn name(self) -> &'static str {
        match self {
            Verdict::Missing => "missing",
            Verdict::Falsy => "falsy",
            Verdict::NotTrue => "not-true",
            Verdict::DefaultInsecure => "default-insecure",
            Verdict::Dynamic => "dynamic",
            Verdict::Splat => "splat",
            Verdict::ThroughArgs => "through-args",
            Verdict::NoSecureParameter => "no-secure-parameter",
            Verdict::Ambiguous => "ambiguous",
            Verdict::ReadByScripts => "read-by-scripts",
            Verdict::Settled(how, _) => how.name(),
        }
    }
}

/// What a rule reports about one sink, in body offsets: no syntax tree, no position yet.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Detection {
    /// What the finding is about: the setter called, the setting assigned.
    pub subject: &'static str,
    pub verdict: Verdict,
    pub message: String,
    /// The sink's bytes (a call, an assignment).
    pub range: Range<usize>,
    /// The edits that fix it; empty unless the verdict is fixable.
    pub edits: Vec<Edit>,
    /// How an operator turns the fixed value off, where a fix reads it from the
    /// environment.
    pub opt_out: Option<OptOut>,
    /// What the project's tests need for the fix to keep them green.
    pub follow_up: Option<FollowUp>,
}

/// The project's tests whose client would stop sending the fixed cookie back: they talk
/// to the app over plain HTTP, where a cookie jar keeps a Secure cookie to itself.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FollowUp {
    /// Shared by every fix of the project's cookies in one framework.
    pub uses: std::sync::Arc<[TestUse]>,
}

/// A test's construction of a client that talks plain HTTP.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TestUse {
    /// The test file as the run shows it, and its absolute path.
    pub shown: String,
    pub path: std::path::PathBuf,
    /// 1-based.
    pub line: usize,
    /// The client's name (`TestClient`).
    pub client: &'static str,
    /// The base URL that makes it talk HTTPS (`https://testserver`), where a test gives
    /// it to the constructor.
    pub https_base_url: Option<&'static str>,
    /// Whether `https-test-client` edits it: its base URL is an `http://` literal, or
    /// the client's own where it has one.
    pub editable: bool,
    /// Whether its client takes a base URL at all (httpx's, the frameworks').
    pub takes_base_url: bool,
    /// The plain-HTTP origin it talks to where that is written out (`http://testserver`,
    /// its own default or a literal's), which its tests may expect in URLs.
    pub http_origin: Option<String>,
}

/// What an operator who serves plain HTTP sets to turn a fix's Secure off: the variable
/// a setting written in its module's idiom reads, and its false spelling (DESIGN.md
/// section 10).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OptOut {
    pub variable: String,
    pub value: String,
    /// The setting whose read the fix is written like, and its 1-based line.
    pub written_like: String,
    pub written_like_line: usize,
}

/// One sink that is not secure, or cannot be shown to be, as every output shows it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Finding {
    /// The id of the rule that found it.
    pub rule: &'static str,
    pub subject: &'static str,
    pub verdict: Verdict,
    /// The finding's message, without the rule id or position.
    pub message: String,
    /// The sink's bytes in the file (a BOM included in the offsets).
    pub range: Range<usize>,
    pub start: Position,
    pub end: Position,
    /// The edits that fix it, in file offsets; empty unless fixable and not suppressed.
    pub edits: Vec<Edit>,
    pub suppressed: bool,
    /// For a settled value: where the expression that settles it starts.
    pub settled_by: Option<Position>,
    /// How an operator turns the fixed value off, where the fix reads the environment.
    pub opt_out: Option<OptOut>,
    /// What the project's tests need for the fix to keep them green.
    pub follow_up: Option<FollowUp>,
}
