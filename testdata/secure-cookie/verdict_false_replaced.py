# secure=False is insecure: only the value becomes True.
from flask import Flask, make_response

app = Flask(__name__)


@app.route("/login", methods=["POST"])
def login():
    response = make_response("ok")
    response.set_cookie("session_id", "abc", secure=False)
    response.set_cookie("remember", "1", secure=False, httponly=True)
    return response
