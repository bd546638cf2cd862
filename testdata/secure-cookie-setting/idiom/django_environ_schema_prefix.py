import environ

env = environ.Env(
    MYAPP_DEBUG=(bool, False),
    MYAPP_USE_TZ=(bool, True)
)

DEBUG = env("MYAPP_DEBUG")
USE_TZ = env("MYAPP_USE_TZ")
INSTALLED_APPS = ["django.contrib.sessions"]
MIDDLEWARE = ["django.contrib.sessions.middleware.SessionMiddleware"]
SESSION_COOKIE_AGE = 3600
