# A name bound once, a parameter and its callers: the falsy literal is fixed where it is
# written when nothing but cookie flags read it; each call of a helper is judged at its
# argument; a helper nothing calls is judged by its parameter's default.
from flask import Flask, make_response

app = Flask(__name__)

SHARED = False
DEBUG_TOOLBAR = SHARED


def set_auth(response, token, secure):
    response.set_cookie("auth", token, secure=secure)


def set_theme(response, theme, secure=False):
    response.set_cookie("theme", theme, secure=secure)


@app.route("/login")
def login():
    response = make_response("ok")
    flag = False
    response.set_cookie("a", "1", secure=flag)
    response.set_cookie("b", "1", secure=SHARED)
    set_auth(response, "t", False)
    set_auth(response, "t", secure=True)
    return response


@app.route("/view/<secure>")
def view(secure):
    response = make_response("ok")
    response.set_cookie("c", "1", secure=secure)
    return response
