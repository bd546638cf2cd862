import os


class BaseConfig:
    SECRET_KEY = os.environ.get("SECRET_KEY", "dev")


class ProductionConfig(BaseConfig):
    SQLALCHEMY_ECHO = False


class DevelopmentConfig(BaseConfig):
    DEBUG = True


config = {"production": ProductionConfig, "development": DevelopmentConfig}
