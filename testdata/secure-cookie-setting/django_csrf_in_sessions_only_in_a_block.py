# Where CSRF_USE_SESSIONS is set only in a block, whether Django's check W016 fires is
# not known: CSRF_COOKIE_SECURE is not added, while the session's setting is.
import os

INSTALLED_APPS = ["django.contrib.sessions"]
MIDDLEWARE = ["django.middleware.csrf.CsrfViewMiddleware"]
if os.environ.get("CSRF_IN_SESSION"):
    CSRF_USE_SESSIONS = True
