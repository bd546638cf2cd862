# Pyramid's session factories and auth ticket helpers: secure defaults to False; its slot comes from each signature.
from pyramid.authentication import AuthTktAuthenticationPolicy, AuthTktCookieHelper
from pyramid.config import Configurator
from pyramid.session import SignedCookieSessionFactory


def main(settings):
    config = Configurator(settings=settings)
    config.set_session_factory(SignedCookieSessionFactory(settings["session.secret"]))
    factory = SignedCookieSessionFactory("s", "session", None, "/", None, False)
    policy = AuthTktAuthenticationPolicy("s", None, "auth_tkt", 0, hashalg="sha512")
    helper = AuthTktCookieHelper("s", secure=settings["auth.secure"])
    config.set_authentication_policy(policy)
    return config.make_wsgi_app()
