# Litestar's session backends: secure defaults to False.
from litestar import Litestar
from litestar.middleware.session.client_side import CookieBackendConfig
from litestar.middleware.session.server_side import ServerSideSessionConfig

cookie_session = CookieBackendConfig(secret=SECRET)
server_session = ServerSideSessionConfig(max_age=3600, secure=False)
app = Litestar(middleware=[cookie_session.middleware, server_session.middleware])
