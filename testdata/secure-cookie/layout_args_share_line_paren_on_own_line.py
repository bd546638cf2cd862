# Rule 3: the last argument does not start its line (another argument precedes it), even though ")" is on its own line.
from django.http import HttpResponse


def index(request):
    response = HttpResponse("ok")
    response.set_cookie(
        "sessionid", request.session.session_key,
    )
    response.set_cookie(
        "lang", "fr"
    )
    return response
