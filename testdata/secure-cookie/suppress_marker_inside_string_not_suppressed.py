# Marker text inside a string is not a comment, on the call's line or the line above.
from flask import Flask, make_response

app = Flask(__name__)


@app.route("/")
def index():
    response = make_response("ok")
    response.set_cookie("note", "# nosec")
    message = "# cookie-fix: ignore"
    response.set_cookie("msg", message)
    response.set_cookie("sonar", "NOSONAR",
                        max_age=60)
    return response
