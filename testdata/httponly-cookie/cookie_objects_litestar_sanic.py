# Litestar's Cookie (httponly defaults to None: no flag) and Sanic's add_cookie
# (httponly=False by default).
from litestar.datastructures import Cookie
from sanic import Sanic

app = Sanic("app")

cookie = Cookie(key="session", value="abc", secure=True)


@app.get("/")
async def index(request):
    response = await request.respond()
    response.add_cookie("session", "abc")
    response.add_cookie("other", "v", httponly=True)
    return response
