# UTF-8 file with a BOM: the BOM is kept and offsets are not shifted by it.
from flask import Flask, make_response

app = Flask(__name__)


@app.route("/")
def index():
    response = make_response("ok")
    response.set_cookie("session", "abc")
    response.set_cookie("theme", "dark", secure=False)
    return response
