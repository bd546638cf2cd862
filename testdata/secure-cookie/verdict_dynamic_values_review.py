# A non-literal secure value (setting, negation, call) is review: reported, never edited.
from django.conf import settings
from django.http import HttpResponse


def index(request):
    response = HttpResponse("ok")
    response.set_cookie("sessionid", "abc", secure=settings.SESSION_COOKIE_SECURE)
    response.set_cookie("debug", "1", secure=not settings.DEBUG)
    response.set_cookie("csrftoken", "xyz", secure=request.is_secure())
    response.set_cookie("lang", "fr", 3600, None, "/", None, request.is_secure())
    return response
