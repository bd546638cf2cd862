# A session middleware's flag read as section 8 reads every flag: a cookie setting or
# the debug switch settles it; an environment read with a false default gets a true one.
import os

from django.conf import settings
from fastapi import FastAPI
from starlette.middleware.sessions import SessionMiddleware

app = FastAPI()
app.add_middleware(SessionMiddleware, secret_key="k", https_only=settings.SESSION_COOKIE_SECURE)
app.add_middleware(SessionMiddleware, secret_key="k", https_only=not settings.DEBUG)
app.add_middleware(
    SessionMiddleware,
    secret_key="k",
    https_only=os.getenv("SESSION_HTTPS_ONLY", "false") == "true",
)
