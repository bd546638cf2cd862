# A local classmethod set_cookie(cls, response, key, value, secure=False): secure is index 3 after cls.
from flask import Flask, make_response

app = Flask(__name__)


class CookieUtil:
    @classmethod
    def set_cookie(cls, response, key, value, secure=False):
        response.set_cookie(key, value, secure=secure)


@app.route("/")
def index():
    response = make_response("ok")
    CookieUtil.set_cookie(response, "session", "abc", False)
    CookieUtil.set_cookie(response, "theme", "dark")
    return response
