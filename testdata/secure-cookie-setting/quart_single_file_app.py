from quart import Quart, session

app = Quart(__name__)
app.secret_key = "change me"
app.config.from_mapping({"JWT_COOKIE_SECURE": None}, REMEMBER_COOKIE_SECURE=0)


@app.route("/")
async def index():
    session["seen"] = True
    return "ok"
