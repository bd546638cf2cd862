# A raw ASGI app sends http.response.start with bytes headers.


async def app(scope, receive, send):
    await send(
        {
            "type": "http.response.start",
            "status": 200,
            "headers": [
                (b"content-type", b"text/plain"),
                (b"set-cookie", b"sid=abc; HttpOnly"),
                (b"set-cookie", rb"theme=dark;"),
            ],
        }
    )
    await send({"type": "http.response.body", "body": b"ok"})


async def held(scope, receive, send):
    headers = [(b"set-cookie", b"sid=abc")]
    await send({"type": "http.response.start", "status": 200, "headers": headers})


async def other_message(scope, receive, send):
    await send({"type": "http.request", "headers": [(b"set-cookie", b"a=b")]})
