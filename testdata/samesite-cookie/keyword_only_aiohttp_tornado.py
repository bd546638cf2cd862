# aiohttp and Tornado take samesite by keyword only; None sets no policy.
from aiohttp import web


async def handler(request):
    resp = web.Response(text="ok")
    resp.set_cookie("session", "abc", secure=True)
    resp.set_cookie("none", "v", secure=True, samesite=None)
    resp.set_cookie("policy", "v", secure=True, samesite="Strict")
    return resp
