# Falcon: secure=None means "use the secure default", so it is secure and nothing changes.
import falcon


class ThingsResource:
    def on_get(self, req, resp):
        resp.set_cookie("fallback", "1", secure=None)
        resp.set_cookie("legacy", "2", None, 600, None, "/", None)
        resp.text = "ok"


app = falcon.App()
app.add_route("/things", ThingsResource())
