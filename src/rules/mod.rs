//! The catalogue: each way a program creates a cookie is a rule, a row of [`RULES`].
//!
//! A rule is a module of its own (`rules/<id>/`) holding what it knows: the names and
//! signatures of its sinks, its documentation. The engine knows rules only through this
//! table: it searches a file for the needles of the selected rules, parses what they
//! point at once, and hands the tree to each rule, which looks its sinks up where its
//! needles are (a tree-sitter query would visit every node of the tree: none of the
//! rules has one now, though [`Rule::query`] allows it).
//!
//! Adding a rule: write `rules/<id>/mod.rs` with a `pub static RULE: Rule` and its cases
//! under `testdata/<id>/`; add one row to [`RULES`]; write its page in `docs/rules/`
//! with `UPDATE_RULE_PAGES=1 cargo test --test rule_pages`.

pub mod cookie_calls;
pub mod httponly_cookie;
pub mod https_test_client;
pub mod samesite_cookie;
pub mod secure_cookie;
pub mod secure_cookie_header;
pub mod secure_cookie_morsel;
pub mod secure_cookie_setting;
pub mod secure_session_cookie;
pub mod values;

use std::fmt;

use tree_sitter::{Node, Query, Tree};

use crate::diagnostic::Detection;
use crate::literal;
use crate::parse;
pub use crate::scan::Counts;
use crate::source::LineIndex;
use crate::value::{self, Vocabulary};

/// One rule of the catalogue.
pub struct Rule {
    /// Kebab-case, as users select and suppress it.
    pub id: &'static str,
    /// PascalCase, for SARIF's `name`.
    pub name: &'static str,
    /// One line: what it finds (`--list-rules`, SARIF's short description).
    pub summary: &'static str,
    /// Why it matters, in a paragraph (SARIF's full description).
    pub description: &'static str,
    /// How to fix a finding, as text and as Markdown (SARIF's help).
    pub help: &'static str,
    pub help_markdown: &'static str,
    /// What a fix does, in a few words (SARIF's fix description).
    pub fix_title: &'static str,
    /// The weakness it finds, by its CWE number (SARIF's tags).
    pub cwe: u16,
    /// GitHub code scanning's `security-severity`, a CVSS score (SARIF's properties).
    pub security_severity: &'static str,
    /// The documentation `--explain` prints: what it finds, why, an example before and
    /// after, and when it leaves a sink for review.
    pub docs: &'static str,
    /// Whether the rule runs unless deselected.
    pub default: bool,
    /// Byte strings one of which a file must contain for the rule to find anything in
    /// it; the lines that hold one are the ones the parser reads first.
    pub needles: &'static [&'static str],
    /// Whether the needle found at `at` in a file's bytes may be a sink, a finer test
    /// that spares a file a parse (`Response.set_cookie` named, never called).
    pub may_match: fn(bytes: &[u8], at: usize, needle: &str) -> bool,
    /// Where an occurrence of the needle counts, so that the lexical pass reads its
    /// line: the narrower, the fewer lines are parsed.
    pub counts: fn(needle: &str) -> Counts,
    /// Whether the project asks the rule to read a file that holds none of its needles
    /// (a production settings module that takes the fixes of what it inherits).
    pub read_for_project: fn(&crate::project::View) -> bool,
    /// The rule's compiled query, if it reads the tree through one (a rule whose sinks
    /// stand where its needles are looks them up instead: a query visits every node).
    pub query: Option<fn() -> &'static Query>,
    /// The findings in a parsed file. Where two of its findings insert at one place,
    /// the insertions are made in the order it returns them.
    pub check: fn(&Context) -> Checked,
}

/// A rule's findings, or word that the windows do not show enough to tell them.
pub type Checked = Result<Vec<Detection>, NeedsMore>;

/// A rule's answer when the tree holds only windows and it must read more.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum NeedsMore {
    /// All of the file: a setting that may be missing from a module can only be told
    /// from all of it.
    WholeFile,
    /// The whole scope (function, class or module) of the nodes at these offsets, which
    /// [`Context::holds_scope_of`] says the tree lacks: where a name a sink uses is
    /// bound. The engine adds the windows of the functions and classes around them,
    /// or parses the whole file for a node at the module's level.
    ScopesOf(Vec<usize>),
}

