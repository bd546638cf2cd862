from starlette.applications import Starlette
from starlette.middleware import Middleware
from starlette.middleware.sessions import SessionMiddleware

app = Starlette(middleware=[Middleware(SessionMiddleware, secret_key="change-me", https_only=True)])
