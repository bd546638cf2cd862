# Pyramid: secure is positional index 5 (no expires slot); index 6 is httponly.
from pyramid.response import Response
from pyramid.view import view_config


@view_config(route_name="login")
def login(request):
    response = Response("ok")
    response.set_cookie("auth_tkt", "t", 3600, "/", None, False)
    response.set_cookie("pref", "x", 3600, "/", None, None)
    response.set_cookie("tz", "UTC", 3600, "/", None, True, False)
    response.set_cookie("lang", "en", 3600, "/", None)
    return response
