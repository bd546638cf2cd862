# FastAPI: Response.set_cookie (Starlette's) with keyword arguments and with secure=None at index 6.
from fastapi import FastAPI, Response

app = FastAPI()


@app.post("/login")
def login(response: Response):
    response.set_cookie(key="access_token", value="Bearer abc", httponly=True)
    return {"ok": True}


@app.post("/consent")
def consent(response: Response):
    response.set_cookie("consent", "yes", 86400, None, "/", None, None)
    return {"ok": True}
