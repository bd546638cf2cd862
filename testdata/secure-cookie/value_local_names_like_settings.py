# A name the function binds is its own, even where it is spelled like a cookie
# setting: the value it is bound to decides, not the setting of that name.
from django.http import HttpResponse


def view(request):
    SESSION_COOKIE_SECURE = False
    response = HttpResponse()
    response.set_cookie("k", "v", secure=SESSION_COOKIE_SECURE)
    return response


def set_jwt_cookie(response, token, secure):
    response.set_cookie("jwt", token, httponly=True, secure=secure)


def refresh(request, response):
    JWT_COOKIE_SECURE = request.app.frigate_config.auth.cookie_secure
    set_jwt_cookie(response, "t", JWT_COOKIE_SECURE)
