DEBUG = False; INSTALLED_APPS = ["django.contrib.sessions"]
REMEMBER_COOKIE_SECURE = True
