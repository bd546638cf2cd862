# Bottle: secure is keyword-only (**options), so a falsy 7th positional argument is not secure.
from bottle import request, response, route


@route("/hello")
def hello():
    name = request.query.get("name", "world")
    response.set_cookie("account", name, None, None, None, None, False)
    response.set_cookie("visited", "yes", path="/", secure=0)
    return "Hello " + name
