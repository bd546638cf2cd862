# No cookie call name appears in this file (cookies set through headers): nothing changes.
from flask import Flask, make_response

app = Flask(__name__)


@app.route("/")
def index():
    response = make_response("ok")
    response.headers["Set-Cookie"] = "session=abc; Path=/"
    return response
