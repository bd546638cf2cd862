INSTALLED_APPS = ["django.contrib.sessions"]
MIDDLEWARE = ["django.contrib.sessions.middleware.SessionMiddleware"]
SESSION_COOKIE_SECURE = False

from myapp.env import envbool  # noqa: E402

DEBUG = envbool("MYAPP_DEBUG", "False")
