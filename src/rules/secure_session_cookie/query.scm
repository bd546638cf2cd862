; Calls of a session middleware, storage or cookie factory (rules/secure_session_cookie/mod.rs
; holds the names), and the calls that take the middleware class as their first argument.
(call
  function: [
    (identifier) @callee
    (attribute attribute: (identifier) @callee)
  ]
  arguments: (argument_list) @arguments
  (#any-of? @callee
    "SessionMiddleware" "add_middleware" "Middleware"
    "EncryptedCookieStorage" "NaClCookieStorage" "SimpleCookieStorage" "RedisStorage"
    "MemcachedStorage"
    "SignedCookieSessionFactory" "BaseCookieSessionFactory" "AuthTktCookieHelper"
    "AuthTktAuthenticationPolicy"
    "CookieBackendConfig" "ServerSideSessionConfig")) @call

; Imports (@import) come from rules/imports.scm.

; Configuration mappings that turn a framework's own cookie on: Tornado's application
; settings (`Application(..., xsrf_cookies=True)`, `dict(xsrf_cookies=True)`,
; `{"xsrf_cookies": True}`) and CherryPy's config dicts (`{"tools.sessions.on": True}`).
(call
  function: [
    (identifier) @settings_callee
    (attribute attribute: (identifier) @settings_callee)
  ]
  arguments: (argument_list
    (keyword_argument name: (identifier) @settings_flag)) @settings
  (#any-of? @settings_callee "Application" "dict")
  (#eq? @settings_flag "xsrf_cookies"))
(dictionary) @settings
