#!/bin/sh
# edged postinst: safe on a system without systemd or udev (a chroot
# while flashing an image), never prompts, keeps an edited config.
# The systemd part follows what dh_installsystemd generates: the unit is
# enabled on the first install only (deb-systemd-helper remembers it), so
# an upgrade never re-enables a service the admin disabled; an upgrade
# restarts it only if it was running. A first install does not start a
# daemon whose configuration is still the example with its placeholder
# reader: it says what to do instead.
set -e
unit=edged.service
config=/etc/edged/edged.yaml
example=/usr/share/edged/edged.example.yaml

case "$1" in
  configure|abort-upgrade|abort-deconfigure|abort-remove) ;;
  *) exit 0 ;;
esac

if ! getent group edged >/dev/null; then
  addgroup --quiet --system edged
fi
install -d -m 0750 /var/lib/edged
if ! getent passwd edged >/dev/null; then
  adduser --quiet --system --ingroup edged --home /var/lib/edged --no-create-home \
    --gecos "edged gateway" --shell /usr/sbin/nologin edged
fi
chown edged:edged /var/lib/edged
for g in dialout plugdev input; do
  if getent group "$g" >/dev/null; then adduser --quiet edged "$g"; fi
done

install -d -m 0755 /etc/edged /etc/edged/conf.d
if [ ! -e "$config" ]; then
  install -m 0640 -g edged "$example" "$config"
fi

if command -v udevadm >/dev/null && [ -S /run/udev/control ]; then
  udevadm control --reload || true
  udevadm trigger --subsystem-match=tty --subsystem-match=usb --subsystem-match=hidraw --subsystem-match=input || true
fi

#@unit.sh@
if [ -n "$first_install" ] && [ -n "$placeholder" ]; then
  cat >&2 <<MSG
edged: $config is the example, with a placeholder reader:
edged was not started. Set the site, gateway and readers (described in
/usr/share/doc/edged/configuration.md), check the file with
  edged config check --config $config
then start the service (it is enabled, so it also starts at boot): run
"systemctl start edged".
MSG
fi
exit 0
