//! How the project's app learns that a request came over HTTPS: it trusts a TLS proxy's
//! forwarded headers, or serves TLS itself. Where it does, a cookie whose Secure follows
//! the request's scheme is Secure on every HTTPS response (DESIGN.md section 8's
//! follows-scheme); where it shows neither, a scheme test behind a proxy it does not
//! trust would never be Secure.

use std::path::Path;
use std::sync::LazyLock;

use aho_corasick::{AhoCorasick, MatchKind};

use super::text;

/// What an ASGI app (Starlette, FastAPI, Litestar) is served with that makes the scope's
/// scheme the one the client used: uvicorn 0.55 uvicorn/config.py (`forwarded_allow_ips`,
/// from `FORWARDED_ALLOW_IPS` else the loopback addresses; `ssl_certfile`: TLS served by
/// the app), uvicorn/middleware/proxy_headers.py (`ProxyHeadersMiddleware`), hypercorn
/// 0.18 hypercorn/middleware/proxy_fix.py (`ProxyFixMiddleware`, which trusts nothing
/// unless added), gunicorn 27 config.py (`forwarded_allow_ips`). uvicorn's
/// `proxy_headers` is not enough: it is on by default and trusts a proxy on the
/// loopback address only, so behind a proxy in another container the scheme stays
/// `http`.
pub const ASGI_SERVERS: &[&str] = &[
    "forwarded_allow_ips",
    "FORWARDED_ALLOW_IPS",
    "ProxyHeadersMiddleware",
    "ProxyFixMiddleware",
    "ssl_certfile",
];

/// sanic 25.12 sanic/config.py, sanic/headers.py: `request.scheme` honours forwarded
/// headers once one of these is set (all `None` by default); under ASGI it ignores the
/// server's scope.
pub const SANIC: &[&str] = &["FORWARDED_SECRET", "PROXIES_COUNT", "REAL_IP_HEADER"];

/// aiohttp trusts no forwarded header by itself: aiohttp-remotes 1.4
/// (`XForwardedRelaxed`, `XForwardedStrict`, `ForwardedRelaxed`, ...) sets the request's
/// scheme from them.
pub const AIOHTTP: &[&str] = &["aiohttp_remotes"];

/// Every name searched for.
pub const WORDS: &[&str] = &[
    "forwarded_allow_ips",
    "FORWARDED_ALLOW_IPS",
    "ProxyHeadersMiddleware",
    "ProxyFixMiddleware",
    "ssl_certfile",
    "FORWARDED_SECRET",
    "PROXIES_COUNT",
    "REAL_IP_HEADER",
    "aiohttp_remotes",
];

/// Where a file shows that its app learns the scheme: the name, and its 1-based line.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Evidence {
    pub word: &'static str,
    pub line: usize,
}

/// Whether a file may be where an app is served (`uvicorn.run(...)`, a server's
/// configuration), by its name: those, and the files a rule reads, are searched.
pub fn may_be_named(path: &Path) -> bool {
    const NAMES: &[&str] = &[
        "main.py",
        "__main__.py",
        "server.py",
        "serve.py",
        "run.py",
        "app.py",
        "asgi.py",
        "wsgi.py",
        "cli.py",
        "gunicorn.conf.py",
        "gunicorn_conf.py",
        "gunicorn_config.py",
        "hypercorn.conf.py",
    ];
    path.file_name()
        .and_then(|name| name.to_str())
        .is_some_and(|name| NAMES.contains(&name))
}

/// The first use in code of each of [`WORDS`] the file uses, not turned off
/// (`forwarded_allow_ips=None`), in the order of [`WORDS`].
pub fn read(bytes: &[u8]) -> Vec<Evidence> {
    static SEARCH: LazyLock<AhoCorasick> = LazyLock::new(|| {
        AhoCorasick::builder()
            .match_kind(MatchKind::LeftmostLongest)
            .build(WORDS)
            .unwrap_or_else(|error| panic!("the proxy words build no searcher: {error}"))
    });
    let mut first: Vec<Option<usize>> = vec![None; WORDS.len()];
    for hit in SEARCH.find_iter(bytes) {
        let (index, at) = (hit.pattern().as_usize(), hit.start());
        let word = WORDS[index];
        if first[index].is_none()
            && text::is_whole_name(bytes, at, word.len())
            && !text::in_comment(bytes, at)
            && !turned_off(bytes, at + word.len())
        {
            first[index] = Some(at);
        }
    }
    first
        .iter()
        .enumerate()
        .filter_map(|(index, at)| {
            Some(Evidence {
                word: WORDS[index],
                line: text::line_number(bytes, (*at)?),
            })
        })
        .collect()
}

/// Whether the name ending at `end` is given a false value (`=False`, `: 0`, `= None`).
fn turned_off(bytes: &[u8], end: usize) -> bool {
    let rest = &bytes[end..];
    let rest = rest
        .strip_prefix(b"\"")
        .or_else(|| rest.strip_prefix(b"'"))
        .unwrap_or(rest);
    let rest = trim_blanks(rest);
    let Some(rest) = rest.strip_prefix(b"=").or_else(|| rest.strip_prefix(b":")) else {
        return false;
    };
    let rest = trim_blanks(rest);
    [&b"False"[..], b"0", b"None", b"\"\"", b"''"]
        .iter()
        .any(|off| rest.starts_with(off))
}

fn trim_blanks(bytes: &[u8]) -> &[u8] {
    let start = bytes
        .iter()
        .position(|b| *b != b' ' && *b != b'\t')
        .unwrap_or(bytes.len());
    &bytes[start..]
}

#[cfg(test)]
mod tests {
    use super::*;

    fn evidence(code: &str) -> Vec<(&'static str, usize)> {
        read(code.as_bytes())
            .into_iter()
            .map(|e| (e.word, e.line))
            .collect()
    }

    #[test]
    fn each_use_that_trusts_a_proxy_is_evidence() {
        assert_eq!(
            evidence(
                "import uvicorn\n# forwarded_allow_ips='*'\nuvicorn.run(app, forwarded_allow_ips=None)\n\
                 uvicorn.run(app, proxy_headers=True, forwarded_allow_ips=\"*\")\n\
                 app.add_middleware(ProxyHeadersMiddleware, trusted_hosts=\"*\")\n"
            ),
            [("forwarded_allow_ips", 4), ("ProxyHeadersMiddleware", 5)]
        );
        assert_eq!(evidence("config = {\"forwarded_allow_ips\": \"\"}\n"), []);
        assert_eq!(evidence("uvicorn.run(app, proxy_headers=True)\n"), []);
    }

    #[test]
    fn every_word_belongs_to_a_server() {
        let groups: Vec<&str> = [ASGI_SERVERS, SANIC, AIOHTTP].concat();
        assert_eq!(groups, WORDS);
    }
}
