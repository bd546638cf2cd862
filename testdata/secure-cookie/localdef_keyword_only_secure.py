# A local def set_cookie(self, key, value, *, secure=False) takes secure by keyword only.
from flask import Flask, make_response

app = Flask(__name__)


class CookieSetter:
    def __init__(self, response):
        self.response = response

    def set_cookie(self, key, value, *, secure=False):
        self.response.set_cookie(key, value, httponly=True, secure=secure)


@app.route("/")
def index():
    setter = CookieSetter(make_response("ok"))
    setter.set_cookie("session", "abc")
    setter.set_cookie("theme", "dark", secure=0)
    return setter.response
