# Flask and Pyramid are both imported: calls whose verdict and fix are the same under both are handled normally.
from flask import make_response
from pyramid.response import Response


def legacy_view(request):
    response = make_response("ok")
    response.set_cookie("a", "1", max_age=3600, secure=False)
    response.set_cookie("b", "2")
    response.set_cookie("c", "3", 3600, "/", None, True, True)
    return response


def pyramid_view(request):
    response = Response("ok")
    response.set_cookie("d", "4", secure=True)
    return response