/// Whether a cookie is one that page scripts must read, so that HttpOnly would break
/// it: the CSRF tokens of Django, Flask-WTF, Angular and Tornado, in any case.
pub fn is_read_by_scripts(name: &str) -> bool {
    ["csrftoken", "csrf_token", "xsrf-token", "_xsrf"].contains(&name.to_ascii_lowercase().as_str())
}

/// What a Secure flag's value is read against (DESIGN.md section 8): the settings
/// `secure-cookie-setting` judges, the methods that return one, and the keywords and
/// keys that pass the flag.
pub static SECURE_VALUES: Vocabulary = Vocabulary {
    settings: secure_cookie_setting::SECURE_SETTINGS,
    setting_methods: secure_cookie_setting::SETTING_METHODS,
    flags: &["secure", "https_only", "tools.sessions.secure"],
    sinks: cookie_calls::SETTERS,
    always_defined: secure_cookie_setting::SECURE_ALWAYS_DEFINED,
};

/// What the project pass looks for (DESIGN.md section 9): the setters whose definitions
/// in other files decide where their calls take an attribute.
pub static PROJECT: crate::project::Vocabulary = crate::project::Vocabulary {
    setters: cookie_calls::SETTERS,
    needles: &[
        "DJANGO_SETTINGS_MODULE",
        "INSTALLED_APPS",
        "login_user",
        "REMEMBER_COOKIE",
        "session_interface",
        "response_class",
        "get_cookie_secure",
        "save_session",
        "SeaSurf",
        // Whether the project uses Flask's session at all.
        "flask",
        "quart",
    ],
    values: &SECURE_VALUES,
};

/// The same for an HttpOnly flag.
pub static HTTPONLY_VALUES: Vocabulary = Vocabulary {
    settings: secure_cookie_setting::HTTPONLY_SETTINGS,
    setting_methods: secure_cookie_setting::SETTING_METHODS,
    flags: &["httponly", "http_only"],
    sinks: cookie_calls::SETTERS,
    always_defined: secure_cookie_setting::HTTPONLY_ALWAYS_DEFINED,
};

/// The same for a SameSite policy.
pub static SAMESITE_VALUES: Vocabulary = Vocabulary {
    settings: secure_cookie_setting::SAMESITE_SETTINGS,
    setting_methods: secure_cookie_setting::SETTING_METHODS,
    flags: &["samesite", "same_site"],
    sinks: cookie_calls::SETTERS,
    always_defined: secure_cookie_setting::SAMESITE_ALWAYS_DEFINED,
};

/// The project's home.
pub const PROJECT_URI: &str = "https://github.com/cookie-fix/cookie-fix";

/// The folder of the rule pages in the repository, one page per rule, written from
/// the table by [`crate::output::catalogue::rule_page`].
pub const RULE_PAGES: &str = "docs/rules";

impl Rule {
    /// Its page, relative to the repository's root.
    pub fn page(&self) -> String {
        format!("{RULE_PAGES}/{}.md", self.id)
    }

    /// Where its documentation is read on the web (SARIF's `helpUri`, rdjson's code
    /// URL): its page on the default branch.
    pub fn help_uri(&self) -> String {
        format!("{PROJECT_URI}/blob/main/{}", self.page())
    }
}

/// The catalogue, in the order its edits are joined when two rules insert at one place.
pub static RULES: &[&Rule] = &[
    &secure_cookie::RULE,
    &secure_cookie_setting::RULE,
    &secure_session_cookie::RULE,
    &secure_cookie_header::RULE,
    &secure_cookie_morsel::RULE,
    // Off by default; after `secure-cookie`, so that a call gets its attributes in the
    // order secure, httponly, samesite.
    &httponly_cookie::RULE,
    &samesite_cookie::RULE,
    // Off by default: `--fix-tests` runs it on the test files a Secure fix names.
    &https_test_client::RULE,
];

