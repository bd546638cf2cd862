import os

from flask import Flask, session

app = Flask(__name__)
app.config["SECRET_KEY"] = os.environ["SECRET_KEY"]  # from the environment
app.config["REMEMBER_COOKIE_SECURE"] = False


@app.route("/")
def index():
    session["visits"] = session.get("visits", 0) + 1
    return str(session["visits"])


def create_admin_app():
    admin = Flask("admin")
    admin.secret_key = os.urandom(24)
    admin.config.update(JWT_COOKIE_SECURE=0)
    return admin


def create_api_app():
    api = Flask('api')
    api.config.from_mapping(SECRET_KEY='dev', DATABASE='api.sqlite')
    return api
