# Django's checks warn about neither cookie here: the session app and middleware are
# not installed, and the CSRF token lives in the session.
INSTALLED_APPS = ["django.contrib.auth", "django.contrib.contenttypes"]
MIDDLEWARE = ["django.middleware.csrf.CsrfViewMiddleware"]
CSRF_USE_SESSIONS = True
# So these values make no cookie insecure, and the checks say nothing of them.
SESSION_COOKIE_SECURE = False
CSRF_COOKIE_SECURE = 0
