"""A tiny Flask login/logout app whose cookies lack the Secure attribute."""
import secrets

from flask import Flask, make_response, redirect, request, url_for

app = Flask(__name__)

SESSIONS = {}


@app.route("/login", methods=["POST"])
def login():
    username = request.form["username"]
    token = secrets.token_urlsafe(32)
    SESSIONS[token] = username

    response = make_response(redirect(url_for("dashboard")))
    response.set_cookie(
        "session_token",
        token,
        max_age=60 * 60 * 24,
        httponly=True,
        samesite="Lax",
    )
    if request.form.get("remember"):
        response.set_cookie("remember_user", username, max_age=60 * 60 * 24 * 30)
    return response


@app.route("/dashboard")
def dashboard():
    username = SESSIONS.get(request.cookies.get("session_token", ""))
    if username is None:
        return redirect(url_for("login_form"))
    return f"Hello, {username}!"


@app.route("/login")
def login_form():
    return '<form method="post"><input name="username"><button>Log in</button></form>'


@app.route("/logout", methods=["POST"])
def logout():
    SESSIONS.pop(request.cookies.get("session_token", ""), None)
    response = make_response(redirect(url_for("login_form")))
    response.set_cookie("session_token", "", expires=0)
    return response
