from starlette.testclient import TestClient

from app import app

client = TestClient(app)


def test_login():
    assert client.get("/login").status_code == 200
