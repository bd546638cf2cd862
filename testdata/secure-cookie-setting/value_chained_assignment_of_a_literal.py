# A chained assignment gives every target the value on its right: both are True.
CSRF_COOKIE_SECURE = SESSION_COOKIE_SECURE = True
