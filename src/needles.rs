//! The first look at a file: where the selected rules' needles occur, before anything is
//! parsed. Most files of a code base end here.
//!
//! A rule's needles are found through a few pieces they share, its *anchors*: `_cookie`
//! for `set_cookie`, `set_signed_cookie` and `set_secure_cookie`; `Cookie`, `Storage` and
//! `Session` for the twelve class names of `secure-session-cookie`. One `memmem` pass per
//! anchor, then each needle that holds it is compared around every place it occurs. On
//! the benchmark corpus (583 MB) `_cookie` takes 77 to 96 ms, the three setter names one
//! by one 152 ms, and one Aho-Corasick automaton over the three 461 ms (its prefilter
//! cannot skip the many `set` of ordinary code).

use std::collections::HashMap;
use std::sync::LazyLock;

use memchr::memmem::Finder;

use crate::rules::{RuleSet, RULES};

/// The shortest shared piece worth searching instead of each needle. Shorter ones
/// cover more needles but occur everywhere: with `ookie` and `ession` (which cover the
/// lower-case `xsrf_cookies` and `tools.sessions.on` too) `secure-session-cookie`
/// alone took 0.47 s on the benchmark corpus, with `Cookie`, `Session` and two more
/// passes 0.40 s.
const MIN_ANCHOR: usize = 6;

/// How the needles that share one anchor are searched.
struct Search {
    /// What is searched: the anchor, or a needle alone.
    finder: Finder<'static>,
    /// The needles to compare where `finder` matches: each rule's, with the offset of
    /// the searched text inside the needle.
    needles: Vec<Needle>,
    /// The rules of those needles.
    rules: RuleSet,
}

struct Needle {
    rule: usize,
    text: &'static str,
    offset: usize,
}

/// The anchors are chosen over every rule's needles at once, so that rules whose needles
/// share a piece (`Cookie` in `SimpleCookie`, `-Cookie` and `CookieBackendConfig`) share
/// one pass over the bytes.
static SEARCHES: LazyLock<Vec<Search>> = LazyLock::new(|| {
    let mut texts: Vec<&'static str> = RULES
        .iter()
        .flat_map(|rule| rule.needles.iter().copied())
        .collect();
    texts.sort_unstable();
    texts.dedup();
    anchors(&texts)
        .into_iter()
        .map(|(anchor, holding)| {
            let needles: Vec<Needle> = RULES
                .iter()
                .enumerate()
                .flat_map(|(rule, row)| row.needles.iter().map(move |&text| (rule, text)))
                .filter(|(_, text)| holding.contains(text))
                .map(|(rule, text)| Needle {
                    rule,
                    text,
                    offset: text.find(anchor).unwrap_or(0),
                })
                .collect();
            let rules = needles.iter().fold(RuleSet::EMPTY, |set, needle| {
                set.union(RuleSet::single(needle.rule))
            });
            Search {
                finder: Finder::new(anchor.as_bytes()),
                needles,
                rules,
            }
        })
        .collect()
});

