# Flask config classes whose cookie settings read the environment: judged with the
# variables unset (any true value will do for Flask), django-environ's schema included.
import environ

env = environ.Env(SESSION_SECURE=(bool, False))


class Config:
    SECRET_KEY = env("SECRET_KEY")
    SESSION_COOKIE_SECURE = env("SESSION_SECURE")
    REMEMBER_COOKIE_SECURE = env.bool("REMEMBER_SECURE", default=True)
