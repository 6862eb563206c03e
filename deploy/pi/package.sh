#!/usr/bin/env bash
# Builds the Raspberry Pi bundle: deploy/pi/target/jiaohao-<version>-pi.tar.gz
#   lib/      the modules and their runtime jars as built from this tree, JavaFX swapped for
#             linux-aarch64 (the aarch64 natives of sqlite-jdbc, pi4j and usb4java are inside their jars)
#   bin/      the launcher (commands from bin/jiaohao), etc/ example configs, systemd/ units,
#             udev/ the printer rule, docs/ INSTALL.md and OPERATIONS.md, VERSION
# usage: deploy/pi/package.sh [--skip-build]   (--skip-build: use the modules' target/ as they are)
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
OUT="$ROOT/deploy/pi/target"
SKIP_BUILD=0
for a in "$@"; do
  case "$a" in
    --skip-build) SKIP_BUILD=1 ;;
    *) echo "usage: deploy/pi/package.sh [--skip-build]" >&2; exit 2 ;;
  esac
done

VERSION="$(sed -n 's:^  <version>\(.*\)</version>.*:\1:p' "$ROOT/pom.xml" | head -1)"
[[ -n "$VERSION" ]] || { echo "package: cannot read the version from $ROOT/pom.xml" >&2; exit 1; }
NAME="jiaohao-$VERSION"

cd "$ROOT"
MODULES=(protocol hardware kiosk-app display-board hub)
if [[ "$SKIP_BUILD" == 0 ]]; then
  echo "package: building the modules…" >&2
  ./mvnw -q -B -pl "$(IFS=,; echo "${MODULES[*]}")" package -DskipTests
fi
echo "package: resolving JavaFX for linux-aarch64…" >&2
./mvnw -q -B -f deploy/pi/pom.xml -Djavafx.platform=linux-aarch64 clean package

STAGE="$OUT/stage/$NAME"
rm -rf "$OUT/stage" && mkdir -p "$STAGE"/{bin,lib,etc,systemd,udev,docs}
# the modules' jars and their runtime libraries, as built from this tree (never from ~/.m2, which
# other builds on this machine may have overwritten)
for m in "${MODULES[@]}"; do
  jar="$m/target/$m-$VERSION.jar"
  [[ -f "$jar" ]] || { echo "package: $jar is missing; run without --skip-build" >&2; exit 1; }
  cp "$jar" "$STAGE/lib/"
  [[ -d "$m/target/lib" ]] && cp -n "$m"/target/lib/*.jar "$STAGE/lib/"
done
# JavaFX: the build machine's platform jars out, linux-aarch64 in (same version)
for f in "$STAGE"/lib/javafx-*.jar; do
  base="$(basename "$f")"
  if [[ "$base" =~ ^(javafx-[a-z]+-[0-9.]+)-[a-z0-9_-]+\.jar$ ]]; then
    rm "$f"
    [[ -f "$OUT/javafx/${BASH_REMATCH[1]}-linux-aarch64.jar" ]] \
      || { echo "package: no linux-aarch64 build of $base in $OUT/javafx" >&2; exit 1; }
  fi
done
cp "$OUT"/javafx/*-linux-aarch64.jar "$STAGE/lib/"
# usb4java's Loader picks its native by os.arch: only the aarch64 one is needed on the Pi
for f in "$STAGE"/lib/libusb4java-*.jar; do
  [[ "$f" == *-linux-aarch64.jar ]] || rm "$f"
done

# JavaFX must be aarch64 only: x86_64 jars are classified 'linux', others 'win'/'mac'
bad="$(cd "$STAGE/lib" && ls | grep -E '^javafx-[a-z]+-[0-9.]+-(linux|linux-x86_64|win|win-x86|mac|mac-aarch64)\.jar$' || true)"
if [[ -n "$bad" ]]; then
  echo "package: JavaFX jars for another platform in the bundle: $bad" >&2; exit 1
fi
for m in base graphics controls media swing; do
  ls "$STAGE"/lib/javafx-$m-*-linux-aarch64.jar >/dev/null 2>&1 \
    || { echo "package: javafx-$m for linux-aarch64 is missing" >&2; exit 1; }
done

# launcher: the source tree's command table, less the commands that need the source tree (demo)
commands="$(awk '/^COMMANDS=\(/{f=1;next} f&&/^\)/{f=0} f' "$ROOT/bin/jiaohao" | grep -v '^ *"demo|')"
if ! grep -q '"mosquitto-config|' <<<"$commands"; then
  commands+=$'\n  "mosquitto-config|kiosk-app|tw.jiaohao.office.install.MosquittoConfigMain|MQTT logins, ACL and bridge for an office or head office (docs/INSTALL.md)"'
fi
awk -v table="$commands" '/^#@COMMANDS@$/{print table; next} {print}' deploy/pi/jiaohao > "$STAGE/bin/jiaohao"
chmod 0755 "$STAGE/bin/jiaohao"
# every command's main class must be in the bundle
classes="$(for j in "$STAGE"/lib/{kiosk-app,display-board,hub,hardware}-*.jar; do unzip -Z1 "$j"; done)"
while IFS='|' read -r name _ main _; do
  name="${name//[\" ]/}"
  [[ -z "$name" || "$main" == "-" ]] && continue
  class="${main//.//}.class"
  if ! grep -qxF "$class" <<<"$classes"; then
    echo "package: warning: command '$name' names $main, which is not in the bundle (not built yet?)" >&2
  fi
done <<<"$commands"

cp kiosk-app/src/main/resources/office.example.properties "$STAGE/etc/office.example.properties"
cp display-board/board.properties.example "$STAGE/etc/board.example.properties"
cp hub/src/main/resources/hub.example.properties "$STAGE/etc/hub.example.properties"
cp deploy/pi/jiaohao.env.example "$STAGE/etc/jiaohao.env.example"
cp deploy/systemd/*.service deploy/systemd/*.timer "$STAGE/systemd/"
cp deploy/backup/jiaohao-backup "$STAGE/bin/jiaohao-backup"
cp deploy/backup/jiaohao-restore "$STAGE/bin/jiaohao-restore"
cp deploy/udev/*.rules "$STAGE/udev/"
cp deploy/pi/install.sh "$STAGE/bin/install.sh"
chmod 0755 "$STAGE/bin/install.sh"
for d in docs/INSTALL.md docs/OPERATIONS.md docs/PROTOCOL.md; do
  [[ -f "$d" ]] && cp "$d" "$STAGE/docs/"
done
{
  echo "$NAME"
  echo "commit $(git -C "$ROOT" rev-parse --short HEAD 2>/dev/null || echo unknown)"
  echo "built $(date -u +%Y-%m-%dT%H:%M:%SZ)"
} > "$STAGE/VERSION"

tar -C "$OUT/stage" --owner=0 --group=0 -czf "$OUT/$NAME-pi.tar.gz" "$NAME"
echo "$OUT/$NAME-pi.tar.gz"
