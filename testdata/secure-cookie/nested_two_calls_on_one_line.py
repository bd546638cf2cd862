# Two cookie calls on the same line are both fixed.
from flask import Flask, make_response

app = Flask(__name__)


@app.route("/")
def index(remember=True):
    response = make_response("ok")
    response.set_cookie("a", "1"); response.set_cookie("b", "2", secure=False)
    response.set_cookie("c", "3") if remember else response.set_cookie("d", "4", secure=None)
    return response
