from .base import *  # noqa: F403

DEBUG = False
ALLOWED_HOSTS = ["blog.example.com"]
SESSION_COOKIE_SECURE = True
LANGUAGE_COOKIE_SECURE = True
