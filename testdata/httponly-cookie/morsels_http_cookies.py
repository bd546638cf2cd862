# http.cookies morsels: a falsy ["httponly"] made True, a missing one added after the
# statements that set the morsel up, where the scope writes the cookie.
from http.cookies import SimpleCookie


def cookies(token):
    c = SimpleCookie()
    c["session"] = token
    c["session"]["secure"] = True
    c["prefs"] = "dark"
    c["prefs"]["secure"] = True
    c["prefs"]["httponly"] = False
    c["flag"] = "1"
    c["flag"]["secure"] = True
    c["flag"]["httponly"] = DEBUG
    return c.output()


def request_header(value):
    # Builds a request's Cookie header, not a Set-Cookie: left alone.
    jar = SimpleCookie()
    jar["k"] = value
    return jar.output(header="", sep=";")
