# Flask responses: headers.add, headers.set, and a view's headers.
from flask import Flask, make_response

app = Flask(__name__)


@app.route("/")
def index():
    resp = make_response("ok")
    resp.headers.add("Set-Cookie", "sid=abc; HttpOnly")
    resp.headers.set("Set-Cookie", r"path=C:\temp")
    resp.headers.setdefault("Set-Cookie", "a=1" "; Path=/")
    resp.headers.add("Set-Cookie", "b=2", max_age=3)
    resp.headers.append("Set-Cookie", "c=3, d=4")
    resp.headers.add("Set-Cookie", "e=5\x3b Secure")
    resp.headers.getlist("Set-Cookie")
    return resp
