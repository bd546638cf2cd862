# Tornado: secure is keyword-only, so a falsy 7th positional argument is not secure and secure=True is inserted.
import tornado.web


class LoginHandler(tornado.web.RequestHandler):
    def post(self):
        self.set_cookie("user", self.get_argument("name"), None, None, "/", None, False)
        self.set_cookie("flash", "welcome", httponly=True)
        self.set_cookie("tz", "UTC", secure=False)
        self.redirect("/")
