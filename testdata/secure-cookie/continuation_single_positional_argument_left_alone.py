# One positional argument and a continuation is still a cookie object (http.cookiejar, Litestar), not a key.
import http.cookiejar


def store(jar_like, cookie, response):
    jar_like.set_cookie(cookie, \
                        )
    response.set_cookie(cookie \
                        )
    response.set_cookie(  # a comment is not an argument either
        cookie,
    )
