//! Invariants of the fix, for generated call sites in many layouts (tests/support/generate.rs,
//! shared with tests/ast_oracle.rs) and for arbitrary bytes:
//! no panic; the output equals the input or parses without errors; a second pass
//! changes nothing; and the only differences are `secure` arguments of cookie calls.
//!
//! The last property is checked against the token streams of input and output
//! (from a separate tree-sitter parse), not against the edits the engine reports.
//!
//! Every case also holds the engine's windows (it parses only the lines the rule
//! reads) to a parse of the whole file: the results must be the same, except that a
//! syntax error outside the windows goes unreported in a file that needs no edit.

mod support;

use proptest::prelude::*;
use similar::{capture_diff_slices, Algorithm, DiffTag};
use tree_sitter::{Node, Parser};

use cookie_fix::edit::{self, Edit};
use cookie_fix::engine::{fix_parsing_whole, fix_parsing_windows, windows_agree};
use cookie_fix::parse;
use cookie_fix::source::{Encoding, LineIndex};
use cookie_fix::{fix, Settings};
use support::generate::{file, settings_file};

/// The leaf tokens of a parse, as text.
fn tokens(source: &[u8]) -> Vec<String> {
    let source = &lone_cr_as_lf(source);
    let mut parser = Parser::new();
    parser
        .set_language(&tree_sitter_python::LANGUAGE.into())
        .expect("Python grammar");
    let tree = parser.parse(source, None).expect("a tree");
    let mut out = Vec::new();
    let mut stack: Vec<Node> = vec![tree.root_node()];
    while let Some(node) = stack.pop() {
        // Tree-sitter leaves a `\` continuation out of the tree before an implicitly
        // concatenated string, and keeps it once that value is `True`: continuations
        // are layout, held byte for byte by scripts/ast_oracle.py (tests/ast_oracle.rs).
        if node.kind() == "line_continuation" {
            continue;
        }
        if node.child_count() == 0 || (node.kind() == "string" && !has_interpolation(node)) {
            let text = String::from_utf8_lossy(&source[node.byte_range()]).into_owned();
            if !text.is_empty() {
                out.push(text);
            }
        } else {
            let mut cursor = node.walk();
            let children: Vec<Node> = node.children(&mut cursor).collect();
            stack.extend(children.into_iter().rev());
        }
    }
    collapse_parenthesised_values(out)
}

/// Python ends a line at a lone CR too; tree-sitter does not (a comment would run on
/// to the next LF), so the generator's CR-only files are read with LF in its place.
fn lone_cr_as_lf(source: &[u8]) -> Vec<u8> {
    let mut out = source.to_vec();
    for (at, byte) in out.iter_mut().enumerate() {
        if *byte == b'\r' && source.get(at + 1) != Some(&b'\n') {
            *byte = b'\n';
        }
    }
    out
}

/// An f-string's replacement fields are code, with tokens of their own.
fn has_interpolation(string: Node) -> bool {
    let mut cursor = string.walk();
    let found = string
        .children(&mut cursor)
        .any(|child| child.kind() == "interpolation");
    found
}

/// `( ( 0 ) )` after `=` or `,` becomes the one token `((0))`, so that replacing it
/// with `True` is one change however the diff aligns the parentheses.
fn collapse_parenthesised_values(tokens: Vec<String>) -> Vec<String> {
    let mut out: Vec<String> = Vec::with_capacity(tokens.len());
    let mut i = 0;
    while i < tokens.len() {
        let after_separator = matches!(out.last().map(String::as_str), Some("=" | ","));
        let opening = tokens[i..].iter().take_while(|t| *t == "(").count();
        if after_separator && opening > 0 {
            let inner = i + opening;
            let closing = inner + 1..=inner + opening;
            let balanced = tokens.get(inner).is_some()
                && closing
                    .clone()
                    .all(|at| tokens.get(at).is_some_and(|t| t == ")"));
            if balanced {
                out.push(tokens[i..=inner + opening].concat());
                i = inner + opening + 1;
                continue;
            }
        }
        out.push(tokens[i].clone());
        i += 1;
    }
    out
}

