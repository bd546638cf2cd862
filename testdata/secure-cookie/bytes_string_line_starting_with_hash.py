# A string line that starts with `#` is not a comment, even where the string ends on it:
# blanking it as a comment would swallow the closing quotes and shift every string after.
from flask import Flask, make_response

app = Flask(__name__)

HELP = """Cookie settings.
# see the docs"""


@app.route("/")
def index():
    response = make_response("ok")
    response.set_cookie("session", "abc")
    return response


NOTE = """
response.set_cookie("not", "code")
"""
