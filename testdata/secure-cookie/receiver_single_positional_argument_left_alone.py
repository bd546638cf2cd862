# A call whose only argument is one plain positional expression (a Cookie object) is left alone;
# the Litestar Cookie objects themselves are sinks (see object_litestar_cookie.py).
from litestar import Response, get
from litestar.datastructures import Cookie


@get("/")
async def index() -> Response[str]:
    response = Response("hello")
    response.set_cookie(Cookie(key="session", value="abc"))
    cookie = Cookie(key="theme", value="dark", secure=False)
    response.set_cookie(cookie)
    response.set_cookie(cookie,)
    return response
