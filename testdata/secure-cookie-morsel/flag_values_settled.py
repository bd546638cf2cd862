# A morsel's flag read as section 8 reads every flag: the request's scheme settles it,
# an environment default is made true.
import os
from http.cookies import SimpleCookie


def application(environ, start_response):
    cookie = SimpleCookie()
    cookie["sid"] = "token"
    cookie["sid"]["secure"] = environ["wsgi.url_scheme"] == "https"
    cookie["theme"] = "dark"
    cookie["theme"]["secure"] = os.environ.get("COOKIE_SECURE", "0") == "1"
    start_response("200 OK", [("Set-Cookie", cookie.output(header="").strip())])
    return [b"ok"]
