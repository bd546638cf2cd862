# A parenthesised falsy value is replaced whole, parentheses included.
from flask import Flask, make_response

app = Flask(__name__)


@app.route("/")
def index():
    response = make_response("ok")
    response.set_cookie("a", "1", secure=(False))
    response.set_cookie("b", "2", secure=((None)), httponly=True)
    return response
