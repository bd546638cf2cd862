# An HTTP client's responses and the mocks of a server are what a client receives:
# their Set-Cookie headers are left alone.
from unittest import mock

import httpx
import requests
import responses
import respx
from aiohttp import web
from aioresponses import aioresponses
from tornado.httpclient import HTTPResponse
from tornado.httputil import HTTPHeaders


def test_httpx_client():
    response = httpx.Response(200, headers={"Set-Cookie": "sid=abc"})
    assert response.cookies["sid"] == "abc"


@respx.mock
def test_respx():
    respx.get("https://example.com/").mock(
        return_value=httpx.Response(200, headers=[("Set-Cookie", "sid=abc")])
    )


@responses.activate
def test_responses():
    responses.add(responses.GET, "https://example.com/", headers={"Set-Cookie": "sid=abc"})


def test_requests_model():
    response = requests.models.Response()
    response.headers["Set-Cookie"] = "sid=abc"


def test_aioresponses():
    with aioresponses() as mocked:
        mocked.get("https://example.com/", headers={"Set-Cookie": "sid=abc"})


def test_pytest_httpserver(httpserver):
    httpserver.expect_request("/").respond_with_data("ok", headers={"Set-Cookie": "sid=abc"})


def test_mock():
    fake = mock.Mock(headers={"Set-Cookie": "sid=abc"})
    return fake


def test_tornado_client(request):
    return HTTPResponse(request, 200, headers={"Set-Cookie": "sid=abc"})


def test_headers_handed_to_a_clients_jar(gateway):
    headers = HTTPHeaders()
    headers.add("Set-Cookie", "SERVERID=1; Path=/")
    gateway.update_cookies(headers)


async def aiohttp_server_view(request):
    return web.Response(text="ok", headers={"Set-Cookie": "sid=abc"})
