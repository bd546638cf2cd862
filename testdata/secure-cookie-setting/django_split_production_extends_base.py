from .base import *  # noqa: F403

DEBUG = False

# Extends base.py: a setting left out here is base.py's business.
INSTALLED_APPS += ["storages"]

CSRF_COOKIE_SECURE = False
SESSION_COOKIE_SECURE = 1
LANGUAGE_COOKIE_SECURE = ""
