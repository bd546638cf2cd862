# Litestar: Response.set_cookie(key, value, ...) has secure at index 6.
from litestar import Litestar, Response, get


@get("/")
async def index() -> Response[str]:
    response = Response("hello")
    response.set_cookie("litestar_sid", "abc", max_age=600)
    response.set_cookie("lang", "en", 600, None, "/", None, False)
    return response


app = Litestar(route_handlers=[index])
