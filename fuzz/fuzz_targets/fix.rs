//! Any bytes: no panic; parsing windows first reports what a parse of the whole file
//! reports; a fix parses again, and a second pass changes nothing.
#![no_main]

use cookie_fix::engine::{fix_parsing_whole, fix_parsing_windows, windows_agree};
use cookie_fix::{fix, Settings};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|input: &[u8]| {
    let settings = Settings::default();
    let windows = fix_parsing_windows(input, &settings);
    let whole = fix_parsing_whole(input, &settings);
    assert!(
        windows_agree(&windows, &whole),
        "windows first and whole file disagree\nwindows: {windows:?}\nwhole file: {whole:?}"
    );
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
