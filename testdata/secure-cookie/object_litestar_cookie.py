# Litestar's Cookie: `secure` is its 7th field (key, path, value, max_age, expires,
# domain, secure) and defaults to None, which sets no flag.
from litestar import Response, get
from litestar.datastructures import Cookie
from litestar import datastructures
from http.cookiejar import Cookie as JarCookie


@get("/", response_cookies=[Cookie(key="theme", value="dark")])
async def index() -> Response[str]:
    response = Response("hello", cookies=[Cookie("sid", "/", "abc")])
    response.set_cookie(Cookie(key="session", value="abc"))
    flagged = Cookie("lang", "/", "en", None, None, None, False)
    other = datastructures.Cookie(key="a", secure=None)
    kept = Cookie(key="b", secure=True)
    opts = Cookie(key="c", **options)
    return response


def jar():
    return JarCookie(0, "sid", "abc", None, False, "example.com", True, False, "/", True, False, None, True, None, None, {})
