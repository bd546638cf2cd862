# secure=None is falsy outside Falcon: the value becomes True.
from django.http import HttpResponse


def index(request):
    response = HttpResponse("ok")
    response.set_cookie("sessionid", "abc", secure=None)
    return response
