//! The first look at a file: where the selected rules' needles occur, before anything is
//! parsed. Most files of a code base end here.
//!
//! A rule's needles are found through a few pieces they share, its *anchors*: `cookie`
//! for `set_cookie`, `set_signed_cookie` and `set_secure_cookie`; `Cookie`, `Storage` and
//! `ession` for the twelve class names of `secure-session-cookie`. One pass over the
//! bytes finds every anchor at once, with the packed (Teddy) SIMD searcher of the
//! `aho-corasick` crate, then each needle that holds the anchor found is compared around
//! it. On the benchmark corpus (586 MB, one thread) the twelve anchors of every rule take
//! 125 to 132 ms that way, against 316 ms for one `memmem` pass per anchor and 1.2 s for
//! an Aho-Corasick automaton reporting overlapping matches.

use std::collections::HashMap;
use std::sync::LazyLock;

use aho_corasick::packed;
use aho_corasick::{AhoCorasick, Input, MatchKind, Span};

use crate::rules::{RuleSet, RULES};
use crate::scan::{is_word_byte, Counts, Hit};

/// The shortest shared piece worth searching instead of each needle. Shorter ones
/// cover more needles but occur everywhere: with `ookie` and `ession` (which cover the
/// lower-case `xsrf_cookies` and `tools.sessions.on` too) `secure-session-cookie`
/// alone took 0.47 s on the benchmark corpus, with `Cookie`, `Session` and two more
/// passes 0.40 s.
const MIN_ANCHOR: usize = 6;

/// How the needles that share one anchor are searched.
struct Search {
    /// What is searched: the anchor, or a needle alone.
    anchor: &'static str,
    /// The needles to compare where `finder` matches: each rule's, with the offset of
    /// the searched text inside the needle.
    needles: Vec<Needle>,
    /// The rules of those needles.
    rules: RuleSet,
    /// The project's needles that hold the anchor, with their offsets: found in the same
    /// pass, so that the project pass searches no file again.
    facts: Vec<(&'static str, usize)>,
}

struct Needle {
    rule: usize,
    text: &'static str,
    offset: usize,
    /// Where it counts, as its rule says.
    counts: Counts,
}

/// The anchors are chosen over every rule's needles at once, so that rules whose needles
/// share a piece (`Cookie` in `SimpleCookie`, `-Cookie` and `CookieBackendConfig`) share
/// one pass over the bytes.
static SEARCHES: LazyLock<Vec<Search>> = LazyLock::new(|| {
    let mut texts: Vec<&'static str> = RULES
        .iter()
        .flat_map(|rule| rule.needles.iter().copied())
        .chain(crate::rules::PROJECT.needles.iter().copied())
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
                    counts: (RULES[rule].counts)(text),
                })
                .collect();
            let rules = needles.iter().fold(RuleSet::EMPTY, |set, needle| {
                set.union(RuleSet::single(needle.rule))
            });
            let facts = crate::rules::PROJECT
                .needles
                .iter()
                .filter(|text| holding.contains(text))
                .map(|text| (*text, text.find(anchor).unwrap_or(0)))
                .collect();
            Search {
                anchor,
                needles,
                rules,
                facts,
            }
        })
        .collect()
});

/// The indexes in [`SEARCHES`] of the anchors that start with each byte: where the
/// searcher stops, only those are compared.
static BY_FIRST_BYTE: LazyLock<Vec<Vec<usize>>> = LazyLock::new(|| {
    let mut by_first_byte = vec![Vec::new(); 256];
    for (at, search) in SEARCHES.iter().enumerate() {
        if let Some(&first) = search.anchor.as_bytes().first() {
            by_first_byte[usize::from(first)].push(at);
        }
    }
    by_first_byte
});

/// A few pieces of text, each with the needles that hold it, such that every needle
/// holds one: chosen greedily, the piece held by most needles not yet covered first (the
/// longer of two that cover as many, the later of two alike). A needle that shares no
/// piece of [`MIN_ANCHOR`] bytes with another is anchored at its end ([`lone_anchor`]).
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
            _ => lone_anchor(needles[first]),
        };
        let (holding, rest): (Vec<usize>, Vec<usize>) = left
            .into_iter()
            .partition(|&at| needles[at].contains(anchor));
        chosen.push((anchor, holding.into_iter().map(|at| needles[at]).collect()));
        left = rest;
    }
    chosen
}

/// The anchor of a needle that shares no piece: its end. The searcher's fingerprint is an
/// anchor's first bytes, and a name's end is rarer than its start: `response_class` as
/// a whole would stop the search at every `response`, `_class` at a few `__class__`.
fn lone_anchor(needle: &'static str) -> &'static str {
    let start = (needle.len().saturating_sub(MIN_ANCHOR)..=needle.len())
        .find(|&start| needle.is_char_boundary(start))
        .unwrap_or(0);
    &needle[start..]
}

/// Where the needles of a file's rules occur.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct Hits {
    /// Every occurrence, sorted: those of a needle that counts only as a name, only
    /// where it is one (not in `CookieArg`).
    pub found: Vec<Hit>,
    /// The rules with an occurrence that their own finer test says may be a sink: the
    /// rules worth running on the file.
    pub rules: RuleSet,
    /// Whether a needle of the project pass occurs: the file may hold a project fact.
    pub facts: bool,
}

