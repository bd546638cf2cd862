//! Which frameworks' test clients keep a Secure cookie to themselves over plain HTTP,
//! and how each framework's handler tests the request's scheme (DESIGN.md section 10).
//!
//! A cookie jar does what a browser does: it sends a Secure cookie back only over
//! HTTPS. The clients built on httpx (httpx 0.29 httpx/_models.py:1110-1115 asks
//! Python's `http.cookiejar`, whose `DefaultCookiePolicy.return_ok_secure` holds a
//! Secure cookie back from an `http` URL) and aiohttp's do; Quart's, Werkzeug's and
//! Django's test clients send every cookie, whatever its flag, so those suites never
//! notice. Each row was probed: a cookie set with `secure=True` on one route, read on
//! another, through the client over `http://` and `https://`. A new framework is a row
//! in [`FRAMEWORKS`].

use crate::project::proxies;
use crate::project::test_clients::Client;

/// A framework's handlers and its test clients.
pub struct Framework {
    pub name: &'static str,
    /// First components of the imports that identify it.
    pub modules: &'static [&'static str],
    /// The request's scheme test in its spelling, `{}` standing for the request's name;
    /// DESIGN.md section 8 reads it as follows-scheme.
    pub scheme_test: &'static str,
    /// A name the framework's module gives handlers for the current request (Quart's
    /// `request`), besides a handler's own parameter.
    pub request_global: Option<&'static str>,
    /// What a project uses that makes its handlers' scheme the one the client used
    /// behind a proxy (see [`crate::project::proxies`]).
    pub learns_scheme_from: &'static [&'static str],
    pub clients: &'static [TestClient],
}

/// A test client, and what it does with a Secure cookie over `http://`.
pub struct TestClient {
    pub client: Client,
    /// Whether it keeps a Secure cookie to itself on an `http://` request.
    pub drops_secure_over_http: bool,
}

/// httpx's clients, which tests of any ASGI framework construct around the app
/// (`AsyncClient(transport=ASGITransport(app), base_url="http://test")`): httpx 0.28
/// httpx/_models.py `Cookies.set_cookie_header` asks `http.cookiejar.CookieJar`
/// (`DefaultCookiePolicy.return_ok_secure`). The base URL is the test's own: only its
/// scheme is changed.
const HTTPX: TestClient = TestClient {
    client: Client {
        constructor: "AsyncClient",
        imported_from: &["httpx"],
        takes_base_url: true,
        https_base_url: None,
    },
    drops_secure_over_http: true,
};

