# Flask (index 6) and Pyramid (index 5) are both imported: calls whose verdict depends on the index are review.
from flask import make_response
from pyramid.response import Response


def legacy_view(request):
    response = make_response("ok")
    response.set_cookie("a", "1", 3600, "/", None, False)
    response.set_cookie("b", "2", 3600, "/", None, True)
    return response


def pyramid_view(request):
    response = Response("ok")
    response.set_cookie("c", "3", 3600, None, "/", None, False)
    return response
