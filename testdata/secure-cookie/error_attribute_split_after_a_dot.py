# Python rejects a line ending in a dot, but tree-sitter reads the attribute on into
# the next line; cookie-fix reads the file as tree-sitter does, in one parse.
from flask import make_response

response = make_response("ok")
response.
set_cookie("debug", "2")
