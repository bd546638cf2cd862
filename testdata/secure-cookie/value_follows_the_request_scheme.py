# A flag that follows the request's scheme is settled: Secure on every response the
# application knows is HTTPS. Reached directly, through a name, a dict written under a
# scheme test, a method of the same class or a function of the module.
from django.http import HttpResponse
from flask import request as flask_request
from starlette.responses import Response


def django_view(request):
    response = HttpResponse("ok")
    response.set_cookie("a", "1", secure=request.is_secure())
    response.set_cookie("b", "1", secure=request.scheme == "https")
    secure = request.is_secure()
    response.set_cookie("c", "1", secure=secure)
    https = False
    if request.META.get("HTTP_X_FORWARDED_PROTO") == "https":
        https = True
    response.set_cookie("d", "1", secure=https)
    return response


def flask_view(response):
    response.set_cookie("e", "1", secure=flask_request.is_secure or False)
    response.set_cookie("f", "1", secure=True if flask_request.is_secure else False)
    options = {"httponly": True}
    if flask_request.scheme == "https":
        options.setdefault("secure", True)
    response.set_cookie("g", "1", **options)
    return response


def starlette_view(request):
    response = Response("ok")
    response.set_cookie("h", "1", secure=request.url.scheme in ("https", "wss"))
    return response


def wsgi_app(environ, start_response, response):
    response.set_cookie("i", "1", secure=environ["wsgi.url_scheme"] == "https")


class Handler:
    def cookie_secure(self):
        return self.request.protocol == "https"

    def get(self, response):
        response.set_cookie("j", "1", secure=self.cookie_secure())


def on_https(request):
    if request.scheme.lower().startswith("https"):
        return True
    return False


def other_view(request, response):
    response.set_cookie("k", "1", secure=on_https(request))
    # On HTTP only: no cookie an HTTPS response sends is Secure.
    response.set_cookie("l", "1", secure=request.scheme == "http")
