import httpx
from starlette.testclient import TestClient

from app import app

from_settings = TestClient(app, base_url=settings.URL)
formatted = TestClient(app, base_url=f"{SCHEME}://testserver")
splat = TestClient(app, **OPTIONS)
no_base_url = httpx.AsyncClient(transport=httpx.ASGITransport(app=app))
real_server = httpx.Client()


def client_for(url):
    return TestClient(app, base_url=url)


class TestClient2(TestClient):
    pass
