import configparser
import os

config_ini = configparser.ConfigParser()
config_ini.read(os.path.join(os.path.dirname(__file__), "config.ini"))


class ServerConfig(object):
    SECRET_KEY: str = os.getenv("SECRET_KEY") or "dev"

    # === SECURITY ===
    SESSION_COOKIE_HTTPONLY: bool = config_ini["security"].getboolean(
        "SESSION_COOKIE_HTTPONLY", fallback=True
    )

    SESSION_COOKIE_SAMESITE: str = config_ini["security"]["SESSION_COOKIE_SAMESITE"] \
        or "Lax"

    PERMANENT_SESSION_LIFETIME: int = 604800

    # === EXTRA ===
    PLUGINS = []
