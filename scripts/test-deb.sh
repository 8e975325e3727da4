#!/usr/bin/env bash
# Checks the edged and edged-relay packages as an installer relies on
# them: lintian (when installed) finds no error or warning; the metadata
# and contents are right; then, on this machine, for each package:
#   first install: enabled but not started while the config is the example
#     (and a hint printed), binary version = package version;
#   upgrade with an edited config: config kept, no prompt, try-restart;
#   upgrade after the admin disabled the unit: it stays disabled;
#   remove (stopped, masked) and purge (state kept, config and enable
#     state gone); a first install onto a real config starts the unit.
# There is no systemd PID 1 here: dpkg runs in a private mount namespace
# where /run/systemd/system exists, with recording fakes of systemctl and
# deb-systemd-invoke first on PATH, and deb-systemd-helper wrapped (the
# real one keeps the enable links and state, which need no PID 1).
# Needs root and dpkg; meant for throwaway CI machines (make test runs it
# only when CI=true).
#   test-deb.sh EDGED_DEB RELAY_DEB
set -euo pipefail
edged_deb=$(realpath "$1") relay_deb=$(realpath "$2")
fail() { echo "test-deb: $*" >&2; exit 1; }
[[ $(id -u) -eq 0 ]] || { echo "test-deb: not root; skipped"; exit 0; }
command -v dpkg >/dev/null || { echo "test-deb: no dpkg; skipped"; exit 0; }
[[ -x /usr/bin/deb-systemd-helper ]] || fail "no deb-systemd-helper (init-system-helpers)"
export DEBIAN_FRONTEND=noninteractive
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
readme=$(realpath "$(dirname "$0")/../README.md")

# check_metadata DEB PROGRAM: Depends, a valid Debian version (no leading
# v, no devel), and the packaged binary reporting the same version.
check_metadata() {
  local v bin=$work/meta
  v=$(dpkg-deb -f "$1" Version)
  dpkg --validate-version "$v" 2>/dev/null || fail "$1: invalid version $v"
  [[ $v =~ ^[0-9] && $v != *devel* ]] || fail "$1: version $v is not a release or git version"
  [[ $(dpkg-deb -f "$1" Depends) =~ (^|, )adduser($|,) ]] || fail "$1: does not depend on adduser"
  rm -rf "$bin" && dpkg-deb -x "$1" "$bin"
  local got
  got=$("$bin/usr/bin/$2" --version)
  [[ $got == "$2 version ${v%-*}" ]] || fail "$1: $2 --version says '$got', the package is $v"
}

# check_contents DEB PATH...: every PATH is in the package.
check_contents() {
  local deb=$1 list=$work/contents
  shift
  dpkg-deb -c "$deb" | awk '{print substr($6, 2)}' > "$list"
  for p in "$@"; do grep -qxF "$p" "$list" || fail "$deb lacks $p"; done
}

# Recording fakes: each call is appended to $calls as "NAME ARGS".
calls=$work/calls
mkdir -p "$work/bin"
printf '#!/bin/sh\necho "deb-systemd-invoke $*" >> %s\n' "$calls" > "$work/bin/deb-systemd-invoke"
# systemctl --root=DIR edits unit files offline, no PID 1 needed: the
# real one does that (deb-systemd-helper enables with systemctl preset).
real_systemctl=$(command -v systemctl) || fail "no systemctl"
printf '#!/bin/sh\necho "systemctl $*" >> %s\ncase " $* " in *" --root="*) exec %s "$@" ;; esac\n' \
  "$calls" "$real_systemctl" > "$work/bin/systemctl"
printf '#!/bin/sh\necho "deb-systemd-helper $*" >> %s\nexec /usr/bin/deb-systemd-helper "$@"\n' "$calls" > "$work/bin/deb-systemd-helper"
chmod 755 "$work/bin/"*

# dpkg_run ARGS...: dpkg as under systemd, calls recorded, output kept
# in $work/out; never reads a terminal.
dpkg_run() {
  : > "$calls"
  mkdir -p /run/systemd
  PATH="$work/bin:$PATH" unshare -m sh -c 'mount -t tmpfs tmpfs /run/systemd && mkdir /run/systemd/system && exec dpkg "$@"' \
    dpkg "$@" </dev/null > "$work/out" 2>&1 || { cat "$work/out" >&2; fail "dpkg $* failed"; }
}
expect_call() { grep -qxF "$1" "$calls" || fail "$2: no '$1' in: $(tr '\n' ';' < "$calls")"; }
# refuse_call VERB UNIT WHY: neither systemctl nor the helpers did VERB.
refuse_call() {
  ! grep -qE "^(systemctl|deb-systemd-invoke|deb-systemd-helper) (--[a-z-]+ )*$1 $2\$" "$calls" ||
    fail "$3: $(grep -E " $1 $2\$" "$calls" | head -1)"
}

# repack DEB SUFFIX: the same package with SUFFIX appended to its
# upstream version (a higher version), printed as a path.
repack() {
  local d=$work/repack v out
  v=$(dpkg-deb -f "$1" Version)
  out=$work/$(basename "$1" .deb)-$2.deb
  rm -rf "$d" && dpkg-deb -R "$1" "$d"
  sed -i "s/^Version: .*/Version: ${v%-*}+$2-${v##*-}/" "$d/DEBIAN/control"
  dpkg-deb -b "$d" "$out" >/dev/null
  dpkg --compare-versions "$(dpkg-deb -f "$out" Version)" gt "$v" || fail "$out is not newer than $v"
  echo "$out"
}

purge() {
  if dpkg -s "$1" >/dev/null 2>&1; then dpkg_run --purge "$1"; fi
}

