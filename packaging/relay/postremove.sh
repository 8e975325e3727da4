#!/bin/sh
# edged-relay postrm. The relay's store in /var/lib/edged-relay is never
# deleted by the package, not even on purge; the configuration postinst
# copied is (purge means "and its configuration"), while files the site
# added to /etc/edged-relay (a secrets key, a real mapping) stay. As
# dh_installsystemd does: a removed package's unit is masked so its
# leftover enable links start nothing; purge forgets the enable state.
set -e
unit=edged-relay.service
case "$1" in
  remove)
    if command -v deb-systemd-helper >/dev/null; then deb-systemd-helper mask "$unit" >/dev/null || true; fi
    ;;
  purge)
    if command -v deb-systemd-helper >/dev/null; then
      deb-systemd-helper purge "$unit" >/dev/null || true
      deb-systemd-helper unmask "$unit" >/dev/null || true
    fi
    rm -f /etc/edged-relay/relay.yaml /etc/edged-relay/mapping.example.csv
    rmdir /etc/edged-relay 2>/dev/null || true
    ;;
esac
if [ -d /run/systemd/system ]; then
  systemctl --system daemon-reload >/dev/null || true
fi
exit 0
