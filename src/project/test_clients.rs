//! The project's tests that talk to its app through a test client over plain HTTP,
//! whose cookie jar never sends a Secure cookie back (DESIGN.md section 10): a fix that
//! makes a cookie Secure names them, and `--fix-tests` gives them an HTTPS base URL.
//!
//! Test files are left out of the run; they are read here only when a fix asks, once,
//! from the paths the walk left out.

use std::path::{Path, PathBuf};

use aho_corasick::{AhoCorasick, MatchKind};

use super::text;
use crate::diagnostic::TestUse;

/// A test client as a test file constructs it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Client {
    /// `TestClient`: the name it is called by.
    pub constructor: &'static str,
    /// What a test file that uses it names (`starlette.testclient`, `fastapi`): one must
    /// be in its bytes.
    pub imported_from: &'static [&'static str],
    /// Whether a test gives it a base URL (`base_url=`), and the HTTPS one it is given
    /// where the test gives none (its own default, with `https`).
    pub takes_base_url: bool,
    pub https_base_url: Option<&'static str>,
}

/// How a construction gives its client's base URL.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum BaseUrl {
    /// A string literal that starts `http://`.
    Literal,
    /// Something else: a name, an f-string, `**options`.
    Other,
    /// Not at all: the client's own.
    Absent,
}

/// The constructions of `clients` in the files at `paths` that name no `https://` URL,
/// each file shown as `shown` gives it.
pub fn read(
    paths: &[PathBuf],
    clients: &[Client],
    shown: impl Fn(&Path) -> String,
) -> Vec<TestUse> {
    let words = Words::new(clients);
    let mut uses = Vec::new();
    for path in paths {
        // A file that cannot be read is no test of the app's that the run knows of.
        let Ok(bytes) = std::fs::read(path) else {
            continue;
        };
        uses.extend(read_file(path, &bytes, clients, &words, &shown));
    }
    // In the order a message names them, whatever order the walk found the files in.
    uses.sort_by(|a, b| (&a.path, a.line).cmp(&(&b.path, b.line)));
    uses
}

/// The clients' names, found in one pass over a file: most test files hold none.
struct Words {
    patterns: Vec<&'static str>,
    automaton: AhoCorasick,
}

impl Words {
    fn new(clients: &[Client]) -> Words {
        let mut patterns: Vec<&'static str> = clients.iter().map(|c| c.constructor).collect();
        patterns.sort_unstable();
        patterns.dedup();
        // Leftmost-longest allows the packed prefilter; a name inside a longer one
        // (`TestClient` in `AsyncTestClient`) is no construction of it anyway.
        let automaton = AhoCorasick::builder()
            .match_kind(MatchKind::LeftmostLongest)
            .build(&patterns)
            .unwrap_or_else(|error| panic!("the test clients' names build no searcher: {error}"));
        Words {
            patterns,
            automaton,
        }
    }
}

