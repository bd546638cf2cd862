# A continuation inside a value: the concatenated empty strings are still falsy.
from flask import make_response


def view():
    response = make_response("ok")
    response.set_cookie("k", "v", secure="" \
                        "")
    response.set_cookie("k", "v", secure=\
                        False)
    return response
