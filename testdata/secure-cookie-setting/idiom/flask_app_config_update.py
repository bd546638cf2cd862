import os

from flask import Flask, session


def create_app():
    app = Flask(__name__)
    app.config.update(
        SECRET_KEY=os.environ["SECRET_KEY"],
        TESTING=os.getenv("APP_TESTING", "0") == "1",
        SESSION_COOKIE_HTTPONLY=True,
    )
    return app


def remember(user):
    session["user"] = user
