# Set-Cookie headers written by hand: "; HttpOnly" appended like "; Secure", in place
# of the separators the value ends with; a CSRF token cookie is left for review.
from starlette.responses import Response


def app(environ, start_response):
    start_response(
        "200 OK",
        [
            ("Set-Cookie", "sid=abc; Path=/; Secure; "),
            ("Set-Cookie", "prefs=dark; Secure; httponly"),
            ("Set-Cookie", "csrftoken=t; Secure"),
        ],
    )
    return [b""]


def view(sid):
    headers = {"Set-Cookie": f"sid={sid}; Secure"}
    return Response("ok", headers=headers)


def handler(response, value):
    response.headers["Set-Cookie"] = value
