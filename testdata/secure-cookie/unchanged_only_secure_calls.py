# Every call already sets a truthy secure: nothing to fix, output identical.
from flask import Flask, make_response

app = Flask(__name__)


@app.route("/")
def index():
    response = make_response("ok")
    response.set_cookie("session", "abc", secure=True, httponly=True, samesite="Lax")
    response.set_cookie(
        "theme",
        "dark",
        secure=True,
    )
    response.set_cookie("lang", "en", 3600, None, "/", None, True)
    return response
