# dev.py: extends the common settings for local development over plain HTTP.
from .common import *  # noqa: F403

DEBUG = True
ALLOWED_HOSTS = ["www.djangoproject.localhost"]

CSRF_COOKIE_SECURE = False
SESSION_COOKIE_SECURE = False
LANGUAGE_COOKIE_SECURE = 0
