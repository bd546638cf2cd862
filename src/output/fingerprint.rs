//! Fingerprints that follow a finding through edits elsewhere in its file: a code
//! scanning service (SARIF's `partialFingerprints`) and a baseline match findings by
//! them. One is derived from the rule, the path, the finding's own text with its blanks
//! normalised, and its rank among the findings of that rule with the same text in the
//! file; not from its line, which moves when lines are added above it.

use crate::diagnostic::Finding;

/// The key SARIF's `partialFingerprints` holds them under: a new key, not a changed
/// value, once their derivation changes.
pub const SARIF_KEY: &str = "cookieFix/v1";

/// The fingerprint of each finding of one file, in order. `body` holds the file's bytes
/// as the findings' ranges count them.
pub fn of_file(path: &str, body: &[u8], findings: &[Finding]) -> Vec<String> {
    let texts: Vec<String> = findings
        .iter()
        .map(|finding| normalised(body.get(finding.range.clone()).unwrap_or_default()))
        .collect();
    texts
        .iter()
        .enumerate()
        .map(|(at, text)| {
            let rule = findings[at].rule;
            let rank = (0..at)
                .filter(|&earlier| findings[earlier].rule == rule && texts[earlier] == *text)
                .count();
            let key = format!("{rule}\0{path}\0{text}\0{rank}");
            format!("{:016x}", fnv1a(key.as_bytes()))
        })
        .collect()
}

/// The text without its blanks, line endings and backslash continuations: a call
/// reformatted (split over lines, re-indented) keeps its fingerprint.
fn normalised(text: &[u8]) -> String {
    String::from_utf8_lossy(text)
        .replace("\\\r\n", "")
        .replace("\\\n", "")
        .replace("\\\r", "")
        .split_whitespace()
        .collect()
}

/// 64-bit FNV-1a, then MurmurHash3's finaliser so that texts one byte apart get
/// unrelated fingerprints: stable across Rust releases and platforms, unlike std's
/// hasher.
fn fnv1a(bytes: &[u8]) -> u64 {
    let hash = bytes.iter().fold(0xcbf2_9ce4_8422_2325_u64, |hash, &byte| {
        (hash ^ u64::from(byte)).wrapping_mul(0x0100_0000_01b3)
    });
    let hash = (hash ^ (hash >> 33)).wrapping_mul(0xff51_afd7_ed55_8ccd);
    let hash = (hash ^ (hash >> 33)).wrapping_mul(0xc4ce_b9fe_1a85_ec53);
    hash ^ (hash >> 33)
}

#[cfg(test)]
mod tests {
    use super::*;

    const FIXED: &str = "b3e0d2a6f32abfe0";

    fn fingerprints(code: &str) -> Vec<String> {
        let report =
            crate::engine::fix(code.as_bytes(), &crate::Settings::default()).expect("a report");
        of_file("app.py", code.as_bytes(), &report.findings)
    }

    #[test]
    fn lines_added_above_and_reformatting_keep_a_fingerprint() {
        let before = fingerprints("r.set_cookie('a', 'b')\nr.set_cookie('a', 'b')\n");
        let moved =
            fingerprints("x = 1\n\n\nr.set_cookie(\n    'a',  'b'\n)\nr.set_cookie('a', 'b')\n");
        assert_eq!(before.len(), 2);
        assert_ne!(before[0], before[1], "identical texts differ by rank");
        assert_eq!(before, moved);
        let other = fingerprints("r.set_cookie('a', 'c')\n");
        assert_ne!(other[0], before[0]);
        // The values are part of the format: a baseline written today must match later.
        assert_eq!(of_file("a.py", b"", &[]), Vec::<String>::new());
        assert_eq!(format!("{:016x}", fnv1a(b"secure-cookie")), FIXED);
    }
}
