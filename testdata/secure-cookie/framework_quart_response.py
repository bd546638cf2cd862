# Quart: the Werkzeug signature, secure at index 6; "" there is falsy.
from quart import Quart, make_response

app = Quart(__name__)


@app.route("/")
async def index():
    response = await make_response("hi")
    response.set_cookie("quart_session", "xyz", httponly=True)
    response.set_cookie("flash", "", 0, None, "/", None, "")
    return response
