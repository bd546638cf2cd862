#!/usr/bin/env bash
# Builds the benchmark corpus: the Python files of the packages pinned in
# scripts/corpus-packages.txt (GROUP NAME VERSION KIND), fetched from PyPI with
# `pip download --no-deps`.
#
#   scripts/make-corpus.sh [--web-dir WEB_DIR] [--jobs N] [--record-hashes] [DIR]
#
#   DIR            every package, as DIR/<name>-<version>/...   (default target/bench/corpus)
#   --web-dir      the 'web' group alone, hard links into DIR     (default DIR-web)
#   --jobs N       parallel downloads                             (default 4)
#   --record-hashes  write scripts/corpus-sha256.txt from the downloads (after a version bump)
#
# Relative paths are taken from the repository root. Archives are cached in
# target/bench/downloads/<name>-<version>/ and checked against scripts/corpus-sha256.txt,
# so a rebuild reads the very same bytes. Only *.py, *.pyw and *.pyi are extracted
# (nothing under a hidden folder such as .github/, which rg and the ignore crate skip
# anyway). A package already extracted is left alone: a second run does nothing.
# Any package that cannot be fetched or extracted is named and the script exits 1.
set -euo pipefail

SELF="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)/$(basename "${BASH_SOURCE[0]}")"
cd "$(dirname "$SELF")/.."
ROOT=$PWD
PACKAGES=${CORPUS_PACKAGES:-scripts/corpus-packages.txt}
HASHES=scripts/corpus-sha256.txt
DOWNLOADS=target/bench/downloads
LOGS=target/bench/logs
# Wheels: a CPython 3.11 build for x86-64 glibc, or a pure-Python one (py3-none-any).
# pip of Python 3.11 does not widen manylinux_2_28 to older glibc tags: list them all.
WHEEL_PLATFORMS=(manylinux_2_28_x86_64 manylinux_2_27_x86_64 manylinux_2_24_x86_64
                 manylinux_2_17_x86_64 manylinux2014_x86_64 manylinux2010_x86_64
                 manylinux1_x86_64)

die() { echo "make-corpus: error: $*" >&2; exit 1; }
say() { echo "make-corpus: $*" >&2; }

# ---------------------------------------------------------------- one package
# Internal entry point, run in parallel by xargs: fetch (if not cached) and extract
# (if not extracted) one package. Prints nothing on success unless work was done.
fetch_one() {  # DIR GROUP NAME VERSION KIND
  local dir=$1 name=$3 version=$4 kind=$5
  local key="$name-$version" cache="$DOWNLOADS/$name-$version" log="$LOGS/download-$name-$version.log"
  local archive
  : > "$log"
  archive=$(find "$cache" -maxdepth 1 -type f \( -name '*.tar.gz' -o -name '*.zip' -o -name '*.whl' -o -name '*.tar.bz2' -o -name '*.tgz' \) 2>/dev/null | head -n 1 || true)

  if [[ -z $archive ]]; then
    local tmp="$cache.partial"
    rm -rf "$tmp" && mkdir -p "$tmp"
    local args=(download --no-deps --disable-pip-version-check --progress-bar off -d "$tmp")
    case $kind in
      # --no-binary NAME, not :all:, which would also reach the build requirements
      # of the metadata step (setuptools, Cython...) and compile them from source.
      sdist) args+=(--no-binary "$name") ;;
      wheel) args+=(--only-binary :all: --python-version 3.11 --implementation cp)
             for p in "${WHEEL_PLATFORMS[@]}"; do args+=(--platform "$p"); done ;;
      *) echo "$key: unknown KIND '$kind' (sdist|wheel)" >> "$log"; return 1 ;;
    esac
    say "downloading $key ($kind)"
    # A local find-links folder could substitute another build: ask PyPI only.
    if ! env -u PIP_FIND_LINKS python3 -m pip "${args[@]}" "$name==$version" >> "$log" 2>&1; then
      return 1
    fi
    local got; got=$(find "$tmp" -maxdepth 1 -type f | wc -l)
    if [[ $got -ne 1 ]]; then echo "$key: expected one archive, pip left $got" >> "$log"; return 1; fi
    rm -rf "$cache" && mv "$tmp" "$cache"
    archive=$(find "$cache" -maxdepth 1 -type f | head -n 1)
  fi

  # The bytes must be the ones recorded, when they were recorded.
  local file sum want
  file=$(basename "$archive")
  if [[ -f $HASHES ]]; then
    want=$(awk -v f="$file" '$2 == f { print $1 }' "$HASHES")
    if [[ -n $want ]]; then
      sum=$(sha256sum "$archive" | cut -d' ' -f1)
      if [[ $sum != "$want" ]]; then
        echo "$key: $file has sha256 $sum, $HASHES says $want (delete $cache to fetch it again)" >> "$log"
        return 1
      fi
    else
      say "warning: $file is not in $HASHES (run with --record-hashes to pin it)"
    fi
  fi

  [[ -d $dir/$key ]] && return 0
  local strip=1; [[ $file == *.whl ]] && strip=0
  rm -rf "$dir/.partial-$key"
  if ! python3 - "$archive" "$dir/.partial-$key" "$strip" >> "$log" 2>&1 <<'PY'
