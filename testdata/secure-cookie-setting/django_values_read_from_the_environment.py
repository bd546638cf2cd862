# A complete settings module that reads its cookie settings from the environment: each
# is judged with the variables unset, as Django's `check --deploy` would see it (only the
# bool True passes its `is True` test); a false default becomes the true one, spelled as
# its parse spells it; a default other settings share is left alone.
import os

from decouple import config

INSTALLED_APPS = ["django.contrib.sessions"]
MIDDLEWARE = [
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
]

DEBUG = config("DEBUG", default=False, cast=bool)
FORCE_HTTPS = os.environ.get("FORCE_HTTPS", "False") == "True"
SECURE_SSL_REDIRECT = FORCE_HTTPS

SESSION_COOKIE_SECURE = os.environ.get("SESSION_COOKIE_SECURE", "no").lower() in ("1", "yes")
CSRF_COOKIE_SECURE = config("CSRF_COOKIE_SECURE", default="false", cast=bool)
LANGUAGE_COOKIE_SECURE = FORCE_HTTPS
REMEMBER_COOKIE_SECURE = not DEBUG
JWT_AUTH_SECURE = os.environ.get("JWT_AUTH_SECURE", "true")
