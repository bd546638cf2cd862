class Config:
    SECRET_KEY = "dev"


class LocalConfig(Config):
    # Local development over plain HTTP: a choice for review, not a fix.
    DEBUG = True
    SESSION_COOKIE_SECURE = False
    REMEMBER_COOKIE_SECURE = None


class ProductionConfig(Config):
    SESSION_COOKIE_SECURE = False
