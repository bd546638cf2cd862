# A local def whose secure defaults to True: a call without secure is secure; an explicit False is still fixed.
from flask import Flask, make_response

app = Flask(__name__)


class CookieWriter:
    def __init__(self, response):
        self.response = response

    def set_cookie(self, key, value, secure=True):
        self.response.set_cookie(key, value, secure=secure, httponly=True)


@app.route("/")
def index():
    response = make_response("ok")
    writer = CookieWriter(response)
    writer.set_cookie("session", "abc")
    writer.set_cookie("debug", "1", False)
    return response
