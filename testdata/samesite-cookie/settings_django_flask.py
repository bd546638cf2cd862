# SameSite settings given no policy (None, a falsy value) are made 'Lax', quoted as the
# file's strings are; a policy is never changed. Django's default is 'Lax'; a Flask
# setting left out is not read.
from flask import Flask

INSTALLED_APPS = ['django.contrib.sessions']
SESSION_COOKIE_SAMESITE = None
CSRF_COOKIE_SAMESITE = 'Strict'
LANGUAGE_COOKIE_SAMESITE = 'None'

app = Flask(__name__)
app.config['SESSION_COOKIE_SAMESITE'] = False
app.config.update(REMEMBER_COOKIE_SAMESITE=None)
app.config['REMEMBER_COOKIE_SAMESITE'] = POLICY
