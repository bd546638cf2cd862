# A local def set_cookie(self, handler, token) takes neither secure nor **kwargs: calls of that name are review.
from tornado import web


class HubAuth:
    cookie_name = "jupyterhub-services"

    def set_cookie(self, handler, token):
        handler.set_secure_cookie(self.cookie_name, token, path="/", secure=True)


class LoginHandler(web.RequestHandler):
    def initialize(self, hub_auth):
        self.hub_auth = hub_auth

    def get(self):
        token = self.get_argument("token")
        self.hub_auth.set_cookie(self, token)
        self.set_cookie("seen", "1")
        self.redirect("/")
