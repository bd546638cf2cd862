# A name handed to a client's jar holds the client's cookies in that scope, even where
# the same name is also printed (one object built for a jar, another for a page): which
# of them a statement sets is not told, and neither is edited.
from http.cookies import SimpleCookie

c = SimpleCookie()
c["sid"] = token
c["sid"]["secure"] = False
c["lang"] = "en"
print(c)
if refresh:
    c = SimpleCookie()
    c["sid"] = token
    jar.update_cookies(c)


def page(token):
    page_cookie = SimpleCookie()
    page_cookie["sid"] = token
    print(page_cookie)
