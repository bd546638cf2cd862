# Rule 2: the new line copies the indentation of the last argument's line, not of the first argument's.
from flask import Flask, make_response

app = Flask(__name__)


@app.route("/")
def index():
    token = "t0k3n"
    response = make_response("ok")
    response.set_cookie(
            "session_id",
        token,
    )
    return response
