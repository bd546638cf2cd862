# A marker two lines above the call does not suppress it.
from flask import Flask, make_response

app = Flask(__name__)


@app.route("/")
def index():
    response = make_response("ok")
    # cookie-fix: ignore

    response.set_cookie("debug", "1")
    # nosec
    response.set_cookie("a", "1")
    response.set_cookie("b", "2")
    return response
