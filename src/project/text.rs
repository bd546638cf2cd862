//! Facts read from a file's bytes where its needles are, without a parse: the project
//! pass looks at many library files that name `response_class` or `login_user`, and a
//! parse of each would cost more than the rules' own work. What is read here only places
//! fixes and names decisions; a misreading (a docstring that looks like code) can make a
//! fix a review, never a wrong edit.

use std::collections::HashMap;

use aho_corasick::{AhoCorasick, MatchKind};

use crate::source::{is_blank, line_start};

/// The words the readers of a file look for, searched together: one pass over the
/// bytes, where a search per word took most of the project pass's time.
pub struct Lexicon {
    index: HashMap<String, usize>,
    automaton: AhoCorasick,
}

impl Lexicon {
    pub fn new(words: impl IntoIterator<Item = String>) -> Lexicon {
        let mut index = HashMap::new();
        let mut patterns = Vec::new();
        for word in words {
            if !index.contains_key(&word) {
                index.insert(word.clone(), patterns.len());
                patterns.push(word);
            }
        }
        // Leftmost-longest allows the packed prefilter, where an overlapping search
        // would walk the automaton over every byte.
        let automaton = AhoCorasick::builder()
            .match_kind(MatchKind::LeftmostLongest)
            .build(&patterns)
            .unwrap_or_else(|error| panic!("the project's words build no searcher: {error}"));
        Lexicon { index, automaton }
    }

    /// Where each word occurs in `bytes`; where two overlap, the longer (the words
    /// are names and module paths, which a reader looks for whole).
    pub fn occurrences<'a>(&'a self, bytes: &'a [u8]) -> Occurrences<'a> {
        let mut at = vec![Vec::new(); self.index.len()];
        for found in self.automaton.find_iter(bytes) {
            at[found.pattern().as_usize()].push(found.start());
        }
        Occurrences {
            lexicon: self,
            bytes,
            at,
        }
    }
}

/// The occurrences of a [`Lexicon`]'s words in a file.
pub struct Occurrences<'a> {
    lexicon: &'a Lexicon,
    pub bytes: &'a [u8],
    at: Vec<Vec<usize>>,
}

impl Occurrences<'_> {
    /// Every start of `word`, in order; none for a word the lexicon lacks.
    pub fn of(&self, word: &str) -> &[usize] {
        debug_assert!(self.lexicon.index.contains_key(word), "{word} is no word");
        self.lexicon
            .index
            .get(word)
            .map_or(&[], |&index| self.at[index].as_slice())
    }

    pub fn has(&self, word: &str) -> bool {
        !self.of(word).is_empty()
    }

    /// The starts of `word` as a whole name (not inside a longer one).
    pub fn names(&self, word: &str) -> Vec<usize> {
        let bytes = self.bytes;
        self.of(word)
            .iter()
            .copied()
            .filter(|&at| is_whole_name(bytes, at, word.len()))
            .collect()
    }
}

/// Whether the `length` bytes at `at` are a whole name, not part of a longer one.
pub fn is_whole_name(bytes: &[u8], at: usize, length: usize) -> bool {
    let before = at.checked_sub(1).map(|b| bytes[b]);
    let after = bytes.get(at + length).copied();
    !before.is_some_and(is_name_byte) && !after.is_some_and(is_name_byte)
}

fn is_name_byte(byte: u8) -> bool {
    byte.is_ascii_alphanumeric() || byte == b'_'
}

/// The text between the parenthesis that opens at `open` and the one that closes it
/// (strings skipped), if it closes.
pub fn parenthesized(bytes: &[u8], open: usize) -> Option<&[u8]> {
    if bytes.get(open) != Some(&b'(') {
        return None;
    }
    let mut depth = 0usize;
    let mut quote: Option<u8> = None;
    let mut at = open;
    while at < bytes.len() {
        let byte = bytes[at];
        match quote {
            Some(_) if byte == b'\\' => at += 1,
            Some(q) if byte == q => quote = None,
            Some(_) => {}
            None => match byte {
                b'"' | b'\'' => quote = Some(byte),
                b'(' => depth += 1,
                b')' => {
                    depth -= 1;
                    if depth == 0 {
                        return Some(&bytes[open..=at]);
                    }
                }
                _ => {}
            },
        }
        at += 1;
    }
    None
}

