import os

SECRET_KEY = os.environ["SECRET_KEY"]

DJANGO_APPS = [
    'django.contrib.auth',
    'django.contrib.contenttypes',
    'django.contrib.sessions',
]
THIRD_PARTY_APPS = ['rest_framework']
LOCAL_APPS = ['shop']
INSTALLED_APPS = DJANGO_APPS + THIRD_PARTY_APPS + LOCAL_APPS

MIDDLEWARE = [
    'django.middleware.security.SecurityMiddleware',
    'django.contrib.sessions.middleware.SessionMiddleware',
    'django.middleware.csrf.CsrfViewMiddleware',
]
if os.environ.get("PROFILE"):
    MIDDLEWARE.append('silk.middleware.SilkyMiddleware')

SESSION_COOKIE_SECURE = os.environ.get("HTTPS") == "1"

# Local overrides, not in version control.
try:
    from .local import *  # noqa: F401,F403
except ImportError:
    pass
