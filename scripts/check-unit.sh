#!/usr/bin/env bash
# Checks systemd/edged.service with systemd-analyze when it is available:
# `verify` (typos, bad values) on a copy whose ExecStart is the freshly
# built binary, and `security` against a score threshold (x10: 25 = 2.5).
set -euo pipefail
threshold=${1:-25}
binary=${2:-bin/edged}
# What systemd-analyze does not judge: the unit must let edged read the
# clock's sync state (adjtimex, which ProtectClock= would deny) and open
# on-board UARTs as well as USB serial adapters.
for want in '^SystemCallFilter=@system-service adjtimex$' '^DeviceAllow=char-ttyS rw$' '^DeviceAllow=char-ttyAMA rw$'; do
  grep -q "$want" systemd/edged.service || { echo "check-unit: systemd/edged.service lacks $want"; exit 1; }
done
if grep -q '^ProtectClock=yes' systemd/edged.service; then
  echo "check-unit: ProtectClock=yes denies the read-only adjtimex: every event would be recorded clock_synced=false"; exit 1
fi
if ! command -v systemd-analyze >/dev/null; then
  echo "check-unit: systemd-analyze not installed; unit not checked"
  exit 0
fi
dir=$(mktemp -d)
trap 'rm -rf "$dir"' EXIT
sed "s#^ExecStart=/usr/bin/edged#ExecStart=$(realpath "$binary")#" systemd/edged.service > "$dir/edged.service"
out=$(systemd-analyze verify "$dir/edged.service" 2>&1 | grep -v -e 'not-found' -e 'Unit .* not found' || true)
if [[ -n $out ]]; then
  echo "check-unit: systemd-analyze verify:"; echo "$out"; exit 1
fi
systemd-analyze security --offline=yes --threshold="$threshold" "$dir/edged.service" | tail -1
