#!/usr/bin/env bash
# arm64 smoke test: the office node from the built jiaohao-office package's files, on Debian's
# arm64 OpenJDK under qemu-user (qemu-aarch64-static -L /), with a real SQLite file and a real
# broker (Mosquitto on a free port): it starts, issues and calls tickets (the simulated day,
# counters over MQTT), and a hub on this machine (from the jiaohao-hub package's files, amd64 JVM)
# stores every event it published. Then, on the arm64 JVM: the installer's printer and GPIO
# checks report "no printer" and "no GPIO chip" cleanly (usb4java and Pi4J load), and
# NativeCheck resolves JavaFX from the linux-aarch64 jars and loads the aarch64 natives of
# JavaFX (those needing no display), usb4java and Pi4J. Prints the start time on qemu and on
# this machine's own JVM. Never skips: whatever is missing is a failure.
# Needs: qemu-user-static, openjdk-17-jre-headless:arm64, mosquitto, sqlite3, a JDK 17 (javac),
# and the packages in packaging/target/debs (./mvnw -B -pl packaging -am package -DskipTests).
# usage: packaging/test/arm64-smoke.sh [--debs DIR]      Exit status 0 = every check passed.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
DEBS="$ROOT/packaging/target/debs"
[[ "${1:-}" == --debs ]] && DEBS="$2"
ARM_JAVA=/usr/lib/jvm/java-17-openjdk-arm64/bin/java
fails=0
pass() { echo "ok   $*"; }
fail() { echo "FAIL $*"; fails=$((fails + 1)); }
die() { echo "FAIL $*"; exit 1; }
for t in qemu-aarch64-static mosquitto sqlite3 java javac dpkg-deb python3; do
  command -v "$t" >/dev/null || die "$t is missing (.ci/run installs it)"
done
[[ -x "$ARM_JAVA" ]] || die "$ARM_JAVA is missing: dpkg --add-architecture arm64 && apt-get install openjdk-17-jre-headless:arm64"
newest() { ls -t "$DEBS"/$1 2>/dev/null | head -1; }
OFFICE_DEB="$(newest 'jiaohao-office_*_arm64.deb')"; COMMON_DEB="$(newest 'jiaohao-common_*_all.deb')"; HUB_DEB="$(newest 'jiaohao-hub_*_all.deb')"
[[ -n "$OFFICE_DEB" && -n "$COMMON_DEB" && -n "$HUB_DEB" ]] || die "no packages in $DEBS: ./mvnw -B -pl packaging -am package -DskipTests"

work="$(mktemp -d)"
pids=()
cleanup() { for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done; wait 2>/dev/null || true; rm -rf "$work"; }
trap cleanup EXIT
R="$work/root"
for d in "$COMMON_DEB" "$OFFICE_DEB" "$HUB_DEB"; do dpkg-deb -x "$d" "$R"; done
pass "unpacked $(basename "$OFFICE_DEB"), $(basename "$COMMON_DEB"), $(basename "$HUB_DEB")"
printf '#!/bin/sh\nexec qemu-aarch64-static -L / %s "$@"\n' "$ARM_JAVA" > "$work/java-arm64"
chmod +x "$work/java-arm64"
arch="$("$work/java-arm64" -XshowSettings:properties -version 2>&1 | sed -n 's/^ *os.arch = //p')"
[[ "$arch" == aarch64 ]] && pass "the JVM under qemu is aarch64 ($("$work/java-arm64" -version 2>&1 | head -1))" || die "the qemu JVM reports os.arch '$arch'"
file_arch="$(od -An -j18 -N2 -tu2 "$(readlink -f "$ARM_JAVA")" | tr -d ' ')"
[[ "$file_arch" == 183 ]] && pass "$ARM_JAVA is an aarch64 ELF binary" || fail "$ARM_JAVA is ELF machine $file_arch"

free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }
wait_for() { # seconds what command…: polls the condition every 0.2 s
  local secs="$1" what="$2"; shift 2
  local end=$((SECONDS + secs))
  until "$@" >/dev/null 2>&1; do
    (( SECONDS < end )) || { fail "$what (not within ${secs}s)"; return 1; }
    sleep 0.2
  done
}

