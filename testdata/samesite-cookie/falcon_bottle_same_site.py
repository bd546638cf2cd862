# Falcon and Bottle spell it same_site. Bottle writes a falsy same_site as
# SameSite=none, a policy: left alone.
import falcon


class Resource:
    def on_get(self, req, resp):
        resp.set_cookie("session", "abc")
        resp.set_cookie("none", "v", same_site=None)
        resp.set_cookie("strict", "v", same_site="Strict")
