#!/bin/sh
# edged postremove: the ledger in /var/lib/edged is the system of record
# and is never deleted by the package, not even on purge.
set -e
if [ -d /run/systemd/system ]; then
  systemctl daemon-reload || true
fi
exit 0
