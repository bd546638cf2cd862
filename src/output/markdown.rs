//! `--output-format markdown`: a short report for a pull request's description. Its
//! reviewer sees at a glance what changed (or would, before `--write`), grouped by rule
//! with one line of why, the variables an operator who serves plain HTTP can set, and
//! what was left for review. Paths and lines are code spans, not links: the lines of a
//! change not yet pushed have no address to link to.

use std::fmt::Write as _;

use super::{FileFindings, Skipped, Summary};
use crate::cli::Mode;
use crate::diagnostic::Finding;
use crate::rules::{self, Rule};

const CWE_614: &str = "https://cwe.mitre.org/data/definitions/614.html";

pub fn document(
    mode: Mode,
    files: &[FileFindings],
    skipped: &[Skipped],
    summary: &Summary,
) -> String {
    let all = || {
        files
            .iter()
            .flat_map(|file| file.findings.iter().map(move |f| (file.path.as_str(), f)))
            .filter(|(_, finding)| !finding.suppressed)
    };
    let fixes: Vec<(&str, &Finding)> = all().filter(|(_, f)| !f.edits.is_empty()).collect();
    let reviews: Vec<(&str, &Finding)> = all().filter(|(_, f)| f.edits.is_empty()).collect();
    let mut out = String::new();
    out.push_str("# Secure cookies\n\n");
    let _ = writeln!(out, "{}\n", summary.line(mode));
    out.push_str(
        "A cookie set without the `Secure` attribute travels over plain HTTP, where \
         anyone on the network path can read it and take over the session \
         ([CWE-614](",
    );
    out.push_str(CWE_614);
    out.push_str(")).\n");
    if !fixes.is_empty() {
        let heading = match mode {
            Mode::Write => "Changed",
            _ => "To change",
        };
        let _ = write!(out, "\n## {heading}\n");
        for rule in rules::RULES {
            let of_rule: Vec<_> = fixes.iter().filter(|(_, f)| f.rule == rule.id).collect();
            if of_rule.is_empty() {
                continue;
            }
            let _ = write!(out, "\n### {}\n\n", rule_heading(rule));
            let _ = writeln!(out, "{}\n", escape(rule.summary));
            for (path, finding) in of_rule {
                let _ = writeln!(out, "- {}", item(path, finding));
            }
        }
        opt_outs(&mut out, &fixes);
        tests_over_http(&mut out, &fixes);
    }
    if !reviews.is_empty() {
        let _ = write!(out, "\n## Left for review ({})\n\n", reviews.len());
        for (path, finding) in &reviews {
            let _ = writeln!(out, "- {} {}", code(finding.rule), item(path, finding));
        }
    }
    if !skipped.is_empty() {
        let _ = write!(out, "\n## Skipped ({})\n\n", skipped.len());
        for skip in skipped {
            let _ = writeln!(out, "- {}: {}", code(&skip.path), escape(&skip.reason));
        }
    }
    // Printed as a line: its own newline ends it.
    out.truncate(out.trim_end().len());
    out
}

/// `` `secure-cookie-setting` `` and its page.
fn rule_heading(rule: &Rule) -> String {
    format!("[{}]({})", code(rule.id), rule.help_uri())
}

/// `` `path:line` `` and the finding's message.
fn item(path: &str, finding: &Finding) -> String {
    format!(
        "{}: {}",
        code(&format!("{path}:{}", finding.start.line)),
        escape(&finding.message)
    )
}

/// The variables the fixes read, for an operator who serves plain HTTP.
fn opt_outs(out: &mut String, fixes: &[(&str, &Finding)]) {
    let rows: Vec<String> = fixes
        .iter()
        .filter_map(|(path, finding)| {
            let opt_out = finding.opt_out.as_ref()?;
            Some(format!(
                "| {} | {} | {} |",
                code(&opt_out.variable),
                code(&opt_out.value),
                code(&format!("{path}:{}", finding.start.line)),
            ))
        })
        .collect();
    if rows.is_empty() {
        return;
    }
    out.push_str(
        "\n## Serving plain HTTP\n\nThese settings now read the environment and are \
         secure when it says nothing. A deployment served over plain HTTP (a LAN, a port \
         of its own), where browsers drop a Secure cookie, sets them before it \
         upgrades:\n\n\
         | Variable | Value | Setting |\n| --- | --- | --- |\n",
    );
    for row in rows {
        out.push_str(&row);
        out.push('\n');
    }
}

