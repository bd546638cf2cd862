# A flag read from the environment or a configuration module is judged with the
# variable unset: a false default is made the one that turns the whole expression true,
# in the spelling its parse uses; a true default is settled.
import os

import configuration
from flask import Flask

app = Flask(__name__)

COOKIES_SECURE = os.environ.get("COOKIES_SECURE", "false").lower() == "true"


@app.route("/")
def index(response):
    response.set_cookie("a", "1", secure=os.getenv("APP_SECURE_COOKIES", "0") == "1")
    response.set_cookie("b", "1", secure=getattr(configuration, "SESSION_COOKIE_SECURE", False))
    response.set_cookie("c", "1", secure=COOKIES_SECURE)
    response.set_cookie("d", "1", secure=os.getenv("PRODUCTION", "True") == "True")
    # No default, and nothing the file could change: review.
    response.set_cookie("e", "1", secure=os.environ.get("HTTPS") == "on")
    return response
