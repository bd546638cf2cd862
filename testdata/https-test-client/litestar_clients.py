from litestar.testing import AsyncTestClient, TestClient

from app import app


def test_sync():
    with TestClient(app=app) as client:
        assert client.get("/").status_code == 200


async def test_async():
    async with AsyncTestClient(app=app, base_url="http://testserver.local") as client:
        assert (await client.get("/")).status_code == 200
