# CRLF line endings and a non-ASCII name under a coding line stay as they are.
# -*- coding: utf-8 -*-
from starlette.responses import Response


def vue(requête):
    return Response(
        "ok",
        headers={"Set-Cookie": "préférence=sombre"},
    )
