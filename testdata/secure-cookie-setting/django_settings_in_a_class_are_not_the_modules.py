INSTALLED_APPS = ["django.contrib.sessions"]
MIDDLEWARE = ["django.middleware.csrf.CsrfViewMiddleware"]


class Local:
    # Not the module's settings: both are still missing.
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True
