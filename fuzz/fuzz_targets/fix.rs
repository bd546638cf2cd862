//! Any bytes: no panic; a fix parses again, and a second pass changes nothing.
#![no_main]

use cookie_fix::{fix, Settings};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|input: &[u8]| {
    let settings = Settings::default();
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