import calendar, os, sys, tarfile, zipfile
archive, out, strip = sys.argv[1], sys.argv[2], int(sys.argv[3])
SUFFIXES = (".py", ".pyw", ".pyi")

def target(name):
    parts = [p for p in name.replace("\\", "/").split("/") if p not in ("", ".")]
    parts = parts[strip:]
    if not parts or not parts[-1].endswith(SUFFIXES):
        return None
    if any(p == ".." or p.startswith(".") for p in parts):
        return None  # unsafe, or a hidden folder (.github/...) that the tools skip anyway
    return os.path.join(out, *parts)

def write(path, data, mtime):
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, "wb") as f:
        f.write(data)
    os.utime(path, (mtime, mtime))

os.makedirs(out)
n = 0
if archive.endswith((".whl", ".zip")):
    with zipfile.ZipFile(archive) as z:
        for info in z.infolist():
            path = None if info.is_dir() else target(info.filename)
            if path:
                mtime = calendar.timegm(info.date_time + (0, 0, 0))
                write(path, z.read(info), mtime); n += 1
else:
    with tarfile.open(archive) as t:
        for m in t:
            path = target(m.name) if m.isfile() else None
            if path:
                write(path, t.extractfile(m).read(), m.mtime); n += 1
print(f"extracted {n} Python files from {archive}")
if n == 0:
    sys.exit("no Python file in the archive")
PY
  then
    return 1
  fi
  mv "$dir/.partial-$key" "$dir/$key"
  say "extracted $key"
}

if [[ ${1:-} == --fetch-one ]]; then
  shift
  if ! fetch_one "$@"; then
    echo "FAILED $3==$4 ($5): see $LOGS/download-$3-$4.log" >&2
    tail -n 15 "$LOGS/download-$3-$4.log" | sed 's/^/    /' >&2 || true
    exit 1
  fi
  exit 0
fi

# ---------------------------------------------------------------- arguments
DIR=target/bench/corpus
WEB_DIR=
JOBS=4
RECORD=0
while [[ $# -gt 0 ]]; do
  case $1 in
    -h|--help) awk 'NR > 1 && !/^#/ { exit } NR > 1 { sub(/^# ?/, ""); print }' "$SELF"; exit 0 ;;
    --web-dir) WEB_DIR=${2:?--web-dir needs a folder}; shift 2 ;;
    --jobs) JOBS=${2:?--jobs needs a number}; shift 2 ;;
    --record-hashes) RECORD=1; shift ;;
    -*) die "unknown option $1 (see --help)" ;;
    *) DIR=$1; shift ;;
  esac
done
DIR=${DIR%/}
WEB_DIR=${WEB_DIR:-$DIR-web}
[[ -f $PACKAGES ]] || die "no package list at $ROOT/$PACKAGES"
command -v python3 >/dev/null || die "python3 is needed"
python3 -m pip --version >/dev/null 2>&1 || die "pip is needed (python3 -m pip)"
mkdir -p "$DIR" "$WEB_DIR" "$DOWNLOADS" "$LOGS"

