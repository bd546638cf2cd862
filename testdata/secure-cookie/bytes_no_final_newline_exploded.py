# The file ends with the ")" of an exploded call and no final newline; none is added.
from werkzeug.wrappers import Response

response = Response("ok")
response.set_cookie(
    "last",
    "1",
)