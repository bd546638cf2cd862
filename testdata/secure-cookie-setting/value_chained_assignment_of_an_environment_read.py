# A chained assignment gives every target the value on its right: both read APP_SECURE_COOKIES,
# false when it is unset, and one edit of the default fixes both.
import os

SESSION_COOKIE_SECURE = CSRF_COOKIE_SECURE = os.environ.get("APP_SECURE_COOKIES", "NO") == "YES"
