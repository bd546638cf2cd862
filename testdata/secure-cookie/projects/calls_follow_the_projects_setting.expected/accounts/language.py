from django.conf import settings
from django.http import HttpResponse


def choose(request, code):
    response = HttpResponse()
    response.set_cookie("lang", code, max_age=3600, secure=settings.SESSION_COOKIE_SECURE)
    response.set_cookie("theme", "dark", secure=settings.SESSION_COOKIE_SECURE)
    return response
