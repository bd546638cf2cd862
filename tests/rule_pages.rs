//! The rule pages of `docs/rules/` are what `output::catalogue` writes from the rule
//! table and each rule's `docs.md`: a page edited by hand, or a table changed without
//! its pages, fails here.
//!
//! `UPDATE_RULE_PAGES=1 cargo test --test rule_pages` writes the pages again; review
//! the diff.

use std::collections::BTreeSet;
use std::fs;
use std::path::{Path, PathBuf};

use cookie_fix::output::catalogue::{rule_page, rules_index, UPDATE_RULE_PAGES};
use cookie_fix::rules::{RULES, RULE_PAGES};

fn root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

/// Each page, by its path from the repository's root, with the text it must hold.
fn pages() -> Vec<(String, String)> {
    let mut pages: Vec<(String, String)> = RULES
        .iter()
        .map(|rule| (rule.page(), rule_page(rule)))
        .collect();
    pages.push((format!("{RULE_PAGES}/index.md"), rules_index()));
    pages
}

#[test]
fn every_rule_page_is_what_the_table_writes() {
    let update = std::env::var_os("UPDATE_RULE_PAGES").is_some();
    let mut failures = Vec::new();
    for (page, text) in pages() {
        let path = root().join(&page);
        if update {
            fs::create_dir_all(root().join(RULE_PAGES)).expect("a writable docs folder");
            fs::write(&path, &text).unwrap_or_else(|e| panic!("{page}: {e}"));
            continue;
        }
        match fs::read_to_string(&path) {
            Ok(committed) if committed == text => {}
            Ok(committed) => failures.push(format!(
                "{page} differs from what the rule table writes:\n{}",
                first_difference(&committed, &text)
            )),
            Err(error) => failures.push(format!("{page}: {error}")),
        }
    }
    assert!(
        failures.is_empty(),
        "{}\n\nRun `{UPDATE_RULE_PAGES}` and review the diff.",
        failures.join("\n\n")
    );
}

#[test]
fn every_file_of_the_rule_pages_folder_is_a_page() {
    let written: BTreeSet<PathBuf> = pages()
        .into_iter()
        .map(|(page, _)| root().join(page))
        .collect();
    let stray: Vec<String> = fs::read_dir(root().join(RULE_PAGES))
        .expect("docs/rules")
        .map(|entry| entry.expect("a readable docs/rules").path())
        .filter(|path| !written.contains(path))
        .map(|path| {
            path.strip_prefix(root())
                .unwrap_or(&path)
                .display()
                .to_string()
        })
        .collect();
    assert!(
        stray.is_empty(),
        "no rule writes these pages; remove them: {stray:?}"
    );
}

/// The first line that differs, numbered, as the committed page and the written one
/// have it.
fn first_difference(committed: &str, written: &str) -> String {
    let mut committed_lines = committed.lines();
    let mut written_lines = written.lines();
    for number in 1.. {
        match (committed_lines.next(), written_lines.next()) {
            (None, None) => break,
            (a, b) if a == b => {}
            (a, b) => {
                return format!(
                    "line {number}\n  committed: {}\n  written:   {}",
                    a.unwrap_or("(end of page)"),
                    b.unwrap_or("(end of page)")
                )
            }
        }
    }
    "the pages differ in their line endings".to_owned()
}
