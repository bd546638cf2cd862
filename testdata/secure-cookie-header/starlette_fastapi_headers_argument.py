# Starlette and FastAPI responses given a Set-Cookie header in headers=.
from fastapi import FastAPI
from fastapi.responses import JSONResponse
from starlette.responses import Response

app = FastAPI()


@app.get("/login")
def login():
    return JSONResponse({"ok": True}, headers={"Set-Cookie": "sid=abc; Path=/; HttpOnly"})


@app.get("/theme")
def theme():
    return Response(
        "ok",
        headers={
            "Content-Type": "text/plain",
            "set-cookie": "theme=dark;",  # the user's choice
        },
    )


@app.get("/held")
def held(token: str):
    headers = {"Set-Cookie": f"token={token}; Max-Age=3600"}
    return Response("ok", headers=headers)


@app.get("/already")
def already():
    return Response("ok", headers={"Set-Cookie": "sid=abc; secure; HttpOnly"})


@app.get("/value-named-secure")
def value_named_secure():
    return Response("ok", headers={"Set-Cookie": "flag=Secure"})


@app.get("/unused")
def unused():
    headers = {"Set-Cookie": "never=sent"}
    return Response("ok")
