# fixture: extend-select httponly-cookie
# An HttpOnly flag that follows the HttpOnly setting is judged where the setting is set.
from django.conf import settings
from django.http import HttpResponse


def view(request):
    response = HttpResponse("ok")
    response.set_cookie("a", "1", secure=True, httponly=settings.SESSION_COOKIE_HTTPONLY)
    response.set_cookie("b", "1", secure=True, httponly=not settings.DEBUG)
    return response
