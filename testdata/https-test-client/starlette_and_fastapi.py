import httpx
import fastapi.testclient
from starlette.testclient import TestClient

from app import app

client = TestClient(app)
positional = TestClient(app, "http://testserver")
keyword = fastapi.testclient.TestClient(app, base_url='http://example.org', raise_server_exceptions=False)
exploded = TestClient(
    app,
    raise_server_exceptions=False,
)
already = TestClient(app, base_url="https://testserver")
async_client = httpx.AsyncClient(transport=httpx.ASGITransport(app=app), base_url="http://test")
