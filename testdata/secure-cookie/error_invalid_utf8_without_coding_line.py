# Invalid UTF-8 (a bare latin-1 0xE9) without a PEP 263 line: undecodable, refused, left byte-identical.
from flask import make_response

response = make_response("ok")
response.set_cookie("prénom", "Renée")
