# A developer's own overrides, which the base module star-imports when it exists.
SESSION_COOKIE_SECURE = False
