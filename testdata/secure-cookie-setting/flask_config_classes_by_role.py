# Config classes by their role: the production class takes the missing setting, the
# base it extends (shared by development and tests) does not, and a test or development
# class keeps its own choice.
import os


class Config:
    SECRET_KEY = os.environ.get("SECRET_KEY")
    SQLALCHEMY_TRACK_MODIFICATIONS = False


class DevelopmentConfig(Config):
    DEBUG = True


class TestingConfig(Config):
    TESTING = True
    SESSION_COOKIE_SECURE = False


class ProductionConfig(Config):
    PREFERRED_URL_SCHEME = "https"