/// `False`, `None`, a zero number or empty strings (with any prefix, implicitly
/// concatenated), in any parentheses: the generator writes each of these as `secure`.
/// A number or string literal: what a Django setting checked `is True` may be replaced from.
fn is_literal(text: &str) -> bool {
    text.parse::<f64>().is_ok() || text.ends_with(['"', '\''])
}

fn is_falsy_literal(text: &str) -> bool {
    let inner = text.trim_start_matches('(').trim_end_matches(')');
    ["False", "None"].contains(&inner) || is_zero_number(inner) || are_empty_strings(inner)
}

/// `0`, `0.0`, `0x0`, `0_0`, `0j`, ... (no sign: `-0` is an expression).
fn is_zero_number(text: &str) -> bool {
    let text = text.to_ascii_lowercase().replace('_', "");
    let text = text.strip_suffix('j').unwrap_or(&text);
    match text.get(..2) {
        Some("0x" | "0o" | "0b") => text.len() > 2 && text[2..].bytes().all(|b| b == b'0'),
        _ => {
            text.starts_with(|c: char| c.is_ascii_digit() || c == '.')
                && text.parse::<f64>().is_ok_and(|value| value == 0.0)
        }
    }
}

/// `""`, `b''`, `"" ''` (tokens joined without blanks).
fn are_empty_strings(mut text: &str) -> bool {
    let mut found = false;
    while !text.is_empty() {
        text = text.trim_start_matches(['r', 'R', 'b', 'B', 'u', 'U', 'f', 'F']);
        match text
            .strip_prefix("\"\"")
            .or_else(|| text.strip_prefix("''"))
        {
            Some(rest) => text = rest,
            None => return false,
        }
        found = true;
    }
    found
}

/// An environment read's default given a secure one (DESIGN.md section 8): a string
/// literal another in the same quotes, `0` made `1`, a number `True`. (scripts/ast_oracle.py holds the new
/// one to making the flag true.)
fn is_default_turned_over(removed: &str, added: &str) -> bool {
    let opening = |text: &str| -> Option<String> {
        let prefix: String = text.chars().take_while(char::is_ascii_alphabetic).collect();
        let quote = text[prefix.len()..]
            .chars()
            .next()
            .filter(|c| matches!(c, '"' | '\''))?;
        text.ends_with(quote).then(|| format!("{prefix}{quote}"))
    };
    match (opening(removed), opening(added)) {
        (Some(old), Some(new)) => {
            old == new && removed.len() > old.len() && added.len() > new.len()
        }
        // A number Django's `is True` refuses: the bool True.
        _ => removed == "0" && added == "1" || removed.parse::<f64>().is_ok() && added == "True",
    }
}

/// What a fix may insert, as tokens joined: a flag, a setting, a dict entry, a line.
const INSERTED: &[&str] = &[
    "xsrf_cookie_kwargs={\"secure\":True}",
    "\"xsrf_cookie_kwargs\":{\"secure\":True}",
    "'tools.sessions.secure':True",
    "\"tools.sessions.secure\":True",
    "app.config[\"SESSION_COOKIE_SECURE\"]=True",
    "app.config['SESSION_COOKIE_SECURE']=True",
    "SESSION_COOKIE_SECURE=True",
    "CSRF_COOKIE_SECURE=True",
    "\"secure\":True",
    "'secure':True",
    "secure=True",
];

