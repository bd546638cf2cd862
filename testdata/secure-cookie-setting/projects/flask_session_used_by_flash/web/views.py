from flask import (
    flash,
    redirect,
)

from . import app


@app.route("/saved")
def saved():
    flash("Saved.")
    return redirect("/")
