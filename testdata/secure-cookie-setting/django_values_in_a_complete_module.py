import environ

env = environ.Env()

INSTALLED_APPS = ["django.contrib.sessions"]
MIDDLEWARE = ["django.middleware.csrf.CsrfViewMiddleware"]

SESSION_COOKIE_SECURE = 1
CSRF_COOKIE_SECURE = env.bool("CSRF_COOKIE_SECURE", default=False)
LANGUAGE_COOKIE_SECURE = (False)
SESSION_COOKIE_HTTPONLY = True
