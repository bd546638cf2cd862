# A method of a typing.Protocol class is a type, not an implementation: the objects it
# describes are other classes (here Flask's response), so it decides nothing about the
# file's calls, whatever its parameters.
import typing as t
from typing import Protocol

import typing_extensions
from flask import Response

T = t.TypeVar("T")


class CookieSetter(Protocol):
    def set_cookie(self, key: str, value: str) -> None: ...


class SignedSetter(typing_extensions.Protocol[T]):
    def set_signed_cookie(self, key: str, value: T, *, salt: str = "") -> None:
        """Sets a signed cookie."""


class Deleter(t.Protocol):
    def set_cookie(self, key: str, value: str = "", max_age: int = 0, secure: bool = True) -> None:
        pass


def login(response: CookieSetter, signed: SignedSetter[str], token: str) -> Response:
    response.set_cookie("session", token)
    response.set_cookie("lang", "en", 3600)
    signed.set_signed_cookie("user", token, salt="x")
    return response
