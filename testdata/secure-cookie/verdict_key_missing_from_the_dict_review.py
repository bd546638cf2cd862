# A flag read from a dict the function writes out without that key is review (Python
# raises KeyError there), never a second secure= beside the one given.
from flask import make_response


def index():
    response = make_response("ok")
    opts = {"httponly": True}
    response.set_cookie("theme", "dark", secure=opts["secure"])
    return response
