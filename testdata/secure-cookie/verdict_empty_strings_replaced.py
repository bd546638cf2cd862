# secure="" and secure='' are falsy: each value becomes True, whatever the quote style.
from flask import Flask, make_response

app = Flask(__name__)


@app.route("/")
def index():
    response = make_response("ok")
    response.set_cookie("a", "1", secure="")
    response.set_cookie('b', '2', secure='')
    return response
