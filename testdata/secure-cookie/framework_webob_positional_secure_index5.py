# WebOb: secure is positional index 5, as in Pyramid.
from webob import Request, Response


def application(environ, start_response):
    request = Request(environ)
    response = Response("hello")
    response.set_cookie("visit", request.cookies.get("visit", "0"), 3600, "/", None, 0)
    response.set_cookie("mode", "dark", 3600, "/", None, None, True)
    response.set_cookie("lang", "en", max_age=3600)
    return response(environ, start_response)
