# Rule 2: the last argument is a triple-quoted string spanning lines; secure goes on a new line after it.
from django.http import HttpResponse


def banner(request):
    response = HttpResponse("ok")
    response.set_cookie(
        "banner",
        """Welcome back!
Your session was restored.""",
    )
    response.set_cookie(
        "motd",
        value="""line one
line two"""
    )
    return response
