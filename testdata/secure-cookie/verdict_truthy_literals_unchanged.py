# True and other truthy literals (1, "yes") are secure: nothing changes.
from flask import Flask, make_response

app = Flask(__name__)


@app.route("/")
def index():
    response = make_response("ok")
    response.set_cookie("a", "1", secure=True)
    response.set_cookie("b", "2", secure=1)
    response.set_cookie("c", "3", secure="yes")
    response.set_cookie("d", "4", 3600, None, "/", None, True)
    return response
