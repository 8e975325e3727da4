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
# Wanted where the distribution has them: make deb-check lints the
# packages when lintian is there.
optional=(
  "lintian:lintian"
)

missing=()
for entry in "${needs[@]}"; do
  probe=${entry%%:*} pkg=${entry#*:}
  if [[ $probe == /* ]]; then compgen -G "$probe" >/dev/null && continue; else command -v "$probe" >/dev/null && continue; fi
  missing+=("$pkg")
done
optional_missing=()
for entry in "${optional[@]}"; do
  probe=${entry%%:*} pkg=${entry#*:}
  command -v "$probe" >/dev/null || optional_missing+=("$pkg")
done
[[ ${#missing[@]} -eq 0 && ${#optional_missing[@]} -eq 0 ]] && exit 0

echo "installing: ${missing[*]} ${optional_missing[*]}"
sudo=""
[[ $(id -u) -ne 0 ]] && sudo="sudo"
export DEBIAN_FRONTEND=noninteractive
$sudo apt-get update -qq
if [[ ${#missing[@]} -gt 0 ]]; then
  $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}"
fi
for pkg in "${optional_missing[@]}"; do
  $sudo apt-get install -y -qq --no-install-recommends "$pkg" || echo "test-deps: $pkg is not available here; skipped"
done
