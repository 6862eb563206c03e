#!/usr/bin/env bash
# Tests the Debian packages in a scratch root (dpkg --root with --force-script-chrootless: the
# maintainer scripts run on this machine with DPKG_ROOT set, so nothing here is touched):
#   lintian on each package (no error, no warning that is not overridden with a reason);
#   install of version N: files, the user and its groups, enabled units, conffiles and their
#     permissions, `systemd-analyze verify` of every unit in the root;
#   the office node from N's files makes a real SQLite database; the configuration is edited;
#   upgrade to N+1 (which carries one more migration): the database is copied before it, the
#     database and the edited configuration are kept, the migration runs once over two starts;
#   the manual rollback of docs/INSTALL.md: N's packages again and the pre-upgrade copy;
#   removal (configuration and data stay, units masked) and purge (nothing left but the user,
#     its home and /var/backups/jiaohao).
# Needs: root, dpkg-deb, lintian, sqlite3, systemd-analyze, java 17, the modules built
# (./mvnw package) and packaging/target/javafx-aarch64 (the packaging module's package phase).
# usage: packaging/test/install-test.sh            Exit status 0 = every check passed.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
JAVAFX="$ROOT/packaging/target/javafx-aarch64"
fails=0
pass() { echo "ok   $*"; }
fail() { echo "FAIL $*"; fails=$((fails + 1)); }
check() { local what="$1"; shift; if "$@" >/dev/null 2>&1; then pass "$what"; else fail "$what"; fi; }
need() { command -v "$1" >/dev/null || { echo "FAIL $1 is missing (.ci/run installs it)"; exit 1; }; }
for t in dpkg dpkg-deb lintian sqlite3 systemd-analyze java unzip; do need "$t"; done
[[ "$(id -u)" == 0 ]] || { echo "FAIL run as root (the maintainer scripts chown in the scratch root)"; exit 1; }
[[ -d "$JAVAFX" ]] || { echo "FAIL $JAVAFX is missing: ./mvnw -B -pl packaging -am package -DskipTests"; exit 1; }

work="$(mktemp -d)"
[[ -n "${KEEP_WORK:-}" ]] && echo "work folder: $work" || trap 'rm -rf "$work"' EXIT
N=1.0.0~test1
N1=1.0.0~test2

