# need_apt COMMAND PACKAGE: installs PACKAGE with apt-get unless COMMAND is there (sudo
# unless root; one `apt-get update` per run). Sourced by the benchmark scripts, which
# define `say` and `die`.
APT_UPDATED=0
need_apt() {
  command -v "$1" >/dev/null 2>&1 && return 0
  say "installing $2 (for $1) with apt-get"
  command -v apt-get >/dev/null || die "$1 is missing and there is no apt-get: install $2 by hand"
  local sudo=; [[ $(id -u) -eq 0 ]] || sudo=sudo
  if [[ $APT_UPDATED -eq 0 ]]; then $sudo apt-get update -qq; APT_UPDATED=1; fi
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq "$2" >/dev/null
  command -v "$1" >/dev/null 2>&1 || die "installing $2 did not provide $1"
}
