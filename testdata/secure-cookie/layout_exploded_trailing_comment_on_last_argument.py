# Rule 2: the new line goes after the trailing comma and the comment on the last argument's line.
from flask import Flask, make_response

app = Flask(__name__)


@app.route("/prefs")
def prefs():
    response = make_response("saved")
    response.set_cookie(
        "theme",
        "dark",  # user preference, not sensitive
    )
    response.set_cookie(
        "lang",
        "en"  # no trailing comma here
    )
    return response
