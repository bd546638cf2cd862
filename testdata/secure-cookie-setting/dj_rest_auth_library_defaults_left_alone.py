# A library's own table of defaults is no settings module's REST_AUTH.
DEFAULTS = {
    "JWT_AUTH_SECURE": False,
}
