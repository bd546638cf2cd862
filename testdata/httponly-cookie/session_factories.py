# Session factories and storages: Pyramid's default to httponly=False (AuthTkt's
# spell it http_only); aiohttp-session's default to httponly=True, so only a falsy
# value is fixed; Starlette's SessionMiddleware always sets HttpOnly.
from aiohttp_session.cookie_storage import EncryptedCookieStorage
from pyramid.authentication import AuthTktAuthenticationPolicy, AuthTktCookieHelper
from pyramid.session import SignedCookieSessionFactory
from starlette.middleware.sessions import SessionMiddleware

factory = SignedCookieSessionFactory("seekrit", secure=True)
helper = AuthTktCookieHelper("s", "auth", True, False, None, None, None, False)
policy = AuthTktAuthenticationPolicy("s", secure=True, http_only=settings.HTTP_ONLY)
storage = EncryptedCookieStorage(key, secure=True)
plain = EncryptedCookieStorage(key, secure=True, httponly=False)
app.add_middleware(SessionMiddleware, secret_key="s", https_only=True)
