//! What the names of a module stand for, as far as its imports tell: `web` for
//! `aiohttp.web` after `from aiohttp import web`, so that `web.Response` is read as
//! `aiohttp.web.Response`. Rules that tell one library's class from another's of the
//! same name (Litestar's `Cookie`, httpx's `Response`) read callees through this.

use tree_sitter::{Node, Tree};

use crate::parse;

/// The names bound by a module's import statements, each with the dotted path it
/// stands for. Where a name is imported twice, the last import wins; names bound
/// otherwise (assigned, defined) are not known here.
#[derive(Debug, Default)]
pub struct Bindings {
    names: Vec<(String, String)>,
}

impl Bindings {
    /// The bindings of `statements`, each an `import_statement` or `import_from_statement`
    /// (relative imports bind nothing known: their package is not named).
    pub fn of<'t>(statements: impl IntoIterator<Item = Node<'t>>, source: &[u8]) -> Self {
        let mut bindings = Bindings::default();
        for statement in statements {
            bindings.add(statement, source);
        }
        bindings
    }

    fn add(&mut self, statement: Node, source: &[u8]) {
        let text = |node: Node| node.utf8_text(source).ok();
        let mut cursor = statement.walk();
        let names: Vec<Node> = statement
            .children_by_field_name("name", &mut cursor)
            .collect();
        let module = match statement.kind() {
            "import_statement" => None,
            "import_from_statement" => {
                let module = statement.child_by_field_name("module_name");
                match module.filter(|module| module.kind() == "dotted_name") {
                    Some(module) => Some(dotted_text(module, source)),
                    None => return,
                }
            }
            _ => return,
        };
        for name in names {
            let (imported, alias) = match name.kind() {
                "aliased_import" => (
                    name.child_by_field_name("name"),
                    name.child_by_field_name("alias").and_then(text),
                ),
                _ => (Some(name), None),
            };
            let Some(imported) = imported.filter(|node| node.kind() == "dotted_name") else {
                continue;
            };
            let path = dotted_text(imported, source);
            let binding = match (&module, alias) {
                // `from a.b import c as d`, `from a.b import c`: the name is a.b.c.
                (Some(module), alias) => {
                    let bound = alias.or_else(|| path.split('.').next_back());
                    bound.map(|bound| (bound.to_owned(), format!("{module}.{path}")))
                }
                // `import a.b as x`: x is a.b.
                (None, Some(alias)) => Some((alias.to_owned(), path)),
                // `import a.b`: only `a` is bound, and it is the package a.
                (None, None) => imported
                    .named_child(0)
                    .and_then(text)
                    .map(|first| (first.to_owned(), first.to_owned())),
            };
            self.names.extend(binding);
        }
    }

    /// The first component of every imported module (`flask` for `from flask.json import
    /// dumps`), as `rules::is_test_module` reads them.
    pub fn modules(&self) -> Vec<&str> {
        self.names
            .iter()
            .filter_map(|(_, path)| path.split('.').next())
            .collect()
    }

    /// Every path the imports bind a name to.
    pub fn paths(&self) -> impl Iterator<Item = &str> {
        self.names.iter().map(|(_, path)| path.as_str())
    }

    /// The dotted path a name stands for.
    pub fn path_of_name(&self, name: &str) -> Option<&str> {
        self.names
            .iter()
            .rev()
            .find(|(bound, _)| *bound == name)
            .map(|(_, path)| path.as_str())
    }

    /// The dotted path an expression stands for: a name, or an attribute chain whose
    /// root is a name (calls and subscripts along the chain are stepped through, so
    /// `respx.get(url).mock` is `respx.get.mock`). `None` when the root is not
    /// imported.
    pub fn path_of(&self, expression: Node, source: &[u8]) -> Option<String> {
        let (root, attributes) = chain(expression, source)?;
        let mut path = self.path_of_name(root)?.to_owned();
        for attribute in attributes.iter().rev() {
            path.push('.');
            path.push_str(attribute);
        }
        Some(path)
    }
}

/// The names an import statement binds, relative imports included: `c` of
/// `from .a import c`, `d` of `import a.b as d`, `a` of `import a.b`.
pub fn names_bound_by<'s>(statement: Node, source: &'s [u8]) -> Vec<&'s str> {
    let text = |node: Node| node.utf8_text(source).ok();
    let from = statement.kind() == "import_from_statement";
    let mut cursor = statement.walk();
    let names: Vec<Node> = statement
        .children_by_field_name("name", &mut cursor)
        .collect();
    names
        .into_iter()
        .filter_map(|name| match name.kind() {
            "aliased_import" => name.child_by_field_name("alias").and_then(text),
            "dotted_name" if from => name
                .named_child(u32::try_from(name.named_child_count().checked_sub(1)?).ok()?)
                .and_then(text),
            "dotted_name" => name.named_child(0).and_then(text),
            _ => None,
        })
        .collect()
}

/// The import statements of a tree, found through the `import` keyword in the bytes: a
/// rule that reads nothing else of a file's imports needs no query over all of it.
pub fn import_statements<'t>(tree: &'t Tree, source: &[u8]) -> Vec<Node<'t>> {
    parse::keyword_statements(
        tree,
        source,
        "import",
        &["import_statement", "import_from_statement"],
    )
}

