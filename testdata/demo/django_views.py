"""Django views that set plain and signed cookies, some of them without Secure."""
from django.conf import settings
from django.contrib.auth import authenticate, login
from django.http import HttpResponse, HttpResponseRedirect
from django.views.decorators.http import require_POST


@require_POST
def sign_in(request):
    user = authenticate(
        request,
        username=request.POST["username"],
        password=request.POST["password"],
    )
    if user is None:
        return HttpResponse("Invalid credentials", status=401)
    login(request, user)
    response = HttpResponseRedirect("/")
    response.set_signed_cookie("last_user", user.get_username(), salt="last-user", max_age=1209600)
    response.set_cookie("sessionhint", "1", secure=settings.SESSION_COOKIE_SECURE)
    return response


def set_language(request, lang_code):
    response = HttpResponse(f"Language set to {lang_code}")
    response.set_cookie(settings.LANGUAGE_COOKIE_NAME, lang_code, max_age=31536000, secure=False)
    return response
