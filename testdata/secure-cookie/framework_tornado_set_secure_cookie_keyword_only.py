# Tornado set_secure_cookie / set_signed_cookie: secure is keyword-only ("secure" in the name means signed).
import tornado.web


class LoginHandler(tornado.web.RequestHandler):
    def post(self):
        user = self.get_argument("user")
        self.set_secure_cookie("user", user)
        self.set_secure_cookie("remember", "1", 30, None, "/", None, False)
        self.set_signed_cookie("csrf", "abc", expires_days=1, secure=None)
        self.redirect("/")
