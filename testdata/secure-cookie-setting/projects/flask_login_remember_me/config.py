import os


class Config:
    SECRET_KEY = os.environ.get("SECRET_KEY", "dev")


class ProductionConfig(Config):
    SESSION_COOKIE_SECURE = True


class DevelopmentConfig(Config):
    DEBUG = True
