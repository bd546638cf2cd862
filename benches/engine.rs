//! Per-file cost of the engine: `cargo bench --bench engine`.
//! Throughput is reported in bytes per second of Python source.

use std::fs;
use std::path::Path;

use cookie_fix::engine::fix_parsing_whole;
use cookie_fix::{fix, Settings};
use divan::counter::BytesCount;
use divan::{black_box, Bencher};

fn main() {
    divan::main();
}

/// Every fixture input that parses: real-looking framework code full of cookie calls.
fn files_with_cookie_calls() -> Vec<Vec<u8>> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("testdata/secure-cookie");
    let mut inputs: Vec<Vec<u8>> = fs::read_dir(&dir)
        .expect("testdata/secure-cookie")
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

/// A large module with one cookie call among its 10,000 lines.
fn module_with(call: &str) -> Vec<u8> {
    let mut module = file_without_cookie_calls();
    module.extend_from_slice(
        format!("def view(request):\n    response = make_response('ok')\n    {call}\n    return response\n")
            .as_bytes(),
    );
    module
}

#[divan::bench(args = [true, false])]
fn parse_query_and_fix(bencher: Bencher, windows_first: bool) {
    let inputs = files_with_cookie_calls();
    run(bencher, &inputs, windows_first);
}

/// The call is secure: only the lines around it are parsed.
#[divan::bench(args = [true, false])]
fn module_with_a_secure_call(bencher: Bencher, windows_first: bool) {
    let input = module_with("response.set_cookie('k', 'v', secure=True)");
    run(bencher, &[input], windows_first);
}

/// The call needs a fix: the whole module is parsed, then parsed again incrementally.
#[divan::bench(args = [true, false])]
fn module_with_a_call_to_fix(bencher: Bencher, windows_first: bool) {
    let input = module_with("response.set_cookie('k', 'v')");
    run(bencher, &[input], windows_first);
}

/// `windows_first`: as the command line runs; otherwise every file is parsed whole.
fn run(bencher: Bencher, inputs: &[Vec<u8>], windows_first: bool) {
    let total: usize = inputs.iter().map(Vec::len).sum();
    let settings = Settings::default();
    let engine = if windows_first {
        fix
    } else {
        fix_parsing_whole
    };
    bencher.counter(BytesCount::new(total)).bench(|| {
        for input in inputs {
            let _ = black_box(engine(black_box(input), &settings));
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
