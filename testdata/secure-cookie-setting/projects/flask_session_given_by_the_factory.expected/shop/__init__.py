# The factory gives SESSION_COOKIE_SECURE itself, after the config class it loads: a
# line in the classes would change nothing, whichever class is loaded.
from flask import Flask, session

from shop.config import config


def create_app(name):
    app = Flask(__name__)
    app.config.from_object(config[name])
    app.config.update(SESSION_COOKIE_HTTPONLY=True, SESSION_COOKIE_SECURE=True)
    return app
