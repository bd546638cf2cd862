from flask import Flask

app = Flask(__name__)
app.config["SECRET_KEY"] = "dev"
# The rest of the configuration comes from a file this one does not show.
app.config.from_pyfile("settings.cfg", silent=True)
app.config.update({"SESSION_COOKIE_SECURE": False})
