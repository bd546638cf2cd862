# A raw string of backslashes is not empty: r"\\" is truthy, so the call is secure and stays as it is.
from flask import make_response


def view():
    response = make_response("ok")
    response.set_cookie("k", "v", secure=r"\\")
    response.set_cookie("k", "v", 60, None, "/", None, R'\\')
    response.set_cookie("k", "v", secure="\
")
    return response
