# Session factories and storages: aiohttp-session's set no SameSite by default
# (samesite=None); Pyramid's default to samesite='Lax', so only a falsy value is fixed.
from aiohttp_session.cookie_storage import EncryptedCookieStorage
from pyramid.session import SignedCookieSessionFactory

storage = EncryptedCookieStorage(key, secure=True)
strict = EncryptedCookieStorage(key, secure=True, samesite="Strict")
factory = SignedCookieSessionFactory('seekrit', secure=True)
unset = SignedCookieSessionFactory('seekrit', secure=True, samesite=None)
