; The first component of every imported module, which tells a rule the package a name
; comes from (a framework family, the package of a session middleware). Appended to each
; rule's query that reads imports: see rules/mod.rs, compile_query.
(import_statement
  name: (dotted_name . (identifier) @import))
(import_statement
  name: (aliased_import name: (dotted_name . (identifier) @import)))
(import_from_statement
  module_name: (dotted_name . (identifier) @import))
