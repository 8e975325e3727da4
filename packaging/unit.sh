# unit.sh: the systemd part of both packages' postinst, as
# dh_installsystemd generates it. packaging/build-deb.sh puts it where a
# postinstall.sh has its "#@unit.sh@" line; the script sets $unit, $config
# and $example (the shipped configuration) first, and afterwards tests
# $first_install and $placeholder.
# $2 is the version configured before; empty on a first install.
first_install=
[ "$1" = configure ] && [ -z "$2" ] && first_install=yes
placeholder=
cmp -s "$config" "$example" && placeholder=yes

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

