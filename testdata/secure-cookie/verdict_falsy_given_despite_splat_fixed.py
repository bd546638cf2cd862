# secure given explicitly (keyword or position 6) decides even when the call also unpacks *args or **kwargs.
from flask import Flask, make_response

app = Flask(__name__)

COOKIE_DEFAULTS = {"httponly": True, "samesite": "Lax"}


@app.route("/")
def index(*extra):
    response = make_response("ok")
    response.set_cookie("token", "abc", secure=False, **COOKIE_DEFAULTS)
    response.set_cookie(*extra, secure=None)
    response.set_cookie("lang", "en", 3600, None, "/", None, False, *extra)
    return response
