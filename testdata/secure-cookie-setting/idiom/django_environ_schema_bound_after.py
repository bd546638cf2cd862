import environ

env = environ.Env(DEBUG=(bool, False))
DEBUG = env("DEBUG")
INSTALLED_APPS = ["django.contrib.sessions"]
MIDDLEWARE = ["django.contrib.sessions.middleware.SessionMiddleware"]
SESSION_COOKIE_HTTPONLY = True

env = environ.Env(DEBUG=(bool, False), ALLOWED_HOSTS=(list, []))
ALLOWED_HOSTS = env("ALLOWED_HOSTS")
