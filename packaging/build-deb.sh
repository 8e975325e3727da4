#!/usr/bin/env bash
# Builds the edged and edged-relay .deb packages into dist/ for each
# architecture named (amd64, arm64, arm6 → armhf with GOARM=6). Run by
# `make deb`, which sets VERSION (scripts/version.sh), GO and LDFLAGS.
#   build-deb.sh ARCH...
# What does not depend on the architecture is made once, with this
# machine's binaries: the man pages and completions, generated from the
# command trees (the hidden `gendocs` subcommand), and the changelogs.
set -euo pipefail
: "${VERSION:?VERSION is not set}" "${GO:=go}"
revision=1 # packaging/nfpm.yaml release:
stage=dist/stage
ldflags=${LDFLAGS:-"-s -w -X main.buildVersion=$VERSION"}
# Pages and changelogs carry the commit's date, not the build's, so two
# builds of one commit are identical.
export SOURCE_DATE_EPOCH=${SOURCE_DATE_EPOCH:-$(git log -1 --format=%ct 2>/dev/null || date +%s)}

build() { # build GOARCH GOARM OUT PKG
  CGO_ENABLED=0 GOOS=linux GOARCH=$1 GOARM=$2 "$GO" build -trimpath -ldflags "$ldflags" -o "$3" "$4"
}

changelog() { # changelog PACKAGE OUT
  local commit
  commit=$(git rev-parse --short HEAD 2>/dev/null || echo unknown)
  {
    echo "$1 ($VERSION-$revision) unstable; urgency=medium"
    echo
    echo "  * Built from git commit $commit (version $VERSION)."
    echo
    echo " -- edged maintainers <maintainers@edged.invalid>  $(LC_ALL=C date -u -R -d "@$SOURCE_DATE_EPOCH")"
  } | gzip -9n > "$2"
}

postinst() { # postinst SCRIPT OUT: the package's script with the shared unit part
  sed -e '/^#@unit.sh@$/{r packaging/unit.sh' -e 'd;}' "$1" > "$2"
  grep -q 'deb-systemd-helper enable' "$2" || { echo "build-deb: $1 lacks its #@unit.sh@ line" >&2; exit 1; }
  chmod 0755 "$2"
}

docs() { # docs PROGRAM PACKAGE: man pages, completions, changelog
  local dir=$stage/docs/$1
  rm -rf "$dir"
  build "$($GO env GOARCH)" "" "$stage/host-$1" "./cmd/$1"
  "$stage/host-$1" gendocs "$dir"
  gzip -9nf "$dir"/man/*.1
  changelog "$2" "$dir/changelog.Debian.gz"
}

rm -rf "$stage" dist/edged_*.deb dist/edged-relay_*.deb
mkdir -p "$stage"
trap 'rm -rf "$stage"' EXIT
docs edged edged
docs relay edged-relay
postinst packaging/postinstall.sh "$stage/edged.postinst"
postinst packaging/relay/postinstall.sh "$stage/edged-relay.postinst"
for arch in "$@"; do
  case $arch in arm6) goarch=arm goarm=6 ;; *) goarch=$arch goarm= ;; esac
  build "$goarch" "$goarm" "$stage/edged" ./cmd/edged
  build "$goarch" "$goarm" "$stage/relay" ./cmd/relay
  for config in packaging/nfpm.yaml packaging/relay/nfpm.yaml; do
    ARCH=$arch VERSION=$VERSION "$GO" tool nfpm package --config "$config" --packager deb --target dist/ >/dev/null
  done
done
ls -l dist/*.deb
