# A single *args or **kwargs argument is not a plain positional: the call is review (secure may hide in it).
from flask import Flask, make_response

app = Flask(__name__)


@app.route("/")
def index():
    response = make_response("ok")
    args = ("session", "abc")
    response.set_cookie(*args)
    options = {"key": "theme", "value": "dark"}
    response.set_cookie(**options)
    return response
