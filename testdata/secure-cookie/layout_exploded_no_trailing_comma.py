# Rule 2: an exploded call without a trailing comma gets "," after the last argument and a new "secure=True" line.
from flask import Flask, make_response, redirect

app = Flask(__name__)


@app.route("/login", methods=["POST"])
def login():
    response = make_response(redirect("/"))
    response.set_cookie(
        "session_id",
        "abc123",
        httponly=True
    )
    return response
