# Test clients (receiver's last name ends in "client" or "app", any case) are not responses: left alone.
import unittest

from flask import Flask
from webtest import TestApp

app = Flask(__name__)


class CookieTests(unittest.TestCase):
    def setUp(self):
        self.client = app.test_client()
        self.testapp = TestApp(app.wsgi_app)

    def test_cookies(self):
        client = app.test_client()
        client.set_cookie("session", "abc")
        self.client.set_cookie("session", "abc", secure=False)
        app.test_client().set_cookie("theme", "dark")
        self.testapp.set_cookie("lang", "en")
        testapp = self.testapp
        testapp.set_cookie("lang", "fr")
        TestApp(app.wsgi_app).set_cookie("tz", "UTC")
        self.api_Client.set_cookie("tz", "CET")