/// The first byte after `at` that is no blank on its line.
pub fn next_code(bytes: &[u8], at: usize) -> Option<usize> {
    (at..bytes.len()).find(|&i| !is_blank(&bytes[i]))
}

/// Whether `at` is inside a comment: a `#` before it on its line, outside a string.
pub fn in_comment(bytes: &[u8], at: usize) -> bool {
    let mut quote: Option<u8> = None;
    let mut index = line_start(bytes, at);
    while index < at {
        let byte = bytes[index];
        match quote {
            Some(_) if byte == b'\\' => index += 1,
            Some(q) if byte == q => quote = None,
            Some(_) => {}
            None if byte == b'#' => return true,
            None if byte == b'"' || byte == b'\'' => quote = Some(byte),
            None => {}
        }
        index += 1;
    }
    false
}

/// The 1-based line of `at`.
pub fn line_number(bytes: &[u8], at: usize) -> usize {
    bytes[..at].iter().filter(|&&b| b == b'\n').count() + 1
}

/// The blanks a line starts with.
pub fn indentation(bytes: &[u8], line_start: usize) -> usize {
    bytes[line_start..]
        .iter()
        .take_while(|b| is_blank(b))
        .count()
}

/// Whether the name at `at` is defined there: `def NAME`.
pub fn is_defined_at(bytes: &[u8], at: usize) -> bool {
    let before = &bytes[line_start(bytes, at)..at];
    let words: Vec<&[u8]> = before.split(is_blank).filter(|w| !w.is_empty()).collect();
    matches!(words.as_slice(), [.., last] if *last == b"def")
}

/// The class whose body holds the definition at `at`: the nearest line above, less
/// indented than it, that starts `class NAME`; `None` for a definition at the module's
/// level or in a function.
pub fn enclosing_class(bytes: &[u8], at: usize) -> Option<String> {
    let start = line_start(bytes, at);
    let indent = indentation(bytes, start);
    if indent == 0 {
        return None;
    }
    let mut line_end = start;
    while line_end > 0 {
        let start = line_start(bytes, line_end - 1);
        let text = &bytes[start..line_end];
        line_end = start;
        let code = &text[indentation(bytes, start).min(text.len())..];
        if code.is_empty() || code.starts_with(b"#") || code.iter().all(|b| b.is_ascii_whitespace())
        {
            continue;
        }
        if indentation(bytes, start) >= indent {
            continue;
        }
        let name = code.strip_prefix(b"class ")?;
        let end = name
            .iter()
            .position(|&b| !is_name_byte(b))
            .unwrap_or(name.len());
        return std::str::from_utf8(&name[..end]).ok().map(str::to_owned);
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn definitions_and_their_classes() {
        let code = b"class A(Base):\n    x = 1\n\n    def set_cookie(self, key, value=(1, 2)):\n        pass\n\ndef set_cookie(k):\n    pass\n";
        let found = Lexicon::new(["set_cookie".to_owned()])
            .occurrences(code)
            .names("set_cookie");
        assert_eq!(found.len(), 2);
        assert!(is_defined_at(code, found[0]));
        assert_eq!(enclosing_class(code, found[0]).as_deref(), Some("A"));
        assert_eq!(enclosing_class(code, found[1]), None);
        let open = found[0] + "set_cookie".len();
        assert_eq!(
            parenthesized(code, open),
            Some(&b"(self, key, value=(1, 2))"[..])
        );
        assert_eq!(line_number(code, found[1]), 7);
    }

    #[test]
    fn a_lexicon_finds_every_word_in_one_pass() {
        let lexicon = Lexicon::new([
            "flask".into(),
            "from flask import".into(),
            "set_cookie".into(),
        ]);
        let found = lexicon.occurrences(b"from flask import session\nx.set_cookies()\n");
        // The longer of two that overlap.
        assert!(found.of("flask").is_empty());
        assert_eq!(found.of("from flask import"), [0]);
        assert_eq!(found.of("set_cookie"), [28]);
        assert!(found.names("set_cookie").is_empty());
        assert!(found.has("from flask import"));
    }
}
