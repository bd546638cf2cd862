# Rule 3: the last argument starts a line but ")" follows it on the same line, so no new line is added.
from flask import Flask, make_response

app = Flask(__name__)


@app.route("/")
def index():
    token = "t0k3n"
    response = make_response("ok")
    response.set_cookie(
        "session_id",
        token)
    response.set_cookie(
        "theme",
        "dark",)
    return response
