from flask import Flask, jsonify

# A JSON API with token authentication: nothing is kept in the session.
app = Flask(__name__)
app.config["SECRET_KEY"] = "change me"


@app.route("/status")
def status():
    return jsonify(ok=True)
