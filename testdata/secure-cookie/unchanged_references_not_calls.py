# References to set_cookie (attribute access without a call, getattr by name) are not calls: nothing changes.
import functools

from werkzeug.wrappers import Response

handler = Response.set_cookie
remember = functools.partial(Response("ok").set_cookie, "remember")
setter = getattr(Response("ok"), "set_cookie")
setter("session", "abc")
HOOKS = {"cookie": Response.set_signed_cookie, "secure": Response.set_secure_cookie}
