import environ

env = environ.Env(
    DEBUG=(bool, False)  # debug
)
DEBUG = env.bool("DEBUG")
INSTALLED_APPS = ["django.contrib.sessions"]
MIDDLEWARE = [
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
]