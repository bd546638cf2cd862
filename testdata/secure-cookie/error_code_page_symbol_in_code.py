# -*- coding: latin-1 -*-
# A code page character that is not a letter (the multiplication sign) is a syntax error in code, as in Python.
from flask import make_response


def view(a, b):
    response = make_response(a × b)
    response.set_cookie("k", "v")
