# Spaces around "=" are kept: "secure = False" becomes "secure = True".
from flask import Flask, make_response

app = Flask(__name__)


@app.route("/")
def index():
    response = make_response("ok")
    response.set_cookie("session_id", "abc", secure = False)
    response.set_cookie(
        "theme",
        "dark",
        secure =  0,
    )
    return response
