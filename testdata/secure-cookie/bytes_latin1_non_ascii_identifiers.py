# -*- coding: iso-8859-15 -*-
# Names in the declared code page (Python 3 accepts them): parsed as Python reads them, bytes kept as they are.
from flask import make_response


def réponse_pour(größe, été=None):
    réponse = make_response("ok")
    réponse.set_cookie("größe", str(größe))
    réponse.set_cookie("été", été, secure=False)  # €
    return réponse
