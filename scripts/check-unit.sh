#!/usr/bin/env bash
# Checks systemd/edged.service and systemd/edged-relay.service with
# systemd-analyze when it is available: `verify` (typos, bad values) on a
# copy whose ExecStart is the freshly built binary, and `security` against
# a score threshold (x10: 25 = 2.5) for edged; the relay, which needs no
# devices, must score at or below edged.
#   check-unit.sh THRESHOLD EDGED_BINARY RELAY_BINARY
set -euo pipefail
threshold=${1:-25}
edged_bin=${2:-bin/edged}
relay_bin=${3:-bin/relay}
fail() { echo "check-unit: $*" >&2; exit 1; }

# What systemd-analyze does not judge: the unit must let edged read the
# clock's sync state (adjtimex, which ProtectClock= would deny) and open
# on-board UARTs as well as USB serial adapters.
for want in '^SystemCallFilter=@system-service adjtimex$' '^DeviceAllow=char-ttyS rw$' '^DeviceAllow=char-ttyAMA rw$'; do
  grep -q "$want" systemd/edged.service || fail "systemd/edged.service lacks $want"
done
if grep -q '^ProtectClock=yes' systemd/edged.service; then
  fail "ProtectClock=yes denies the read-only adjtimex: every event would be recorded clock_synced=false"
fi

# The relay opens no device at all and runs as its own user on the paths
# its package and docs/relay.md name.
relay=systemd/edged-relay.service
[[ -f $relay ]] || fail "$relay missing"
for want in '^ExecStart=/usr/bin/relay run --config /etc/edged-relay/relay.yaml$' '^User=edged-relay$' \
  '^StateDirectory=edged-relay$' '^PrivateDevices=yes$' '^DevicePolicy=closed$' '^ProtectClock=yes$' \
  '^CapabilityBoundingSet=$' '^WantedBy=multi-user.target$'; do
  grep -q "$want" "$relay" || fail "$relay lacks $want"
done
for unwanted in '^DeviceAllow=' '^SupplementaryGroups=' '^RestrictAddressFamilies=.*AF_NETLINK'; do
  if grep -q "$unwanted" "$relay"; then fail "$relay has $unwanted: the relay needs no devices nor netlink"; fi
done

if ! command -v systemd-analyze >/dev/null; then
  echo "check-unit: systemd-analyze not installed; units not analysed"
  exit 0
fi
dir=$(mktemp -d)
trap 'rm -rf "$dir"' EXIT

# verify UNIT BINARY: a copy of UNIT whose ExecStart is BINARY, verified.
verify() {
  local unit=$1 bin=$2 name
  name=$(basename "$unit")
  [[ -x $bin ]] || fail "$bin not built"
  sed -E "s#^ExecStart=/usr/bin/[a-z-]+#ExecStart=$(realpath "$bin")#" "$unit" > "$dir/$name"
  local out
  out=$(systemd-analyze verify "$dir/$name" 2>&1 | grep -v -e 'not-found' -e 'Unit .* not found' || true)
  [[ -z $out ]] || fail "systemd-analyze verify $unit:"$'\n'"$out"
}
# score UNIT THRESHOLD: prints the exposure x10; fails above THRESHOLD.
score() {
  local out
  out=$(systemd-analyze security --offline=yes --threshold="$2" "$dir/$(basename "$1")" | tail -1) ||
    fail "$1 above the threshold $2: $out"
  echo "$out" | sed -nE 's/.*: ([0-9]+)\.([0-9]).*/\1\2/p'
}
verify systemd/edged.service "$edged_bin"
verify "$relay" "$relay_bin"
edged_score=$(score systemd/edged.service "$threshold")
relay_score=$(score "$relay" "$edged_score")
echo "check-unit: edged ${edged_score:0:-1}.${edged_score: -1}, relay ${relay_score:0:-1}.${relay_score: -1} (at most edged's): OK"
