# Set-Cookie headers written by hand: "; SameSite=Lax" appended where the value has no
# SameSite attribute; any SameSite=... is a policy, left alone.
def app(environ, start_response):
    start_response(
        "200 OK",
        [
            ("Set-Cookie", "sid=abc; Secure"),
            ("Set-Cookie", "cross=1; Secure; SameSite=None"),
            ("Set-Cookie", b"tok=1; Secure; samesite=strict;"),
            ("Set-Cookie", "lang=%s; Secure" % lang),
        ],
    )
    return [b""]
