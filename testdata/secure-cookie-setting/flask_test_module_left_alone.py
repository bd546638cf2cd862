import unittest

from flask import Flask


class SessionTestCase(unittest.TestCase):
    def setUp(self):
        # A test app: its tests may check the cookies it sets.
        app = Flask(__name__)
        app.config["SECRET_KEY"] = "test"
        self.client = app.test_client()
