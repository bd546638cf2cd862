#!/usr/bin/env bash
# Times `cookie-fix --check` on generated modules of 1 to 40 MB, one kind of cookie code
# per module, and writes target/bench/large/results.md: a table of size, time and time
# per byte (µs per KB, which is also ms per MB), so that a cost growing faster than the
# file shows as a column that climbs.
#
#   scripts/bench-large.sh [--runs N] [--sizes "1 2 5 10 20 40"] [--kinds LIST] [--no-build]
#
#   --runs N        hyperfine runs of each module                (default 3, env RUNS)
#   --sizes LIST    module sizes in MB of 10^6 bytes             (default "1 2 5 10 20 40", env SIZES)
#   --kinds LIST    which kinds, comma-separated                 (default all five, env KINDS)
#   --no-build      time the binary as it is, without `cargo build --release`
#                   (env COOKIE_FIX picks another binary than target/release/cookie-fix)
#
# Each kind ends at its own outcome. The module is functions of ten cookie calls each:
#   secure   every call passes secure=True: nothing to report
#   review   every call passes secure=decide(): each is left for review, nothing to fix
#   fix      no call passes secure: each is fixed
#   mix      the three above in turn
#   sparse   one secure call in every 2 KB of other code
# Up to 10 MiB (MAX_PARSED_BYTES in src/engine.rs) a module whose cookie lines cover most
# of it is parsed whole; above, it is read through those lines alone (its windows), and
# one that needs a fix is skipped with an error (exit 2) after its windows are read. A
# sparse module is read through its windows at every size.
#
# Before the timed runs, each module runs once under /usr/bin/time -v, which gives its
# exit code, its summary line and its peak RSS, and warms the page cache. Times are
# hyperfine's medians of wall-clock time and means of CPU time (user + system), which
# other processes on the machine disturb less. hyperfine and GNU time are installed with
# apt-get when missing.
set -euo pipefail

SELF="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)/$(basename "${BASH_SOURCE[0]}")"
cd "$(dirname "$SELF")/.."
ROOT=$PWD

RUNS=${RUNS:-3}
SIZES=${SIZES:-1 2 5 10 20 40}
KINDS=${KINDS:-secure,review,fix,mix,sparse}
BUILD=1
OUT=target/bench/large
RESULTS=$OUT/results.md
NPROC=$(nproc)

say() { echo "bench-large: $*" >&2; }
die() { echo "bench-large: error: $*" >&2; exit 1; }

while [[ $# -gt 0 ]]; do
  case $1 in
    -h|--help) awk 'NR > 1 && !/^#/ { exit } NR > 1 { sub(/^# ?/, ""); print }' "$SELF"; exit 0 ;;
    --runs) RUNS=${2:?}; shift 2 ;;
    --sizes) SIZES=${2:?}; shift 2 ;;
    --kinds) KINDS=${2:?}; shift 2 ;;
    --no-build) BUILD=0; shift ;;
    *) die "unknown argument $1 (see --help)" ;;
  esac
done
[[ $RUNS =~ ^[0-9]+$ && $RUNS -ge 1 ]] || die "--runs takes a whole number from 1, got '$RUNS'"
for size in $SIZES; do
  [[ $size =~ ^[0-9]+$ && $size -ge 1 ]] || die "--sizes takes whole numbers of MB, got '$size'"
done
for kind in ${KINDS//,/ }; do
  case $kind in secure|review|fix|mix|sparse) ;; *) die "--kinds: unknown kind '$kind'" ;; esac
done
mkdir -p "$OUT"

# shellcheck source=lib/apt.sh
source scripts/lib/apt.sh
need_apt hyperfine hyperfine
[[ -x /usr/bin/time ]] || { need_apt /usr/bin/time time; }
command -v python3 >/dev/null || die "python3 is needed"

read -r load1 _ < /proc/loadavg
if python3 -c "import sys; sys.exit(0 if float('$load1') > 0.5 * $NPROC else 1)"; then
  say "WARNING: load average is $load1 on $NPROC cores: wall-clock times will be noisy"
fi

