# No tornado import: these settings are not Tornado's.
SETTINGS = {"xsrf_cookies": True}
app = Application([], xsrf_cookies=True)
