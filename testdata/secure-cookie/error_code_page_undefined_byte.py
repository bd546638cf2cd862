# -*- coding: cp1252 -*-
# Byte 0x81 is not a character of cp1252: Python refuses the file, and so does cookie-fix.
from flask import make_response


def view():
    response = make_response("")
    response.set_cookie("k", "v")
