import environ

from flask import Flask

env = environ.Env(FLASK_DEBUG=(bool, False))


class Config:
    SECRET_KEY = "dev"
    DEBUG = env("FLASK_DEBUG")
    REMEMBER_COOKIE_SECURE = False


app = Flask(__name__)
app.config.from_object(Config)
