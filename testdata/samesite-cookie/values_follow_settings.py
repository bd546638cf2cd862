# fixture: extend-select samesite-cookie
# A SameSite policy that follows the SameSite setting, or an environment read whose
# default is a policy, is settled; one whose default is no policy is left for review.
import os

from django.conf import settings
from django.http import HttpResponse


def view(request):
    response = HttpResponse("ok")
    response.set_cookie("a", "1", secure=True, samesite=settings.SESSION_COOKIE_SAMESITE)
    response.set_cookie("b", "1", secure=True, samesite=os.environ.get("SAMESITE", "Lax"))
    response.set_cookie("c", "1", secure=True, samesite=os.environ.get("SAMESITE", "lenient"))
    return response
