# A marker comment alone on the line just above the call suppresses it.
from flask import Flask, make_response

app = Flask(__name__)


@app.route("/")
def index():
    response = make_response("ok")
    # cookie-fix: ignore
    response.set_cookie("debug", "1")
    # NOSONAR - intranet only
    response.set_cookie("legacy", "1", secure=False)
    # nosec
    response.set_cookie(
        "kiosk",
        "1",
    )
    return response
