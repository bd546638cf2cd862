# The file ends right after the call without a final newline; none is added.
from werkzeug.wrappers import Response

response = Response("ok")
response.set_cookie("last", "1")