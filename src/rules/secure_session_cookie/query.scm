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

; The first component of every imported module tells which package a name comes from.
(import_statement
  name: (dotted_name . (identifier) @import))
(import_statement
  name: (aliased_import name: (dotted_name . (identifier) @import)))
(import_from_statement
  module_name: (dotted_name . (identifier) @import))
