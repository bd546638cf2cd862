# Falcon sets HttpOnly where a call leaves http_only out (falcon/response.py
# Response.set_cookie, http_only=True): a **dict written out without it needs nothing.
import falcon


def on_get(req, resp):
    opts = {"secure": True, "path": "/"}
    resp.set_cookie("sid", "abc", **opts)
