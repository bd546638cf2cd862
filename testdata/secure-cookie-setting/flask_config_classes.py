import os


class Config:
    """Base configuration, read by app.config.from_object()."""

    SECRET_KEY = os.environ.get("SECRET_KEY", "dev")
    SQLALCHEMY_TRACK_MODIFICATIONS = False

    @staticmethod
    def init_app(app):
        pass


class DevelopmentConfig(Config):
    DEBUG = True
    SECRET_KEY = "dev"


class TestingConfig(Config):
    TESTING = True


class Settings:
	SECRET_KEY = "tabs"
	REMEMBER_COOKIE_SECURE = False


class ApiSettings(BaseSettings):
    SECRET_KEY: str = "annotated fields are pydantic's"


config = {
    "development": DevelopmentConfig,
    "testing": TestingConfig,
    "default": Config,
}
