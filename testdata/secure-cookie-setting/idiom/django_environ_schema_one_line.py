import environ

env = environ.Env(DEBUG=(bool, False), USE_X=(bool, True))
DEBUG = env("DEBUG")
USE_X = env("USE_X")
INSTALLED_APPS = ["django.contrib.sessions"]
MIDDLEWARE = [
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
]
