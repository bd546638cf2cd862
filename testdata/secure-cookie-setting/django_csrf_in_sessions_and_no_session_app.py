# Django's checks warn about neither cookie here: the session app and middleware are
# not installed, and the CSRF token lives in the session.
INSTALLED_APPS = ["django.contrib.auth", "django.contrib.contenttypes"]
MIDDLEWARE = ["django.middleware.csrf.CsrfViewMiddleware"]
CSRF_USE_SESSIONS = True
