# No CsrfViewMiddleware: Django's checks say nothing of CSRF_COOKIE_SECURE (no W016),
# whatever its value, as they would of this module alone.
SECRET_KEY = "x"
INSTALLED_APPS = [
    "django.contrib.contenttypes",
    "django.contrib.sessions",
]
MIDDLEWARE = [
    "django.contrib.sessions.middleware.SessionMiddleware",
]
SESSION_COOKIE_SECURE = False
CSRF_COOKIE_SECURE = False
LANGUAGE_COOKIE_SECURE = False
