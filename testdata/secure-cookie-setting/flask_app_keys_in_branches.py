from flask import Flask

app = Flask(__name__)
if True: \
    app.secret_key = "x"

admin = Flask("admin")
if DEV:
    admin.secret_key = "dev"
else:
    admin.secret_key = load_key()
