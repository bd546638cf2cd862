import os


def envbool(name, default):
    return os.environ.get(name, default).lower() in ("true", "1", "yes")


DEBUG = envbool("PAPERLESS_DEBUG", "NO")
SIGNUP_OPEN = envbool("PAPERLESS_SIGNUP_OPEN", "no")
INSTALLED_APPS = ["django.contrib.sessions"]
MIDDLEWARE = ["django.contrib.sessions.middleware.SessionMiddleware"]
SESSION_COOKIE_SECURE = False
SESSION_COOKIE_NAME = "paperless_session"
