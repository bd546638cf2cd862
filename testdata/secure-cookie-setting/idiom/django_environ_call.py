import environ

env = environ.Env()

DEBUG = env.bool("DJANGO_DEBUG", default=False)
USE_X_FORWARDED_HOST = env.bool("DJANGO_USE_X_FORWARDED_HOST", default=False)
INSTALLED_APPS = ["django.contrib.sessions"]
MIDDLEWARE = [
    "django.middleware.csrf.CsrfViewMiddleware",
]
CSRF_COOKIE_HTTPONLY = True
