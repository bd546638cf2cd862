# Middleware(SessionMiddleware, ...) and SessionMiddleware(app, ...): https_only is the 7th positional slot of both.
import starlette.middleware.sessions
from starlette.applications import Starlette
from starlette.middleware import Middleware
from starlette.middleware.sessions import SessionMiddleware

middleware = [
    Middleware(SessionMiddleware, secret_key="k"),
    Middleware(starlette.middleware.sessions.SessionMiddleware, secret_key="k", **options),
]
app = Starlette(middleware=middleware)
wrapped = SessionMiddleware(app, "k", "session", 3600, "/", "lax", False)
wrapped = SessionMiddleware(app, "k", https_only=not DEBUG)
