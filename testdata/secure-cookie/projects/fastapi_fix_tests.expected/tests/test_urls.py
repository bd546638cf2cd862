def test_login_redirects(client):
    response = client.post("/login", follow_redirects=True)
    assert response.url == "https://testserver/welcome"
    assert str(response.url).startswith("https://testserver")
    assert "http://testserver.example" not in response.text
    assert response.headers["location"] != r"http://testserver/raw"
    # Another origin, which the clients never talk to.
    assert "http://example.com/" in response.text


def test_links(client):
    page = client.get("/").text
    assert '<a href="https://testserver/admin/user/list">' in page
    assert "see http://testserver:8000/ and https://testserver" in page
    assert "https://testserver/a https://testserver/b" in page
