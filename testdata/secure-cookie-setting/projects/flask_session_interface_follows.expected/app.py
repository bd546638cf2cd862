from flask import Flask

from .sessions import CachingSessionInterface

app = Flask(__name__)
app.config["SECRET_KEY"] = "change me"
app.config["SESSION_COOKIE_SECURE"] = True
# The interface reads SESSION_COOKIE_SECURE: the setting decides.
app.session_interface = CachingSessionInterface()
