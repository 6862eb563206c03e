#!/usr/bin/env bash
# Tests the Raspberry Pi bundle: deploy/pi/package.sh builds it; it holds JavaFX for linux-aarch64
# and no other platform's, the aarch64 natives of sqlite-jdbc, pi4j and usb4java; its launcher runs;
# bin/install.sh installs and upgrades it (into a scratch root); the systemd units pass
# `systemd-analyze verify` (skipped with a message where systemd-analyze is missing).
# usage: deploy/test/package-test.sh [--skip-build]    Exit status 0 = every check passed.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
fails=0
pass() { echo "ok   $*"; }
fail() { echo "FAIL $*"; fails=$((fails + 1)); }
check() { local what="$1"; shift; if "$@" >/dev/null 2>&1; then pass "$what"; else fail "$what"; fi; }

tarball="$("$ROOT/deploy/pi/package.sh" "$@" | tail -1)"
[[ -f "$tarball" ]] && pass "package.sh built $(basename "$tarball") ($(du -h "$tarball" | cut -f1))" \
  || { fail "package.sh built no tarball"; exit 1; }
[[ "$(basename "$tarball")" =~ ^jiaohao-.+-pi\.tar\.gz$ ]] && pass "named jiaohao-<version>-pi.tar.gz" || fail "name $(basename "$tarball")"

work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
tar -C "$work" -xzf "$tarball"
home="$(echo "$work"/jiaohao-*)"
lib="$home/lib"
listing="$(tar -tzf "$tarball")"

for m in base graphics controls media swing; do
  check "javafx-$m for linux-aarch64 present" ls "$lib"/javafx-$m-*-linux-aarch64.jar
done
other="$(ls "$lib" | grep -E '^javafx-.*-(linux|linux-x86_64|win|win-x86|mac|mac-aarch64)\.jar$' || true)"
[[ -z "$other" ]] && pass "no JavaFX jar for another platform" || fail "JavaFX jars for another platform: $other"
x86="$(for j in "$lib"/javafx-*.jar; do unzip -l "$j"; done | grep -E '\.so$' | grep -v -i aarch64 | grep -E 'x86|amd64' || true)"
[[ -z "$x86" ]] && pass "no x86_64 native inside the JavaFX jars" || fail "x86 natives in JavaFX jars: $x86"
fxso="$(unzip -l "$lib"/javafx-graphics-*-linux-aarch64.jar | grep -c 'libprism_es2.so\|libglass.so' || true)"
[[ "$fxso" -ge 2 ]] && pass "javafx-graphics aarch64 holds libglass.so and libprism_es2.so" || fail "javafx-graphics natives missing"
check "sqlite-jdbc holds its Linux/aarch64 native" sh -c "unzip -l $lib/sqlite-jdbc-*.jar | grep -q 'org/sqlite/native/Linux/aarch64/libsqlitejdbc.so'"
check "pi4j gpiod library holds its aarch64 natives" sh -c "unzip -l $lib/pi4j-library-gpiod-*.jar | grep -q 'lib/aarch64/pi4j-gpiod/libpi4j-gpiod.so'"
check "pi4j linuxfs library holds its aarch64 native" sh -c "unzip -l $lib/pi4j-library-linuxfs-*.jar | grep -q 'lib/aarch64/pi4j-linuxfs/libpi4j-linuxfs.so'"
usb="$(ls "$lib" | grep '^libusb4java-' || true)"
[[ "$usb" =~ ^libusb4java-.*-linux-aarch64\.jar$ ]] && pass "usb4java native: linux-aarch64 only ($usb)" || fail "usb4java natives: $usb"
check "usb4java aarch64 jar holds libusb4java.so" sh -c "unzip -l $lib/libusb4java-*-linux-aarch64.jar | grep -q 'linux-aarch64/libusb4java.so'"
for m in protocol hardware kiosk-app display-board hub; do
  check "module $m in lib/" ls "$lib"/$m-*.jar
done
for f in bin/jiaohao bin/install.sh VERSION etc/office.example.properties etc/board.example.properties \
         etc/hub.example.properties etc/jiaohao.env.example udev/60-jiaohao-printer.rules docs/INSTALL.md docs/OPERATIONS.md \
         bin/jiaohao-backup systemd/jiaohao-backup.service systemd/jiaohao-backup.timer systemd/jiaohao-kiosk.service systemd/jiaohao-board.service systemd/jiaohao-counter.service systemd/jiaohao-hub.service; do
  grep -q "^jiaohao-[^/]*/$f\$" <<<"$listing" && pass "contains $f" || fail "missing $f"
done

help="$("$home/bin/jiaohao" --help)"
for c in office-node kiosk board counter hub hardware mosquitto-config; do
  grep -q "^  $c " <<<"$help" && pass "launcher lists '$c'" || fail "launcher does not list '$c'"
