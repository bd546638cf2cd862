class Config:
    SECRET_KEY = "dev"


class LocalConfig(Config):
    # Local development over plain HTTP: its own choice, not reported.
    DEBUG = True
    SESSION_COOKIE_SECURE = False
    REMEMBER_COOKIE_SECURE = None


class ProductionConfig(Config):
    SESSION_COOKIE_SECURE = False
