# A marker after code on the line above belongs to that line, so it does not suppress the call below.
from flask import Flask, make_response

app = Flask(__name__)


@app.route("/")
def index():
    token = "hard-coded"  # nosec
    response = make_response("ok")
    response.set_cookie("token", token)
    response.set_cookie("a", "1")  # NOSONAR
    response.set_cookie("b", "2")
    return response
