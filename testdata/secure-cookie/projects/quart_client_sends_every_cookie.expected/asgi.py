from hypercorn.middleware import ProxyFixMiddleware

from app import app

application = ProxyFixMiddleware(app, mode="legacy", trusted_hops=1)
