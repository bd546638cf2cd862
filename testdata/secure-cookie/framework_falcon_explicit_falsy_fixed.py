# Falcon: an explicit falsy secure (keyword or positional index 6) is insecure and replaced.
import falcon


class SessionResource:
    def on_post(self, req, resp):
        resp.set_cookie("session", "abc", max_age=3600, secure=False)
        resp.set_cookie("debug", "1", None, 60, None, "/", False)
        resp.set_cookie("tracking", "0", secure=0)
        resp.set_cookie("plain", "ok")
        resp.media = {"ok": True}
