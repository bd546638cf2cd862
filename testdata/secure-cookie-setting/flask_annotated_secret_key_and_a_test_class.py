# A server config whose SECRET_KEY is annotated is a config class all the same (a
# pydantic model is not); the test class that extends it keeps its own choice.
from pydantic_settings import BaseSettings


class ServerConfig:
    SECRET_KEY: str = "change me"
    SQLALCHEMY_DATABASE_URI: str = "sqlite://"


class TestingConfig(ServerConfig):
    SECRET_KEY = "testing"
    TESTING = True


class AppSettings(BaseSettings):
    SECRET_KEY: str = "x"
