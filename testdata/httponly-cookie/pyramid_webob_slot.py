# WebOb's order (Pyramid): name, value, max_age, path, domain, secure, httponly.
from pyramid.response import Response


def view(request):
    response = Response("ok")
    response.set_cookie("session", "abc", secure=True)
    response.set_cookie("slot", "v", None, "/", None, True, False)
    return response
