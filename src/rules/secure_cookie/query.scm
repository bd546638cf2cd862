; Cookie calls: an attribute call named like a cookie setter, with a real argument list.
(call
  function: (attribute
    object: (_) @receiver
    attribute: (identifier) @method)
  arguments: (argument_list) @arguments
  (#any-of? @method "set_cookie" "set_signed_cookie" "set_secure_cookie")) @call

; The first component of every imported module decides the framework family.
(import_statement
  name: (dotted_name . (identifier) @import))
(import_statement
  name: (aliased_import name: (dotted_name . (identifier) @import)))
(import_from_statement
  module_name: (dotted_name . (identifier) @import))

; Local definitions of a cookie setter replace the framework's signature when they are
; methods (rule/mod.rs checks that the definition lies in a class body).
(function_definition
  name: (identifier) @definition.name
  parameters: (parameters) @definition.parameters
  (#any-of? @definition.name "set_cookie" "set_signed_cookie" "set_secure_cookie")) @definition