/// The tests whose client would stop sending a fixed cookie back, which the run did not
/// give an HTTPS base URL (`--fix-tests`).
fn tests_over_http(out: &mut String, fixes: &[(&str, &Finding)]) {
    let given: Vec<(&str, usize)> = fixes
        .iter()
        .filter(|(_, f)| f.rule == rules::https_test_client::RULE.id)
        .map(|(path, f)| (*path, f.start.line))
        .collect();
    let mut rows: Vec<String> = fixes
        .iter()
        .filter_map(|(_, finding)| finding.follow_up.as_ref())
        .flat_map(|follow_up| follow_up.uses.iter())
        .filter(|u| !given.contains(&(u.shown.as_str(), u.line)))
        .map(|u| {
            let how = match u.https_base_url {
                Some(url) => format!("`base_url=\"{url}\"`"),
                None => "requests over `https://`".to_owned(),
            };
            format!(
                "- {} {}: {how}",
                code(&format!("{}:{}", u.shown, u.line)),
                code(u.client)
            )
        })
        .collect();
    rows.sort();
    rows.dedup();
    if rows.is_empty() {
        return;
    }
    out.push_str(
        "\n## Tests over plain HTTP\n\nThese tests talk to the app over `http://` through a \
         client that, as a browser does, keeps a Secure cookie to itself: a test that logs in \
         is logged out again. Give them an HTTPS base URL (`cookie-fix --write --fix-tests` \
         does where the client takes one):\n\n",
    );
    for row in rows {
        out.push_str(&row);
        out.push('\n');
    }
}

/// A code span that holds `text` whatever backticks it has.
fn code(text: &str) -> String {
    let longest = text.split(|c| c != '`').map(str::len).max().unwrap_or(0);
    let fence = "`".repeat(longest + 1);
    let pad = if text.starts_with('`') || text.ends_with('`') {
        " "
    } else {
        ""
    };
    format!("{fence}{pad}{}{pad}{fence}", text.replace('|', "\\|"))
}

/// A message as Markdown: its code spans kept, the rest with the characters Markdown
/// would read as markup escaped (`**kwargs` is no emphasis, `<x>` no HTML).
fn escape(text: &str) -> String {
    // An odd number of backticks opens a span that never closes: all are escaped.
    let balanced = text.matches('`').count().is_multiple_of(2);
    let mut out = String::new();
    for (at, part) in text.split('`').enumerate() {
        if at % 2 == 1 && balanced {
            out.push('`');
            out.push_str(&part.replace('|', "\\|"));
            out.push('`');
            continue;
        }
        if at > 0 && !balanced {
            out.push_str("\\`");
        }
        let chars: Vec<char> = part.chars().collect();
        for (i, &c) in chars.iter().enumerate() {
            // An underscore inside a word (`SESSION_COOKIE_SECURE`) is no emphasis.
            let inside_word = |at: Option<&char>| at.is_some_and(|c| c.is_alphanumeric());
            let in_word = c == '_'
                && inside_word(i.checked_sub(1).and_then(|b| chars.get(b)))
                && inside_word(chars.get(i + 1));
            if !in_word
                && matches!(
                    c,
                    '\\' | '*' | '_' | '[' | ']' | '<' | '>' | '#' | '|' | '~'
                )
            {
                out.push('\\');
            }
            out.push(c);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn messages_keep_their_code_and_lose_their_markup() {
        assert_eq!(
            escape("set_cookie() passes *args or **kwargs: check `x | y`"),
            "set_cookie() passes \\*args or \\*\\*kwargs: check `x \\| y`"
        );
        assert_eq!(escape("a ` alone"), "a \\` alone");
        assert_eq!(escape("_x_ <b>"), "\\_x\\_ \\<b\\>");
        assert_eq!(code("a`b"), "``a`b``");
        assert_eq!(code("`a"), "`` `a ``");
    }
}
