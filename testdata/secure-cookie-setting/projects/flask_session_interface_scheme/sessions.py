from flask import request
from flask.sessions import SecureCookieSessionInterface


class AppSessionInterface(SecureCookieSessionInterface):
    def get_cookie_secure(self, app):
        return request.is_secure
