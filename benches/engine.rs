//! Per-file cost of the engine: `cargo bench --bench engine`.
//! Throughput is reported in bytes per second of Python source.

use std::fs;
use std::path::Path;

use cookie_fix::{fix, Settings};
use divan::counter::BytesCount;
use divan::{black_box, Bencher};

fn main() {
    divan::main();
}

/// Every fixture input that parses: real-looking framework code full of cookie calls.
fn files_with_cookie_calls() -> Vec<Vec<u8>> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("testdata/cases");
    let mut inputs: Vec<Vec<u8>> = fs::read_dir(&dir)
        .expect("testdata/cases")
        .filter_map(|entry| entry.ok().map(|e| e.path()))
        .filter(|path| path.extension().is_some_and(|ext| ext == "py"))
        .filter(|path| !path.to_string_lossy().contains("error_"))
        .filter_map(|path| fs::read(path).ok())
        .collect();
    inputs.sort();
    inputs
}

/// A module of ordinary code with no cookie call, as most files of a code base are.
fn file_without_cookie_calls() -> Vec<u8> {
    let function = "def handler(request, *args, **kwargs):\n    \"\"\"Serve a request.\"\"\"\n    \
                    value = request.args.get('q', '')\n    return render(value, status=200)\n\n";
    function.repeat(2000).into_bytes()
}

#[divan::bench]
fn parse_query_and_fix(bencher: Bencher) {
    let inputs = files_with_cookie_calls();
    let total: usize = inputs.iter().map(Vec::len).sum();
    let settings = Settings::default();
    bencher.counter(BytesCount::new(total)).bench(|| {
        for input in &inputs {
            let _ = black_box(fix(black_box(input), &settings));
        }
    });
}

#[divan::bench]
fn prefilter_only(bencher: Bencher) {
    let input = file_without_cookie_calls();
    let settings = Settings::default();
    bencher
        .counter(BytesCount::new(input.len()))
        .bench(|| black_box(fix(black_box(&input), &settings)));
}
