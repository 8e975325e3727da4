#!/usr/bin/env bash
# Installs the edged package on this machine and checks what an installer
# relies on: the binary runs, the example config is copied once and is
# valid, the service user exists, an edited config survives an upgrade
# without a prompt, removal keeps the ledger. Needs root and dpkg; it is
# meant for throwaway CI machines (make test runs it only when CI=true).
set -euo pipefail
deb=$1
fail() { echo "test-deb: $*" >&2; exit 1; }
[[ $(id -u) -eq 0 ]] || { echo "test-deb: not root; skipped"; exit 0; }
command -v dpkg >/dev/null || { echo "test-deb: no dpkg; skipped"; exit 0; }
export DEBIAN_FRONTEND=noninteractive

dpkg -i "$deb" >/dev/null
pkgver=$(dpkg-deb -f "$deb" Version)
[[ $(/usr/bin/edged --version) == "edged version $pkgver" ]] || fail "edged --version is '$(/usr/bin/edged --version)', the package is $pkgver"
getent passwd edged >/dev/null || fail "no edged user"
[[ -f /etc/edged/edged.yaml ]] || fail "no /etc/edged/edged.yaml"
/usr/bin/edged config check --config /etc/edged/edged.yaml >/dev/null || fail "shipped config does not check"
[[ -f /lib/systemd/system/edged.service && -f /lib/udev/rules.d/60-edged.rules ]] || fail "unit or udev rules missing"

echo "# edited by the site" >> /etc/edged/edged.yaml
mkdir -p /var/lib/edged && echo ledger > /var/lib/edged/keep-me
dpkg -i "$deb" </dev/null >/dev/null || fail "upgrade prompted or failed"
grep -q "edited by the site" /etc/edged/edged.yaml || fail "upgrade replaced the edited config"

dpkg --purge edged >/dev/null
[[ -f /var/lib/edged/keep-me ]] || fail "purge deleted /var/lib/edged"
[[ ! -e /usr/bin/edged ]] || fail "binary left after purge"
rm -f /var/lib/edged/keep-me
echo "test-deb: install, upgrade with an edited config, purge: OK"
