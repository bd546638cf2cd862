# Parentheses around a falsy literal go with it, unless a comment lies inside them: then only the literal changes.
from flask import make_response


def view():
    response = make_response("ok")
    response.set_cookie("a", "1", secure=(  # not behind TLS yet
        False
    ))
    response.set_cookie("b", "1", secure=(
        # not behind TLS yet
        None
    ))
    response.set_cookie("c", "1", secure=(0  # why
                                          ))
    response.set_cookie("d", "1", secure=((  # outer
        (False))))
    response.set_cookie("e", "1", secure=((False)))
    return response