/// A few pieces of text, each with the needles that hold it, such that every needle
/// holds one: chosen greedily, the piece held by most needles not yet covered first (the
/// longer of two that cover as many, the later of two alike). A needle that shares no
/// piece of [`MIN_ANCHOR`] bytes with another is its own anchor.
///
/// Every run computes them, so which needles hold each piece is found once, not once
/// per round: the quadratic search took 10 ms of a run's start.
fn anchors(needles: &[&'static str]) -> Vec<(&'static str, Vec<&'static str>)> {
    let pieces_of = |needle: &'static str| {
        (MIN_ANCHOR..=needle.len()).flat_map(move |length| {
            (0..=needle.len() - length).filter_map(move |start| needle.get(start..start + length))
        })
    };
    // A needle holds a piece exactly when the piece is one of its own pieces.
    let mut holders: HashMap<&'static str, Vec<usize>> = HashMap::new();
    for (at, &needle) in needles.iter().enumerate() {
        for piece in pieces_of(needle) {
            let holding = holders.entry(piece).or_default();
            if holding.last() != Some(&at) {
                holding.push(at);
            }
        }
    }
    let mut left: Vec<usize> = (0..needles.len()).collect();
    let mut chosen = Vec::new();
    while let Some(&first) = left.first() {
        let is_left = |at: &&usize| left.contains(at);
        let best = left
            .iter()
            .flat_map(|&at| pieces_of(needles[at]))
            .map(|piece| {
                let held = holders[piece].iter().filter(is_left).count();
                (held, piece.len(), piece)
            })
            .max_by_key(|&(held, length, _)| (held, length));
        let anchor = match best {
            Some((held, _, piece)) if held > 1 => piece,
            _ => needles[first],
        };
        let (holding, rest): (Vec<usize>, Vec<usize>) = left
            .into_iter()
            .partition(|&at| needles[at].contains(anchor));
        chosen.push((anchor, holding.into_iter().map(|at| needles[at]).collect()));
        left = rest;
    }
    chosen
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
    for search in SEARCHES.iter() {
        if !search.rules.intersects(rules) {
            continue;
        }
        for found in search.finder.find_iter(bytes) {
            for needle in search.needles.iter().filter(|n| rules.contains(n.rule)) {
                let Some(at) = found.checked_sub(needle.offset) else {
                    continue;
                };
                if !bytes[at..].starts_with(needle.text.as_bytes()) {
                    continue;
                }
                hits.offsets.push(at);
                if !hits.rules.contains(needle.rule)
                    && (RULES[needle.rule].may_match)(bytes, at, needle.text)
                {
                    hits.rules = hits.rules.union(RuleSet::single(needle.rule));
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

    /// The greedy choice as first written, a search per round: the reference.
    fn anchors_searched_each_round(
        needles: &[&'static str],
    ) -> Vec<(&'static str, Vec<&'static str>)> {
        let mut left: Vec<&'static str> = needles.to_vec();
        let mut chosen = Vec::new();
        while !left.is_empty() {
            let pieces = left.iter().flat_map(|needle| {
                (MIN_ANCHOR..=needle.len()).flat_map(move |length| {
                    (0..=needle.len() - length)
                        .filter_map(move |start| needle.get(start..start + length))
                })
            });
            let best = pieces
                .map(|piece| {
                    let held = left.iter().filter(|needle| needle.contains(piece)).count();
                    (held, piece.len(), piece)
                })
                .max_by_key(|&(held, length, _)| (held, length));
            let anchor = match best {
                Some((held, _, piece)) if held > 1 => piece,
                _ => left[0],
            };
            let (holding, rest): (Vec<_>, Vec<_>) =
                left.into_iter().partition(|needle| needle.contains(anchor));
            chosen.push((anchor, holding));
            left = rest;
        }
        chosen
    }

    #[test]
    fn anchors_are_the_greedy_choice_over_the_table() {
        let mut texts: Vec<&'static str> = RULES
            .iter()
            .flat_map(|rule| rule.needles.iter().copied())
            .collect();
        texts.sort_unstable();
        texts.dedup();
        assert_eq!(anchors(&texts), anchors_searched_each_round(&texts));
        let covered: usize = SEARCHES.iter().map(|search| search.needles.len()).sum();
        let all: usize = RULES.iter().map(|rule| rule.needles.len()).sum();
        assert_eq!(covered, all, "every rule's needle is searched once");
    }

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
    fn anchors_are_few_pieces_every_needle_holds_one_of() {
        let setters = anchors(&["set_cookie", "set_signed_cookie", "set_secure_cookie"]);
        assert_eq!(setters.len(), 1);
        assert_eq!(setters[0].0, "_cookie");
        let names = [
            "SessionMiddleware",
            "EncryptedCookieStorage",
            "RedisStorage",
            "MemcachedStorage",
            "ServerSideSessionConfig",
            "AuthTktCookieHelper",
        ];
        let found: Vec<&str> = anchors(&names).iter().map(|(anchor, _)| *anchor).collect();
        assert_eq!(found, ["Storage", "Session", "AuthTktCookieHelper"]);
        for (anchor, holding) in anchors(&names) {
            assert!(holding.iter().all(|needle| needle.contains(anchor)));
        }
        assert_eq!(
            anchors(&["Set-Cookie"]),
            [("Set-Cookie", vec!["Set-Cookie"])]
        );
        assert_eq!(anchors(&["abcdef", "uvwxyz"]).len(), 2);
    }
}
