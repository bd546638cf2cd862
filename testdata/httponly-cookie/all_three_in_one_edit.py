# fixture: extend-select samesite-cookie
# With the three rules selected, a call gets its attributes in one edit, in the order
# secure, httponly, samesite, in the layout of the call.
from flask import make_response


def view():
    resp = make_response("ok")
    resp.set_cookie('session', 'abc')
    resp.set_cookie(
        "exploded",
        "v",
    )
    resp.set_cookie("one_line_exploded",
                    "v")
    resp.set_cookie("partly", "v", samesite="Strict")
    resp.set_cookie("csrftoken", "t")
    resp.set_cookie(
        "no_trailing_comma",
        "v"

        # a blank line above, and a comment
    )
    make_response("x").set_cookie(**{"key": "k"})
    return resp


class Response:
    def set_cookie(self, *args, **kwargs):
        pass


def helper(r):
    # A local method's **kwargs takes every attribute; the empty call gets all three.
    r.set_cookie()
