from flask import Flask


class Config:
    SECRET_KEY = "dev"


class ProductionConfig(Config):
    SESSION_COOKIE_SECURE = True


app = Flask(__name__)
app.secret_key = "dev"
app.config.setdefault("SESSION_COOKIE_SECURE", True)
