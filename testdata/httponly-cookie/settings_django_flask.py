# Settings that create the session, login and CSRF cookies without HttpOnly. Each is
# True by default, so only a falsy value given is read; CSRF_COOKIE_HTTPONLY, whose
# cookie page scripts read by design, is left for review.
from flask import Flask

SESSION_COOKIE_HTTPONLY = False
CSRF_COOKIE_HTTPONLY = False

app = Flask(__name__)
app.config["REMEMBER_COOKIE_HTTPONLY"] = 0
app.config.update(SESSION_COOKIE_HTTPONLY=os.environ.get("HTTPONLY"))


class Config:
    REMEMBER_COOKIE_HTTPONLY = False


def make_settings():
    SESSION_COOKIE_HTTPONLY = False  # a local variable, no setting
    return locals()
