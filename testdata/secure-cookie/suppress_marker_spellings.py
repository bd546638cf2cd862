# Suppression markers as users type them: blanks around the colon, NOSONAR and nosec in any case; a comment containing one.
from flask import make_response


def view():
    response = make_response("ok")
    response.set_cookie("a", "1")  # cookie-fix:ignore
    response.set_cookie("b", "1")  # cookie-fix :  ignore
    response.set_cookie("c", "1")  # Cookie-Fix: IGNORE
    response.set_cookie("d", "1")  # nosonar
    response.set_cookie("e", "1")  # NoSonar
    response.set_cookie("f", "1")  # NOSEC
    response.set_cookie("g", "1")  # NoSec B105
    # cookie-fix:ignore
    response.set_cookie("h", "1")
    response.set_cookie("i", "1")  # cookie-fix: ignored
    response.set_cookie("j", "1")  # cookie-fix ignore
    return response
