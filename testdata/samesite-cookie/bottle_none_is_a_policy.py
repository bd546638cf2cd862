# Bottle: same_site (0.12) or samesite (0.13) by keyword; a falsy value is written as
# SameSite=none, a policy.
import bottle


@bottle.route("/")
def index():
    bottle.response.set_cookie("session", "abc", secure=True)
    bottle.response.set_cookie("none", "v", secure=True, samesite=None)
    bottle.response.set_cookie("lax", "v", secure=True, same_site="lax")
    return "ok"
