# Replacement fields that stand for a cookie's value or an attribute's value (after
# NAME=) cannot add an attribute the way a field standing alone can: Secure is appended.
def app(environ, start_response):
    sid, age, path = environ["sid"], 3600, "/"
    options = {"sid": sid, "age": age}
    headers = [
        ("Set-Cookie", "sid=%s; Max-Age=%d" % (sid, age)),
        ("Set-Cookie", "sid={}; Path={}".format(sid, path)),
        ("Set-Cookie", "sid=%(sid)s; Max-Age=%(age)d" % options),
        ("Set-Cookie", f"sid={sid}; Max-Age={age};"),
        ("Set-Cookie", "sid={0}.{1}; Path=/{1}".format(sid, path)),
        ("Set-Cookie", "ratio=%s%%; Path=%s" % (age, path)),
        ("Set-Cookie", "sid={{{}}}; Max-Age={:>{}}".format(sid, age, 6)),
        ("Set-Cookie", "%s=%s; Path=%s" % ("sid", sid, path)),
    ]
    start_response("200 OK", headers)
    return [b"ok"]


# A field that could stand for whole attributes, or for more than a value: review.
def review(environ, start_response):
    sid, attrs = environ["sid"], environ["attrs"]
    headers = [
        ("Set-Cookie", "sid=%s; %s" % (sid, attrs)),
        ("Set-Cookie", "sid=%s%s" % (sid, attrs)),
        ("Set-Cookie", "{}; {}".format(sid, attrs)),
        ("Set-Cookie", f"sid={sid} {attrs}"),
        ("Set-Cookie", "sid={}; Path=/;{}".format(sid, attrs)),
        ("Set-Cookie", "sid=%s; %s=1" % (sid, attrs)),
        ("Set-Cookie", "sid=%s; %%%s" % (sid, attrs)),
    ]
    start_response("200 OK", headers)
    return [b"ok"]
