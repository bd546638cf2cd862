# A single *args or **kwargs argument is not a plain positional: secure may hide in it. *args stays for
# review; a dict the function writes out, without "secure", gets secure=True after it.
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
