# A WSGI app writes its headers as (name, value) pairs.
from wsgiref.headers import Headers


def app(environ, start_response):
    headers = [("Content-Type", "text/plain")]
    headers.append(("Set-Cookie", "sid=%s; Path=/" % environ["sid"]))
    start_response("200 OK", headers)
    return [b"ok"]


def inline(environ, start_response):
    start_response(
        "200 OK",
        [
            ("Content-Type", "text/html"),
            ("Set-Cookie", "lang=en"),
            ("Set-Cookie", "sid=1; Secure"),
        ],
    )
    return [b"ok"]


def through_wsgiref(environ, start_response):
    headers = Headers([("Content-Type", "text/plain")])
    headers.add_header("Set-Cookie", "sid=abc")
    start_response("200 OK", headers.items())
    return [b"ok"]


def not_sent(environ, start_response):
    pairs = [("Set-Cookie", "sid=abc")]
    log(pairs)
    start_response("200 OK", [])
    return [b"ok"]
