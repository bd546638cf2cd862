# Missing secure among other keyword arguments: insecure, secure=True is inserted after the last one.
from flask import Flask, make_response

app = Flask(__name__)


@app.route("/login", methods=["POST"])
def login():
    response = make_response("ok")
    response.set_cookie("session_id", "abc", max_age=3600, httponly=True, samesite="Lax")
    response.set_cookie(key="csrf", value="xyz", path="/")
    return response
