INSTALLED_APPS = [
    "django.contrib.sessions",
]
MIDDLEWARE = ("django.middleware.csrf.CsrfViewMiddleware",)
DEBUG = False