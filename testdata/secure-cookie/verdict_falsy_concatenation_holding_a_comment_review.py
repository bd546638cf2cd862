# Empty strings concatenated around a comment are falsy, but no replacement keeps the comment: review.
from flask import make_response


def view():
    response = make_response("ok")
    response.set_cookie("k", "v", secure=(""  # off for now
                                          ""))
    return response
