from flask import Blueprint
from flask_login import login_user

bp = Blueprint("auth", __name__)


@bp.route("/login", methods=["POST"])
def login(user, form):
    # The remember-me cookie, whose Secure REMEMBER_COOKIE_SECURE sets (False by default).
    login_user(user, remember=form.remember.data)
    return "ok"
