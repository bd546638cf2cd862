# A local def set_cookie(self, key, value, secure=False) is the signature: the 3rd positional argument is secure.
from flask import Flask, make_response

app = Flask(__name__)


class CookieHelper:
    def __init__(self, response):
        self._response = response

    def set_cookie(self, key, value, secure=False):
        self._response.set_cookie(key, value, httponly=True, secure=secure)


@app.route("/")
def index():
    response = make_response("ok")
    helper = CookieHelper(response)
    helper.set_cookie("session", "abc", False)
    helper.set_cookie("theme", "dark")
    helper.set_cookie("lang", "en", True)
    return response
