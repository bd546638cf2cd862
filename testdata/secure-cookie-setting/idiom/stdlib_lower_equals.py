import os

DEBUG = os.environ.get("MYAPP_DEBUG", "False").lower() == "true"
SIGNUP_OPEN = os.environ.get("MYAPP_SIGNUP_OPEN", "false").lower() == "true"

SECRET_KEY = os.environ.get("MYAPP_SECRET_KEY")
INSTALLED_APPS = [
    "django.contrib.sessions",
]
MIDDLEWARE = [
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
]
SESSION_COOKIE_AGE = 3600
