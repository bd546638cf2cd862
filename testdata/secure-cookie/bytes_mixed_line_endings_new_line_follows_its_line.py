# Mixed line endings: the new line takes the line ending of the line it follows (the last argument's).
from django.http import HttpResponse


def login(request):
    response = HttpResponse("ok")
    response.set_cookie(
        "sessionid",
        "abc",
    )
    response.set_cookie(
        "csrftoken",
        "xyz",
    )
    return response
