# Django: HttpResponse.set_cookie has secure at positional index 6.
from django.http import HttpResponse


def set_language(request):
    response = HttpResponse("ok")
    response.set_cookie("django_language", "fr", 31536000, None, "/", None, False)
    response.set_cookie("csrftoken", request.META.get("CSRF_COOKIE", ""), None, None, "/", None, 0)
    response.set_cookie("messages", "", max_age=0)
    return response
