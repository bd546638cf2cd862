# Rule 3: hanging indent (arguments aligned after the open paren) gets ", secure=True" after the last argument.
from flask import Flask, make_response

app = Flask(__name__)


@app.route("/login", methods=["POST"])
def login():
    token = "t0k3n"
    response = make_response("ok")
    response.set_cookie("session_id",
                        token)
    response.set_cookie("remember_me",
                        "1",
                        max_age=86400)
    return response
