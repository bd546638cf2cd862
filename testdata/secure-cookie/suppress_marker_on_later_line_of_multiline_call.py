# A marker on any line a multi-line call spans (first, middle or closing line) suppresses it.
from flask import Flask, make_response

app = Flask(__name__)


@app.route("/")
def index():
    response = make_response("ok")
    response.set_cookie(
        "legacy",
        "1",  # NOSONAR: served over plain HTTP inside the VPN
    )
    response.set_cookie(
        "debug",
        "1",
    )  # cookie-fix: ignore
    response.set_cookie("intranet",
                        "1")  # nosec
    response.set_cookie(  # nosec
        "kiosk",
        "1",
    )
    return response
