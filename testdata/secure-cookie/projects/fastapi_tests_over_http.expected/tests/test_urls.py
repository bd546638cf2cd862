def test_login_redirects(client):
    response = client.post("/login", follow_redirects=True)
    assert response.url == "http://testserver/welcome"
    assert str(response.url).startswith("http://testserver")
    assert "http://testserver.example" not in response.text
    assert response.headers["location"] != r"http://testserver/raw"
    # Another origin, which the clients never talk to.
    assert "http://example.com/" in response.text


def test_links(client):
    page = client.get("/").text
    assert '<a href="http://testserver/admin/user/list">' in page
    assert "see http://testserver:8000/ and http://testserver" in page
