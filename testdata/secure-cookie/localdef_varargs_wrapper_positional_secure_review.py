# A wrapper forwarding *args: 7 positional arguments reach the framework's secure slot, so the call is review.
from flask import Response


class CookieResponse(Response):
    def set_cookie(self, key, *args, **kwargs):
        kwargs.setdefault("httponly", True)
        super().set_cookie(key, *args, **kwargs)


def view(response):
    response.set_cookie("k", "v", 3600, None, "/", None, False)
    response.set_cookie("k", "v", 3600, None, "/", None, False, True)
    response.set_cookie("k", "v", 3600, None, "/", None)
    response.set_cookie("k", "v")
