# A bare-name call set_cookie(...) and a def set_cookie(...) are not attribute calls: secure-cookie
# changes nothing (the header the function writes is secure-cookie-header's).
from werkzeug.wrappers import Response


def set_cookie(response, key, value):
    response.headers.add("Set-Cookie", f"{key}={value}; Path=/")
    return response


set_cookie(Response("ok"), "session", "abc")
set_signed_cookie = set_cookie
set_signed_cookie(Response("ok"), "remember", "1")
