# A cookie-fix: ignore, NOSONAR or nosec comment on the call's line suppresses it.
from flask import Flask, make_response

app = Flask(__name__)


@app.route("/")
def index():
    response = make_response("ok")
    response.set_cookie("debug", "1")  # cookie-fix: ignore
    response.set_cookie("legacy", "1", secure=False)  # NOSONAR
    response.set_cookie("intranet", "1")  # nosec B614 - intranet only
    return response