# --- a real broker and a hub on this machine, from the hub package's files
MQ_PORT="$(free_port)"
printf 'listener %s 127.0.0.1\nallow_anonymous true\npersistence false\n' "$MQ_PORT" > "$work/mosquitto.conf"
mosquitto -c "$work/mosquitto.conf" >"$work/mosquitto.log" 2>&1 &
pids+=($!)
wait_for 10 "Mosquitto listens on $MQ_PORT" bash -c "echo > /dev/tcp/127.0.0.1/$MQ_PORT" && pass "Mosquitto on 127.0.0.1:$MQ_PORT"
cat > "$work/hub.properties" <<EOF
mqtt.url=tcp://127.0.0.1:$MQ_PORT
http.port=$(free_port)
http.bind=127.0.0.1
db.path=$work/hub.db
mqtt.client-id=jiaohao-hub-arm64-smoke
EOF
"$R/usr/bin/jiaohao" hub --config "$work/hub.properties" --ready-file "$work/hub.ready" >"$work/hub.log" 2>&1 &
pids+=($!)
wait_for 120 "hub ready" test -s "$work/hub.ready" && pass "hub (amd64 JVM, package files) up: $(tr '\n' ' ' < "$work/hub.ready")" || { tail -20 "$work/hub.log"; exit 1; }

# --- the office node on the arm64 JVM: start time to "connected, counters over MQTT"; the
# simulated day runs at 60x (each ticket and call is logged) until tickets were issued and called
cp "$R/etc/jiaohao/office.properties" "$work/office.properties"
OFFICE="$(sed -n 's/^office.id=//p' "$work/office.properties")"
DB="$work/office-arm64.db"
started() { grep -q '^simulate: counters send their commands over MQTT' "$1"; }
t0="$(date +%s%N)"
JAVA="$work/java-arm64" "$R/usr/bin/jiaohao" simulate --config "$work/office.properties" --db "$DB" --broker "tcp://127.0.0.1:$MQ_PORT" \
  --speed 60 --duration 8h --seed 7 >"$work/arm64.log" 2>&1 &
node=$!
pids+=($node)
wait_for 300 "office node on arm64 connected" started "$work/arm64.log" || { tail -30 "$work/arm64.log"; exit 1; }
arm_ms=$(( ($(date +%s%N) - t0) / 1000000 ))
pass "office node (arm64, qemu) started and connected to the broker"

# natives and JavaFX on the arm64 JVM, while the office node works (independent of it)
mkdir -p "$work/classes"
javac --release 17 -d "$work/classes" "$ROOT/packaging/test/NativeCheck.java"
"$work/java-arm64" -cp "$work/classes:$R/usr/lib/jiaohao/office/*" NativeCheck >"$work/native.log" 2>&1 & n1=$!
JAVA="$work/java-arm64" "$R/usr/bin/jiaohao" hardware list-printers --pi >"$work/printers.log" 2>&1 & n2=$!
JAVA="$work/java-arm64" "$R/usr/bin/jiaohao" hardware lamps --pi --seconds 1 >"$work/gpio.log" 2>&1 & n3=$!
pids+=($n1 $n2 $n3)

worked() { (( $(grep -cE '^[0-9:]+ +kiosk +[A-Z][0-9]+ issued' "$1") >= 3 && $(grep -cE '^[0-9:]+ +counter [0-9]+ +calls ' "$1") >= 2 )); }
wait_for 240 "the arm64 office node issues 3 tickets and calls 2" worked "$work/arm64.log" || { tail -30 "$work/arm64.log"; exit 1; }
kill -TERM "$node"
wait "$node" && rc=0 || rc=$?
[[ "$rc" == 0 || "$rc" == 143 ]] && grep -q '^simulate: stopped cleanly' "$work/arm64.log" \
  && pass "office node (arm64) stopped cleanly on SIGTERM" || fail "office node (arm64) exit status $rc: $(tail -5 "$work/arm64.log")"
