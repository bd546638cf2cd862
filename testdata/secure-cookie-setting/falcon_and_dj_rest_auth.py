import falcon

app = falcon.App()
app.resp_options.secure_cookies_by_default = False

api = falcon.asgi.App()
api.resp_options.secure_cookies_by_default = True

REST_AUTH = {
    "USE_JWT": True,
    "JWT_AUTH_COOKIE": "auth",
    "JWT_AUTH_SECURE": False,
    "JWT_AUTH_HTTPONLY": True,
}
