# Both rules in one file: a session middleware and a set_cookie call, each fixed by its own rule.
from fastapi import FastAPI, Response
from starlette.middleware.sessions import SessionMiddleware

app = FastAPI()
app.add_middleware(SessionMiddleware, secret_key="k")


@app.get("/")
def index(response: Response):
    response.set_cookie("seen", "1")
    return {}