# lifecycle PKG DEB UNIT CONFIG STATEDIR CHECKARGS
lifecycle() {
  local pkg=$1 deb=$2 unit=$3 config=$4 state=$5 bin
  local link=/etc/systemd/system/multi-user.target.wants/$unit
  bin=$(dpkg-deb -c "$deb" | awk '$6 ~ /^\.\/usr\/bin\/[^\/]+$/ {print substr($6, 2)}')
  purge "$pkg"
  rm -f "$config"
  dpkg_run -i "$deb"
  expect_call "deb-systemd-helper enable $unit" "$pkg first install"
  refuse_call start "$unit" "$pkg first install with the example config"
  grep -q "was not started" "$work/out" || fail "$pkg: no hint on configuring: $(cat "$work/out")"
  [[ -L $link ]] || fail "$pkg: $unit not enabled on first install"
  getent passwd "$pkg" >/dev/null || fail "no $pkg user"
  [[ $(stat -c %U "$state") == "$pkg" ]] || fail "$state not owned by $pkg"
  # shellcheck disable=SC2086
  "$bin" $6 >/dev/null || fail "$pkg: the shipped config does not check"

  echo "# edited by the site" >> "$config"
  echo keep > "$state/keep-me"
  dpkg_run -i "$(repack "$deb" next1)"
  grep -q "edited by the site" "$config" || fail "$pkg: upgrade replaced the edited config"
  expect_call "deb-systemd-invoke try-restart $unit" "$pkg upgrade"
  refuse_call "(re)?start" "$unit" "$pkg upgrade (only try-restart)"

  rm "$link" # what `systemctl disable` does
  dpkg_run -i "$(repack "$deb" next2)"
  refuse_call "(re)?enable" "$unit" "$pkg upgrade after the admin disabled it"
  [[ ! -e $link ]] || fail "$pkg: an upgrade re-enabled $unit, which the admin had disabled"

  dpkg_run --remove "$pkg"
  expect_call "deb-systemd-invoke stop $unit" "$pkg remove"
  [[ ! -e $bin ]] || fail "$pkg: $bin left after remove"
  dpkg_run --purge "$pkg"
  [[ -f $state/keep-me ]] || fail "$pkg: purge deleted $state"
  [[ ! -e $config ]] || fail "$pkg: purge left $config"
  [[ ! -e /var/lib/systemd/deb-systemd-helper-enabled/$unit.dsh-also ]] || fail "$pkg: purge left the enable state"
  rm -f "$state/keep-me"

  # A first install onto a configuration provisioned beforehand starts.
  mkdir -p "$(dirname "$config")"
  echo "# provisioned by the site before the package" > "$config"
  dpkg_run -i "$deb"
  expect_call "deb-systemd-invoke start $unit" "$pkg first install onto a real config"
}

# check_readme_paths: every installed path README.md's install section
# names exists once edged is installed.
check_readme_paths() {
  local p
  for p in $(sed -n '/^## Installing on a gateway/,/^## /p' "$readme" | grep -oE '/(usr|etc|lib|var)/[A-Za-z0-9_./-]*[A-Za-z0-9_]'); do
    [[ -e $p ]] || fail "README.md's install section names $p, which the package does not install"
  done
}

if command -v lintian >/dev/null; then
  lintian --fail-on error,warning --display-info "$edged_deb" "$relay_deb" || fail "lintian found problems"
else
  echo "test-deb: lintian not installed; packages not linted"
fi
check_metadata "$edged_deb" edged
check_metadata "$relay_deb" relay

check_contents "$edged_deb" /usr/bin/edged /lib/systemd/system/edged.service /lib/udev/rules.d/60-edged.rules \
  /usr/share/man/man1/edged.1.gz /usr/share/man/man1/edged-config-check.1.gz \
  /usr/share/bash-completion/completions/edged /usr/share/zsh/vendor-completions/_edged \
  /usr/share/fish/vendor_completions.d/edged.fish /usr/share/doc/edged/copyright \
  /usr/share/doc/edged/changelog.Debian.gz /usr/share/lintian/overrides/edged \
  /usr/share/doc/edged/{README,configuration,scanners,protocol,ledger,reports}.md \
  /usr/share/edged/edged.example.yaml /usr/share/edged/scanners.example.yaml \
  /usr/share/edged/mosquitto/edged.conf /usr/share/edged/mosquitto/edged.acl
check_contents "$relay_deb" /usr/bin/relay /lib/systemd/system/edged-relay.service \
  /usr/share/man/man1/relay.1.gz /usr/share/man/man1/relay-run.1.gz \
  /usr/share/bash-completion/completions/relay /usr/share/zsh/vendor-completions/_relay \
  /usr/share/fish/vendor_completions.d/relay.fish /usr/share/doc/edged-relay/copyright \
  /usr/share/doc/edged-relay/changelog.Debian.gz /usr/share/lintian/overrides/edged-relay \
  /usr/share/doc/edged-relay/relay.md /usr/share/edged-relay/relay.example.yaml \
  /usr/share/edged-relay/mapping.example.csv

lifecycle edged "$edged_deb" edged.service /etc/edged/edged.yaml /var/lib/edged \
  "config check --config /etc/edged/edged.yaml"
lifecycle edged-relay "$relay_deb" edged-relay.service /etc/edged-relay/relay.yaml /var/lib/edged-relay \
  "check --config /etc/edged-relay/relay.yaml"
check_readme_paths
purge edged
purge edged-relay
echo "test-deb: lintian, metadata, contents; install, upgrade, disabled upgrade, remove, purge of both: OK"