COOKIE_FIX=${COOKIE_FIX:-$ROOT/target/release/cookie-fix}
[[ $COOKIE_FIX == /* ]] || COOKIE_FIX=$ROOT/$COOKIE_FIX
if [[ $BUILD -eq 1 ]]; then
  say "cargo build --release"
  cargo build --release
fi
[[ -x $COOKIE_FIX ]] || die "$COOKIE_FIX is missing (not built?)"

# ---------------------------------------------------------------- modules
generate() {  # KIND MB PATH
  python3 - "$@" <<'PY'
import sys
kind, mb, path = sys.argv[1], int(sys.argv[2]), sys.argv[3]
calls = {
    "secure": '    response.set_cookie("k%d", value, secure=True)\n',
    "review": '    response.set_cookie("k%d", value, secure=decide())\n',
    "fix": '    response.set_cookie("k%d", value)\n',
}
filler = "".join(f'    total = total + compute({j}, "other code")\n' for j in range(40))
target = mb * 1_000_000
with open(path, "w") as module:
    size = module.write("from flask import make_response\n\n\n")
    i = 0
    while size < target:
        text = f"def view{i // 10}(value):\n    response = make_response()\n    total = 0\n" if i % 10 == 0 else ""
        if kind == "mix":
            text += calls[("secure", "review", "fix")[i % 3]] % i
        else:
            text += calls["secure" if kind == "sparse" else kind] % i
        if kind == "sparse":
            text += filler
        size += module.write(text)
        i += 1
PY
}

rm -f "$OUT"/*.json "$OUT"/*.time "$OUT"/*.err "$OUT"/*.exit "$OUT"/*.bytes
for kind in ${KINDS//,/ }; do
  for size in $SIZES; do
    module=$OUT/$kind-$size.py
    say "writing $module"
    generate "$kind" "$size" "$module"
    say "$kind, $size MB: one run under /usr/bin/time, then hyperfine ($RUNS runs)"
    rc=0
    /usr/bin/time -v -o "$OUT/$kind-$size.time" "$COOKIE_FIX" --check "$module" \
      > /dev/null 2> "$OUT/$kind-$size.err" || rc=$?
    echo "$rc" > "$OUT/$kind-$size.exit"
    hyperfine -N --output=null --ignore-failure --style basic --runs "$RUNS" \
      --export-json "$OUT/$kind-$size.json" "$COOKIE_FIX --check $module" >&2
    stat -c %s "$module" > "$OUT/$kind-$size.bytes"
    rm -f "$module"
  done
done

# ---------------------------------------------------------------- report
CPU=$(awk -F': ' '/^model name/ { print $2; exit }' /proc/cpuinfo)
MEM=$(awk '/^MemTotal/ { printf "%.1f GiB", $2 / 1048576 }' /proc/meminfo)
read -r load_end _ < /proc/loadavg
{
  echo "# cookie-fix on large modules"
  echo
  echo "$(date -u '+%Y-%m-%d %H:%M UTC'); machine: $NPROC cores ($CPU), $MEM memory;" \
    "load average $load1 at start, $load_end at the end."
  if [[ $COOKIE_FIX == "$ROOT/target/release/cookie-fix" ]]; then
    built="git $(git rev-parse --short HEAD 2>/dev/null || echo 'no commit')"
    git diff --quiet HEAD -- src Cargo.toml Cargo.lock 2>/dev/null || built+=" with uncommitted changes"
  else
    built=$COOKIE_FIX
  fi
  echo "cookie-fix: $("$COOKIE_FIX" --version | sed -n 1p) ($built)."
  echo
  python3 - "$OUT" "$KINDS" "$SIZES" <<'PY'
import json, os, re, sys
out, kinds, sizes = sys.argv[1], sys.argv[2].split(","), sys.argv[3].split()

def outcome(kind, size):
    code = open(os.path.join(out, f"{kind}-{size}.exit")).read().strip()
    err = open(os.path.join(out, f"{kind}-{size}.err"), errors="replace").read()
    if "has to be parsed whole" in err:
        return f"{code}: skipped, too large to fix"
    m = re.search(r"(\d+) findings? in \d+ files?; (\d+) needs? review", err)
    return f"{code}: {m.group(1)} to fix, {m.group(2)} to review" if m else f"{code}: {err.strip()[-60:]}"

def rss(kind, size):
    m = re.search(r"Maximum resident set size \(kbytes\): (\d+)",
                  open(os.path.join(out, f"{kind}-{size}.time")).read())
    return f"{int(m.group(1)) / 1024:.0f} MB" if m else "?"

print("| kind | size | exit: outcome | wall (median) | µs per KB | CPU user+sys (mean) | CPU µs per KB | peak RSS |")
print("|---|---:|---|---:|---:|---:|---:|---:|")
for kind in kinds:
    for size in sizes:
        kb = int(open(os.path.join(out, f"{kind}-{size}.bytes")).read()) / 1000
        result = json.load(open(os.path.join(out, f"{kind}-{size}.json")))["results"][0]
        wall, cpu = result["median"], result["user"] + result["system"]
        print(f"| {kind} | {size} MB | {outcome(kind, size)} | {wall:.2f} s | {wall * 1e6 / kb:.0f} | "
              f"{cpu:.2f} s | {cpu * 1e6 / kb:.0f} | {rss(kind, size)} |")
PY
  echo
  echo "Run: \`scripts/bench-large.sh --runs $RUNS --sizes \"$SIZES\" --kinds $KINDS\`; each module"
  echo "timed with \`hyperfine -N --runs $RUNS '$(basename "$COOKIE_FIX") --check MODULE'\`."
} > "$RESULTS"
echo
cat "$RESULTS"
say "written to $RESULTS"
