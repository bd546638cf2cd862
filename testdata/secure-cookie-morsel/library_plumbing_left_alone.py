# Objects whose cookies are not written as Set-Cookie headers in the scope that builds
# them: a request's Cookie header, a client's jar, an object returned to its caller.
# A morsel whose value is empty deletes a cookie: it holds nothing to steal.
from http.cookies import Morsel, SimpleCookie


def request_cookie_header(headers, cookies):
    c = SimpleCookie()
    for name, value in cookies.items():
        c[name] = value
    headers["Cookie"] = c.output(header="", sep=";").strip()


def request_cookie_without_attributes(cookies):
    c = SimpleCookie()
    c["sid"] = cookies["sid"]
    return c.output(attrs=[], header="Cookie:")


def jar_entry(jar, name, value):
    tmp = SimpleCookie()
    tmp[name] = value
    jar.update_cookies(tmp)


def built_for_the_caller(key, value):
    simple_cookie = SimpleCookie()
    simple_cookie[key] = value
    return simple_cookie


def clear_cookie(handler, name):
    morsel = Morsel()
    morsel.set(name, "", '""')
    morsel["expires"] = "Thu, 01 Jan 1970 00:00:00 GMT"
    handler.add_header("Set-Cookie", morsel.OutputString())