pub const FRAMEWORKS: &[Framework] = &[
    Framework {
        // starlette 1.10 starlette/testclient.py:448: `TestClient(app, base_url=
        // "http://testserver", ...)`, an httpx (or httpx2) client; fastapi 0.165
        // fastapi/testclient.py:1 re-exports it. Probed: a Secure cookie is kept in the
        // jar and not sent over http://, sent over https://. starlette/requests.py:
        // `request.url.scheme` is the ASGI scope's scheme, which the server's proxy
        // handling sets.
        name: "Starlette",
        modules: &["starlette", "fastapi"],
        scheme_test: "{}.url.scheme == \"https\"",
        request_global: None,
        learns_scheme_from: proxies::ASGI_SERVERS,
        clients: &[
            TestClient {
                client: Client {
                    constructor: "TestClient",
                    imported_from: &["starlette.testclient", "fastapi.testclient"],
                    takes_base_url: true,
                    https_base_url: Some("https://testserver"),
                },
                drops_secure_over_http: true,
            },
            HTTPX,
        ],
    },
    Framework {
        // litestar 2.25 litestar/testing/client/sync_client.py:38, async_client.py:38,
        // base.py:113: `TestClient(app, base_url="http://testserver.local", ...)`,
        // `AsyncTestClient` alike, both httpx clients (probed: drop a Secure cookie over
        // http://).
        name: "Litestar",
        modules: &["litestar"],
        scheme_test: "{}.url.scheme == \"https\"",
        request_global: None,
        learns_scheme_from: proxies::ASGI_SERVERS,
        clients: &[
            TestClient {
                client: Client {
                    constructor: "TestClient",
                    imported_from: &["litestar.testing"],
                    takes_base_url: true,
                    https_base_url: Some("https://testserver.local"),
                },
                drops_secure_over_http: true,
            },
            TestClient {
                client: Client {
                    constructor: "AsyncTestClient",
                    imported_from: &["litestar.testing"],
                    takes_base_url: true,
                    https_base_url: Some("https://testserver.local"),
                },
                drops_secure_over_http: true,
            },
            HTTPX,
        ],
    },
    Framework {
        // sanic-testing 24.6 sanic_testing/testing.py: `SanicASGITestClient`
        // (`app.asgi_client`, :332, base `http://mockserver:1234`) is an httpx client
        // that drops a Secure cookie over http:// (probed); `SanicTestClient`
        // (`app.test_client`, :82-98) makes a new httpx client per request, so a test
        // passes the cookies on itself, and a jar (`cookies=response.cookies`) drops the
        // Secure one. sanic 25.12 sanic/request/types.py:958-989: `request.scheme`
        // honours the forwarded headers its configuration trusts.
        name: "Sanic",
        modules: &["sanic"],
        scheme_test: "{}.scheme == \"https\"",
        request_global: None,
        learns_scheme_from: proxies::SANIC,
        clients: &[
            TestClient {
                client: Client {
                    constructor: "test_client",
                    imported_from: &["sanic"],
                    takes_base_url: false,
                    https_base_url: None,
                },
                drops_secure_over_http: true,
            },
            TestClient {
                client: Client {
                    constructor: "asgi_client",
                    imported_from: &["sanic"],
                    takes_base_url: false,
                    https_base_url: None,
                },
                drops_secure_over_http: true,
            },
        ],
    },
    Framework {
        // aiohttp 3.14 aiohttp/test_utils.py:304: `TestClient` keeps a
        // `CookieJar(unsafe=True)` (IP hosts allowed), whose `filter_cookies` leaves out
        // a Secure cookie for a URL that is not https (aiohttp/cookiejar.py:710-726,
        // probed); the server it starts speaks plain HTTP. aiohttp/web_request.py:454:
        // `request.scheme`, https where the connection has TLS or a middleware
        // (aiohttp-remotes) says so.
        name: "aiohttp",
        modules: &["aiohttp"],
        scheme_test: "{}.scheme == \"https\"",
        request_global: None,
        learns_scheme_from: proxies::AIOHTTP,
        clients: &[
            TestClient {
                client: Client {
                    constructor: "aiohttp_client",
                    imported_from: &["aiohttp"],
                    takes_base_url: false,
                    https_base_url: None,
                },
                drops_secure_over_http: true,
            },
            TestClient {
                client: Client {
                    constructor: "TestClient",
                    imported_from: &["aiohttp.test_utils"],
                    takes_base_url: false,
                    https_base_url: None,
                },
                drops_secure_over_http: true,
            },
        ],
    },
    Framework {
        // quart 0.22 quart/testing/client.py:428-430 (also 157, 198, 348): the client
        // sends every cookie of its jar, Secure or not, whatever the request's scheme
        // (probed with quart 0.22.0). quart/wrappers/base.py: `request.scheme`.
        name: "Quart",
        modules: &["quart"],
        scheme_test: "{}.scheme == \"https\"",
        request_global: Some("request"),
        learns_scheme_from: proxies::ASGI_SERVERS,
        clients: &[TestClient {
            client: Client {
                constructor: "test_client",
                imported_from: &["quart"],
                takes_base_url: false,
                https_base_url: None,
            },
            drops_secure_over_http: false,
        }],
    },
    Framework {
        // werkzeug 3.1 werkzeug/test.py:939-961, 1415-1429: the client sends every
        // cookie whose domain and path match (`Cookie._matches_request`), Secure or not
        // (probed with werkzeug 3.1.9, flask 3.1.3).
        name: "Flask",
        modules: &["flask", "werkzeug"],
        scheme_test: "{}.is_secure",
        request_global: Some("request"),
        learns_scheme_from: &[],
        clients: &[TestClient {
            client: Client {
                constructor: "test_client",
                imported_from: &["flask"],
                takes_base_url: false,
                https_base_url: None,
            },
            drops_secure_over_http: false,
        }],
    },
    Framework {
        // django 5.2 django/test/client.py:394-415: `Client` puts every cookie of its
        // `SimpleCookie` into `HTTP_COOKIE`, whatever its flags (probed with 5.2.20).
        name: "Django",
        modules: &["django"],
        scheme_test: "{}.is_secure()",
        request_global: None,
        learns_scheme_from: &[],
        clients: &[TestClient {
            client: Client {
                constructor: "Client",
                imported_from: &["django.test"],
                takes_base_url: false,
                https_base_url: None,
            },
            drops_secure_over_http: false,
        }],
    },
];

/// The framework of a file that imports `modules` (first components), if one.
pub fn framework_of<'a>(modules: impl IntoIterator<Item = &'a str>) -> Option<&'static Framework> {
    let modules: Vec<&str> = modules.into_iter().collect();
    FRAMEWORKS
        .iter()
        .find(|framework| framework.modules.iter().any(|m| modules.contains(m)))
}

impl Framework {
    /// The clients that keep a Secure cookie to themselves over plain HTTP.
    pub fn dropping(&self) -> Vec<Client> {
        self.clients
            .iter()
            .filter(|c| c.drops_secure_over_http)
            .map(|c| c.client)
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_file_is_of_the_framework_it_imports() {
        assert_eq!(
            framework_of(["os", "fastapi"]).map(|f| f.name),
            Some("Starlette")
        );
        assert_eq!(framework_of(["quart"]).map(|f| f.name), Some("Quart"));
        assert!(framework_of(["quart"]).is_some_and(|f| f.dropping().is_empty()));
        assert!(framework_of(["os"]).is_none());
        assert!(framework_of(["flask"]).is_some_and(|f| f.dropping().is_empty()));
    }
}
