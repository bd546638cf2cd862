# A local def set_cookie without secure makes set_cookie calls review but leaves set_signed_cookie calls alone.
from tornado import web


class HubAuth:
    def set_cookie(self, handler, token):
        handler.set_signed_cookie("hub-token", token)


class LoginHandler(web.RequestHandler):
    def get(self):
        self.hub_auth.set_cookie(self, self.get_argument("token"))
        self.set_signed_cookie("flash", "welcome")
        self.redirect("/")