# GROUP NAME VERSION KIND, comments and blank lines skipped.
mapfile -t ROWS < <(awk '!/^[[:space:]]*(#|$)/ { print $1, $2, $3, $4 }' "$PACKAGES")
[[ ${#ROWS[@]} -gt 0 ]] || die "$PACKAGES lists no package"
for row in "${ROWS[@]}"; do
  read -r g n v k <<<"$row"
  [[ -n $k ]] || die "bad line in $PACKAGES: '$row' (want GROUP NAME VERSION KIND)"
done

# ---------------------------------------------------------------- fetch + extract
say "${#ROWS[@]} packages from $PACKAGES -> $DIR (cache $DOWNLOADS, $JOBS at a time)"
status=0
printf '%s\n' "${ROWS[@]}" |
  xargs -P "$JOBS" -L 1 bash "$SELF" --fetch-one "$DIR" || status=$?
failed=()
for row in "${ROWS[@]}"; do
  read -r g n v k <<<"$row"
  [[ -d $DIR/$n-$v ]] || failed+=("$n==$v ($k)")
done
if [[ ${#failed[@]} -gt 0 ]]; then
  echo "make-corpus: error: ${#failed[@]} package(s) could not be fetched or extracted:" >&2
  printf '  %s\n' "${failed[@]}" >&2
  echo "  logs: $LOGS/download-<name>-<version>.log" >&2
  exit 1
fi
[[ $status -eq 0 ]] || die "a download step failed (status $status); see the messages above"

if [[ $RECORD -eq 1 ]]; then
  {
    echo "# sha256 of each archive make-corpus.sh extracts; written by make-corpus.sh --record-hashes"
    for row in "${ROWS[@]}"; do
      read -r g n v k <<<"$row"
      (cd "$DOWNLOADS/$n-$v" && sha256sum -- *)
    done
  } > "$HASHES"
  say "recorded $(grep -vc '^#' "$HASHES") hashes in $HASHES"
fi

# Packages that are no longer listed are left in place, but said.
declare -A listed=()
for row in "${ROWS[@]}"; do read -r g n v k <<<"$row"; listed[$n-$v]=1; done
for d in "$DIR"/*/; do
  d=$(basename "$d")
  [[ -n ${listed[$d]:-} ]] || say "warning: $DIR/$d is not in $PACKAGES (remove it by hand if stale)"
done

# ---------------------------------------------------------------- the web group alone
# Hard links, not symlinks: rg, ast-grep, semgrep and the ignore crate do not follow
# symlinked folders by default, and hard links cost no space.
for row in "${ROWS[@]}"; do
  read -r g n v k <<<"$row"
  if [[ $g == web && ! -d $WEB_DIR/$n-$v ]]; then
    rm -rf "$WEB_DIR/.partial-$n-$v"
    cp -al "$DIR/$n-$v" "$WEB_DIR/.partial-$n-$v"
    mv "$WEB_DIR/.partial-$n-$v" "$WEB_DIR/$n-$v"
  fi
done

# ---------------------------------------------------------------- summary
count() {  # files and bytes of the Python files below the given folders
  find "$@" -type f \( -name '*.py' -o -name '*.pyw' -o -name '*.pyi' \) -printf '%s\n' |
    awk '{ n++; b += $1 } END { printf "%d files, %.1f MB", n, b / 1e6 }'
}
declare -A groups=()
for row in "${ROWS[@]}"; do read -r g n v k <<<"$row"; groups[$g]+=" $DIR/$n-$v"; done
echo "corpus $DIR: $(count "$DIR") (MB = 10^6 bytes)"
for g in $(printf '%s\n' "${!groups[@]}" | sort); do
  # shellcheck disable=SC2086 # the list is space-separated paths without spaces
  echo "  group $g: $(count ${groups[$g]}) in $(wc -w <<<"${groups[$g]}") packages"
done
echo "web corpus $WEB_DIR: $(count "$WEB_DIR")"
