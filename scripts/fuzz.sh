#!/usr/bin/env bash
# Runs the cargo-fuzz target `fix` for SECONDS (default 600), seeded with every
# rule's fixture cases. Needs cargo-fuzz (`cargo install cargo-fuzz`); libFuzzer's
# sanitizer flags need nightly features, which RUSTC_BOOTSTRAP enables on a
# stable toolchain. A crash input lands in fuzz/artifacts/fix/: copy it into
# testdata/secure-cookie/ as a regression case.
set -euo pipefail
cd "$(dirname "$0")/.."
seconds=${1:-600}

command -v cargo-fuzz >/dev/null || cargo install cargo-fuzz
corpus=target/fuzz-corpus
mkdir -p "$corpus"
# Every rule's cases, named by rule so that two folders' like-named files both seed.
for folder in testdata/*/; do
  rule=$(basename "$folder")
  for case in "$folder"*.py; do
    if [[ -e $case ]]; then cp "$case" "$corpus/$rule-$(basename "$case")"; fi
  done
done
export RUSTC_BOOTSTRAP=1
cd fuzz
cargo fuzz run fix "../$corpus" -- \
    -dict=dictionary.txt -max_total_time="$seconds" -max_len=4096 -print_final_stats=1
