import unittest

import cherrypy


class SessionTest(unittest.TestCase):
    # The test reads the Set-Cookie header it gets: a new entry would change it.
    config = {"/": {"tools.sessions.on": True}}

    def test_falsy(self):
        cherrypy.config.update({"tools.sessions.on": True, "tools.sessions.secure": False})
