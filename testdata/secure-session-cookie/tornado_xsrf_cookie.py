import os

import tornado.web
from tornado.options import options


class MainHandler(tornado.web.RequestHandler):
    def get(self):
        self.write("hello")


def make_app():
    return tornado.web.Application(
        [(r"/", MainHandler)],
        cookie_secret=os.environ["COOKIE_SECRET"],
        xsrf_cookies=True,
    )


def make_admin_app():
    return tornado.web.Application([], xsrf_cookies=True, xsrf_cookie_kwargs={"httponly": True})


def make_api_app():
    return tornado.web.Application(
        [],
        xsrf_cookies=True,
        xsrf_cookie_kwargs=dict(
            samesite="Strict",
        ),
    )


def make_secure_app():
    # Already secure: left alone.
    return tornado.web.Application([], xsrf_cookies=True, xsrf_cookie_kwargs={"secure": True})


def make_plain_app():
    # No XSRF cookie at all.
    return tornado.web.Application([], xsrf_cookies=False)


class Application(tornado.web.Application):
    def __init__(self):
        settings = dict(
            template_path=os.path.join(os.path.dirname(__file__), "templates"),
            xsrf_cookies=True,
            xsrf_cookie_kwargs={'secure': False},
        )
        super().__init__([], **settings)


SETTINGS = {
    'cookie_secret': os.environ.get("SECRET", ""),
    'xsrf_cookies': True,
}

OTHER = {"xsrf_cookies": True, "xsrf_cookie_kwargs": {}}

FROM_OPTIONS = {"xsrf_cookies": True, "xsrf_cookie_kwargs": {"secure": options.https}}

SPREAD = {"xsrf_cookies": True, **SETTINGS}

UNKNOWN = {"xsrf_cookies": options.xsrf}


def jupyter_like_settings(base_url):
    settings = {"xsrf_cookies": True}
    if base_url and "xsrf_cookie_kwargs" not in settings:
        # A new entry would stop this default: left for review.
        settings["xsrf_cookie_kwargs"] = {"path": base_url}
    return settings
