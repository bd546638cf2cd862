import cherrypy


class Root:
    @cherrypy.expose
    def index(self):
        return "hello"


conf = {
    '/': {
        'tools.sessions.on': True,
        'tools.sessions.timeout': 60,
    },
    '/static': {'tools.staticdir.on': True, 'tools.staticdir.dir': 'static'},
}

cherrypy.config.update({"tools.sessions.on": True, "tools.sessions.secure": False})

cherrypy.config.update({"tools.sessions.on": True, "tools.sessions.httponly": True})

ADMIN = {"/admin": {"tools.sessions.on": True, "tools.sessions.secure": True}}

LOCAL = {"/": {"tools.sessions.on": True, "tools.sessions.secure": cherrypy.config.get("https")}}

OFF = {"/": {"tools.sessions.on": False}}

EMPTY_LIKE = {"/": {"tools.sessions.on": True, **ADMIN["/admin"]}}

if __name__ == "__main__":
    cherrypy.quickstart(Root(), "/", conf)
