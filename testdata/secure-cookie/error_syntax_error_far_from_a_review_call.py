# Only the lines around cookie calls are parsed unless a fix is due: a syntax error
# elsewhere in a file with nothing to fix goes unreported, and the review is given.
from flask import Flask, make_response

app = Flask(__name__)


@app.route("/")
def index():
    response = make_response("ok")
    response.set_cookie("session", "abc", secure=settings.SECURE_COOKIES)
    return response


total = = 1
