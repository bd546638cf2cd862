# Rule 1: an empty argument list f() becomes f(secure=True).
from flask import Flask, make_response

app = Flask(__name__)


@app.route("/touch")
def touch():
    response = make_response("ok")
    response.set_cookie()
    return response
