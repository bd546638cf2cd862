import os


class Config:
    SECRET_KEY = os.environ.get("SECRET_KEY", "dev")


class ProductionConfig(Config):
    USE_X_SENDFILE = os.environ.get("SHOP_USE_X_SENDFILE", "0") in ("1", "yes")
    SESSION_COOKIE_SECURE = True


class DevelopmentConfig(Config):
    DEBUG = True
