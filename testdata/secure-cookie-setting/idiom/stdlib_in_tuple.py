import os

DEBUG = os.getenv("DEBUG", "0") in ("1", "yes")
ALLOWED_HOSTS = os.getenv("ALLOWED_HOSTS", "localhost").split(",")

INSTALLED_APPS = ["django.contrib.sessions"]
MIDDLEWARE = ["django.middleware.csrf.CsrfViewMiddleware"]

SESSION_COOKIE_SECURE = False
