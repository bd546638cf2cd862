# -*- coding: latin-1 -*-
# A name beyond ASCII in a latin-1 file: an edit could not copy its bytes, so the
# morsel is left for review; the same in UTF-8 is fixed (below).
from http.cookies import SimpleCookie


def f(v):
    größe = SimpleCookie()
    größe["k"] = v
    print(größe)
