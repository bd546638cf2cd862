# A Tornado Application subclass configures its XSRF cookie in super().__init__(...).
import tornado.web


class App(tornado.web.Application):
    def __init__(self, handlers):
        super().__init__(
            handlers,
            cookie_secret="k",
            xsrf_cookies=True,
        )
