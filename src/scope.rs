//! Python's scopes, as far as the rules that follow a name within one need them: the
//! function (or class body, or module) a node is in, and the nodes of one scope.

use tree_sitter::Node;

/// The kinds of node that open a scope of their own.
const SCOPES: &[&str] = &["function_definition", "class_definition", "lambda"];

/// The scope a node is in: its nearest enclosing function, class or lambda, or the
/// module.
pub fn scope_of(node: Node) -> Node {
    let mut current = node;
    while let Some(parent) = current.parent() {
        if SCOPES.contains(&parent.kind()) {
            return parent;
        }
        current = parent;
    }
    current
}

/// Every node of `scope` in source order, its own and those of its blocks, without
/// the nodes of the scopes nested in it (whose definitions are listed, not entered).
/// A function's parameters are its own. Walked without recursion: files may nest
/// expressions tens of thousands deep.
pub fn nodes_of(scope: Node) -> Vec<Node> {
    let mut nodes = Vec::new();
    let mut cursor = scope.walk();
    if !cursor.goto_first_child() {
        return nodes;
    }
    loop {
        let node = cursor.node();
        nodes.push(node);
        let nested = SCOPES.contains(&node.kind());
        if !nested && cursor.goto_first_child() {
            continue;
        }
        loop {
            if cursor.goto_next_sibling() {
                break;
            }
            if !cursor.goto_parent() || cursor.node() == scope {
                return nodes;
            }
        }
    }
}

/// The parameter names of a function definition (`self`, `*args` and `**kwargs`
/// included, without their stars).
pub fn parameter_names<'s>(definition: Node, source: &'s [u8]) -> Vec<&'s str> {
    let Some(parameters) = definition.child_by_field_name("parameters") else {
        return Vec::new();
    };
    crate::parse::code_children(parameters)
        .into_iter()
        .filter_map(|parameter| {
            let name = match parameter.kind() {
                "identifier" => Some(parameter),
                "typed_parameter" | "list_splat_pattern" | "dictionary_splat_pattern" => {
                    crate::parse::first_code_child(parameter)
                }
                _ => parameter.child_by_field_name("name"),
            };
            name.filter(|name| name.kind() == "identifier")
                .and_then(|name| name.utf8_text(source).ok())
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_scope_holds_its_blocks_not_its_nested_definitions() {
        let code = "def f(a, b=1, *c, d: int = 2, **e):\n    if a:\n        x = 1\n    def g():\n        y = 2\n    z = lambda: w\n";
        let parsed = crate::parse::parse(code.as_bytes()).expect("a tree");
        let function = parsed.tree.root_node().named_child(0).expect("a def");
        let names: Vec<&str> = nodes_of(function)
            .into_iter()
            .filter(|node| node.kind() == "identifier")
            .filter_map(|node| node.utf8_text(code.as_bytes()).ok())
            .collect();
        assert_eq!(names, ["f", "a", "b", "c", "d", "int", "e", "a", "x", "z"]);
        assert_eq!(
            parameter_names(function, code.as_bytes()),
            ["a", "b", "c", "d", "e"]
        );
        let x = parsed
            .tree
            .root_node()
            .descendant_for_byte_range(50, 50)
            .expect("a node");
        assert_eq!(scope_of(x), function);
    }
}
