from .base import *

SESSION_COOKIE_SECURE = False  # cookie-fix: ignore[secure-cookie-setting]
CSRF_COOKIE_SECURE = False  # NOSONAR
