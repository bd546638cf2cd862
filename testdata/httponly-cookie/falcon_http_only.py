# Falcon spells it http_only and sets it by default: only a falsy literal is fixed.
import falcon


class Resource:
    def on_get(self, req, resp):
        resp.set_cookie("session", "abc")
        resp.set_cookie("plain", "v", http_only=False)
        resp.set_cookie("none", "v", http_only=None)
        resp.set_cookie("slot", "v", None, None, None, None, True, False)
