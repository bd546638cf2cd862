# A Flask view named set_cookie is not the method resp.set_cookie() calls: its calls are fixed as usual.
from flask import Flask, make_response

app = Flask(__name__)


@app.route("/set")
def set_cookie():
    resp = make_response("cookie set")
    resp.set_cookie("visited", "yes")
    return resp


@app.route("/signed")
def set_signed_cookie():
    resp = make_response("signed")
    resp.set_cookie("visited", "yes", 60, None, "/", None, False)
    return resp
