//! Any bytes: no panic; parsing windows first reports what a parse of the whole file
//! reports; a fix parses again, and a second pass changes nothing.
#![no_main]

use cookie_fix::engine::{fix_parsing_whole, fix_parsing_windows};
use cookie_fix::{fix, FileError, Settings};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|input: &[u8]| {
    let settings = Settings::default();
    let windows = fix_parsing_windows(input, &settings);
    let whole = fix_parsing_whole(input, &settings);
    match (&windows, &whole) {
        // A syntax error outside the windows goes unreported when nothing is edited.
        (Ok(report), Err(FileError::Syntax(_))) => assert_eq!(report.fixed, None),
        _ => assert_eq!(windows, whole, "windows first and whole file disagree"),
    }
    let Ok(report) = fix(input, &settings) else {
        return;
    };
    let Some(output) = report.fixed else {
        return;
    };
    assert_ne!(output, input, "a fix that changes nothing");
    let again = fix(&output, &settings).expect("the fixed output is accepted again");
    assert_eq!(again.fixed, None, "a second pass changed the output");
    assert!(
        !again.findings.iter().any(|f| f.verdict.is_fixable() && !f.suppressed),
        "a second pass still finds something to fix"
    );
});
