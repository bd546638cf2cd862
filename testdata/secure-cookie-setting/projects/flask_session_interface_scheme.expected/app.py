from flask import Flask

from .sessions import AppSessionInterface

app = Flask(__name__)
app.config["SECRET_KEY"] = "change me"
# The interface gives the session cookie Secure on every HTTPS request.
app.session_interface = AppSessionInterface()