/// One searcher for every anchor of [`SEARCHES`], pattern `i` being `SEARCHES[i]`'s.
enum Searcher {
    /// Teddy, where the processor has the SIMD instructions it needs.
    Packed(packed::Searcher),
    /// An automaton elsewhere.
    Automaton(AhoCorasick),
}

static SEARCHER: LazyLock<Searcher> = LazyLock::new(|| Searcher::new(true));

impl Searcher {
    /// Teddy if `packed` and the processor allows, else the automaton.
    fn new(packed: bool) -> Searcher {
        let anchors = SEARCHES.iter().map(|search| search.anchor);
        let teddy = packed
            .then(|| {
                packed::Config::new()
                    .match_kind(packed::MatchKind::LeftmostFirst)
                    .builder()
                    .extend(anchors.clone())
                    .build()
            })
            .flatten();
        match teddy {
            Some(searcher) => Searcher::Packed(searcher),
            None => Searcher::Automaton(
                AhoCorasick::builder()
                    .match_kind(MatchKind::LeftmostFirst)
                    .build(anchors)
                    .unwrap_or_else(|error| panic!("the anchors build no searcher: {error}")),
            ),
        }
    }
}

impl Searcher {
    /// The start of the first anchor at or after `from`.
    fn next(&self, bytes: &[u8], from: usize) -> Option<usize> {
        match self {
            Searcher::Packed(searcher) => searcher
                .find_in(bytes, Span::from(from..bytes.len()))
                .map(|found| found.start()),
            Searcher::Automaton(automaton) => automaton
                .find(Input::new(bytes).span(from..bytes.len()))
                .map(|found| found.start()),
        }
    }
}

/// Finds the needles of `rules` in `bytes`.
pub fn find(bytes: &[u8], rules: RuleSet) -> Hits {
    find_with(&SEARCHER, bytes, rules)
}

fn find_with(searcher: &Searcher, bytes: &[u8], rules: RuleSet) -> Hits {
    let mut hits = Hits::default();
    let mut from = 0;
    // Every place an anchor starts: the search goes on from the next byte, not past the
    // anchor found, and every anchor is compared there, so that anchors which overlap,
    // or start at one place, are all seen.
    while let Some(found) = searcher.next(bytes, from) {
        from = found + 1;
        for search in BY_FIRST_BYTE[usize::from(bytes[found])]
            .iter()
            .map(|&at| &SEARCHES[at])
        {
            if !bytes[found..].starts_with(search.anchor.as_bytes()) {
                continue;
            }
            if !hits.facts {
                hits.facts = search.facts.iter().any(|&(text, offset)| {
                    found
                        .checked_sub(offset)
                        .is_some_and(|at| bytes[at..].starts_with(text.as_bytes()))
                });
            }
            if !search.rules.intersects(rules) {
                continue;
            }
            for needle in search.needles.iter().filter(|n| rules.contains(n.rule)) {
                let Some(at) = found.checked_sub(needle.offset) else {
                    continue;
                };
                if !bytes[at..].starts_with(needle.text.as_bytes())
                    || needle.counts == Counts::AsAName
                        && !is_whole_name(bytes, at, needle.text.len())
                {
                    continue;
                }
                hits.found.push(Hit {
                    at,
                    counts: needle.counts,
                });
                if !hits.rules.contains(needle.rule)
                    && (RULES[needle.rule].may_match)(bytes, at, needle.text)
                {
                    hits.rules = hits.rules.union(RuleSet::single(needle.rule));
                }
            }
        }
    }
    hits.found.sort_unstable();
    hits.found.dedup();
    hits
}

