# httponly-cookie on Werkzeug's signature (Flask, Quart, Django): httponly is the 8th
# argument; secure-cookie's fixes come in the same edit.
from flask import Flask, make_response

app = Flask(__name__)


@app.route("/login")
def login():
    resp = make_response("ok")
    resp.set_cookie("session", "abc")
    resp.set_cookie("prefs", "dark", secure=True, httponly=False)
    resp.set_cookie("slot", "v", None, None, "/", None, True, 0)
    resp.set_cookie("flag", "v", secure=True, httponly=app.debug)
    resp.set_cookie("ok", "v", secure=True, httponly=True)
    resp.set_cookie(
        "exploded",
        "v",
        secure=True,
    )
    return resp


@app.route("/form")
def form():
    resp = make_response("form")
    # Page scripts read these by design: review, never fixed.
    resp.set_cookie("csrftoken", "t", secure=True)
    resp.set_cookie(key="XSRF-TOKEN", value="t", secure=True, httponly=False)
    resp.set_cookie("_xsrf", "t", secure=True, httponly=True)
    return resp
