# A backslash continuation between arguments is not an argument: secure is still the 7th positional one.
from flask import make_response


def remember(user):
    response = make_response("ok")
    response.set_cookie("remember", user.token, 3600, \
                        None, "/", None, False)
    response.set_cookie("theme", user.theme, 3600, None, \
                        "/", \
                        None, \
                        0, True)
    return response