/// The lines a fix may add whole.
const ADDED_LINES: &[&str] = &[
    "SESSION_COOKIE_SECURE = True",
    "CSRF_COOKIE_SECURE = True",
    "app.config[\"SESSION_COOKIE_SECURE\"] = True",
    "app.config['SESSION_COOKIE_SECURE'] = True",
    "c[\"sid\"][\"secure\"] = True",
    "c['sid']['secure'] = True",
    "c[name][\"secure\"] = True",
    "m[\"secure\"] = True",
    "größe[\"sid\"][\"secure\"] = True",
    "größe['sid']['secure'] = True",
    "größe[name][\"secure\"] = True",
];

/// What a `Set-Cookie` value's fix appends inside its literal.
const SECURE_ATTRIBUTE: &str = "; Secure";

/// Whether `added` is the string literal (or the last text of an f-string) `removed`
/// with its trailing `;` and blanks replaced by `; Secure`.
fn is_header_fix(removed: &str, added: &str) -> bool {
    // Parentheses around a value are one token with it (collapse_parenthesised_values).
    let opening = removed.len() - removed.trim_start_matches('(').len();
    let parens = |text: &'static str| text.repeat(opening);
    if opening > 0 {
        let unwrap = |text: &str| {
            text.strip_prefix(parens("(").as_str())
                .and_then(|inner| inner.strip_suffix(parens(")").as_str()))
                .map(str::to_owned)
        };
        return match (unwrap(removed), unwrap(added)) {
            (Some(removed), Some(added)) => is_header_fix(&removed, &added),
            _ => false,
        };
    }
    let quote = removed.chars().last().filter(|c| matches!(c, '"' | '\''));
    let (head, tail) = match quote {
        Some(quote) => match removed.rfind(quote).zip(removed.find(quote)) {
            Some((end, start)) if end > start => (&removed[..end], &removed[end..]),
            _ => (removed, ""),
        },
        None => (removed, ""),
    };
    let kept = head.trim_end_matches([';', ' ', '\t']);
    added == format!("{kept}{SECURE_ATTRIBUTE}{tail}")
}

/// The output without the lines of [`ADDED_LINES`] a line diff finds added: a token
/// diff would align an added line with its neighbours' shared tokens.
fn without_added_lines(input: &[u8], output: &[u8]) -> Vec<u8> {
    let lines = |bytes: &[u8]| -> Vec<String> {
        String::from_utf8_lossy(&lone_cr_as_lf(bytes))
            .split('\n')
            .map(str::to_owned)
            .collect()
    };
    let (old, new) = (lines(input), lines(output));
    let mut kept: Vec<&str> = Vec::new();
    // What a line sets: `NAME =`, `app.config["NAME"] =`.
    let target = |line: &str| line.split('=').next().unwrap_or("").trim().to_owned();
    // No more lines are added than the output has more: where a fixed line reads like
    // an added one (`X = False` made `X = True` above an `X = True`), the diff may take
    // the fixed line for a deleted one and its twin for an added one.
    let mut budget = new.len().saturating_sub(old.len());
    for op in capture_diff_slices(Algorithm::Myers, &old, &new) {
        let (_, old_range, new_range) = op.as_tag_tuple();
        let replaced: Vec<String> = old[old_range.clone()].iter().map(|l| target(l)).collect();
        let mut excess = new_range.len().saturating_sub(old_range.len());
        for line in &new[new_range] {
            // Added, not the new value of a line that was there.
            let added = excess > 0
                && budget > 0
                && ADDED_LINES.contains(&line.trim())
                && !replaced.contains(&target(line));
            if added {
                excess -= 1;
                budget -= 1;
            } else {
                kept.push(line);
            }
        }
    }
    kept.join("\n").into_bytes()
}

