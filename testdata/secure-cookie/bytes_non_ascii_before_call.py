# -*- coding: utf-8 -*-
# Non-ASCII identifiers and strings before the call on its line: the edits land at the right bytes.
from flask import Flask, make_response

app = Flask(__name__)


@app.route("/préférences")
def vue():
    réponse = make_response("d'accord ✓")
    réponse.set_cookie("clé", "välue")
    données = {"ü": 1}; réponse.set_cookie("préférence", "été", max_age=60, secure=False)
    réponse.set_cookie(
        "名前",
        "日本語🍪",
    )
    return réponse, données
