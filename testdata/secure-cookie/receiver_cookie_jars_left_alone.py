# Cookie jars (receiver's last name contains "jar" or is "cookies") are not responses: left alone.
import http.cookiejar

import requests


def make_cookie(name, value):
    return http.cookiejar.Cookie(
        0, name, value, None, False, "example.com", True, False, "/", True,
        False, None, False, None, None, {},
    )


jar = http.cookiejar.CookieJar()
jar.set_cookie(make_cookie("a", "1"))
jar.set_cookie(make_cookie("b", "2"), "example.com")


class Scraper:
    def __init__(self):
        self.cookiejar = http.cookiejar.LWPCookieJar("cookies.txt")
        self.session = requests.Session()

    def seed(self):
        self.cookiejar.set_cookie(make_cookie("c", "3"))
        self.cookiejar.set_cookie("d", "4", domain="example.com")
        self.session.cookies.set_cookie(make_cookie("e", "5"))
        self.session.cookies.set_cookie("f", "6", secure=False)
        cookie_jar = self.cookiejar
        cookie_jar.set_cookie("g", "7")
