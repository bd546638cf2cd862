# Cookies handed to a client's jar are what the client sends back.
from http.cookies import SimpleCookie

import aiohttp


async def fetch(session: aiohttp.ClientSession):
    cookies = SimpleCookie()
    cookies["sid"] = "abc"
    session.cookie_jar.update_cookies(cookies)
    return await session.get("https://example.com/")
