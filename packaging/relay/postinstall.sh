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
example=$share/relay.example.yaml

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
  install -m 0640 -g edged-relay "$example" "$config"
fi
if [ ! -e "$etc/mapping.example.csv" ]; then
  install -m 0640 -g edged-relay "$share/mapping.example.csv" "$etc/mapping.example.csv"
fi

#@unit.sh@
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
