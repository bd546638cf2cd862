from flask.sessions import SecureCookieSessionInterface

from .settings import get_config


class AppSessionInterface(SecureCookieSessionInterface):
    def get_cookie_secure(self, app):
        return get_config("SESSION_SECURE")
