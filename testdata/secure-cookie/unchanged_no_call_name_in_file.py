# No cookie call name appears in this file: secure-cookie changes nothing (the header is
# secure-cookie-header's).
from flask import Flask, make_response

app = Flask(__name__)


@app.route("/")
def index():
    response = make_response("ok")
    response.headers["Set-Cookie"] = "session=abc; Path=/"
    return response
