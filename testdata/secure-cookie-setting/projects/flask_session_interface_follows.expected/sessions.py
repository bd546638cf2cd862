from flask.sessions import SessionInterface


class CachingSessionInterface(SessionInterface):
    def save_session(self, app, session, response):
        domain = self.get_cookie_domain(app)
        secure = self.get_cookie_secure(app)
        response.set_cookie(
            self.get_cookie_name(app),
            session.sid,
            domain=domain,
            secure=secure,
        )
