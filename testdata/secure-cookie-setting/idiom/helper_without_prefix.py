import os


def env_bool(name, default):
    return os.getenv(name, default) in ("1", "true", "True")


DEBUG = env_bool("DEBUG", "0")
INSTALLED_APPS = ["django.contrib.sessions"]
MIDDLEWARE = ["django.middleware.csrf.CsrfViewMiddleware"]
