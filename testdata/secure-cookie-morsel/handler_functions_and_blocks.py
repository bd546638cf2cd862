# Morsels built in functions: loops, branches, a Morsel of its own, module aliases.
from http import cookies
from http.cookies import Morsel


def login(names, value, remember):
    jar = cookies.SimpleCookie()
    for name in names:
        jar[name] = value
        jar[name]["httponly"] = True
    if remember:
        jar["remember"] = "1"
        jar["remember"]["max-age"] = 3600
    else:
        jar["remember"] = ""
    if value: jar["inline"] = value
    return jar.output(header="")


def one_morsel(value):
    morsel = Morsel()
    morsel.set("sid", value, value)
    morsel["path"] = "/"
    return morsel.OutputString()


def flagged_for_every_key(values):
    jar = cookies.SimpleCookie()
    for key, value in values.items():
        jar[key] = value
    for key in jar:
        jar[key]["secure"] = True
    return jar.output()


def dynamic(value, options, secure):
    jar = cookies.SimpleCookie()
    jar["a"] = value
    jar["a"].update(options)
    jar["b"] = value
    jar["b"]["secure"] = secure
    print(jar)
