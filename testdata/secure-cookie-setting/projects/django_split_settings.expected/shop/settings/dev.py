from .base import *  # noqa

DEBUG = True
SESSION_COOKIE_SECURE = False
