# Django set_signed_cookie: secure is keyword-only (kwargs go to set_cookie), so a 7th positional is not secure.
from django.http import HttpResponse


def remember_me(request):
    response = HttpResponse("ok")
    response.set_signed_cookie("remember", request.user.pk, salt="remember-me", max_age=1209600)
    response.set_signed_cookie("cart", "42", "cart-salt", 3600, None, "/", False)
    response.set_signed_cookie("promo", "SPRING", salt="promo", secure=False)
    return response
