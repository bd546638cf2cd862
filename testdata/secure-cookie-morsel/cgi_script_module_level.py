#!/usr/bin/env python3
# A CGI script builds its cookie at module level and prints the headers.
import os
from http.cookies import SimpleCookie

cookie = SimpleCookie(os.environ.get("HTTP_COOKIE", ""))
cookie["sid"] = os.urandom(16).hex()
cookie["sid"]["path"] = "/"
cookie["sid"]["httponly"] = True
if os.environ.get("HTTP_HOST", "").endswith(".example.com"):
    cookie["sid"]["domain"] = ".example.com"
cookie['theme'] = 'dark'
cookie['flag'] = '1'
cookie['flag']['Secure'] = False
cookie['other'] = '2'
cookie['other']['secure'] = ''  # an empty string is no flag
print(cookie.output())
print("Content-Type: text/html")
print()
print("<p>ok</p>")
