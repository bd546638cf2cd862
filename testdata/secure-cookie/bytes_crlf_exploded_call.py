# CRLF file: the new secure line of an exploded call ends with CRLF too.
from django.http import HttpResponse


def login(request):
    response = HttpResponse("ok")
    response.set_cookie(
        "sessionid",
        "abc",
    )
    response.set_cookie(
        "csrftoken",
        "xyz"
    )
    response.set_cookie("lang", "fr")
    return response
