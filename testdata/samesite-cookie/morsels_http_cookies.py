# http.cookies morsels: SameSite is a value to Morsel, not a flag. None is written as
# SameSite=None (a policy, left alone); an empty string sets none.
from http.cookies import SimpleCookie


def cookies(token):
    c = SimpleCookie()
    c["session"] = token
    c["session"]["secure"] = True
    c["cross"] = "v"
    c["cross"]["secure"] = True
    c["cross"]["samesite"] = None
    c["empty"] = 'v'
    c["empty"]["secure"] = True
    c["empty"]["samesite"] = ''
    c["strict"] = "v"
    c["strict"]["secure"] = True
    c["strict"]["samesite"] = "Strict"
    print(c)
