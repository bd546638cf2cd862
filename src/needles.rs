//! The first look at a file: where the selected rules' needles occur, before anything is
//! parsed. Most files of a code base end here.
//!
//! A rule's needles are found through the longest piece they all share, its *anchor*
//! (`_cookie` in `set_cookie`, `set_signed_cookie` and `set_secure_cookie`): one `memmem`
//! pass for the anchor, then each needle is compared around every place the anchor
//! occurs. A rule whose needles share no anchor of [`MIN_ANCHOR`] bytes has one pass per
//! needle. On the benchmark corpus (583 MB) `_cookie` takes 77 to 96 ms, the three
//! needles one by one 152 ms, and one Aho-Corasick automaton over the three 461 ms (its
//! prefilter cannot skip the many `set` of ordinary code).

use std::sync::LazyLock;

use memchr::memmem::Finder;

use crate::rules::{RuleSet, RULES};

/// The shortest shared piece worth searching instead of each needle.
const MIN_ANCHOR: usize = 4;

/// How one rule's needles are searched.
struct Search {
    rule: usize,
    /// What is searched: the anchor, or a needle alone.
    finder: Finder<'static>,
    /// The needles to compare where `finder` matches, each with the offset of the
    /// searched text inside it.
    needles: Vec<(&'static str, usize)>,
}

static SEARCHES: LazyLock<Vec<Search>> = LazyLock::new(|| {
    let mut searches = Vec::new();
    for (rule, row) in RULES.iter().enumerate() {
        match anchor(row.needles).filter(|anchor| anchor.len() >= MIN_ANCHOR) {
            Some(anchor) => searches.push(Search {
                rule,
                finder: Finder::new(anchor.as_bytes()),
                needles: row
                    .needles
                    .iter()
                    .map(|needle| (*needle, needle.find(anchor).unwrap_or(0)))
                    .collect(),
            }),
            None => searches.extend(row.needles.iter().map(|needle| Search {
                rule,
                finder: Finder::new(needle.as_bytes()),
                needles: vec![(*needle, 0)],
            })),
        }
    }
    searches
});

/// The longest piece of text that every needle holds (the first such, if several).
fn anchor(needles: &'static [&'static str]) -> Option<&'static str> {
    let (shortest, others) = needles
        .iter()
        .min_by_key(|needle| needle.len())
        .map(|shortest| (*shortest, needles))?;
    (1..=shortest.len()).rev().find_map(|length| {
        (0..=shortest.len() - length)
            .filter_map(|start| shortest.get(start..start + length))
            .find(|piece| others.iter().all(|needle| needle.contains(piece)))
    })
}

/// Where the needles of a file's rules occur.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct Hits {
    /// The offset of every occurrence, sorted.
    pub offsets: Vec<usize>,
    /// The rules with an occurrence that their own finer test says may be a sink: the
    /// rules worth running on the file.
    pub rules: RuleSet,
}

/// Finds the needles of `rules` in `bytes`.
pub fn find(bytes: &[u8], rules: RuleSet) -> Hits {
    let mut hits = Hits::default();
    for search in SEARCHES.iter().filter(|search| rules.contains(search.rule)) {
        for found in search.finder.find_iter(bytes) {
            for &(needle, offset) in &search.needles {
                let Some(at) = found.checked_sub(offset) else {
                    continue;
                };
                if !bytes[at..].starts_with(needle.as_bytes()) {
                    continue;
                }
                hits.offsets.push(at);
                if !hits.rules.contains(search.rule)
                    && (RULES[search.rule].may_match)(bytes, at, needle)
                {
                    hits.rules = hits.rules.union(RuleSet::single(search.rule));
                }
            }
        }
    }
    hits.offsets.sort_unstable();
    hits.offsets.dedup();
    hits
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hits_of_selected_rules_only() {
        let bytes = b"def set_cookie(self):\n    r.set_secure_cookie('k')\nx.get_cookie()\n";
        let hits = find(bytes, RuleSet::defaults());
        assert_eq!(hits.offsets, [4, 28]);
        let secure_cookie = crate::rules::index_of("secure-cookie").expect("a rule");
        assert_eq!(hits.rules, RuleSet::single(secure_cookie));
        assert_eq!(find(bytes, RuleSet::EMPTY), Hits::default());
        let named_only = find(b"handler = Response.set_cookie, 1\n", RuleSet::defaults());
        assert_eq!(named_only.offsets, [19]);
        assert!(named_only.rules.is_empty());
    }

    #[test]
    fn the_anchor_is_the_longest_piece_all_needles_share() {
        static SETTERS: &[&str] = &["set_cookie", "set_signed_cookie", "set_secure_cookie"];
        assert_eq!(anchor(SETTERS), Some("_cookie"));
        static OTHERS: &[&str] = &["SessionMiddleware", "EncryptedCookieStorage"];
        assert_eq!(anchor(OTHERS).map(str::len), Some(1));
        static ONE: &[&str] = &["Set-Cookie"];
        assert_eq!(anchor(ONE), Some("Set-Cookie"));
    }
}
