# Two local set_cookie definitions put secure at different indexes: calls that depend on it are review.


class LegacyCookies:
    def set_cookie(self, key, value, secure=False):
        self.store[key] = (value, secure)


class ModernCookies:
    def set_cookie(self, key, value, max_age=None, secure=False):
        self.store[key] = (value, max_age, secure)


def remember(legacy, modern):
    legacy.set_cookie("a", "1", False)
    modern.set_cookie("b", "2", 3600, False)
