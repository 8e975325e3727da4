#!/bin/sh
# edged-relay postinst: creates the service user, copies the example
# configuration and mapping to /etc/edged-relay only when absent (they
# are not conffiles: an edited configuration never blocks an upgrade),
# and handles the unit as dh_installsystemd does: enabled on the first
# install only, restarted on upgrade only if it was running, not started
# while the configuration is still the example.
set -e
unit=edged-relay.service
etc=/etc/edged-relay
share=/usr/share/edged-relay
config=$etc/relay.yaml

case "$1" in
  configure|abort-upgrade|abort-deconfigure|abort-remove) ;;
  *) exit 0 ;;
esac

if ! getent group edged-relay >/dev/null; then
  addgroup --quiet --system edged-relay
fi
install -d -m 0750 /var/lib/edged-relay
if ! getent passwd edged-relay >/dev/null; then
  adduser --quiet --system --ingroup edged-relay --home /var/lib/edged-relay --no-create-home \
    --gecos "edged relay" --shell /usr/sbin/nologin edged-relay
fi
chown edged-relay:edged-relay /var/lib/edged-relay

# The configuration holds channel secrets: readable by the service only.
install -d -m 0750 -g edged-relay "$etc"
if [ ! -e "$config" ]; then
  install -m 0640 -g edged-relay "$share/relay.example.yaml" "$config"
fi
if [ ! -e "$etc/mapping.example.csv" ]; then
  install -m 0640 -g edged-relay "$share/mapping.example.csv" "$etc/mapping.example.csv"
fi

# $2 is the version configured before; empty on a first install.
first_install=
[ "$1" = configure ] && [ -z "$2" ] && first_install=yes
placeholder=
cmp -s "$config" "$share/relay.example.yaml" && placeholder=yes

# deb-systemd-helper and deb-systemd-invoke come with init-system-helpers,
# which Debian marks essential; where they are missing (not Debian), the
# unit is left alone, never enabled on every configure.
if command -v deb-systemd-helper >/dev/null; then
  deb-systemd-helper unmask "$unit" >/dev/null || true
  # was-enabled is true on a first install (nothing recorded yet), and
  # after it only while every link the package enabled is still there.
  # An upgrade from a package that enabled with systemctl has no record:
  # it only records the links, whatever the admin left of them.
  if deb-systemd-helper --quiet was-enabled "$unit" &&
    { [ -n "$first_install" ] || deb-systemd-helper --quiet debian-installed "$unit"; }; then
    deb-systemd-helper enable "$unit" >/dev/null || true
  else
    deb-systemd-helper update-state "$unit" >/dev/null || true
  fi
fi
if [ -d /run/systemd/system ] && command -v deb-systemd-invoke >/dev/null; then
  systemctl --system daemon-reload >/dev/null || true
  if [ -z "$first_install" ]; then
    deb-systemd-invoke try-restart "$unit" >/dev/null || true
  elif [ -z "$placeholder" ]; then
    deb-systemd-invoke start "$unit" >/dev/null || true
  fi
fi

if [ -n "$first_install" ] && [ -n "$placeholder" ]; then
  cat >&2 <<MSG
edged-relay: $config is the example (no channels, no gateways,
the example mapping): the relay was not started. Configure it (described
in /usr/share/doc/edged-relay/relay.md), check it with
  relay check --config $config
then start the service (it is enabled, so it also starts at boot): run
"systemctl start edged-relay".
MSG
fi
exit 0
