# Rule 2: the last argument spans lines; the new line follows its last line, indented like its first line.
import json

from flask import Flask, jsonify

app = Flask(__name__)


@app.route("/prefs")
def prefs():
    response = jsonify(ok=True)
    response.set_cookie(
        "prefs",
        json.dumps({
            "theme": "dark",
            "lang": "fr",
        }),
    )
    response.set_cookie(
        "layout",
        json.dumps(
            {"sidebar": "left"}
        )
    )
    return response
