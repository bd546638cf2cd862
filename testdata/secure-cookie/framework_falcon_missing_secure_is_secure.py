# Falcon: secure omitted means secure (secure_cookies_by_default), so nothing changes.
import falcon


class ThingsResource:
    def on_get(self, req, resp):
        resp.set_cookie("my_cookie", "my cookie value")
        resp.set_cookie("pref", "compact", max_age=600, path="/")
        resp.set_cookie(
            "tab",
            "inbox",
        )
        resp.text = "ok"


app = falcon.App()
app.add_route("/things", ThingsResource())
