# samesite-cookie on Werkzeug's signature (Flask, Django): samesite is the 9th argument
# and None sets no policy. A policy given as a string is never changed.
from django.http import HttpResponse


def view(request):
    response = HttpResponse('ok')
    response.set_cookie('session', 'abc', secure=True)
    response.set_cookie("double", "v", secure=True)
    response.set_cookie("none", "v", secure=True, samesite=None)
    response.set_cookie("empty", "v", secure=True, samesite="")
    response.set_cookie("strict", "v", secure=True, samesite="Strict")
    response.set_cookie("cross", "v", secure=True, samesite="None")
    response.set_cookie("lower", "v", secure=True, samesite="lax")
    response.set_cookie("dynamic", "v", secure=True, samesite=settings.POLICY)
    response.set_cookie("bogus", "v", secure=True, samesite="Loose")
    response.set_cookie("slot", "v", None, None, "/", None, True, False, None)
    response.set_signed_cookie("signed", "v", secure=True)
    return response
