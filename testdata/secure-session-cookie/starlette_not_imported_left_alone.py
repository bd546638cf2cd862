# A SessionMiddleware that is not Starlette's (Django's, named in settings; a class of the app's own) is left alone.
from myapp.middleware import SessionMiddleware

MIDDLEWARE = [
    "django.contrib.sessions.middleware.SessionMiddleware",
]
app.add_middleware(SessionMiddleware, secret_key="k")
handler = SessionMiddleware(get_response)
