# A local def set_cookie(self, key, value, *args, secure=False): a falsy 7th positional is not secure, so secure=True is inserted.
from flask import Flask, make_response

app = Flask(__name__)


class CookieSetter:
    def __init__(self, response):
        self.response = response

    def set_cookie(self, key, value, *args, secure=False):
        self.response.set_cookie(key, value, *args, secure=secure)


@app.route("/")
def index():
    setter = CookieSetter(make_response("ok"))
    setter.set_cookie("session", "abc", 3600, None, "/", None, False)
    return setter.response
