# Mentions of response.set_cookie("k", "v") in strings, comments and docstrings are not calls.
"""Module docstring: call response.set_cookie("session", "abc") after login."""
from flask import make_response

HELP = 'Use response.set_cookie("k", "v", secure=True) in views.'
TEMPLATE = """
    response.set_cookie(
        "k",
        "v",
    )
"""


def index(name="response"):
    """Remember to call response.set_cookie("k", "v") with secure=True."""
    response = make_response(HELP)
    # response.set_cookie("k", "v")
    log = f"{name}.set_cookie('k', 'v')"
    raw = rb'response.set_signed_cookie("k", "v")'
    return response, log, raw