/// Every difference between the token streams is an inserted `secure=True` (or a
/// setting, entry or line of [`INSERTED`]), a comma that goes with one, or a falsy
/// literal replaced by `True` (any literal, for a Django setting checked `is True`).
fn only_secure_arguments_changed(input: &[u8], output: &[u8]) -> Result<(), String> {
    let old = tokens(input);
    let new = tokens(&without_added_lines(input, output));
    for op in capture_diff_slices(Algorithm::Myers, &old, &new) {
        let (tag, old_range, new_range) = op.as_tag_tuple();
        // `NAME =` or `NAME: bool =` just before.
        let before = &old[..old_range.start];
        let setting_before = before.last().is_some_and(|t| t == "=")
            && before
                .iter()
                .rev()
                .take(4)
                .any(|name| name == "SESSION_COOKIE_SECURE" || name == "CSRF_COOKIE_SECURE");
        let removed = old[old_range].concat();
        let added = new[new_range].concat();
        let allowed = match tag {
            DiffTag::Equal => true,
            // `f"sid={sid}"`: the text after the last replacement field is new.
            DiffTag::Insert if added == SECURE_ATTRIBUTE => true,
            DiffTag::Insert => {
                let rest = INSERTED
                    .iter()
                    .fold(added.clone(), |rest, inserted| rest.replace(inserted, ""))
                    .replace(',', "");
                rest.is_empty() && added != rest || added == ","
            }
            DiffTag::Replace => {
                // A replaced literal may meet an insertion right after it.
                let replaced = INSERTED.iter().fold(added.clone(), |rest, inserted| {
                    rest.replacen(inserted, "", 1)
                });
                // An entry inserted among tokens the diff took for replaced ones:
                // `JWT_COOKIE_SECURE=())` -> `JWT_COOKIE_SECURE=(),SESSION_COOKIE_SECURE=True)`.
                let inserted_only =
                    replaced != added && replaced.replace(',', "") == removed.replace(',', "");
                is_header_fix(&removed, &added)
                    || inserted_only
                    || is_default_turned_over(&removed, &added)
                    || (is_falsy_literal(&removed) || setting_before && is_literal(&removed))
                        && (added == "True" || replaced.replace(',', "") == "True")
            }
            DiffTag::Delete => false,
        };
        if !allowed {
            return Err(format!("{tag:?}: `{removed}` -> `{added}`"));
        }
    }
    Ok(())
}

fn check_invariants(input: &[u8]) -> Result<(), TestCaseError> {
    let settings = Settings::default();
    let windows = fix_parsing_windows(input, &settings);
    let whole = fix_parsing_whole(input, &settings);
    prop_assert!(
        windows_agree(&windows, &whole),
        "windows: {:?}\nwhole file: {:?}\n--- input\n{}",
        windows,
        whole,
        String::from_utf8_lossy(input)
    );
    let Ok(report) = fix(input, &settings) else {
        return Ok(());
    };
    let Some(output) = report.fixed else {
        return Ok(());
    };
    prop_assert_ne!(&output, &input.to_vec(), "a fix that changes nothing");
    let again = fix(&output, &settings);
    prop_assert!(again.is_ok(), "the output does not parse: {:?}", again);
    let again = again.unwrap_or_default();
    prop_assert_eq!(again.fixed, None, "a second pass changed the output");
    prop_assert!(
        !again
            .findings
            .iter()
            .any(|f| f.verdict.is_fixable() && !f.suppressed),
        "a second pass still finds something to fix"
    );
    if let Err(change) = only_secure_arguments_changed(input, &output) {
        return Err(TestCaseError::fail(format!(
            "unexpected change {change}\n--- input\n{}\n--- output\n{}",
            String::from_utf8_lossy(input),
            String::from_utf8_lossy(&output)
        )));
    }
    Ok(())
}

/// The same cases on every run, so CI is never flaky; set `PROPTEST_RNG_SEED` (and
/// `PROPTEST_CASES`) to explore further.
fn config() -> ProptestConfig {
    let defaults = ProptestConfig::default();
    let seed = std::env::var("PROPTEST_RNG_SEED")
        .ok()
        .and_then(|seed| seed.parse().ok())
        .unwrap_or(614);
    let cases = std::env::var("PROPTEST_CASES")
        .ok()
        .and_then(|cases| cases.parse().ok())
        .unwrap_or(2000);
    ProptestConfig {
        cases,
        rng_seed: proptest::test_runner::RngSeed::Fixed(seed),
        failure_persistence: None,
        ..defaults
    }
}

