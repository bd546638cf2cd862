# A file with a syntax error is refused and left byte-identical, although it holds an insecure call.
from flask import Flask, make_response

app = Flask(__name__)


@app.route("/")
def index(:
    response = make_response("ok")
    response.set_cookie("session", "abc")
    return response
