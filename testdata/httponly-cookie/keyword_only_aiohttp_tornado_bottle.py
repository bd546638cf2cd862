# aiohttp (httponly=None sets no flag), Tornado and Bottle take httponly by keyword only.
from aiohttp import web


async def handler(request):
    resp = web.Response(text="ok")
    resp.set_cookie("session", "abc", secure=True)
    resp.set_cookie("none", "v", secure=True, httponly=None)
    resp.set_cookie("splat", "v", **request.app["cookie_options"])
    return resp
