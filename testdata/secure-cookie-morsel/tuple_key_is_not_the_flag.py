# A tuple of keys names no attribute and no morsel (they raise on it at run time): it
# does not set the flag, and the morsel is judged as if that line were not there.
from http.cookies import Morsel, SimpleCookie


def login(handler, token):
    c = SimpleCookie()
    c["sid"] = token
    c["sid"]["secure", "other"] = False
    c["sid"]["path"] = "/"
    c["lang"] = "en"
    c["lang"]["secure",] = False
    c["theme"] = "dark"
    c["theme"][("secure", "x")] = 0
    c["pref"] = "1"
    c["pref", "x"]["secure"] = True
    c["ok"] = "1"
    c["ok"]["secure"] = True
    handler.send_header("Set-Cookie", c.output(header=""))


def single(handler, token):
    m = Morsel()
    m.set("sid", token, token)
    m["secure", "httponly"] = False
    handler.send_header("Set-Cookie", m.OutputString())
