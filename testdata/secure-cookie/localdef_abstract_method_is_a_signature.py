# An abstract method is the project's own signature, not a type of another's object: the
# subclasses that implement it take the parameters it names, so calls of that name follow
# it (here it takes no secure: review), as a method with a body does.
from abc import ABC, abstractmethod

from flask import Response


class CookieStore(ABC):
    @abstractmethod
    def set_cookie(self, handler, token):
        raise NotImplementedError


class RememberMe(ABC):
    def set_signed_cookie(self, key, value, secure=False):
        """Implemented by each backend."""


def remember(store: CookieStore, backend: RememberMe, response: Response, token):
    store.set_cookie(response, token)
    backend.set_signed_cookie("user", token, False)
