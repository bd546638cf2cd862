# Sanic's add_cookie: `secure` is keyword-only and True by default; only an explicit
# falsy value is fixed, on the response or on its cookie jar.
from sanic import Sanic
from sanic.response import text

app = Sanic("app")


@app.get("/")
async def index(request):
    response = text("ok")
    response.add_cookie("sid", "abc")
    response.add_cookie("theme", "dark", secure=False)
    response.cookies.add_cookie("lang", "en", httponly=True, secure=None)
    response.cookies.add_cookie("debug", "1", secure=app.config.DEBUG)
    return response
