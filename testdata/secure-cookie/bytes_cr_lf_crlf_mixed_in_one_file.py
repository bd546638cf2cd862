# Lines ending in CR, LF and CRLF in one file: each new line ends like the line it follows.from flask import make_response

def view():    response = make_response("ok")
    response.set_cookie(        "a",        "1"    )
    response.set_cookie(
        "b",
        "2",
    )    return response