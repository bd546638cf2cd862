# A def in an if or try block of a class body is still a method: its signature (no secure) makes calls review.
import sys


class Helper:
    if sys.version_info >= (3,):
        @staticmethod
        def set_cookie(handler, token):
            handler.set_header("X-Token", token)


def view(helper, handler):
    helper.set_cookie(handler, "t")
