from django.conf import settings
from django.http import HttpResponse


def remember(request):
    response = HttpResponse()
    response.set_cookie("remember", "1", secure=settings.SESSION_COOKIE_SECURE)
    return response
