# A flag that follows a cookie setting is judged where the setting is set; one that is
# true where DEBUG is off follows Django's deployment check. Neither is a finding here.
# A setting its framework may leave unset (Flask-Login's) is read with its default,
# which decides where it is unset.
from django.conf import settings
from flask import current_app

from myapp import config


def view(response, app):
    response.set_cookie("a", "1", secure=settings.SESSION_COOKIE_SECURE)
    response.set_cookie("b", "1", secure=bool(settings.CSRF_COOKIE_SECURE))
    response.set_cookie("c", "1", secure=config.SESSION_COOKIE_SECURE)
    response.set_cookie("d", "1", secure=app.config["SESSION_COOKIE_SECURE"])
    response.set_cookie("e", "1", secure=current_app.config.get("REMEMBER_COOKIE_SECURE", False))
    response.set_cookie("f", "1", secure=getattr(settings, "SESSION_COOKIE_SECURE", False))
    response.set_cookie("g", "1", secure=not settings.DEBUG)
    response.set_cookie("h", "1", secure=not current_app.debug)
    # True only in development: the finding says so.
    response.set_cookie("i", "1", secure=settings.DEBUG)
    # A setting of the project's own, which the module does not show.
    response.set_cookie("j", "1", secure=settings.SECURE_COOKIES)


class Interface:
    def save_session(self, app, session, response):
        response.set_cookie("k", "1", secure=self.get_cookie_secure(app))
