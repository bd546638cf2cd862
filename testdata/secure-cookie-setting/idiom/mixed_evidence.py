import os

import environ

env = environ.Env()

DEBUG = env.bool("DEBUG", default=False)
MAINTENANCE = os.environ.get("MAINTENANCE", "false") == "true"
INSTALLED_APPS = ["django.contrib.sessions"]
MIDDLEWARE = ["django.contrib.sessions.middleware.SessionMiddleware"]
