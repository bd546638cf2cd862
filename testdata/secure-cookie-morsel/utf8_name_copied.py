# A name beyond ASCII in UTF-8 is copied as it is written.
from http.cookies import SimpleCookie


def f(v):
    größe = SimpleCookie()
    größe["k"] = v
    print(größe)
