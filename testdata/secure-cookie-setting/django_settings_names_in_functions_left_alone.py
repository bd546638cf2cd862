INSTALLED_APPS = ["django.contrib.auth"]


def configure(settings):
    # A local variable, not a setting.
    SESSION_COOKIE_SECURE = False
    return SESSION_COOKIE_SECURE
