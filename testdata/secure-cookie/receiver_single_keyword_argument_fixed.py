# A single keyword argument is not a plain positional: the call is checked and fixed.
from flask import Flask, make_response

app = Flask(__name__)


@app.route("/")
def index():
    response = make_response("ok")
    response.set_cookie(key="session")
    return response