fn read_file(
    path: &Path,
    bytes: &[u8],
    clients: &[Client],
    words: &Words,
    shown: &impl Fn(&Path) -> String,
) -> Vec<TestUse> {
    let found: Vec<(&'static str, usize)> = words
        .automaton
        .find_iter(bytes)
        .map(|hit| (words.patterns[hit.pattern().as_usize()], hit.start()))
        .collect();
    let mut uses = Vec::new();
    if found.is_empty() {
        return uses;
    }
    for client in clients {
        let word = client.constructor;
        let mut starts = found
            .iter()
            .filter(|(w, _)| *w == word)
            .map(|&(_, at)| at)
            .peekable();
        if starts.peek().is_none() {
            continue;
        }
        let named = client
            .imported_from
            .iter()
            .any(|module| memchr::memmem::find(bytes, module.as_bytes()).is_some());
        if !named {
            continue;
        }
        for at in starts {
            if !is_whole(bytes, at, word.len()) || text::in_comment(bytes, at) {
                continue;
            }
            let Some(arguments) = bytes
                .get(at + word.len())
                .filter(|b| **b == b'(')
                .and_then(|_| text::parenthesized(bytes, at + word.len()))
            else {
                continue;
            };
            if text::is_defined_at(bytes, at) || is_https(arguments) {
                continue;
            }
            let given = base_url(arguments);
            let editable = match given {
                BaseUrl::Literal => client.takes_base_url,
                BaseUrl::Absent => client.https_base_url.is_some(),
                BaseUrl::Other => false,
            };
            let http_origin = match given {
                BaseUrl::Literal => literal_origin(arguments),
                BaseUrl::Absent => client
                    .https_base_url
                    .map(|url| url.replacen("https://", "http://", 1)),
                BaseUrl::Other => None,
            }
            .filter(|_| editable);
            uses.push(TestUse {
                shown: shown(path),
                path: path.to_path_buf(),
                line: text::line_number(bytes, at),
                client: client.constructor,
                https_base_url: client.https_base_url,
                editable,
                takes_base_url: client.takes_base_url,
                http_origin,
            });
        }
    }
    uses.sort_by_key(|u| u.line);
    uses.dedup();
    uses
}

fn base_url(arguments: &[u8]) -> BaseUrl {
    let has = |needle: &[u8]| memchr::memmem::find(arguments, needle).is_some();
    if has(b"\"http://") || has(b"'http://") {
        BaseUrl::Literal
    } else if has(b"base_url") || has(b"*") {
        BaseUrl::Other
    } else {
        BaseUrl::Absent
    }
}

/// The origin of the first `http://` literal of a client's arguments: `http://test` of
/// `base_url="http://test/"`.
fn literal_origin(arguments: &[u8]) -> Option<String> {
    let at = memchr::memmem::find(arguments, b"http://")?;
    let rest = &arguments[at + "http://".len()..];
    let end = rest
        .iter()
        .position(|b| matches!(b, b'"' | b'\'' | b'/' | b'?' | b'#' | b'{' | b'\\'))
        .unwrap_or(rest.len());
    let host = std::str::from_utf8(&rest[..end]).ok()?;
    (!host.is_empty()).then(|| format!("http://{host}"))
}

/// Whether a client's arguments name an HTTPS URL (`base_url="https://testserver"`).
fn is_https(arguments: &[u8]) -> bool {
    memchr::memmem::find(arguments, b"https://").is_some()
}

fn is_whole(bytes: &[u8], at: usize, length: usize) -> bool {
    let name = |b: &u8| b.is_ascii_alphanumeric() || *b == b'_';
    !at.checked_sub(1).is_some_and(|b| name(&bytes[b])) && !bytes.get(at + length).is_some_and(name)
}

#[cfg(test)]
mod tests {
    use super::*;

    const STARLETTE: Client = Client {
        constructor: "TestClient",
        imported_from: &["starlette.testclient", "fastapi.testclient"],
        takes_base_url: true,
        https_base_url: Some("https://testserver"),
    };
    fn shown(path: &Path) -> String {
        path.display().to_string()
    }

    #[test]
    fn a_client_over_plain_http_is_found_where_its_module_is_named() {
        let code = b"from fastapi.testclient import TestClient\n\
            client = TestClient(app)\n\
            secure = TestClient(app, base_url=\"https://testserver\")\n\
            # TestClient(app)\n\
            class MyTestClient(TestClient):\n    pass\n";
        let words = Words::new(&[STARLETTE]);
        let found = read_file(Path::new("t.py"), code, &[STARLETTE], &words, &shown);
        let lines: Vec<usize> = found.iter().map(|u| u.line).collect();
        assert_eq!(lines, [2]);
        assert!(found[0].editable);
        let given = |arguments: &str| base_url(arguments.as_bytes());
        assert_eq!(given("(app, base_url='http://test')"), BaseUrl::Literal);
        assert_eq!(given("(app, base_url=URL)"), BaseUrl::Other);
        assert_eq!(given("(app, **options)"), BaseUrl::Other);
        assert_eq!(
            literal_origin(b"(app, base_url='http://test:8000/api')").as_deref(),
            Some("http://test:8000")
        );
        assert_eq!(found[0].http_origin.as_deref(), Some("http://testserver"));
        let elsewhere = read_file(
            Path::new("t.py"),
            b"client = TestClient(app)\n",
            &[STARLETTE],
            &words,
            &shown,
        );
        assert!(elsewhere.is_empty());
    }
}
