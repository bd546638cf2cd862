; What the settings rule reads; rules/secure_cookie_setting/mod.rs decides what each is.

; `NAME = value`, `NAME: bool = value`: a setting, or SECRET_KEY, at module level or
; in a class (mod.rs holds the names).
(assignment
  left: (identifier) @name.target
  right: (_) @name.value
  (#any-of? @name.target
    "SESSION_COOKIE_SECURE" "CSRF_COOKIE_SECURE" "LANGUAGE_COOKIE_SECURE"
    "REMEMBER_COOKIE_SECURE" "JWT_COOKIE_SECURE" "JWT_AUTH_SECURE" "SECRET_KEY"
    "SESSION_COOKIE_HTTPONLY" "REMEMBER_COOKIE_HTTPONLY" "CSRF_COOKIE_HTTPONLY"
    "SESSION_COOKIE_SAMESITE" "CSRF_COOKIE_SAMESITE" "LANGUAGE_COOKIE_SAMESITE"
    "REMEMBER_COOKIE_SAMESITE")) @name

; The dict of settings dj-rest-auth reads: `REST_AUTH = {...}`.
(assignment
  left: (identifier) @dict.target
  right: (dictionary) @dict.value
  (#eq? @dict.target "REST_AUTH")) @dict

; `X["NAME"] = value`
(assignment
  left: (subscript
    value: (_) @item.receiver
    subscript: (string) @item.key)
  right: (_) @item.value) @item

; `X.secure_cookies_by_default = value` (Falcon), `X.secret_key = value` (Flask)
(assignment
  left: (attribute
    object: (_) @attribute.receiver
    attribute: (identifier) @attribute.name)
  right: (_) @attribute.value
  (#any-of? @attribute.name "secure_cookies_by_default" "secret_key")) @attribute

; `X.update(...)`, `X.from_mapping(...)`, and the calls that load configuration from
; elsewhere (`X.from_object(...)`, ...).
(call
  function: (attribute
    object: (_) @method.receiver
    attribute: (identifier) @method.name)
  arguments: (argument_list) @method.arguments
  (#any-of? @method.name
    "update" "from_mapping" "from_object" "from_pyfile" "from_envvar" "from_file"
    "from_prefixed_env")) @method

; Config classes, for their bases.
(class_definition name: (identifier) @class.name) @class

; Imports (@import) come from rules/imports.scm.
