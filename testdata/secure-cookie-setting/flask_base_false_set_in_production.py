# A false value in the base class that production extends: production sets the setting
# itself, so the development and test classes, which inherit the base's value too, keep
# plain HTTP; a production class that already sets it takes nothing.
import os


class BaseConfig(object):
    SECRET_KEY = os.environ.get("SECRET_KEY", "dev-key")
    SESSION_COOKIE_SECURE = False
    SESSION_COOKIE_SAMESITE = "Lax"


class DevelopmentConfig(BaseConfig):
    DEBUG = True


class TestingConfig(BaseConfig):
    TESTING = True


class ProductionConfig(BaseConfig):
    SQLALCHEMY_ECHO = False


class ServerConfig(BaseConfig):
    PREFERRED_URL_SCHEME = "https"
    SESSION_COOKIE_SECURE = True


config = {
    "development": DevelopmentConfig,
    "testing": TestingConfig,
    "production": ProductionConfig,
    "server": ServerConfig,
}