# N+1 carries one more office migration, in a jar of its own (Flyway scans every jar of the classpath)
mkdir -p "$work/probe/db/office"
echo "CREATE TABLE upgrade_probe (applied_at TEXT NOT NULL);" > "$work/probe/db/office/V999__upgrade_probe.sql"
(cd "$work/probe" && jar cf "$work/upgrade-probe.jar" db) 2>/dev/null || (cd "$work/probe" && zip -qr "$work/upgrade-probe.jar" db)
"$ROOT/packaging/build-debs.sh" --javafx "$JAVAFX" --version "$N" --out "$work/n" >/dev/null
"$ROOT/packaging/build-debs.sh" --javafx "$JAVAFX" --version "$N1" --out "$work/n1" --extra-jar "office=$work/upgrade-probe.jar" >/dev/null
PKGS=(jiaohao-common jiaohao-office jiaohao-display jiaohao-board jiaohao-counter jiaohao-hub)
debs() { ls "$1"/*.deb; }
[[ "$(debs "$work/n" | wc -l)" == 6 && "$(debs "$work/n1" | wc -l)" == 6 ]] && pass "built 6 packages for $N and for $N1" || fail "package build"

# --- lintian
for deb in $(debs "$work/n"); do
  out="$(lintian --fail-on error,warning "$deb" 2>&1 | grep -v 'running with root privileges' || true)"
  if lintian --fail-on error,warning "$deb" >/dev/null 2>&1; then pass "lintian $(basename "$deb"): no error, no warning${out:+ ($out)}"
  else fail "lintian $(basename "$deb"): $out"; fi
done
check "jiaohao-office is arm64" test "$(dpkg-deb -f "$work/n/jiaohao-office_${N}_arm64.deb" Architecture)" = arm64
check "jiaohao-display is arm64" test "$(dpkg-deb -f "$work/n/jiaohao-display_${N}_arm64.deb" Architecture)" = arm64
check "jiaohao-hub is all" test "$(dpkg-deb -f "$work/n/jiaohao-hub_${N}_all.deb" Architecture)" = all
office_fx="$(dpkg-deb -c "$work/n/jiaohao-office_${N}_arm64.deb" | grep -o 'javafx-[a-z]*-[0-9.]*-[a-z0-9-]*\.jar' | sort -u)"
[[ -n "$office_fx" && -z "$(grep -v -- '-linux-aarch64\.jar$' <<<"$office_fx")" ]] \
  && pass "office's JavaFX jars are all linux-aarch64 ($(wc -l <<<"$office_fx"))" || fail "office's JavaFX jars: $office_fx"
dep="$(dpkg-deb -f "$work/n/jiaohao-office_${N}_arm64.deb" Depends)"
for d in "jiaohao-common (= $N)" openjdk-17-jre mosquitto fonts-noto-cjk rime-data-bopomofo rime-data-terra-pinyin; do
  grep -qF "$d" <<<"$dep" && pass "office depends on $d" || fail "office's Depends lacks $d: $dep"
done

# --- the scratch root: a passwd/group like a Pi's (lp, audio, video; no gpio), a dpkg database
# that knows the packages Jiaohao depends on, amd64 with arm64 added
R="$work/root"
mkdir -p "$R"/{etc/skel,home,tmp,var/lib/dpkg/{info,updates,triggers},var/log,run}
printf 'root:x:0:0:root:/root:/bin/bash\n' > "$R/etc/passwd"
printf 'root:*:20000:0:99999:7:::\n' > "$R/etc/shadow"
printf 'root:x:0:\nlp:x:7:\naudio:x:29:\nvideo:x:44:\nusers:x:100:\n' > "$R/etc/group"
printf 'root:*::\nlp:*::\naudio:*::\nvideo:*::\nusers:*::\n' > "$R/etc/gshadow"
cp /etc/login.defs "$R/etc/login.defs"
chmod 0640 "$R/etc/shadow" "$R/etc/gshadow"
printf 'amd64\narm64\n' > "$R/var/lib/dpkg/arch"
{
  for p in openjdk-17-jre-headless:amd64 sqlite3:amd64 passwd:amd64 init-system-helpers:all \
           openjdk-17-jre:arm64 mosquitto:arm64 libgtk-3-0:arm64 fonts-noto-cjk:all \
           rime-data-bopomofo:arm64 rime-data-terra-pinyin:arm64; do
    # Multi-Arch: foreign as Debian's own: an arch-all package satisfies an arm64 one's dependency
    printf 'Package: %s\nStatus: install ok installed\nPriority: optional\nSection: misc\nMaintainer: test <t@example.tw>\nArchitecture: %s\nMulti-Arch: foreign\nVersion: 99\nDescription: stands in for the real package\n\n' "${p%%:*}" "${p##*:}"
  done
} > "$R/var/lib/dpkg/status"
: > "$R/var/lib/dpkg/available"
DPKG=(dpkg --root="$R" --force-script-chrootless --log=/dev/null)
status() { "${DPKG[@]}" -s "$1" 2>/dev/null | sed -n 's/^Status: //p'; }
version() { "${DPKG[@]}" -s "$1" 2>/dev/null | sed -n 's/^Version: //p'; }
gid() { awk -F: -v n="$1" '$1 == n { print $3 }' "$R/etc/group"; }
uid() { awk -F: -v n="$1" '$1 == n { print $3 }' "$R/etc/passwd"; }

# --- install N
if "${DPKG[@]}" -i $(debs "$work/n") >"$work/install.log" 2>&1 </dev/null; then pass "dpkg -i of $N (dependencies checked against the root's database)"
else fail "dpkg -i of $N: $(cat "$work/install.log")"; fi
for p in "${PKGS[@]}"; do
  [[ "$(status "$p")" == "install ok installed" && "$(version "$p")" == "$N" ]] && pass "$p $N installed" || fail "$p: $(status "$p") $(version "$p")"
done
[[ -n "$(uid jiaohao)" && -d "$R/home/jiaohao" ]] && pass "user jiaohao (uid $(uid jiaohao)) with its home" || fail "user jiaohao not created"
for g in lp audio video; do
  grep -q "^$g:.*[:,]jiaohao\(,\|$\)" "$R/etc/group" && pass "jiaohao is in group $g" || fail "jiaohao not in group $g: $(grep "^$g:" "$R/etc/group")"
done
for f in usr/bin/jiaohao usr/lib/jiaohao/jiaohao-backup usr/share/man/man1/jiaohao.1.gz lib/udev/rules.d/60-jiaohao-printer.rules \
         lib/systemd/system/jiaohao-kiosk.service lib/systemd/system/jiaohao-board.service lib/systemd/system/jiaohao-counter.service \
         lib/systemd/system/jiaohao-hub.service lib/systemd/system/jiaohao-backup.service lib/systemd/system/jiaohao-backup.timer \
         usr/share/doc/jiaohao-common/INSTALL.md; do
  check "installed /$f" test -e "$R/$f"
done
check "office's jars in /usr/lib/jiaohao/office" ls "$R"/usr/lib/jiaohao/office/kiosk-app-*.jar
check "hub's jars in /usr/share/jiaohao/hub" ls "$R"/usr/share/jiaohao/hub/hub-*.jar
for u in graphical.target.wants/jiaohao-kiosk.service graphical.target.wants/jiaohao-board.service \
         graphical.target.wants/jiaohao-counter.service multi-user.target.wants/jiaohao-hub.service timers.target.wants/jiaohao-backup.timer; do
  [[ -L "$R/etc/systemd/system/$u" ]] && pass "enabled: $u" || fail "not enabled: $u"
done
conffiles="$("${DPKG[@]}"-query -W -f='${Conffiles}\n' "${PKGS[@]}" 2>/dev/null || dpkg-query --admindir="$R/var/lib/dpkg" -W -f='${Conffiles}\n' "${PKGS[@]}")"
for c in office board counter hub; do
  grep -q "/etc/jiaohao/$c.properties " <<<"$conffiles" && pass "conffile /etc/jiaohao/$c.properties" || fail "$c.properties is not a conffile"
  [[ "$(stat -c '%a %u:%g' "$R/etc/jiaohao/$c.properties")" == "640 0:$(gid jiaohao)" ]] \
    && pass "$c.properties is 0640 root:jiaohao" || fail "$c.properties is $(stat -c '%a %u:%g' "$R/etc/jiaohao/$c.properties")"
done
grep -qx "XDG_RUNTIME_DIR=/run/user/$(uid jiaohao)" "$R/etc/jiaohao/jiaohao.env" && pass "jiaohao.env names jiaohao's runtime folder" || fail "jiaohao.env: $(cat "$R/etc/jiaohao/jiaohao.env")"
[[ "$(stat -c '%a %U' "$R/var/lib/jiaohao")" == "750 $(uid jiaohao)" || "$(stat -c '%a %u' "$R/var/lib/jiaohao")" == "750 $(uid jiaohao)" ]] \
  && pass "/var/lib/jiaohao is 0750, owned by jiaohao" || fail "/var/lib/jiaohao: $(stat -c '%a %u' "$R/var/lib/jiaohao")"
# every unit as installed, its programs taken from the root (systemd-analyze checks they exist)
mkdir -p "$work/units"
for u in "$R"/lib/systemd/system/jiaohao-*; do
  sed -e "s|/usr/bin/jiaohao|$R/usr/bin/jiaohao|g" -e "s|/usr/lib/jiaohao/|$R/usr/lib/jiaohao/|g" "$u" > "$work/units/$(basename "$u")"
done
out="$(systemd-analyze verify "$work"/units/jiaohao-*.service "$work"/units/jiaohao-*.timer 2>&1)" && rc=0 || rc=$?
ours="$(grep -E 'jiaohao' <<<"$out" || true)"
[[ "$rc" == 0 && -z "$ours" ]] && pass "systemd-analyze verify: $(ls "$R"/lib/systemd/system/jiaohao-* | wc -l) units clean" || fail "systemd-analyze verify (rc $rc): $out"
help="$("$R/usr/bin/jiaohao" --help)"
for c in office-node kiosk board counter hub hardware mosquitto-config; do
  grep -q "^  $c " <<<"$help" && pass "launcher lists '$c'" || fail "launcher does not list '$c'"
done

# every command's main class is in the jars of the package the launcher takes it from
while IFS='|' read -r name module main _; do
  name="${name//[\" ]/}"
  case "$module" in kiosk-app) dir=usr/lib/jiaohao/office ;; display-board) dir=usr/lib/jiaohao/display ;;
                    hub) dir=usr/share/jiaohao/hub ;; *) dir=usr/lib/jiaohao/office ;; esac
  found=0
  # grep reads every line (no -q): an early exit would fail the pipe under pipefail
  for j in "$R/$dir"/*.jar; do unzip -Z1 "$j" 2>/dev/null | grep -xF "${main//.//}.class" >/dev/null && { found=1; break; }; done
  [[ "$found" == 1 ]] && pass "command '$name': $main is in /$dir" || fail "command '$name': $main is not in /$dir"
done < <(awk '/^COMMANDS=\(/{f=1;next} f&&/^\)/{f=0} f' "$R/usr/bin/jiaohao")

# --- the office node from N's files makes the database (two and a half simulated hours at 600x,
# counters called directly: the broker address is a closed port; the first ~10 s real time are
# the node's start-up hold, during which nothing is issued)
closed_port="$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')"
DB="$R/var/lib/jiaohao/data/office-demo-office.db"
mkdir -p "$(dirname "$DB")"
office_run() { # label
  "$R/usr/bin/jiaohao" simulate --config "$R/etc/jiaohao/office.properties" --db "$DB" --broker "tcp://127.0.0.1:$closed_port" \
    --speed 600 --duration 2h30m --seed 7 --quiet >"$work/$1.log" 2>&1 || { echo "office node ($1) failed:"; tail -20 "$work/$1.log"; return 1; }
}
office_run n && pass "office node $N ran on the installed files" || fail "office node $N"
tickets_n="$(sqlite3 "$DB" 'SELECT count(*) FROM tickets')"
[[ "$tickets_n" -gt 0 ]] && pass "database made by $N holds $tickets_n tickets" || fail "no tickets after $N"
echo "# edited on site" >> "$R/etc/jiaohao/office.properties"
edited="$(md5sum < "$R/etc/jiaohao/office.properties")"

# --- upgrade to N+1
if "${DPKG[@]}" -i $(debs "$work/n1") >"$work/upgrade.log" 2>&1 </dev/null; then pass "dpkg -i of $N1 over $N, no question asked"
else fail "upgrade: $(cat "$work/upgrade.log")"; fi
for p in "${PKGS[@]}"; do [[ "$(version "$p")" == "$N1" ]] || fail "$p not upgraded: $(version "$p")"; done
pre="$R/var/backups/jiaohao/pre-upgrade/office-demo-office-$N.db"
[[ -f "$pre" && "$(sqlite3 "$pre" 'PRAGMA integrity_check; SELECT count(*) FROM tickets' | tr '\n' ' ')" == "ok $tickets_n " ]] \
  && pass "preinst copied the database before the upgrade ($tickets_n tickets, integrity ok)" || fail "pre-upgrade copy $pre"
[[ "$(md5sum < "$R/etc/jiaohao/office.properties")" == "$edited" ]] && pass "upgrade kept the edited office.properties" || fail "upgrade changed office.properties"
[[ "$(stat -c '%a %u:%g' "$R/etc/jiaohao/office.properties")" == "640 0:$(gid jiaohao)" ]] && pass "office.properties still 0640 root:jiaohao" || fail "office.properties perms after upgrade"
[[ "$(sqlite3 "$DB" 'SELECT count(*) FROM tickets')" == "$tickets_n" ]] && pass "upgrade kept the database ($tickets_n tickets)" || fail "database changed by the upgrade"
check "no file of $N left behind (probe jar of $N1 present)" test -f "$R/usr/lib/jiaohao/office/upgrade-probe.jar"
office_run n1a && pass "office node $N1 started on $N's database" || fail "office node $N1"
office_run n1b && pass "office node $N1 started again" || fail "office node $N1, second start"
probe="$(sqlite3 "$DB" "SELECT count(*) FROM flyway_schema_history WHERE version = '999' AND success = 1")"
[[ "$probe" == 1 ]] && pass "the new migration ran once over two starts" || fail "V999 recorded $probe times"
[[ "$(sqlite3 "$DB" 'SELECT count(*) FROM tickets')" -gt "$tickets_n" ]] && pass "$N's tickets kept, $N1 added its own" || fail "tickets after the upgrade"

# --- manual rollback (docs/INSTALL.md "Rollback"): N's packages, then the pre-upgrade copy
if "${DPKG[@]}" -i $(debs "$work/n") >"$work/rollback.log" 2>&1 </dev/null; then pass "dpkg -i of $N over $N1 (downgrade)"
else fail "downgrade: $(cat "$work/rollback.log")"; fi
[[ "$(version jiaohao-office)" == "$N" ]] && pass "jiaohao-office is $N again" || fail "jiaohao-office is $(version jiaohao-office)"
check "$N1's files are gone (no probe jar)" test ! -e "$R/usr/lib/jiaohao/office/upgrade-probe.jar"
install -m 0640 "$pre" "$DB" && rm -f "$DB-wal" "$DB-shm"
office_run rolled && pass "office node $N runs on the restored copy" || fail "office node after the rollback"
[[ "$(sqlite3 "$DB" "SELECT count(*) FROM sqlite_master WHERE name = 'upgrade_probe'")" == 0 ]] \
  && pass "the restored database has $N's schema (no $N1 table)" || fail "restored database still has $N1's table"
[[ "$(md5sum < "$R/etc/jiaohao/office.properties")" == "$edited" ]] && pass "rollback kept the edited office.properties" || fail "rollback changed office.properties"

# --- remove, then purge
"${DPKG[@]}" -r "${PKGS[@]}" >"$work/remove.log" 2>&1 </dev/null && pass "dpkg -r of every package" || fail "remove: $(cat "$work/remove.log")"
for p in "${PKGS[@]}"; do
  want="deinstall ok config-files"
  [[ "$p" == jiaohao-display ]] && want=""   # no conffile: removed is gone
  [[ "$(status "$p")" == "$want" ]] || fail "$p after remove: '$(status "$p")'"
done
check "remove: programs gone" test ! -e "$R/usr/bin/jiaohao" -a ! -e "$R/usr/lib/jiaohao" -a ! -e "$R/usr/share/jiaohao" -a ! -e "$R/lib/systemd/system/jiaohao-kiosk.service"
check "remove: configuration and database kept" test -f "$R/etc/jiaohao/office.properties" -a -f "$DB"
[[ "$(readlink "$R/etc/systemd/system/jiaohao-kiosk.service")" == /dev/null ]] && pass "remove: jiaohao-kiosk masked until purge or reinstall" || fail "remove: jiaohao-kiosk not masked"
"${DPKG[@]}" -P "${PKGS[@]}" >"$work/purge.log" 2>&1 </dev/null && pass "dpkg -P of every package" || fail "purge: $(cat "$work/purge.log")"
for p in "${PKGS[@]}"; do [[ -z "$(status "$p")" || "$(status "$p")" == "unknown ok not-installed" ]] || fail "$p after purge: $(status "$p")"; done
left="$(cd "$R" && find . \( -path ./var/lib/dpkg -o -path ./home/jiaohao -o -path ./var/backups/jiaohao \) -prune -o -iname '*jiaohao*' -print)"
[[ -z "$left" ]] && pass "purge: nothing named jiaohao left but the user's home and /var/backups/jiaohao" || fail "purge left: $left"
check "purge: /etc/jiaohao and /var/lib/jiaohao gone" test ! -e "$R/etc/jiaohao" -a ! -e "$R/var/lib/jiaohao"
check "purge: no unit link left" test -z "$(find "$R/etc/systemd" -name 'jiaohao-*' 2>/dev/null)"
check "purge: the user jiaohao stays (Debian does not delete users)" test -n "$(uid jiaohao)"

echo
if [[ "$fails" == 0 ]]; then echo "install-test: all checks passed"; else echo "install-test: $fails check(s) FAILED"; exit 1; fi
