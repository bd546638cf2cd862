import httpx

from main import app


async def test_login():
    transport = httpx.ASGITransport(app=app)
    async with httpx.AsyncClient(transport=transport, base_url="http://test") as client:
        assert (await client.post("/login")).status_code == 200


async def test_login_on_the_configured_host():
    url = f"http://{HOST}:8000"
    async with httpx.AsyncClient(transport=httpx.ASGITransport(app=app), base_url=url) as client:
        assert (await client.post("/login")).status_code == 200


async def test_login_on_either_host(local):
    url = f"http://{HOST}:8000"
    if local:
        url = "http://localhost:8000"
    async with httpx.AsyncClient(transport=httpx.ASGITransport(app=app), base_url=url) as client:
        assert (await client.post("/login")).status_code == 200
