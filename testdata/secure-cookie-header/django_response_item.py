# Django responses take headers as items.
from django.http import HttpResponse


def login(request):
    response = HttpResponse("ok")
    response["Set-Cookie"] = "sessionid=%s; Path=/" % request.session.session_key
    response["SET-COOKIE"] = "lang={}".format(request.LANGUAGE_CODE)
    response.headers["Set-Cookie"] = 'csrftoken=abc; SameSite=Lax; '
    return response


def read(request, response):
    if response["Set-Cookie"] == "x":
        return response.get("Set-Cookie")
    return "Set-Cookie" in response


def dynamic(request, cookie):
    response = HttpResponse("ok")
    response["Set-Cookie"] = cookie
    response["Set-Cookie"] = "sid=" + cookie
    response["Set-Cookie"] = f"sid=abc; {request.flags}"
    return response
