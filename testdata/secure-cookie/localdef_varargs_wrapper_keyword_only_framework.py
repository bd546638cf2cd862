# Where the framework takes secure by keyword only (aiohttp), no number of positional arguments reaches it.
from aiohttp import web


class Response(web.Response):
    def set_cookie(self, name, *args, **kwargs):
        super().set_cookie(name, *args, **kwargs)


def view(response):
    response.set_cookie("k", "v", 1, 2, 3, 4, 5, 6)
