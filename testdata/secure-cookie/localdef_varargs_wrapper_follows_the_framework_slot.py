# The slot *args may reach is the framework's: 6 positional arguments reach WebOb's secure (index 5).
from pyramid.response import Response


class Tracked(Response):
    def set_cookie(self, name, *args, **kwargs):
        return super().set_cookie(name, *args, **kwargs)


def view(response):
    response.set_cookie("k", "v", 60, "/", None, False)
    response.set_cookie("k", "v", 60, "/", None)
