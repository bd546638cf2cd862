# Response receivers of many shapes are fixed, including names that only contain "client", "app" or "cookies".
from flask import Flask, make_response, redirect

app = Flask(__name__)


class Auth:
    def __init__(self, response):
        self.response = response
        self.client_response = response
        self.app_response = response
        self.cookies_response = response

    def remember(self, token):
        self.response.set_cookie("token", token)
        self.client_response.set_cookie("a", "1")
        self.app_response.set_cookie("b", "2")
        self.cookies_response.set_cookie("c", "3")


@app.route("/")
def index():
    make_response("hi").set_cookie("hello", "world")
    resp = redirect("/home")
    resp.set_cookie("from", "index")
    return resp
