; Cookie calls: an attribute call named like a cookie setter, with a real argument list.
(call
  function: (attribute
    object: (_) @receiver
    attribute: (identifier) @method)
  arguments: (argument_list) @arguments
  (#any-of? @method "set_cookie" "set_signed_cookie" "set_secure_cookie")) @call

; Imports (@import, whose first component decides the framework family) come from
; rules/imports.scm.

; Local definitions of a cookie setter replace the framework's signature when they are
; methods (rules/mod.rs, Context::is_method).
(function_definition
  name: (identifier) @definition.name
  parameters: (parameters) @definition.parameters
  (#any-of? @definition.name "set_cookie" "set_signed_cookie" "set_secure_cookie")) @definition
