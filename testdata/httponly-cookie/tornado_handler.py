# Tornado: keyword-only httponly; set_signed_cookie passes it on to set_cookie.
import tornado.web


class Login(tornado.web.RequestHandler):
    def get(self):
        self.set_cookie("session", "abc", secure=True)
        self.set_signed_cookie("user", "bob", secure=True, httponly=False)
        self.set_cookie("_xsrf", "t", secure=True)
