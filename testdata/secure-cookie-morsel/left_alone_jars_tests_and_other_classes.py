# A test module's request cookies, a client's jar, another library's SimpleCookie.
import pytest
from http.cookies import SimpleCookie

from mylib import SimpleCookie as OtherCookie


def test_request_cookie(client):
    cookie = SimpleCookie()
    cookie["sid"] = "abc"
    client.get("/", headers={"Cookie": cookie.output(header="", attrs=[])})


def test_falsy_flag_is_still_fixed():
    cookie = SimpleCookie()
    cookie["sid"] = "abc"
    cookie["sid"]["secure"] = False


def other():
    cookie = OtherCookie()
    cookie["sid"] = "abc"