proptest! {
    #![proptest_config(config())]

    #[test]
    fn generated_call_sites_keep_every_invariant(input in file(true)) {
        check_invariants(&input)?;
    }

    #[test]
    fn generated_settings_keep_every_invariant(input in settings_file()) {
        check_invariants(&input)?;
    }

    #[test]
    fn arbitrary_bytes_never_panic_or_break(input in proptest::collection::vec(any::<u8>(), 0..400)) {
        check_invariants(&input)?;
    }

    #[test]
    fn mangled_call_sites_never_panic_or_break(
        input in file(true),
        cut in any::<prop::sample::Index>(),
        insert in prop_oneof![
            Just(""), Just("("), Just(")"), Just(","), Just("\""), Just("\\"), Just("#"),
            Just("*"), Just("."), Just(" and"), Just("'''"), Just("f'{"),
            Just("`"), Just("\u{200b}"), Just("0x1f."), Just("\\N{"), Just("\r"),
        ],
    ) {
        let at = cut.index(input.len() + 1);
        let mut mangled = input[..at].to_vec();
        mangled.extend_from_slice(insert.as_bytes());
        mangled.extend_from_slice(&input[at..]);
        check_invariants(&mangled)?;
    }
}

proptest! {
    #![proptest_config(config())]

    /// The check of every fix parses incrementally; whatever the edits (here, any
    /// insertions and replacements, breaking or not), it must find an error exactly when a
    /// fresh parse does, and the same tree when there is none. (Error recovery may build
    /// different trees around an error.)
    #[test]
    fn an_incremental_parse_equals_a_fresh_one(
        input in file(true),
        edits in proptest::collection::vec(
            (
                any::<prop::sample::Index>(),
                0..3usize,
                prop_oneof![
                    Just(", secure=True"), Just(",\n    secure=True,\n"), Just("True"),
                    Just("\n"), Just("("), Just(")"), Just("\""), Just("#"), Just(""),
                ],
            ),
            1..4,
        ),
    ) {
        let mut edits: Vec<Edit> = edits
            .into_iter()
            .map(|(at, length, content)| {
                let start = at.index(input.len() + 1);
                let end = (start + length).min(input.len());
                Edit::replace(start..end, content)
            })
            .collect();
        edits.sort_by_key(|e| e.range.start);
        edits.dedup_by(|later, earlier| later.range.start < earlier.range.end.max(earlier.range.start + 1));
        let edited = edit::apply(&input, &edits).expect("disjoint edits");
        let lines = LineIndex::new(&input, Encoding::Utf8);
        let mut old = parse::parse_whole(&input).expect("a tree");
        let reparsed = parse::reparse(&mut old, &edits, &lines, &edited).expect("a tree");
        let fresh = parse::parse_whole(&edited).expect("a tree");
        prop_assert_eq!(reparsed.root_node().has_error(), fresh.root_node().has_error());
        if !fresh.root_node().has_error() {
            prop_assert_eq!(reparsed.root_node().to_sexp(), fresh.root_node().to_sexp());
        }
    }
}

#[test]
fn the_oracle_rejects_other_changes() {
    let input = b"r.set_cookie('k', 'v')\n";
    assert!(only_secure_arguments_changed(input, b"r.set_cookie('k', 'v', secure=True)\n").is_ok());
    assert!(
        only_secure_arguments_changed(input, b"r.set_cookie('k', 'w', secure=True)\n").is_err()
    );
    assert!(only_secure_arguments_changed(input, b"r.set_cookie('k', secure=True)\n").is_err());
    assert!(
        only_secure_arguments_changed(input, b"r.set_cookie('k', 'v', httponly=True)\n").is_err()
    );
}
