# A set_signed_cookie wrapper with *args may forward to set_cookie: 7 positional arguments may reach secure.
from django.http import HttpResponse


class SignedResponse(HttpResponse):
    def set_signed_cookie(self, *args, **kwargs):
        return super().set_cookie(*args, **kwargs)


def view(response):
    response.set_signed_cookie("k", "v", 60, None, "/", None, False)
    response.set_signed_cookie("k", "v", 60)
