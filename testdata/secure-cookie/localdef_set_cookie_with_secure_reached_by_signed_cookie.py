import tornado.web


class Handler(tornado.web.RequestHandler):
    def set_cookie(self, name, value, secure=False, **kwargs):
        super().set_cookie(name, value, secure=secure, **kwargs)

    def get(self):
        self.set_signed_cookie("user", b"1")
