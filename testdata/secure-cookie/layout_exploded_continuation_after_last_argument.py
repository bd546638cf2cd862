# An exploded call whose last argument (or its trailing comma) ends its line with a
# backslash continuation: the continuation is layout, and secure=True still goes on a
# line of its own after that line, which the backslash now joins to it.
from flask import make_response


def login(token):
    response = make_response("ok")
    response.set_cookie(
        "session",
        token \
    )
    response.set_cookie(
        "remember",
        "1", \
    )
    response.set_cookie(
        "lang",
        "en" \
        ,
    )
    response.set_cookie(
        "theme",
        "dark"  # the comma comes on the next line
        ,
    )
    response.set_cookie(
        "tz",
        "UTC" \
        # a comment on the line the backslash joins
    )
    return response
