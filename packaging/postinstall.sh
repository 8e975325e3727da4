#!/bin/sh
# edged postinstall: safe on a system without systemd or udev (a chroot
# while flashing an image), never prompts, keeps an edited config.
set -e

if ! getent group edged >/dev/null; then
  addgroup --system edged
fi
install -d -m 0750 /var/lib/edged
if ! getent passwd edged >/dev/null; then
  adduser --system --ingroup edged --home /var/lib/edged --no-create-home \
    --gecos "edged gateway" --shell /usr/sbin/nologin edged
fi
chown edged:edged /var/lib/edged
for g in dialout plugdev input; do
  if getent group "$g" >/dev/null; then usermod -a -G "$g" edged; fi
done

install -d -m 0755 /etc/edged /etc/edged/conf.d
if [ ! -e /etc/edged/edged.yaml ]; then
  install -m 0640 -g edged /usr/share/edged/edged.example.yaml /etc/edged/edged.yaml
fi

if command -v udevadm >/dev/null && [ -S /run/udev/control ]; then
  udevadm control --reload || true
  udevadm trigger --subsystem-match=tty --subsystem-match=usb --subsystem-match=hidraw --subsystem-match=input || true
fi

if [ -d /run/systemd/system ]; then
  systemctl daemon-reload || true
  systemctl enable edged.service || true
  if systemctl is-active --quiet edged.service; then
    systemctl try-restart edged.service || true
  else
    systemctl start edged.service || true
  fi
fi
exit 0
