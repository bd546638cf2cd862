from flask import Flask

from .sessions import AppSessionInterface

app = Flask(__name__)
app.config["SECRET_KEY"] = "change me"
# The project's own interface decides the session cookie's Secure: the setting would not.
app.session_interface = AppSessionInterface()
