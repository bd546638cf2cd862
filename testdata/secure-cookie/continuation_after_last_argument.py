# A continuation after the last argument: secure=True goes right after the argument, before the backslash.
from flask import make_response


def login(token):
    response = make_response("ok")
    response.set_cookie("session", token \
                        )
    response.set_cookie("remember", "1", \
                        max_age=86400)
    response.set_cookie(
        "lang", "en", \
    )
    return response
