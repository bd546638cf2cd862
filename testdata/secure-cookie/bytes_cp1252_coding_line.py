# A cp1252 file whose PEP 263 line is line 2: bytes such as 0x80 (euro) and 0x92 are kept, not re-encoded.
# -*- coding: cp1252 -*-
from django.http import HttpResponse


def prix(request):
    response = HttpResponse("Prix: 5 €")
    response.set_cookie("devise", "€", max_age=60)
    response.set_cookie("citation", "l’été")
    return response