/// What a rule reads of one file.
pub struct Context<'a> {
    /// The syntax tree of the file, or of the windows that hold its needles.
    pub tree: &'a Tree,
    /// Whether `tree` is the whole file's: a rule that reads more than the lines that
    /// hold its needles answers [`NeedsMore`] when it is not.
    pub whole: bool,
    /// What the parser read (see `Source::view_of`): names and keywords are read here.
    pub source: &'a [u8],
    /// The file's own bytes, without BOM: messages quote them, edits copy from them.
    pub body: &'a [u8],
    pub lines: &'a LineIndex<'a>,
    pub settings: &'a Settings,
    /// Where the tree holds only windows: the start of each definition whose nearest
    /// enclosing class or function, which the window may not show, is a class.
    pub methods_in_windows: &'a [usize],
    /// Whether the file may be parsed whole: one over the cap is read only through its
    /// windows, and what they cannot settle is left for review.
    pub whole_allowed: bool,
    /// What the project says of this file (DESIGN.md section 9).
    pub project: &'a crate::project::View<'a>,
}

impl<'a> Context<'a> {
    /// Whether the tree holds all of the scope `node` is in. A class or function in a
    /// window comes with its whole block (see [`crate::scan`]), and a lambda with its
    /// line, so only the module's own scope can be partial.
    pub fn holds_scope_of(&self, node: Node) -> bool {
        self.whole || crate::scope::scope_of(node).kind() != "module"
    }

    /// A rule's answer when the tree lacks the scope of any of `nodes`: those to add.
    pub fn needs_scopes_of<'n>(
        &self,
        nodes: impl IntoIterator<Item = Node<'n>>,
    ) -> Result<(), NeedsMore> {
        let lacking: Vec<usize> = nodes
            .into_iter()
            .filter(|node| !self.holds_scope_of(*node))
            .map(|node| node.start_byte())
            .collect();
        match lacking.is_empty() {
            true => Ok(()),
            false => Err(NeedsMore::ScopesOf(lacking)),
        }
    }

    /// What reads a flag's value in this file (DESIGN.md section 8).
    pub fn values<'s>(&'s self, vocabulary: &'s Vocabulary) -> value::Reader<'s, 'a> {
        value::Reader::new(
            self.tree,
            self.source,
            self.whole,
            vocabulary,
            &self.settings.secure_value,
        )
    }

    /// Whether a function definition is a method: the nearest class or function around
    /// it is a class (its body, or a block in its body such as `if` or `try`).
    pub fn is_method(&self, definition: Node) -> bool {
        let mut node = definition;
        while let Some(parent) = node.parent() {
            match parent.kind() {
                "class_definition" => return true,
                "function_definition" | "lambda" => return false,
                _ => node = parent,
            }
        }
        self.methods_in_windows
            .binary_search(&definition.start_byte())
            .is_ok()
    }
}

/// What the rules need to know beyond the file's bytes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Settings {
    /// The expression a fix sets a flag to, `True` unless configured (`--secure-value`).
    pub secure_value: String,
    /// How a new or fixed setting is written: in the module's own idiom, or as
    /// `secure_value`.
    pub fix_style: FixStyle,
    /// The rules that run.
    pub rules: RuleSet,
}

/// How a setting's fix is written (DESIGN.md section 10).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, clap::ValueEnum)]
pub enum FixStyle {
    /// As the module reads its other boolean settings from the environment, with a
    /// secure default; `secure_value` where it reads none that way.
    #[default]
    Idiom,
    /// Always `secure_value`.
    Literal,
}

impl FixStyle {
    /// The style a configuration file names, or `None` for an unknown name.
    pub fn named(name: &str) -> Option<FixStyle> {
        match name {
            "idiom" => Some(FixStyle::Idiom),
            "literal" => Some(FixStyle::Literal),
            _ => None,
        }
    }
}

impl Default for Settings {
    fn default() -> Self {
        Settings {
            secure_value: "True".to_owned(),
            fix_style: FixStyle::Idiom,
            rules: RuleSet::defaults(),
        }
    }
}

/// A set of rules of [`RULES`], by their index.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct RuleSet(u64);