/// The first name of each module that `statements` import (`a` of `import a.b as c` and
/// of `from a.b import c`; none for a relative import): the package each comes from.
pub fn imported_packages<'t>(statements: &[Node<'t>]) -> Vec<Node<'t>> {
    let mut packages = Vec::new();
    for statement in statements {
        let mut cursor = statement.walk();
        let modules: Vec<Node> = match statement.kind() {
            "import_from_statement" => statement
                .child_by_field_name("module_name")
                .into_iter()
                .collect(),
            _ => statement
                .children_by_field_name("name", &mut cursor)
                .filter_map(|name| match name.kind() {
                    "aliased_import" => name.child_by_field_name("name"),
                    _ => Some(name),
                })
                .collect(),
        };
        packages.extend(
            modules
                .into_iter()
                .filter(|module| module.kind() == "dotted_name")
                .filter_map(|module| parse::first_code_child(module))
                .filter(|first| first.kind() == "identifier"),
        );
    }
    packages
}

/// Whether a dotted path is `prefix` or lies inside it (`aiohttp.web.Response` in
/// `aiohttp.web`, not `aiohttp.webx`).
pub fn path_within(path: &str, prefix: &str) -> bool {
    path.strip_prefix(prefix)
        .is_some_and(|rest| rest.is_empty() || rest.starts_with('.'))
}

/// The root name of an expression's chain of attributes, calls and subscripts, and the
/// attribute names from the outermost in.
pub fn chain<'s>(mut node: Node, source: &'s [u8]) -> Option<(&'s str, Vec<&'s str>)> {
    let mut attributes = Vec::new();
    loop {
        node = match node.kind() {
            "identifier" => return Some((node.utf8_text(source).ok()?, attributes)),
            "attribute" => {
                attributes.push(
                    node.child_by_field_name("attribute")?
                        .utf8_text(source)
                        .ok()?,
                );
                node.child_by_field_name("object")?
            }
            "call" => node.child_by_field_name("function")?,
            "subscript" => node.child_by_field_name("value")?,
            "parenthesized_expression" | "await" => crate::parse::first_code_child(node)?,
            _ => return None,
        };
    }
}

/// The last name of an expression's chain: `headers` in `response.headers`,
/// `test_client` in `app.test_client()`.
pub fn last_name<'s>(node: Node, source: &'s [u8]) -> Option<&'s str> {
    let (root, attributes) = chain(node, source)?;
    Some(attributes.first().copied().unwrap_or(root))
}

/// A dotted name's text without the blanks, comments or continuations it may hold.
fn dotted_text(node: Node, source: &[u8]) -> String {
    let parts: Vec<&str> = crate::parse::code_children(node)
        .into_iter()
        .filter_map(|part| part.utf8_text(source).ok())
        .collect();
    parts.join(".")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn with_bindings(code: &str, check: impl Fn(&Bindings, &[u8], Node)) {
        let parsed = crate::parse::parse(code.as_bytes()).expect("a tree");
        let root = parsed.tree.root_node();
        let statements = import_statements(&parsed.tree, code.as_bytes());
        let bindings = Bindings::of(statements, code.as_bytes());
        let last = statements_last(root);
        let expression = last.named_child(0).expect("an expression");
        check(&bindings, code.as_bytes(), expression);
    }

    fn statements_last(root: Node) -> Node {
        let mut cursor = root.walk();
        let last = root.named_children(&mut cursor).last();
        last.expect("a statement")
    }

    #[test]
    fn names_stand_for_what_their_imports_bring() {
        for (code, path) in [
            (
                "from aiohttp import web\nweb.Response\n",
                Some("aiohttp.web.Response"),
            ),
            (
                "import aiohttp.web\naiohttp.web.Response\n",
                Some("aiohttp.web.Response"),
            ),
            ("import httpx as h\nh.Response\n", Some("httpx.Response")),
            (
                "from litestar.datastructures import Cookie as C\nC\n",
                Some("litestar.datastructures.Cookie"),
            ),
            (
                "import respx\nrespx.get(url).mock\n",
                Some("respx.get.mock"),
            ),
            ("from . import web\nweb.Response\n", None),
            ("import a\nb.c\n", None),
            ("from a import (b,  # why\n  c as d)\nd.e\n", Some("a.c.e")),
        ] {
            with_bindings(code, |bindings, source, expression| {
                assert_eq!(
                    bindings.path_of(expression, source).as_deref(),
                    path,
                    "{code}"
                );
            });
        }
    }

    #[test]
    fn import_statements_are_found_by_their_keyword() {
        let code = "import a  # import b\ns = 'import c'\nimportant = 1\ntry:\n    from d.e import (f,\n        g)\nexcept ImportError:\n    pass\n";
        let parsed = crate::parse::parse(code.as_bytes()).expect("a tree");
        let bindings = Bindings::of(
            import_statements(&parsed.tree, code.as_bytes()),
            code.as_bytes(),
        );
        assert_eq!(
            bindings.paths().collect::<Vec<_>>(),
            ["a", "d.e.f", "d.e.g"]
        );
        assert_eq!(bindings.modules(), ["a", "d", "d"]);
    }

    #[test]
    fn paths_hold_whole_components() {
        assert!(path_within("aiohttp.web.Response", "aiohttp.web"));
        assert!(path_within("aiohttp", "aiohttp"));
        assert!(!path_within("aiohttp.webx", "aiohttp.web"));
    }
}
