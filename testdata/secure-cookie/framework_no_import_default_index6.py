# No known framework is imported: the default signature puts secure at positional index 6.


class CookieWriter:
    def __init__(self, response):
        self.response = response

    def write(self, token):
        self.response.set_cookie("token", token, 3600, None, "/", None, False)
        self.response.set_cookie("mode", "x", 3600, "/", None, False)
