# Missing secure in a call that unpacks *args or **kwargs: review, never edited.
from flask import Flask, make_response

app = Flask(__name__)

COOKIE_DEFAULTS = {"httponly": True, "samesite": "Lax"}


@app.route("/")
def index(*extra):
    response = make_response("ok")
    response.set_cookie("token", "abc", **COOKIE_DEFAULTS)
    response.set_cookie("extra", "1", *extra)
    response.set_cookie(*extra, max_age=60)
    return response
