# A local def set_cookie(self, key, value, **kwargs) accepts secure by keyword: missing secure is inserted.
from django.http import HttpResponse


class CookieMixin:
    def set_cookie(self, key, value, **kwargs):
        kwargs.setdefault("httponly", True)
        self.response.set_cookie(key, value, **kwargs)


class ProfileView(CookieMixin):
    def get(self, request):
        self.response = HttpResponse("profile")
        self.set_cookie("profile_tab", "overview")
        self.set_cookie("profile_sort", "name", secure=False)
        return self.response
