import tornado.web


class CookieTestRequestHandler(tornado.web.RequestHandler):
    # Takes no secure: set_signed_cookie passes its keyword arguments on to it.
    def set_cookie(self, name, value, expires_days=None):
        self._cookies.append((name, value))


def test_signed_cookie():
    handler = CookieTestRequestHandler()
    handler.set_signed_cookie("foo", b"bar", version=1)
