# A function nested in another, or defined at module level, is no method: only defs in a class body count.
from django.http import HttpResponse


def set_cookie(response, key):
    response.set_cookie(key, "1")


def view(request):
    def set_cookie(key):
        return key

    response = HttpResponse("ok")
    response.set_cookie("seen", "1")
    return response
