# Two markers in one comment each name a rule, and both count.
from flask import Response

resp = Response()
resp.set_cookie("a", "1")  # cookie-fix: ignore[other-rule]  # cookie-fix: ignore[secure-cookie]
resp.set_cookie("b", "2")  # cookie-fix: ignore[other-rule]
