# secure=0 is falsy: the value becomes True.
from starlette.responses import PlainTextResponse


async def index(request):
    response = PlainTextResponse("ok")
    response.set_cookie("visited", "1", secure=0, httponly=True)
    return response
