#!/usr/bin/env bash
# Benchmarks cookie-fix against ripgrep (the floor), ast-grep and semgrep on the corpus
# built by scripts/make-corpus.sh, and writes target/bench/results.md.
#
#   scripts/bench.sh [--runs N] [--slow-runs M] [--warmup W] [--skip TOOL,...] [--corpus DIR]
#
#   --runs N        hyperfine runs for rg and cookie-fix            (default 10, env RUNS)
#   --slow-runs M   hyperfine runs for ast-grep and semgrep         (default 3, env SLOW_RUNS)
#   --warmup W      hyperfine warm-up runs for every tool           (default 2, env WARMUP)
#   --skip LIST     tools to leave out: rg,cookie-fix,ast-grep,semgrep (env SKIP)
#   --corpus DIR    corpus folder; its '-web' twin must exist        (default target/bench/corpus)
#   --no-build      time the cookie-fix binary as it is, without `cargo build --release`
#                   (env COOKIE_FIX picks another binary than target/release/cookie-fix)
#
# Four cases: the whole corpus (`--check DIR`), its web group, a migrated copy of the web
# group (after `cookie-fix --write`: nothing left to fix), and a pre-commit run on 20
# named files (process start to exit). rg, the floor, searches every needle of the
# default rules (NEEDLES below, which a test holds to the rule table); ast-grep and
# semgrep, with a rule for set_cookie calls, run in the first and last cases only.
# Peak RSS comes from one extra run of each tool under /usr/bin/time -v. Before timing, every tool runs once on the web corpus and its match
# count is printed, so a rule that silently matches nothing cannot pass for fast.
# A tool whose binary is missing (cookie-fix not built yet, a failed pip install) is
# skipped with a warning. ripgrep, hyperfine and GNU time are installed with apt-get
# when missing; ast-grep and semgrep go into a throw-away venv at target/bench/venv.
set -euo pipefail

SELF="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)/$(basename "${BASH_SOURCE[0]}")"
cd "$(dirname "$SELF")/.."
ROOT=$PWD

AST_GREP_VERSION=${AST_GREP_VERSION:-0.51.1}
SEMGREP_VERSION=${SEMGREP_VERSION:-1.185.0}
RUNS=${RUNS:-10}
SLOW_RUNS=${SLOW_RUNS:-3}
WARMUP=${WARMUP:-2}
SKIP=${SKIP:-}
BUILD=1
CORPUS=target/bench/corpus
OUT=target/bench
VENV=$OUT/venv
RESULTS=$OUT/results.md
NPROC=$(nproc)

say() { echo "bench: $*" >&2; }
warn() { echo "bench: WARNING: $*" >&2; }
die() { echo "bench: error: $*" >&2; exit 1; }

while [[ $# -gt 0 ]]; do
  case $1 in
    -h|--help) awk 'NR > 1 && !/^#/ { exit } NR > 1 { sub(/^# ?/, ""); print }' "$SELF"; exit 0 ;;
    --runs) RUNS=${2:?}; shift 2 ;;
    --slow-runs) SLOW_RUNS=${2:?}; shift 2 ;;
    --warmup) WARMUP=${2:?}; shift 2 ;;
    --skip) SKIP=${2?}; shift 2 ;;
    --corpus) CORPUS=${2:?}; shift 2 ;;
    --no-build) BUILD=0; shift ;;
    *) die "unknown argument $1 (see --help)" ;;
  esac
done
for n in "$RUNS" "$SLOW_RUNS" "$WARMUP"; do
  [[ $n =~ ^[0-9]+$ ]] || die "run counts must be whole numbers, got '$n'"
done
[[ $RUNS -ge 2 && $SLOW_RUNS -ge 2 ]] || die "hyperfine needs at least 2 runs"
CORPUS=${CORPUS%/}
WEB=$CORPUS-web
skipped() { [[ ,$SKIP, == *,$1,* ]]; }
for t in ${SKIP//,/ }; do
  case $t in rg|cookie-fix|ast-grep|semgrep) ;; *) die "--skip: unknown tool '$t'" ;; esac
