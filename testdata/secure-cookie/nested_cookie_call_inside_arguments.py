# A cookie call inside another cookie call's arguments: each is judged and fixed on its own.
from flask import Flask, make_response

app = Flask(__name__)


@app.route("/")
def index():
    outer = make_response("outer")
    inner = make_response("inner")
    outer.set_cookie("first", "1", max_age=inner.set_cookie("inner", "2") or 60)
    outer.set_cookie(
        "exploded",
        str(inner.set_cookie("nested", "3", secure=False)),
    )
    outer.set_cookie("review", "4", secure=inner.set_cookie("flag", "5") is None)
    outer.set_cookie("last", inner.set_cookie("a", "b"))
    return outer
