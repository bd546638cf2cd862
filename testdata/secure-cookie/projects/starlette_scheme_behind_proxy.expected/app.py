from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import JSONResponse, RedirectResponse
from starlette.routing import Route


async def login(request):
    response = RedirectResponse("/")
    response.set_cookie("session", "token", httponly=True, secure=request.url.scheme == "https")
    return response


def logout(req: Request):
    response = JSONResponse({})
    response.set_cookie("session", "", max_age=0, secure=req.url.scheme == "https")
    return response


def remember(response, token):
    # No request here: the fix stays True.
    response.set_cookie("remember", token, secure=True)


def preferences(http_request: Request):
    response = JSONResponse({})
    response.set_cookie("theme", "dark", secure=http_request.url.scheme == "https")
    return response


app = Starlette(routes=[Route("/login", login), Route("/logout", logout)])
