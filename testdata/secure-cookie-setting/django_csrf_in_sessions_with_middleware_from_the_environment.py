"""The CSRF token is kept in the session: Django's check of CSRF_COOKIE_SECURE passes
whatever the middleware gets at run time, so its false value is no finding."""
import os

SECRET_KEY = os.environ["SECRET_KEY"]
DEBUG = False
ALLOWED_HOSTS = ["example.com"]
CSRF_USE_SESSIONS = True
CSRF_COOKIE_SECURE = ""

INSTALLED_APPS = ["django.contrib.contenttypes"]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
] + os.environ.get("EXTRA_MIDDLEWARE", "").split()
