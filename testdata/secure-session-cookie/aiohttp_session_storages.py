# aiohttp-session storages take secure by keyword only; None, the default, sets no flag.
import aiohttp_session
from aiohttp import web
from aiohttp_session.cookie_storage import EncryptedCookieStorage
from aiohttp_session.redis_storage import RedisStorage


def make_app(key, redis):
    app = web.Application()
    aiohttp_session.setup(app, EncryptedCookieStorage(key))
    storage = RedisStorage(redis, cookie_name="sid", max_age=3600, secure=None)
    other = aiohttp_session.SimpleCookieStorage(httponly=True, secure=True)
    nacl = aiohttp_session.nacl_storage.NaClCookieStorage(
        key,
        max_age=60,
    )
    return app
