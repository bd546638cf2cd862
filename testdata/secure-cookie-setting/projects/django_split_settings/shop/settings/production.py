from .base import *  # noqa

DEBUG = False
ALLOWED_HOSTS = ["shop.example.com"]
SECURE_SSL_REDIRECT = True
SESSION_COOKIE_HTTPONLY = True
SECURE_HSTS_SECONDS = 3600
