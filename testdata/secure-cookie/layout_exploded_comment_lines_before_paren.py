# Rule 2: comment lines between the last argument and ")" stay below the new secure line.
from flask import Flask, make_response

app = Flask(__name__)


@app.route("/lang/<lang>")
def set_lang(lang):
    response = make_response("ok")
    response.set_cookie(
        "lang",
        lang,
        # keep it for a year
        # (matches the CDN cache)
    )
    response.set_cookie(
        "region",
        "eu"

        # a blank line above and no trailing comma
    )
    return response
