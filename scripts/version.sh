#!/bin/sh
# Prints the version stamped into both binaries and their packages, from
# git describe: v1.2.0 → 1.2.0, v1.2.0-5-gabc1234 → 1.2.0+5.gabc1234,
# no release tag yet → 0.1.0~git<count>.<hash>; "-dirty" becomes
# "+dirty" (a build of uncommitted changes), a pre-release v1.0.0-rc1 →
# 1.0.0~rc1 (before 1.0.0). Debian orders all of these.
set -eu
d=$(git describe --tags --match 'v[0-9]*' --dirty 2>/dev/null) || d=
if [ -n "$d" ]; then
  echo "$d" | sed -E 's/^v//; s/-dirty$/+dirty/; s/^([0-9.]+)-(rc|beta|alpha)/\1~\2/; s/-([0-9]+)-(g[0-9a-f]+)/+\1.\2/'
  exit 0
fi
hash=$(git rev-parse --short HEAD 2>/dev/null) || { echo 0.1.0~unknown; exit 0; }
count=$(git rev-list --count HEAD)
dirty=
git diff --quiet HEAD 2>/dev/null || dirty=+dirty
echo "0.1.0~git${count}.${hash}${dirty}"
