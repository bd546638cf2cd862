# Two local set_cookie definitions that agree on secure's index (2) are used like one.


class SessionCookies:
    def set_cookie(self, key, value, secure=False):
        self.store[key] = (value, secure)


class PreferenceCookies:
    def set_cookie(self, name, value, secure=False):
        self.prefs[name] = (value, secure)


def remember(session_store, prefs_store):
    session_store.set_cookie("a", "1", False)
    prefs_store.set_cookie("b", "2")
    prefs_store.set_cookie("c", "3", True)
