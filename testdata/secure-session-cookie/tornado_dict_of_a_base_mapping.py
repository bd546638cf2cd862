import tornado.web

base = {"xsrf_cookie_kwargs": {"httponly": True, "secure": True}}
# base may give the kwargs: review, not a new entry that would replace them.
settings = dict(base, xsrf_cookies=True)
