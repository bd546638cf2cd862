from flask import Flask

app = Flask(__name__)
app.config["SECRET_KEY"] = "change me"
app.config["SESSION_COOKIE_SECURE"] = True

from . import views  # noqa: E402
