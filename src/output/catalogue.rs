//! What the rule table holds, as text: `--list-rules`, `--explain RULE`, and the rule
//! pages of `docs/rules/` (kept equal to the table by `tests/rule_pages.rs`).

use std::io::{self, Write};

use super::report::ExitStatus;
use super::Styles;
use crate::cli::Args;
use crate::files::io_reason;
use crate::rules::{self, Rule, RULES};

/// The command that writes the rule pages again after the table changed.
pub const UPDATE_RULE_PAGES: &str = "UPDATE_RULE_PAGES=1 cargo test --test rule_pages";

/// `--list-rules` and `--explain RULE`: what the rule table holds.
pub fn print(args: &Args, stderr_styles: &Styles) -> ExitStatus {
    let text = match &args.explain {
        Some(id) => match rules::by_id(id) {
            Some(rule) => rule.docs.to_owned(),
            None => {
                let error = rules::UnknownRule(id.clone());
                let (red, reset) = (stderr_styles.red, stderr_styles.reset);
                eprintln!("{red}error{reset}: {error}");
                return ExitStatus::Error;
            }
        },
        None => {
            let width = RULES.iter().map(|rule| rule.id.len()).max().unwrap_or(0);
            RULES
                .iter()
                .map(|rule| {
                    let default = if rule.default { "on " } else { "off" };
                    format!("{:width$}  {default}  {}\n", rule.id, rule.summary)
                })
                .collect()
        }
    };
    let mut stdout = io::stdout().lock();
    match stdout
        .write_all(text.as_bytes())
        .and_then(|()| stdout.flush())
    {
        Err(error) if error.kind() != io::ErrorKind::BrokenPipe => {
            eprintln!(
                "error: cannot write to standard output: {}",
                io_reason(&error)
            );
            ExitStatus::Error
        }
        _ => ExitStatus::Success,
    }
}

/// A rule's page, `docs/rules/<id>.md` ([`Rule::page`]), as ruff writes its rule pages
/// from its rules: the table's facts, the documentation `--explain` prints, and the help
/// SARIF carries.
pub fn rule_page(rule: &Rule) -> String {
    let (title, body) = rule.docs.split_once('\n').unwrap_or((rule.docs, "\n"));
    let folder = rule.id.replace('-', "_");
    let id = rule.id;
    let default = match rule.default {
        true => format!("yes (`--ignore {id}` turns it off)"),
        false => format!("no (`--extend-select {id}` turns it on)"),
    };
    let cwe = rule.cwe;
    format!(
        "<!-- Written by `{UPDATE_RULE_PAGES}` from src/rules/{folder}/mod.rs and \
         src/rules/{folder}/docs.md: edit those, not this page. -->\n\
         {title}\n\
         \n\
         - **Finds:** {summary}\n\
         - **On by default:** {default}\n\
         - **Weakness:** [CWE-{cwe}](https://cwe.mitre.org/data/definitions/{cwe}.html)\n\
         - **Fix:** {fix_title} (`cookie-fix --write`)\n\
         - **To keep a finding as it is:** `# cookie-fix: ignore[{id}]` on one of its lines\n\
         - **SARIF:** rule `{id}`, name `{name}`, security-severity {severity}\n\
         {body}\
         \n\
         ## How to fix\n\
         {help}\n\
         \n\
         [All rules](index.md)\n",
        summary = rule.summary,
        fix_title = rule.fix_title,
        name = rule.name,
        severity = rule.security_severity,
        help = rule.help_markdown,
    )
}

/// The index of the rule pages, `docs/rules/index.md`: the table in its order.
pub fn rules_index() -> String {
    let rows: String = RULES
        .iter()
        .map(|rule| {
            let default = if rule.default { "yes" } else { "no" };
            format!(
                "| [`{id}`]({id}.md) | {summary} | {default} | \
                 [CWE-{cwe}](https://cwe.mitre.org/data/definitions/{cwe}.html) |\n",
                id = rule.id,
                summary = rule.summary,
                cwe = rule.cwe,
            )
        })
        .collect();
    format!(
        "<!-- Written by `{UPDATE_RULE_PAGES}` from the rule table, src/rules/mod.rs: \
         edit it, not this page. -->\n\
         # Rules\n\
         \n\
         Each way a program creates a cookie is a rule. Those on by default run unless \
         `--ignore` leaves them out; the others run when `--extend-select` or `--select` \
         names them (see [choosing the rules](../configuration.md#choosing-the-rules)). \
         `cookie-fix --list-rules` prints the first three columns, and \
         `cookie-fix --explain RULE` a rule's documentation, its page below the list.\n\
         \n\
         | rule | finds | on by default | weakness |\n\
         |---|---|---|---|\n\
         {rows}"
    )
}
