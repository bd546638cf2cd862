# Tornado handlers set and add headers on themselves.
import tornado.web


class LoginHandler(tornado.web.RequestHandler):
    def get(self):
        self.set_header("Set-Cookie", "sid=abc; Path=/")
        self.add_header("Set-Cookie", f"user={self.current_user}")
        self.add_header("Set-Cookie", "token=x; Secure")  # cookie-fix: ignore
        self.add_header("Set-Cookie", "theme=dark")  # cookie-fix: ignore
        self.write("ok")
