#!/usr/bin/env bash
# Installs, on Debian, the system packages the tests need when they are
# missing. Each entry: a command or file (a glob for versioned paths) that
# proves the package is there, then the package. Runs apt-get only when
# something is missing.
set -euo pipefail

needs=(
  "gcc:gcc"                 # the race detector needs cgo
  "git:git"                 # lint lists the tracked Go files
  "/usr/sbin/mosquitto:mosquitto" # uplink tests run a real broker
  "/usr/bin/chromium:chromium"    # report tests screenshot the HTML charts
  "/usr/lib/postgresql/*/bin/initdb:postgresql" # relay tests run a real server (internal/pgtest)
)

missing=()
for entry in "${needs[@]}"; do
  probe=${entry%%:*} pkg=${entry#*:}
  if [[ $probe == /* ]]; then compgen -G "$probe" >/dev/null && continue; else command -v "$probe" >/dev/null && continue; fi
  missing+=("$pkg")
done
[[ ${#missing[@]} -eq 0 ]] && exit 0

echo "installing: ${missing[*]}"
sudo=""
[[ $(id -u) -ne 0 ]] && sudo="sudo"
export DEBIAN_FRONTEND=noninteractive
$sudo apt-get update -qq
$sudo apt-get install -y -qq --no-install-recommends "${missing[@]}"
