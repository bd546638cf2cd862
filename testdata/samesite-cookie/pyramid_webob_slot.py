# WebOb's order (Pyramid): samesite is the 11th argument, after comment, expires and
# overwrite.
from webob import Response


def view(request):
    response = Response("ok")
    response.set_cookie("session", "abc", secure=True)
    response.set_cookie("slot", "v", None, "/", None, True, False, None, None, False, "Strict")
    response.set_cookie("short", "v", None, "/", None, True)
    return response
