# Werkzeug: Response.set_cookie, keyword False and positional False at index 6.
from werkzeug.wrappers import Request, Response


@Request.application
def application(request):
    response = Response("hello")
    response.set_cookie("sid", "s3cr3t", max_age=300, secure=False)
    response.set_cookie("seen", "1", 300, None, "/", None, False)
    return response