impl RuleSet {
    pub const EMPTY: RuleSet = RuleSet(0);

    /// The rules on by default.
    pub fn defaults() -> Self {
        Self::from_indexes(
            RULES
                .iter()
                .enumerate()
                .filter(|(_, rule)| rule.default)
                .map(|(at, _)| at),
        )
    }

    fn from_indexes(indexes: impl IntoIterator<Item = usize>) -> Self {
        RuleSet(indexes.into_iter().fold(0, |set, at| set | 1 << at))
    }

    /// The set of one rule.
    pub fn single(index: usize) -> Self {
        RuleSet(1 << index)
    }

    pub fn contains(self, index: usize) -> bool {
        self.0 & (1 << index) != 0
    }

    pub fn is_empty(self) -> bool {
        self.0 == 0
    }

    pub fn union(self, other: RuleSet) -> RuleSet {
        RuleSet(self.0 | other.0)
    }

    /// Whether the two sets share a rule.
    pub fn intersects(self, other: RuleSet) -> bool {
        self.0 & other.0 != 0
    }

    pub fn without(self, other: RuleSet) -> RuleSet {
        RuleSet(self.0 & !other.0)
    }

    /// The rules of the set, with their index, in table order.
    pub fn iter(self) -> impl Iterator<Item = (usize, &'static Rule)> {
        RULES
            .iter()
            .copied()
            .enumerate()
            .filter(move |(at, _)| self.contains(*at))
    }

    /// The set of rules named by `ids`, or the first unknown id.
    pub fn parse<S: AsRef<str>>(ids: &[S]) -> Result<RuleSet, UnknownRule> {
        let indexes = ids
            .iter()
            .map(|id| index_of(id.as_ref()).ok_or_else(|| UnknownRule(id.as_ref().to_owned())));
        Ok(Self::from_indexes(indexes.collect::<Result<Vec<_>, _>>()?))
    }
}

/// The rules a run selects, as ruff reads them: `select` replaces the defaults,
/// `extend-select` adds to them, `ignore` takes away; an unknown id is an error.
pub fn selection<S: AsRef<str>>(
    select: Option<&[S]>,
    extend_select: &[S],
    ignore: &[S],
) -> Result<RuleSet, UnknownRule> {
    let base = match select {
        Some(ids) => RuleSet::parse(ids)?,
        None => RuleSet::defaults(),
    };
    Ok(base
        .union(RuleSet::parse(extend_select)?)
        .without(RuleSet::parse(ignore)?))
}

/// The index of a rule in [`RULES`].
pub fn index_of(id: &str) -> Option<usize> {
    RULES.iter().position(|rule| rule.id == id)
}

/// A rule by its id.
pub fn by_id(id: &str) -> Option<&'static Rule> {
    RULES.iter().copied().find(|rule| rule.id == id)
}

/// The rules of `rules` that the project asks to read a file its needles miss.
pub fn read_for_project(rules: RuleSet, project: &crate::project::View) -> RuleSet {
    RuleSet::from_indexes(
        rules
            .iter()
            .filter(|(_, rule)| (rule.read_for_project)(project))
            .map(|(at, _)| at),
    )
}

/// Whether a module's imports (first components, as `imports.scm` captures them) make it
/// a test module: one that imports `pytest` or `unittest`. Its apps are configured for
/// tests, which may read the cookies they get.
pub fn is_test_module(imports: &[&str]) -> bool {
    ["pytest", "unittest"]
        .iter()
        .any(|module| imports.contains(module))
}

/// Compiles a rule's query (`path` names its file for the message), with the import
/// patterns every rule reads imports by (`imports.scm`, capture `@import`) appended. A
/// query that does not compile is a bug that the table's test catches.
pub fn compile_query(path: &str, query: &str) -> Query {
    let source = format!("{query}\n{}", include_str!("imports.scm"));
    Query::new(&tree_sitter_python::LANGUAGE.into(), &source)
        .unwrap_or_else(|error| panic!("{path} does not compile: {error}"))
}

/// A rule id that is not in the catalogue.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UnknownRule(pub String);

