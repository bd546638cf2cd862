# aiohttp: secure is keyword-only, so a falsy 7th positional argument is not secure and secure=True is inserted.
from aiohttp import web

routes = web.RouteTableDef()


@routes.get("/")
async def index(request):
    response = web.Response(text="hello")
    response.set_cookie("AIOHTTP_SESSION", "abc", None, None, None, "/", False)
    response.set_cookie("visits", "1", max_age=60, httponly=True)
    response.set_cookie("lang", "en", secure=None)
    return response
