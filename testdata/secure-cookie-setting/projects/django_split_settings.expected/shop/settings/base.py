SECRET_KEY = "x"
INSTALLED_APPS = [
    "django.contrib.contenttypes",
    "django.contrib.sessions",
]
MIDDLEWARE = [
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
]
CSRF_COOKIE_SECURE = False
ROOT_URLCONF = "shop.urls"

try:
    from .local import *  # noqa
except ImportError:
    pass
