# ignore[secure-session-cookie] keeps a development-only middleware as it is; ignore[secure-cookie] does not.
from starlette.middleware.sessions import SessionMiddleware

app.add_middleware(SessionMiddleware, secret_key="dev")  # cookie-fix: ignore[secure-session-cookie]
app.add_middleware(SessionMiddleware, secret_key="dev")  # cookie-fix: ignore[secure-cookie]
