import httpx
from starlette.testclient import TestClient

from app import app, settings

BASE = "http://testserver"
module_client = TestClient(app, base_url=BASE)


async def test_login():
    url = f"http://{settings.host}:{settings.port}"
    async with httpx.AsyncClient(transport=httpx.ASGITransport(app=app), base_url=url) as client:
        assert (await client.post("/login")).status_code == 200


def test_rebound(flag):
    url = "http://a"
    if flag:
        url = "http://b"
    return TestClient(app, base_url=url)


def test_raw():
    return TestClient(app, base_url=r"http://raw")
