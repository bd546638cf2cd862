"""Settings whose lists also take entries from the environment: the entries written here
are installed whatever the environment adds, so Django still warns about the cookies."""
import os

PROVIDERS = [app for app in os.environ.get("PROVIDERS", "").split(",") if app]
EXTRA_MIDDLEWARE = os.environ.get("EXTRA_MIDDLEWARE", "").split()

SECRET_KEY = os.environ["SECRET_KEY"]
DEBUG = False
ALLOWED_HOSTS = ["example.com"]

INSTALLED_APPS = [
    "django.contrib.contenttypes",
    "django.contrib.sessions",
]
INSTALLED_APPS = INSTALLED_APPS + PROVIDERS
INSTALLED_APPS += PROVIDERS

# The session middleware may come from the environment: W012 then, W010 if not.
MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
] + EXTRA_MIDDLEWARE
