# The last call is never closed (a MISSING/ERROR node): the file is refused and left byte-identical.
from flask import make_response

response = make_response("ok")
response.set_cookie("theme", "dark")
response.set_cookie("session", "abc"
