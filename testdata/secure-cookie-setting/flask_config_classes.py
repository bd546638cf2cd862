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


class TabsConfig:
	SECRET_KEY = "tabs"
	REMEMBER_COOKIE_SECURE = False


class ApiSettings(BaseSettings):
    SECRET_KEY: str = "annotated fields are pydantic's"


class EnvProvider:
    # Names an environment variable: no Flask configuration.
    SECRET_KEY = "AWS_SECRET_ACCESS_KEY"


config = {
    "development": DevelopmentConfig,
    "testing": TestingConfig,
    "default": Config,
}
