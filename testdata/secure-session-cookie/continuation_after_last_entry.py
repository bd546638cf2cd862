# A backslash continuation after a mapping's last entry, in an exploded layout: the new
# entry goes on a line of its own after that line, as a new argument does.
import cherrypy
import tornado.web

conf = {
    '/': {
        'tools.sessions.on': True \
    },
    '/app': {
        'tools.sessions.on': True, \
    },
}


def make_app():
    return tornado.web.Application(
        [],
        xsrf_cookies=True \
    )
