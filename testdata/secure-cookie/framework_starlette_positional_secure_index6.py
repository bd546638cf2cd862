# Starlette: Response.set_cookie has secure at positional index 6.
from starlette.applications import Starlette
from starlette.responses import Response
from starlette.routing import Route


async def homepage(request):
    response = Response("hello", media_type="text/plain")
    response.set_cookie("visited", "1", 600, None, "/", None, False, True, "lax")
    response.set_cookie("greeting", "hi", max_age=600)
    return response


app = Starlette(routes=[Route("/", homepage)])
