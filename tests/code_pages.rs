//! The code-page table the parser's view is built from (src/source/code_pages.rs) is
//! Python's own reading of each byte: this runs the script that writes it, with the
//! machine's Python, and compares.

use std::path::Path;
use std::process::Command;

#[test]
fn the_code_page_table_is_what_python_makes_of_each_byte() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let output = Command::new(std::env::var("PYTHON").as_deref().unwrap_or("python3"))
        .arg(root.join("scripts/code-pages.py"))
        .output()
        .unwrap_or_else(|e| panic!("python3 scripts/code-pages.py: {e} (python3 is needed)"));
    assert!(
        output.status.success(),
        "scripts/code-pages.py failed:\n{}",
        String::from_utf8_lossy(&output.stderr)
    );
    let table = root.join("src/source/code_pages.rs");
    let committed = std::fs::read(&table).unwrap_or_else(|e| panic!("{}: {e}", table.display()));
    assert!(
        output.stdout == committed,
        "src/source/code_pages.rs differs from what Python says; regenerate it with\n  python3 scripts/code-pages.py > src/source/code_pages.rs"
    );
}
