# Keyword arguments passed as **dict: a dict the function writes out without "secure"
# gets secure=True after it; one a module holds may be changed elsewhere (review).
from flask import make_response

COOKIE_OPTIONS = {"httponly": True}


def login(token):
    response = make_response("ok")
    options = {"httponly": True, "samesite": "Lax"}
    response.set_cookie("a", token, **options)
    response.set_cookie("b", token, **COOKIE_OPTIONS)
    falsy = dict(httponly=True)
    falsy["secure"] = False
    response.set_cookie("c", token, **falsy)
    return response
