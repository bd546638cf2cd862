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
