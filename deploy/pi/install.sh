#!/usr/bin/env bash
# Installs (or upgrades to) this Jiaohao bundle on a Raspberry Pi / Debian machine. Run as root from
# the unpacked bundle:  sudo ./bin/install.sh --role kiosk|board|counter|hub
#   /opt/jiaohao/<version>/      this bundle; /opt/jiaohao/current -> it (the units use current)
#   /etc/jiaohao/                configuration: examples copied, existing files never overwritten
#   /var/lib/jiaohao/            data (SQLite files), owned by the jiaohao user
#   /var/backups/jiaohao/        online backups every 15 min (kiosk and hub roles: jiaohao-backup.timer)
#   /etc/systemd/system/         jiaohao-*.service; the role's unit is enabled and (re)started
#   /etc/udev/rules.d/           60-jiaohao-printer.rules (kiosk role)
# The previous version stays in /opt/jiaohao/ for a rollback (docs/INSTALL.md, "Upgrade").
# JIAOHAO_ROOT=/some/dir installs under that folder without touching users, systemd or udev (tests).
set -euo pipefail
BUNDLE="$(cd "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")/.." && pwd)"
R="${JIAOHAO_ROOT:-}"
ROLE=""
while [[ $# -gt 0 ]]; do
  case "$1" in
    --role) ROLE="${2:-}"; shift 2 ;;
    *) echo "usage: install.sh --role kiosk|board|counter|hub" >&2; exit 2 ;;
  esac
done
case "$ROLE" in
  kiosk|board|counter|hub) ;;
  *) echo "install.sh: --role must be kiosk, board, counter or hub (got '$ROLE')" >&2; exit 2 ;;
esac
VERSION="$(head -1 "$BUNDLE/VERSION")"
live() { [[ -z "$R" ]]; }

if live; then
  [[ "$(id -u)" == 0 ]] || { echo "install.sh: run as root (sudo)" >&2; exit 1; }
  if ! id jiaohao >/dev/null 2>&1; then
    useradd --create-home --shell /bin/bash jiaohao
  fi
  for g in lp gpio audio video render input; do
    getent group "$g" >/dev/null && usermod -aG "$g" jiaohao
  done
fi

install -d -m 0755 "$R/opt/jiaohao"
if [[ "$BUNDLE" != "$R/opt/jiaohao/$VERSION" ]]; then
  rm -rf "$R/opt/jiaohao/$VERSION.new"
  cp -a "$BUNDLE" "$R/opt/jiaohao/$VERSION.new"
  rm -rf "$R/opt/jiaohao/$VERSION"
  mv "$R/opt/jiaohao/$VERSION.new" "$R/opt/jiaohao/$VERSION"
fi
previous="$(readlink "$R/opt/jiaohao/current" 2>/dev/null || true)"
ln -sfn "$VERSION" "$R/opt/jiaohao/current.new" && mv -T "$R/opt/jiaohao/current.new" "$R/opt/jiaohao/current"

install -d -m 0750 "$R/etc/jiaohao"
for f in "$BUNDLE"/etc/*.example.properties "$BUNDLE/etc/jiaohao.env.example"; do
  install -m 0640 "$f" "$R/etc/jiaohao/$(basename "$f")"
done
config="$(case "$ROLE" in kiosk) echo office ;; *) echo "$ROLE" ;; esac).properties"
example="$(case "$ROLE" in kiosk) echo office ;; counter) echo board ;; *) echo "$ROLE" ;; esac).example.properties"
[[ -f "$R/etc/jiaohao/$config" ]] || install -m 0640 "$BUNDLE/etc/$example" "$R/etc/jiaohao/$config"
if [[ ! -f "$R/etc/jiaohao/jiaohao.env" ]]; then
  install -m 0640 "$BUNDLE/etc/jiaohao.env.example" "$R/etc/jiaohao/jiaohao.env"
  if live; then echo "XDG_RUNTIME_DIR=/run/user/$(id -u jiaohao)" >> /etc/jiaohao/jiaohao.env; fi
fi
install -d -m 0750 "$R/var/lib/jiaohao"
install -d -m 0755 "$R/etc/systemd/system" "$R/etc/udev/rules.d"
install -m 0644 "$BUNDLE"/systemd/jiaohao-*.service "$BUNDLE"/systemd/jiaohao-*.timer "$R/etc/systemd/system/"
install -d -m 0750 "$R/var/backups/jiaohao"
[[ "$ROLE" == kiosk ]] && install -m 0644 "$BUNDLE"/udev/60-jiaohao-printer.rules "$R/etc/udev/rules.d/"

if live; then
  chown -R root:jiaohao /etc/jiaohao
  chown jiaohao:jiaohao /var/lib/jiaohao /var/backups/jiaohao
  if [[ "$ROLE" == kiosk ]]; then udevadm control --reload && udevadm trigger --subsystem-match=usb; fi
  systemctl daemon-reload
  systemctl enable "jiaohao-$ROLE.service"
  if [[ "$ROLE" == kiosk || "$ROLE" == hub ]]; then systemctl enable --now jiaohao-backup.timer; fi
  systemctl restart "jiaohao-$ROLE.service"
fi
echo "installed $VERSION as /opt/jiaohao/current (was: ${previous:-none}); role $ROLE, config /etc/jiaohao/$config"
