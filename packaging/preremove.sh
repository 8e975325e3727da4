#!/bin/sh
# edged prerm: stop the service on removal; an upgrade's postinst
# try-restarts it instead.
set -e
if [ "$1" = remove ] && [ -d /run/systemd/system ] && command -v deb-systemd-invoke >/dev/null; then
  deb-systemd-invoke stop edged.service >/dev/null || true
fi
exit 0
