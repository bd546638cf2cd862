from starlette.testclient import TestClient

from app import app


def test_login():
    client = TestClient(app)
    client.post("/login")
    assert client.get("/me").status_code == 200