impl fmt::Display for UnknownRule {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let known: Vec<&str> = RULES.iter().map(|rule| rule.id).collect();
        write!(
            f,
            "unknown rule `{}`; the rules are: {}",
            self.0,
            known.join(", ")
        )
    }
}

impl std::error::Error for UnknownRule {}

/// Checks that `expr` can stand as the value a fix writes, `flag=EXPR`, in any call or
/// assignment: one ASCII expression on one line, not a falsy literal.
pub fn check_fix_value(expr: &str) -> Result<(), String> {
    if !expr.is_ascii() || expr.contains(['\n', '\r']) {
        return Err("it must be ASCII text on one line".to_owned());
    }
    const HEAD: &str = "f(flag=";
    let probe = format!("{HEAD}{expr})\n");
    let tree = parse::parse(probe.as_bytes())
        .ok_or("the parser failed")?
        .tree;
    let value = tree
        .root_node()
        .named_child(0)
        .and_then(|statement| statement.named_child(0))
        .and_then(|call| call.child_by_field_name("arguments"))
        .filter(|arguments| arguments.named_child_count() == 1)
        .and_then(|arguments| arguments.named_child(0))
        .filter(|argument| argument.kind() == "keyword_argument")
        .and_then(|argument| argument.child_by_field_name("value"));
    let whole = HEAD.len()..HEAD.len() + expr.len();
    match value {
        Some(value) if parse::first_error(&tree).is_none() && value.byte_range() == whole => {
            if literal::truthiness(value, probe.as_bytes()) == Some(false) {
                Err("it is falsy, so cookies would stay insecure".to_owned())
            } else {
                Ok(())
            }
        }
        _ => Err("it is not a single Python expression".to_owned()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_table_is_well_formed() {
        assert!(RULES.len() <= 64, "a RuleSet holds 64 rules");
        let mut ids = std::collections::HashSet::new();
        for rule in RULES {
            assert!(ids.insert(rule.id), "{} is in the table twice", rule.id);
            let kebab = rule
                .id
                .bytes()
                .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-');
            assert!(kebab, "{} is not kebab-case", rule.id);
            assert!(!rule.needles.is_empty(), "{} has no needle", rule.id);
            assert!(
                !rule.summary.is_empty() && !rule.docs.is_empty(),
                "{}",
                rule.id
            );
            // Compiling the query: a typo in a .scm fails here, not in a user's run.
            if let Some(query) = rule.query {
                let _ = query();
            }
        }
    }

    #[test]
    fn selection_as_ruff_reads_it() {
        let none: &[&str] = &[];
        let others_ids = [
            "secure-cookie-setting",
            "secure-session-cookie",
            "secure-cookie-header",
            "secure-cookie-morsel",
        ];
        let all = RuleSet::parse(&[&["secure-cookie"][..], &others_ids].concat());
        let cookie = RuleSet::parse(&["secure-cookie"]);
        let others = RuleSet::parse(&others_ids);
        assert_eq!(selection(None, none, none), Ok(RuleSet::defaults()));
        assert_eq!(all, Ok(RuleSet::defaults()));
        assert_eq!(selection(None, none, &["secure-cookie"]), others);
        assert_eq!(selection(Some(&["secure-cookie"]), none, none), cookie);
        assert_eq!(selection(Some(&["secure-cookie"]), &others_ids, none), all);
        let unknown = selection(Some(&["secure-cookies"]), none, none).unwrap_err();
        assert_eq!(
            unknown.to_string(),
            "unknown rule `secure-cookies`; the rules are: secure-cookie, secure-cookie-setting, \
             secure-session-cookie, secure-cookie-header, secure-cookie-morsel, \
             httponly-cookie, samesite-cookie, https-test-client"
        );
    }

    #[test]
    fn fix_values() {
        assert_eq!(check_fix_value("True"), Ok(()));
        assert_eq!(check_fix_value("not app.debug"), Ok(()));
        assert!(check_fix_value("False").is_err());
        assert!(check_fix_value("x) + (y").is_err());
        assert!(check_fix_value("a\nb").is_err());
    }
}
