# A deletion (an empty value that has expired) follows the cookie it deletes: fixed with
# it where the file sets it with a literal flag, left alone where its flag follows the
# request's scheme (a Secure deletion over plain HTTP would be ignored) or the file does
# not set it.
from datetime import datetime

from flask import Flask, make_response, request

app = Flask(__name__)


@app.route("/login")
def login():
    response = make_response("ok")
    response.set_cookie("sid", "token", httponly=True)
    response.set_cookie("theme", "dark", secure=request.is_secure)
    response.set_cookie("remember", "1", secure=True)
    return response


@app.route("/logout")
def logout():
    response = make_response("bye")
    response.set_cookie("sid", "", max_age=0)
    response.set_cookie("sid", expires=0)
    response.set_cookie("theme", "", expires=0)
    response.set_cookie("remember", "", expires="Thu, 01 Jan 1970 00:00:00 GMT")
    response.set_cookie("remember", "", expires=datetime(1970, 1, 1))
    response.set_cookie("orphan", "", max_age=-1)
    return response
