#!/bin/sh
# edged postrm. The ledger in /var/lib/edged is the system of record and
# is never deleted by the package, not even on purge; the configuration
# postinst created is (purge means "and its configuration"), while files
# the site added to /etc/edged stay. As dh_installsystemd does: a removed
# package's unit is masked so its leftover enable links start nothing;
# purge forgets the enable state.
set -e
unit=edged.service
case "$1" in
  remove)
    if command -v deb-systemd-helper >/dev/null; then deb-systemd-helper mask "$unit" >/dev/null || true; fi
    ;;
  purge)
    if command -v deb-systemd-helper >/dev/null; then
      deb-systemd-helper purge "$unit" >/dev/null || true
      deb-systemd-helper unmask "$unit" >/dev/null || true
    fi
    rm -f /etc/edged/edged.yaml
    rmdir /etc/edged/conf.d /etc/edged 2>/dev/null || true
    ;;
esac
if [ -d /run/systemd/system ]; then
  systemctl --system daemon-reload >/dev/null || true
fi
exit 0
