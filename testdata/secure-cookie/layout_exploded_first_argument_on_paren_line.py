# Rule 2: the first argument sits on the "(" line, but the last argument and ")" each start a line.
from flask import Flask, make_response

app = Flask(__name__)


@app.route("/")
def index():
    token = "t0k3n"
    response = make_response("ok")
    response.set_cookie("session_id",
                        token,
    )
    return response
