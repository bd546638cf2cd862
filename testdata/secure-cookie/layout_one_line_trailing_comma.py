# Rule 3: a one-line call with a trailing comma gets ", secure=True" before that comma.
from flask import Flask, make_response

app = Flask(__name__)


@app.route("/")
def index():
    response = make_response("home")
    response.set_cookie("visited", "yes",)
    response.set_cookie("theme", "dark", max_age=600,)
    return response