issued="$(grep -cE '^[0-9:]+ +kiosk +[A-Z][0-9]+ issued' "$work/arm64.log")"
called="$(grep -cE '^[0-9:]+ +counter [0-9]+ +calls ' "$work/arm64.log")"
pass "arm64 office node issued $issued and called $called tickets"
[[ "$(sqlite3 "$DB" 'PRAGMA integrity_check')" == ok && "$(sqlite3 "$DB" 'SELECT count(*) FROM tickets')" == "$issued" ]] \
  && pass "its SQLite file (arm64 sqlite-jdbc native) holds the $issued tickets, integrity ok" || fail "office database: $(sqlite3 "$DB" 'SELECT count(*) FROM tickets') tickets"
events="$(sqlite3 "$DB" 'SELECT count(*) FROM events')"
# unsent: the events above the outbox's mark (every event up to it acknowledged by the broker)
unsent="$(sqlite3 "$DB" "SELECT count(*) FROM events WHERE seq > (SELECT CAST(value AS INTEGER) FROM node_meta WHERE key = 'outbox.sent-upto')")"
hub_has() { [[ "$(sqlite3 "$work/hub.db" "SELECT count(*) FROM event WHERE office = '$OFFICE'")" == "$1" ]]; }
wait_for 60 "hub stores the $((events - unsent)) events sent" hub_has "$((events - unsent))" \
  && pass "the hub stored the $((events - unsent)) events the arm64 office node published ($events made, $unsent still in its outbox at the stop)"
[[ "$((events - unsent))" -gt 0 ]] || fail "no event reached the hub"

wait "$n1" && rc1=0 || rc1=$?
wait "$n2" && rc2=0 || rc2=$?
wait "$n3" && rc3=0 || rc3=$?
if [[ "$rc1" == 0 ]]; then grep -E '^(javafx|usb4java|pi4j)' "$work/native.log" | sed 's/^/ok   /'; else fail "NativeCheck (rc $rc1): $(grep -v BoardInfo "$work/native.log" | tail -5)"; fi
[[ "$rc2" == 0 ]] && grep -q '^no printer found' "$work/printers.log" && ! grep -q 'Exception' "$work/printers.log" \
  && pass "hardware list-printers --pi (usb4java on arm64): $(grep '^no printer found' "$work/printers.log" | cut -c1-60)…" \
  || fail "list-printers (rc $rc2): $(tail -5 "$work/printers.log")"
gpio_err="$(grep '^error: ' "$work/gpio.log" || true)"
[[ "$rc3" == 2 && "$gpio_err" == *"No gpio chip"* ]] && ! grep -q '^\s*at ' "$work/gpio.log" \
  && pass "hardware lamps --pi (Pi4J on arm64) says there is no GPIO, exit 2, no stack trace: ${gpio_err:0:90}…" \
  || fail "lamps --pi (rc $rc3): $(tail -5 "$work/gpio.log")"

# --- the same start on this machine's own JVM, for the ratio (its own office id and database)
sed 's/^office.id=.*/office.id=host-reference/' "$work/office.properties" > "$work/office-host.properties"
t0="$(date +%s%N)"
"$R/usr/bin/jiaohao" simulate --config "$work/office-host.properties" --db "$work/office-host.db" --broker "tcp://127.0.0.1:$MQ_PORT" \
  --speed 60 --duration 8h --seed 7 --quiet >"$work/host.log" 2>&1 &
hostnode=$!
pids+=($hostnode)
wait_for 120 "office node on this machine's JVM connected" started "$work/host.log"
host_ms=$(( ($(date +%s%N) - t0) / 1000000 ))
kill "$hostnode" 2>/dev/null || true

echo
printf 'arm64 office node start (JVM launch to connected, counters over MQTT): %.1f s under qemu-aarch64 (qemu-user is ~5-20x slower than a Raspberry Pi 4/5), %.1f s on this machine'"'"'s %s JVM, ratio %.1fx\n' \
  "$(bc -l <<<"$arm_ms/1000")" "$(bc -l <<<"$host_ms/1000")" "$(uname -m)" "$(bc -l <<<"$arm_ms/$host_ms")"
echo
if [[ "$fails" == 0 ]]; then echo "arm64-smoke: all checks passed"; else echo "arm64-smoke: $fails check(s) FAILED"; exit 1; fi
