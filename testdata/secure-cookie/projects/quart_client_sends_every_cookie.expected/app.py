from quart import Quart, make_response, request

app = Quart(__name__)


@app.route("/login", methods=["POST"])
async def login():
    response = await make_response("ok")
    response.set_cookie("session", "token", httponly=True, secure=True)
    return response
