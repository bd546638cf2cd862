# Continuations between a local definition's parameters do not shift secure's index (2 after self).
from flask import Response


class CookieResponse(Response):
    def set_cookie(self, key, value, \
                   secure=False, \
                   **kwargs):
        super().set_cookie(key, value, secure=secure, **kwargs)


def view(response):
    response.set_cookie("a", "b", 0)
    response.set_cookie("a", "b", \
                        None)
    response.set_cookie("a", "b")
