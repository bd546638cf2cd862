"""The session app may come from the environment: Django warns W012 then, W011 if not,
about the session middleware written here either way."""
import os

SECRET_KEY = os.environ["SECRET_KEY"]
DEBUG = False
ALLOWED_HOSTS = ["example.com"]

INSTALLED_APPS = ["django.contrib.contenttypes"] + os.environ.get("APPS", "").split()

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
]
MIDDLEWARE += os.environ.get("EXTRA_MIDDLEWARE", "").split()
