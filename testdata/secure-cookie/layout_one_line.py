# Rule 3: a call on one line gets ", secure=True" right after its last argument.
from flask import Flask, make_response

app = Flask(__name__)


@app.route("/login", methods=["POST"])
def login():
    response = make_response("welcome")
    response.set_cookie("session_id", "abc123")
    response.set_cookie("remember", "1", max_age=30 * 24 * 3600, httponly=True)
    return response