/// Whether the `len` bytes at `at` are a name of their own, not part of a longer one:
/// what a needle that counts only as a name must be, since the rules look such names up
/// as whole identifiers (`CookieArg` holds no `Cookie`). A byte beyond ASCII counts as
/// part of a name: where it is not one, the lexical pass trusts no windows anyway.
fn is_whole_name(bytes: &[u8], at: usize, len: usize) -> bool {
    let name_byte = |b: &u8| is_word_byte(*b);
    !at.checked_sub(1)
        .and_then(|before| bytes.get(before))
        .is_some_and(name_byte)
        && !bytes.get(at + len).is_some_and(name_byte)
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
                _ => lone_anchor(left[0]),
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

    /// Every needle of `rules` at every offset, compared byte by byte: the reference.
    fn every_needle_everywhere(bytes: &[u8], rules: RuleSet) -> Hits {
        let mut hits = Hits::default();
        for at in 0..bytes.len() {
            for (rule, row) in RULES.iter().enumerate().filter(|(r, _)| rules.contains(*r)) {
                for needle in row.needles {
                    let counts = (row.counts)(needle);
                    let whole = at == 0 || !is_word_byte(bytes[at - 1]);
                    let whole = whole
                        && bytes
                            .get(at + needle.len())
                            .is_none_or(|&b| !is_word_byte(b));
                    if bytes[at..].starts_with(needle.as_bytes())
                        && (whole || counts != Counts::AsAName)
                    {
                        hits.found.push(Hit { at, counts });
                        if (row.may_match)(bytes, at, needle) {
                            hits.rules = hits.rules.union(RuleSet::single(rule));
                        }
                    }
                }
            }
            let project = crate::rules::PROJECT.needles;
            hits.facts |= project
                .iter()
                .any(|n| bytes[at..].starts_with(n.as_bytes()));
        }
        hits.found.sort_unstable();
        hits.found.dedup();
        hits
    }

    #[test]
    fn both_searchers_find_every_needle() {
        let mut texts: Vec<Vec<u8>> = [
            "set_secure_cookies_by_default = True; r.set_cookie('k')",
            "SESSION_COOKIE_SECURE=False\nCSRF_COOKIE_HTTPONLY = 0",
            "h = [('Set-Cookie', v)]; SimpleCookieStorage(); x.BaseCookie()",
            "cookiecookie-cookie-COOKIE-Cookie Morsel() tools.sessions.on",
            "AuthTktAuthenticationPolicy(s) INSTALLED_APPS MIDDLEWARE SECRET_KEY app.secret_key = 1",
            "login_user(u, remember=True); app.session_interface = S(); SeaSurf(app)",
            "cookies: CookieArg = None; my_set_cookie(); SimpleCookie(); _Cookie; Cookieé",
            "",
            "c",
        ]
        .iter()
        .map(|text| text.as_bytes().to_vec())
        .collect();
        let testdata = concat!(env!("CARGO_MANIFEST_DIR"), "/testdata");
        for folder in std::fs::read_dir(testdata).expect("the fixtures") {
            let folder = folder.expect("a folder").path();
            for entry in std::fs::read_dir(&folder).into_iter().flatten() {
                let path = entry.expect("an entry").path();
                if path.extension().is_some_and(|e| e == "py") {
                    texts.push(std::fs::read(path).expect("a fixture"));
                }
            }
        }
        assert!(texts.len() > 100, "the fixtures are read");
        let all =
            (0..RULES.len()).fold(RuleSet::EMPTY, |set, rule| set.union(RuleSet::single(rule)));
        let (packed, automaton) = (Searcher::new(true), Searcher::new(false));
        assert!(matches!(automaton, Searcher::Automaton(_)));
        for text in &texts {
            for rules in [RuleSet::defaults(), all, RuleSet::single(0)] {
                let expected = every_needle_everywhere(text, rules);
                let shown = String::from_utf8_lossy(text);
                assert_eq!(find_with(&packed, text, rules), expected, "{shown}");
                assert_eq!(find_with(&automaton, text, rules), expected, "{shown}");
            }
        }
    }

    fn offsets(hits: &Hits, counts: Counts) -> Vec<usize> {
        let found = hits.found.iter().filter(|hit| hit.counts == counts);
        found.map(|hit| hit.at).collect()
    }

    #[test]
    fn hits_of_selected_rules_only() {
        let bytes = b"def set_cookie(self):\n    r.set_secure_cookie('k')\nx.get_cookie()\n";
        let hits = find(bytes, RuleSet::defaults());
        assert_eq!(offsets(&hits, Counts::AsAName), [4, 28]);
        assert_eq!(hits.found.len(), 2, "a setter's name counts only as a name");
        let secure_cookie = crate::rules::index_of("secure-cookie").expect("a rule");
        assert_eq!(hits.rules, RuleSet::single(secure_cookie));
        assert_eq!(find(bytes, RuleSet::EMPTY), Hits::default());
        let longer = find(
            b"def f(c: CookieArg, s: SimpleCookie): set_cookies()\n",
            RuleSet::defaults(),
        );
        assert_eq!(
            offsets(&longer, Counts::AsAName),
            [23],
            "SimpleCookie alone is a name"
        );
        let named_only = find(b"handler = Response.set_cookie, 1\n", RuleSet::defaults());
        assert_eq!(offsets(&named_only, Counts::AsAName), [19]);
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
        assert_eq!(found, ["Storage", "Session", "Helper"]);
        for (anchor, holding) in anchors(&names) {
            assert!(holding.iter().all(|needle| needle.contains(anchor)));
        }
        assert_eq!(anchors(&["Set-Cookie"]), [("Cookie", vec!["Set-Cookie"])]);
        assert_eq!(anchors(&["flask"]), [("flask", vec!["flask"])]);
        assert_eq!(anchors(&["abcdef", "uvwxyz"]).len(), 2);
    }
}
