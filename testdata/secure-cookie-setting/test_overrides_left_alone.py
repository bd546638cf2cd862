from unittest import mock

from django.test import TestCase, override_settings


@override_settings(SESSION_COOKIE_SECURE=False, CSRF_COOKIE_SECURE=False)
class SessionTests(TestCase):
    def test_plain_http(self):
        with self.settings(SESSION_COOKIE_SECURE=False):
            pass

    def test_patched(self, monkeypatch):
        monkeypatch.setattr("django.conf.settings.CSRF_COOKIE_SECURE", False)
        with mock.patch.dict("os.environ", {"SESSION_COOKIE_SECURE": "0"}):
            pass
