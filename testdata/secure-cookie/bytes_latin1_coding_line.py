# -*- coding: latin-1 -*-
# A latin-1 file (PEP 263): latin-1 bytes such as 0xE9 on the call's line are kept, not re-encoded.
from django.http import HttpResponse


def vue(request):
    response = HttpResponse("café")
    response.set_cookie("prénom", "Renée")
    response.set_cookie(
        "ville",
        "Montréal",
    )
    response.set_cookie("été", "oui", secure=False)
    return response
