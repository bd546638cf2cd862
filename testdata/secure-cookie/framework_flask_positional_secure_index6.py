# Flask: secure is positional index 6; a falsy 7th argument is replaced, 6 arguments mean secure is missing.
from flask import Flask, make_response

app = Flask(__name__)


@app.route("/remember")
def remember():
    response = make_response("remembered")
    response.set_cookie("remember_token", "t0k3n", 3600, None, "/", None, False)
    response.set_cookie("theme", "dark", 3600, None, "/", None, False, True)
    response.set_cookie("lang", "en", 3600, None, "/", None)
    response.set_cookie("tz", "UTC", 3600, None, "/", None, True)
    return response
