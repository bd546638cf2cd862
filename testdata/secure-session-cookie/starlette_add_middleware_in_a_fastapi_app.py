# A FastAPI app's session middleware: https_only is missing (default False), so it is inserted.
from fastapi import FastAPI
from starlette.middleware.sessions import SessionMiddleware

app = FastAPI()
app.add_middleware(SessionMiddleware, secret_key=os.environ["SECRET_KEY"])
app.add_middleware(
    SessionMiddleware,
    secret_key="dev",
    max_age=3600,
)
app.add_middleware(SessionMiddleware, secret_key="dev", https_only=False)
app.add_middleware(SessionMiddleware, secret_key="dev", https_only=True)
