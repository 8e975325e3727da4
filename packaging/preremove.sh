#!/bin/sh
# edged preremove: stop the service on removal (not on upgrade).
set -e
if [ "$1" = "remove" ] && [ -d /run/systemd/system ]; then
  systemctl disable --now edged.service || true
fi
exit 0
