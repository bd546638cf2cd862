import os

from flask import Flask, session

app = Flask(__name__)
app.config["DEBUG"] = os.environ.get("MYAPP_DEBUG", "false").lower() == "true"
app.config["SECRET_KEY"] = os.environ["SECRET_KEY"]


def remember(user):
    session["user"] = user