done
mkdir -p "$OUT"

# ---------------------------------------------------------------- system tools
# shellcheck source=lib/apt.sh
source scripts/lib/apt.sh
need_apt rg ripgrep
need_apt hyperfine hyperfine
[[ -x /usr/bin/time ]] || { need_apt /usr/bin/time time; }
command -v python3 >/dev/null || die "python3 is needed"

read -r load1 _ < /proc/loadavg
if python3 -c "import sys; sys.exit(0 if float('$load1') > 0.5 * $NPROC else 1)"; then
  warn "load average is $load1 on $NPROC cores: other processes are running, timings will be noisy:"
  ps -eo pid,pcpu,rss,comm --sort=-pcpu | sed -n '2,6p' | sed 's/^/    /' >&2
fi

# ---------------------------------------------------------------- cookie-fix
COOKIE_FIX=${COOKIE_FIX:-$ROOT/target/release/cookie-fix}
[[ $COOKIE_FIX == /* ]] || COOKIE_FIX=$ROOT/$COOKIE_FIX
if ! skipped cookie-fix; then
  if [[ $BUILD -eq 1 ]]; then
    command -v cargo >/dev/null || die "cargo is needed to build cookie-fix (or pass --skip cookie-fix)"
    say "cargo build --release"
    cargo build --release || warn "cargo build --release failed"
  fi
  if [[ ! -x $COOKIE_FIX ]]; then
    warn "$COOKIE_FIX is missing (not built?): cookie-fix is left out"
    SKIP+=,cookie-fix
  fi
fi

# ---------------------------------------------------------------- corpus
"$ROOT/scripts/make-corpus.sh" "$CORPUS"
[[ -d $WEB ]] || die "no web corpus at $WEB"
CORPUS_ABS=$ROOT/$CORPUS; [[ $CORPUS == /* ]] && CORPUS_ABS=$CORPUS
WEB_ABS=$ROOT/$WEB; [[ $WEB == /* ]] && WEB_ABS=$WEB

# ---------------------------------------------------------------- ast-grep, semgrep
AST_GREP=$VENV/bin/ast-grep
# No version check or metrics: only package registries are reachable, and a blocked
# check makes even `semgrep --version` wait for its time-out.
export SEMGREP_ENABLE_VERSION_CHECK=0 SEMGREP_SEND_METRICS=off
SEMGREP=$VENV/bin/semgrep
if ! skipped ast-grep || ! skipped semgrep; then
  have() {  # DISTRIBUTION VERSION: installed in the venv at that version
    "$VENV/bin/python" -c 'import importlib.metadata as m, sys; sys.exit(m.version(sys.argv[1]) != sys.argv[2])' \
      "$1" "$2" 2>/dev/null
  }
  if [[ ! -x $VENV/bin/python ]] || ! have ast-grep-cli "$AST_GREP_VERSION" || ! have semgrep "$SEMGREP_VERSION"; then
    say "installing ast-grep-cli==$AST_GREP_VERSION and semgrep==$SEMGREP_VERSION into $VENV"
    { python3 -m venv "$VENV" &&
      "$VENV/bin/python" -m pip install -q --disable-pip-version-check \
        "ast-grep-cli==$AST_GREP_VERSION" "semgrep==$SEMGREP_VERSION"; } > "$OUT/venv-install.log" 2>&1 ||
      warn "pip install into $VENV failed (see $OUT/venv-install.log)"
  fi
  for t in ast-grep semgrep; do
    bin=$VENV/bin/$t
    if ! skipped "$t" && ! "$bin" --version >/dev/null 2>&1; then
      warn "$bin does not run: $t is left out"
      SKIP+=,$t
    fi
  done
fi
# semgrep: scan what the others scan. With no .semgrepignore at the project root,
# semgrep skips tests/, build/, dist/... by a built-in list; an empty one there (and
# --project-root) turns that off.
touch "$CORPUS/.semgrepignore" "$WEB/.semgrepignore"

# ---------------------------------------------------------------- commands
# Every needle of the default rules (tests/bench_script.rs holds this list to the table).
NEEDLES=(
  -cookie -Cookie -COOKIE AuthTktAuthenticationPolicy AuthTktCookieHelper BaseCookie
  BaseCookieSessionFactory CSRF_COOKIE_SECURE Cookie CookieBackendConfig
  EncryptedCookieStorage INSTALLED_APPS JWT_AUTH_SECURE JWT_COOKIE_SECURE
  LANGUAGE_COOKIE_SECURE MIDDLEWARE MemcachedStorage Morsel NaClCookieStorage
  REMEMBER_COOKIE_SECURE RedisStorage SECRET_KEY SESSION_COOKIE_SECURE
  ServerSideSessionConfig SessionMiddleware SignedCookieSessionFactory SimpleCookie
  SimpleCookieStorage add_cookie secret_key secure_cookies_by_default set_cookie
  set_secure_cookie set_signed_cookie tools.sessions.on xsrf_cookie_kwargs xsrf_cookies
)
NEEDLE_ARGS=""
for n in "${NEEDLES[@]}"; do NEEDLE_ARGS+=" -e $n"; done
AST_RULE=scripts/rules/ast-grep-set-cookie.yml
SEMGREP_RULE=scripts/rules/semgrep-set-cookie.yml
NAMES_RE='set_(cookie|signed_cookie|secure_cookie)'
# The floor: every file that holds a needle; rg 13's "py" type lacks *.pyi and *.pyw,
# which cookie-fix reads.
cmd_rg()         { echo rg -l -F -t py --type-add "'py:*.{pyi,pyw}'" "$NEEDLE_ARGS" "$@"; }
cmd_cookie_fix() { echo "$COOKIE_FIX" --check "$@"; }
cmd_ast_grep()   { echo "$ROOT/$AST_GREP" scan -r "$AST_RULE" "$@"; }
cmd_semgrep()    {  # $1 is the project root (it must hold every target)
  local root=$1; shift
  echo "$ROOT/$SEMGREP" scan --config "$SEMGREP_RULE" --metrics=off --disable-version-check \
    --no-git-ignore --semgrepignore-v2 --project-root "$root" --max-target-bytes=0 \
    --jobs "$NPROC" "$@"
}
TOOLS=()
for t in rg cookie-fix ast-grep semgrep; do skipped "$t" || TOOLS+=("$t"); done
[[ ${#TOOLS[@]} -gt 0 ]] || die "every tool is skipped"
say "tools: ${TOOLS[*]}${SKIP:+ (skipped: ${SKIP#,})}"

command_for() {  # TOOL CASE: the shell command line (hyperfine parses it, -N: no shell)
  case $1:$2 in
    rg:full) cmd_rg "$CORPUS_ABS" ;;
    rg:counts) echo rg -c -t py --type-add "'py:*.{pyi,pyw}'" "'\\.$NAMES_RE\\s*\\('" "$WEB_ABS" ;;
    rg:web) cmd_rg "$WEB_ABS" ;;
    rg:migrated) cmd_rg "$MIGRATED" ;;
    rg:pre) cmd_rg "${PRE_FILES[@]}" ;;
    cookie-fix:full) cmd_cookie_fix "$CORPUS_ABS" ;;
    cookie-fix:counts | cookie-fix:web) cmd_cookie_fix "$WEB_ABS" ;;
    cookie-fix:migrated) cmd_cookie_fix "$MIGRATED" ;;
    cookie-fix:pre) cmd_cookie_fix "${PRE_FILES[@]}" ;;
    ast-grep:full) cmd_ast_grep "$CORPUS_ABS" ;;
    ast-grep:counts) cmd_ast_grep --json=stream "$WEB_ABS" ;;
    ast-grep:pre) cmd_ast_grep "${PRE_FILES[@]}" ;;
    semgrep:full) cmd_semgrep "$CORPUS_ABS" --quiet "$CORPUS_ABS" ;;
    semgrep:counts) cmd_semgrep "$WEB_ABS" --json "$WEB_ABS" ;;
    semgrep:pre) cmd_semgrep "$WEB_ABS" --quiet "${PRE_FILES[@]}" ;;
  esac
}

# The pre-commit case: 20 named files of the web corpus, the ones that call a cookie
# setter spread evenly over the sorted list (a commit touching handler code).
mapfile -t candidates < <(rg -l -t py --type-add 'py:*.{pyi,pyw}' "$NAMES_RE" "$WEB_ABS" | sort)
[[ ${#candidates[@]} -ge 20 ]] || die "the web corpus has only ${#candidates[@]} files naming a cookie setter"
PRE_FILES=()
for i in $(seq 0 19); do PRE_FILES+=("${candidates[$((i * ${#candidates[@]} / 20))]}"); done
printf '%s\n' "${PRE_FILES[@]}" > "$OUT/precommit-files.txt"

# ---------------------------------------------------------------- 1. match counts
# One run of each tool on the web corpus: the rules must find cookie calls.
say "match counts on the web corpus ($WEB)"
COUNTS=$OUT/counts.md
{
  echo "| tool | matches on the web corpus | files with a match | exit | what is counted |"
  echo "|---|---:|---:|---:|---|"
} > "$COUNTS"
for t in "${TOOLS[@]}"; do
  out=$OUT/web-$t.out
  rc=0; eval "$(command_for "$t" counts)" > "$out" 2> "$OUT/web-$t.err" || rc=$?
  python3 - "$t" "$out" "$rc" >> "$COUNTS" <<'PY'
import json, re, sys
tool, path, rc = sys.argv[1], sys.argv[2], int(sys.argv[3])
text = open(path, encoding="utf-8", errors="replace").read()
if tool == "rg":
    rows = [l.rsplit(":", 1) for l in text.splitlines() if l]
    n, files, what = sum(int(c) for _, c in rows), len(rows), "lines with `.set_cookie(` & co. (text: comments and strings too)"
elif tool == "ast-grep":
    hits = [json.loads(l) for l in text.splitlines() if l.strip()]
    n, files, what = len(hits), len({h["file"] for h in hits}), "rule scripts/rules/ast-grep-set-cookie.yml"
elif tool == "semgrep":
    d = json.loads(text)
    n, files = len(d["results"]), len({r["path"] for r in d["results"]})
    what = f"rule scripts/rules/semgrep-set-cookie.yml; {len(d['paths']['scanned'])} files scanned, {len(d['errors'])} errors"
else:
    hits = [m.group(1) for m in (re.match(r"(.+?):\d+:\d+: ", l) for l in text.splitlines()) if m]
    n, files, what = len(hits), len(set(hits)), "`--check` findings on stdout"
print(f"| {tool} | {n} | {files} | {rc} | {what} |")
PY
  # rg: 1 = no match; cookie-fix --check: 1 = findings. Anything else is a failure.
  if [[ $rc -gt 1 ]]; then
    warn "$t exited $rc on the web corpus (see $OUT/web-$t.err)"
  fi
done
cat "$COUNTS"
if ! skipped ast-grep && ! skipped semgrep; then
  python3 - "$OUT/web-ast-grep.out" "$OUT/web-semgrep.out" <<'PY' | tee -a "$COUNTS"
import json, os, sys
ag = {(os.path.realpath(h["file"]), h["range"]["start"]["line"] + 1)
      for h in map(json.loads, filter(str.strip, open(sys.argv[1])))}
sg = {(os.path.realpath(r["path"]), r["start"]["line"]) for r in json.load(open(sys.argv[2]))["results"]}
print(f"\nast-grep and semgrep agree on {len(ag & sg)} findings; only ast-grep: {len(ag - sg)}, only semgrep: {len(sg - ag)}.")
for p, l in sorted(ag ^ sg)[:10]:
    print(f"- differs: {p}:{l}")
PY
fi

# ---------------------------------------------------------------- 2. timings
HF_COMMON=(-N --output=pipe --ignore-failure --style basic --warmup "$WARMUP")
case_tools() {  # CASE: the tools timed in it (ast-grep and semgrep read set_cookie calls only)
  local t
  for t in "${TOOLS[@]}"; do
    [[ ($t == ast-grep || $t == semgrep) && ($1 == web || $1 == migrated) ]] || echo "$t"
  done
}
time_case() {  # CASE
  local case=$1 t runs
  for t in $(case_tools "$case"); do
    runs=$RUNS; [[ $t == ast-grep || $t == semgrep ]] && runs=$SLOW_RUNS
    say "hyperfine: $t, $case ($runs runs)"
    hyperfine "${HF_COMMON[@]}" --runs "$runs" --command-name "$t" \
      --export-json "$OUT/hyperfine-$case-$t.json" "$(command_for "$t" "$case")" >&2
  done
}
peak_rss() {  # CASE: one run of each tool under GNU time
  local case=$1 t rc
  for t in $(case_tools "$case"); do
    say "peak RSS: $t, $case"
    rc=0
    # shellcheck disable=SC2046 # the command line is split into words on purpose
    eval /usr/bin/time -v -o "$OUT/time-$case-$t.txt" $(command_for "$t" "$case") \
      > "$OUT/$case-$t.out" 2> "$OUT/$case-$t.err" || rc=$?
    [[ $rc -le 1 ]] || warn "$t exited $rc in the $case case (see $OUT/$case-$t.err)"
  done
}
# The migrated copy: the web group after `--write`, so that nothing is left to fix.
MIGRATED=$ROOT/$OUT/corpus-web-migrated
if ! skipped cookie-fix; then
  say "migrating a copy of $WEB to $MIGRATED"
  rm -rf "$MIGRATED"
  cp -R "$WEB_ABS" "$MIGRATED"
  rc=0; "$COOKIE_FIX" --isolated --write "$MIGRATED" > "$OUT/migrate.out" 2>&1 || rc=$?
  [[ $rc -le 1 ]] || warn "cookie-fix --write exited $rc on the copy (see $OUT/migrate.out)"
fi
rm -f "$OUT"/hyperfine-*.json "$OUT"/time-*.txt
for case in full web migrated pre; do
  if [[ $case == migrated ]] && skipped cookie-fix; then continue; fi
  time_case "$case"
  peak_rss "$case"
done

# ---------------------------------------------------------------- 3. report
CPU=$(awk -F': ' '/^model name/ { print $2; exit }' /proc/cpuinfo)
MEM=$(awk '/^MemTotal/ { printf "%.1f GiB", $2 / 1048576 }' /proc/meminfo)
versions() {
  local rgv; rgv=$(rg --version)
  echo "- rg: ${rgv%%$'\n'*}; hyperfine: $(hyperfine --version)"
  skipped cookie-fix || echo "- cookie-fix: $(timeout 10 "$COOKIE_FIX" --version 2>/dev/null | sed -n 1p) (target/release, git $(git rev-parse --short HEAD 2>/dev/null || echo 'no commit'))"
  skipped ast-grep || echo "- ast-grep: $("$AST_GREP" --version)"
  skipped semgrep || echo "- semgrep: $("$SEMGREP" --version 2>/dev/null | tail -n 1)"
}
corpus_size() {
  find "$1" -type f \( -name '*.py' -o -name '*.pyw' -o -name '*.pyi' \) -printf '%s\n' |
    awk '{ n++; b += $1 } END { printf "%d Python files, %.1f MB", n, b / 1e6 }'
}
{
  echo "# cookie-fix benchmark"
  echo
  echo "$(date -u '+%Y-%m-%d %H:%M UTC'); machine: $NPROC cores ($CPU), $MEM memory; load average at start $load1."
  echo
  echo "Corpus \`$CORPUS\`: $(corpus_size "$CORPUS") (${CORPUS_PACKAGES:-scripts/corpus-packages.txt})."
  echo "Pre-commit case: 20 files of \`$WEB\` that name a cookie setter (\`$OUT/precommit-files.txt\`)."
  echo
  versions
  echo
  python3 - "$OUT" "$RUNS" "$SLOW_RUNS" "$WARMUP" "${TOOLS[@]}" <<'PY'
import json, os, re, sys
out, runs, slow, warmup, tools = sys.argv[1], sys.argv[2], sys.argv[3], sys.argv[4], sys.argv[5:]

def unit(s):  # the unit of a row: that of its median
    return (1000, "ms", 0) if s < 1 else (1, "s", 2 if s < 10 else 1)

def fmt(s, u):
    return f"{s * u[0]:.{u[2]}f} {u[1]}"

def rss(case, tool):
    try:
        text = open(os.path.join(out, f"time-{case}-{tool}.txt")).read()
    except OSError:
        return "?"
    m = re.search(r"Maximum resident set size \(kbytes\): (\d+)", text)
    return f"{int(m.group(1)) / 1024:.0f} MB" if m else "?"

cases = (("full", "Whole corpus"), ("web", "Web group"),
         ("migrated", "Web group, migrated (after `--write`)"),
         ("pre", "Pre-commit: 20 named files, process start to exit"))
for case, title in cases:
    res = {}
    for t in tools:
        try:
            with open(os.path.join(out, f"hyperfine-{case}-{t}.json")) as f:
                res[t] = json.load(f)["results"][0]
        except OSError:
            continue
    if not res:
        continue
    print(f"## {title}\n")
    print("| tool | median | mean ± σ | min … max | runs | ratio to rg (median) | CPU user+sys (mean) | peak RSS |")
    print("|---|---:|---:|---:|---:|---:|---:|---:|")
    base = res.get("rg", {}).get("median")
    for t in res:
        r = res[t]
        ratio = f"{r['median'] / base:.1f}×" if base else "–"
        codes = sorted(set(r.get("exit_codes") or []))
        note = f" (exit {','.join(map(str, codes))})" if codes and codes != [0] else ""
        u = unit(r["median"])
        print(f"| {t}{note} | {fmt(r['median'], u)} | {fmt(r['mean'], u)} ± {fmt(r['stddev'] or 0, u)} | "
              f"{fmt(r['min'], u)} … {fmt(r['max'], u)} | {len(r['times'])} | {ratio} | "
              f"{fmt(r['user'] + r['system'], unit(r['user'] + r['system']))} | {rss(case, t)} |")
    print()
print(f"hyperfine -N --output=pipe --ignore-failure --warmup {warmup} --runs {runs} "
      f"(ast-grep and semgrep: --runs {slow}). Peak RSS: one run under `/usr/bin/time -v` "
      "(for semgrep, the largest single process of its tree: the Python CLI or semgrep-core, not their sum).")
PY
  echo
  echo "## Match counts on the web corpus"
  echo
  cat "$COUNTS"
  echo
  echo "## Commands"
  echo
  echo '```'
  for t in "${TOOLS[@]}"; do command_for "$t" full; done
  for t in $(case_tools web); do command_for "$t" web; done
  for t in $(case_tools migrated); do command_for "$t" migrated; done
  for t in "${TOOLS[@]}"; do
    # shellcheck disable=SC2016 # a placeholder, shown as is
    (PRE_FILES=('$(cat target/bench/precommit-files.txt)'); command_for "$t" pre)
  done
  echo '```'
  echo
  echo "Run: \`scripts/bench.sh --runs $RUNS --slow-runs $SLOW_RUNS --warmup $WARMUP --corpus $CORPUS${SKIP:+ --skip ${SKIP#,}}\`"
} > "$RESULTS"
echo
cat "$RESULTS"
say "written to $RESULTS"