done
grep -q '^  demo ' <<<"$help" && fail "launcher lists 'demo' (needs the source tree)" || pass "launcher leaves out 'demo'"
# runs a main class from the bundle's own lib/ (plain Java, so it runs on this x86 machine too)
if "$home/bin/jiaohao" mosquitto-config --config "$home/etc/office.example.properties" --out "$work/mq" --no-bridge >/dev/null \
   && grep -q '^user demo-office-node$' "$work/mq/acl"; then
  pass "bundle runs mosquitto-config from its lib/"
else
  fail "bundle cannot run mosquitto-config"
fi

# install, then upgrade to a second version, into a scratch root
scratch="$work/root"
JIAOHAO_ROOT="$scratch" "$home/bin/install.sh" --role kiosk >/dev/null
check "install: /opt/jiaohao/current -> the bundle" test -x "$scratch/opt/jiaohao/current/bin/jiaohao"
check "install: office.properties created from the example" cmp "$scratch/etc/jiaohao/office.properties" "$home/etc/office.example.properties"
check "install: units and printer rule in place" test -f "$scratch/etc/systemd/system/jiaohao-kiosk.service" -a -f "$scratch/etc/udev/rules.d/60-jiaohao-printer.rules"
echo "office.id=kept-office" >> "$scratch/etc/jiaohao/office.properties"
v1="$(readlink "$scratch/opt/jiaohao/current")"
cp -a "$home" "$work/jiaohao-next" && sed -i "1s/.*/jiaohao-next/" "$work/jiaohao-next/VERSION"
JIAOHAO_ROOT="$scratch" "$work/jiaohao-next/bin/install.sh" --role kiosk >/dev/null
[[ "$(readlink "$scratch/opt/jiaohao/current")" == jiaohao-next && -d "$scratch/opt/jiaohao/$v1" ]] \
  && pass "upgrade: current -> the new version, the previous one kept for a rollback" || fail "upgrade did not switch versions"
grep -q '^office.id=kept-office$' "$scratch/etc/jiaohao/office.properties" && pass "upgrade: configuration kept" || fail "upgrade overwrote office.properties"

# online backup of a WAL database while a writer holds it open
if command -v sqlite3 >/dev/null; then
  data="$work/data"; mkdir -p "$data"
  sqlite3 "$data/office-x.db" "PRAGMA journal_mode=WAL; CREATE TABLE t(n); WITH RECURSIVE c(n) AS (SELECT 1 UNION ALL SELECT n+1 FROM c WHERE n<5000) INSERT INTO t SELECT n FROM c;" >/dev/null
  # a writer that keeps the database open (and its WAL unmerged) during the backups
  { echo "BEGIN; INSERT INTO t VALUES (-1); COMMIT;"; sleep 5; } | sqlite3 "$data/office-x.db" &
  writer=$!
  for i in 1 2 3; do "$home/bin/jiaohao-backup" --from "$data" --to "$work/backups" --keep 2 >/dev/null; sleep 1; done
  wait "$writer" || true
  copies="$(ls "$work/backups" | grep -c '^office-x-.*\.db$' || true)"
  [[ "$copies" == 2 ]] && pass "backup: --keep 2 keeps the newest 2 copies" || fail "backup: $copies copies kept"
  newest="$(ls "$work/backups"/office-x-*.db | sort | tail -1)"
  [[ "$(sqlite3 "$newest" 'PRAGMA integrity_check; SELECT count(*) FROM t;' | tr '\n' ' ')" == "ok 5000 " || \
     "$(sqlite3 "$newest" 'PRAGMA integrity_check; SELECT count(*) FROM t;' | tr '\n' ' ')" == "ok 5001 " ]] \
    && pass "backup: the copy of a WAL database is whole (integrity ok, every row)" || fail "backup copy incomplete"
else
  echo "skip sqlite3 is not installed here; the backup script was not tried"
fi

if command -v systemd-analyze >/dev/null; then
  units="$work/units"; mkdir -p "$units"
  for u in "$home"/systemd/*.service "$home"/systemd/*.timer; do
    sed "s|/opt/jiaohao/current|$home|g" "$u" > "$units/$(basename "$u")"
  done
  out="$(systemd-analyze verify "$units"/*.service "$units"/*.timer 2>&1)" && rc=0 || rc=$?
  ours="$(grep -E 'jiaohao-' <<<"$out" || true)"
  [[ "$rc" == 0 && -z "$ours" ]] && pass "systemd-analyze verify: $(ls "$units" | wc -l) units clean" || fail "systemd-analyze verify (rc $rc): $out"
else
  echo "skip systemd-analyze is not installed here; the units were not verified"
fi

echo
if [[ "$fails" == 0 ]]; then echo "package-test: all checks passed"; else echo "package-test: $fails check(s) FAILED"; exit 1; fi
