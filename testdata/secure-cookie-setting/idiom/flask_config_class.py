import os

from flask import Flask


class Config:
    SECRET_KEY = os.environ.get("SECRET_KEY", "dev")
    DEBUG = os.environ.get("FLASK_DEBUG", "0") == "1"
    REMEMBER_COOKIE_SECURE = False


app = Flask(__name__)
app.config.from_object(Config)
