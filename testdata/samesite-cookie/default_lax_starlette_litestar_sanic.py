# Starlette, FastAPI, Litestar and Sanic set samesite="lax" by default: only a falsy
# literal is fixed.
from fastapi import FastAPI
from fastapi.responses import JSONResponse
from litestar.datastructures import Cookie

app = FastAPI()


@app.get("/")
def index():
    response = JSONResponse({})
    response.set_cookie("session", "abc", secure=True)
    response.set_cookie("none", "v", secure=True, samesite=None)
    return response


cookies = [
    Cookie(key="a", value="1", secure=True),
    Cookie(key="b", value="2", secure=True, samesite=None),
]
