import environ

env = environ.Env(
    DEBUG=(bool, False),
    EMAIL_PORT=(int, 25),
)

DEBUG = env("DEBUG")
EMAIL_PORT = env("EMAIL_PORT")
INSTALLED_APPS = ["django.contrib.sessions"]
MIDDLEWARE = ["django.contrib.sessions.middleware.SessionMiddleware"]
