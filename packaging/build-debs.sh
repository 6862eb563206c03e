#!/usr/bin/env bash
# Builds the Jiaohao Debian packages from the modules' target/ folders with dpkg-deb (no root,
# no debhelper):
#   jiaohao-common   all    service user, launcher /usr/bin/jiaohao, backup script and timer, docs
#   jiaohao-office   arm64  office node with the kiosk (Mosquitto, JavaFX linux-aarch64, printer rule)
#   jiaohao-display  arm64  the wall board's and counter unit's jars (JavaFX linux-aarch64)
#   jiaohao-board    all    the wall board's unit and configuration
#   jiaohao-counter  all    the counter unit's unit and configuration
#   jiaohao-hub      all    the hub (head office; any architecture with Java 17)
# usage: packaging/build-debs.sh --javafx DIR [--version DEBVER] [--out DIR] [--extra-jar ROLE=JAR]…
#   --javafx DIR     the javafx-*-linux-aarch64.jar files (the packaging module's pom fetches them)
#   --version V      Debian version (default: from the parent pom; a -SNAPSHOT becomes ~git<commits>.<hash>)
#   --extra-jar R=J  add jar J to role R's lib folder (office, display or hub); tests use it
#   --out DIR        where the .deb files go (default packaging/target/debs)
# Prints the paths of the built packages, one a line.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
SRC="$ROOT/packaging/src/deb"
OUT="$ROOT/packaging/target/debs"
JAVAFX=""
DEBVER=""
declare -A EXTRA=()
while [[ $# -gt 0 ]]; do
  case "$1" in
    --javafx) JAVAFX="$2"; shift 2 ;;
    --version) DEBVER="$2"; shift 2 ;;
    --out) OUT="$2"; shift 2 ;;
    --extra-jar) EXTRA["${2%%=*}"]+=" ${2#*=}"; shift 2 ;;
    *) echo "usage: build-debs.sh --javafx DIR [--version V] [--out DIR] [--extra-jar ROLE=JAR]" >&2; exit 2 ;;
  esac
done
die() { echo "build-debs: $*" >&2; exit 1; }
command -v dpkg-deb >/dev/null || die "dpkg-deb is missing (Debian: apt install dpkg)"
[[ -d "$JAVAFX" ]] || die "--javafx must name the folder of the linux-aarch64 JavaFX jars (got '$JAVAFX')"

MVNVER="$(sed -n 's:^  <version>\(.*\)</version>.*:\1:p' "$ROOT/pom.xml" | head -1)"
[[ -n "$MVNVER" ]] || die "cannot read the version from $ROOT/pom.xml"
if [[ -z "$DEBVER" ]]; then
  if [[ "$MVNVER" == *-SNAPSHOT ]]; then
    count="$(git -C "$ROOT" rev-list --count HEAD 2>/dev/null || echo 0)"
    hash="$(git -C "$ROOT" rev-parse --short=7 HEAD 2>/dev/null || echo unknown)"
    DEBVER="${MVNVER%-SNAPSHOT}~git${count}.${hash}"
  else
    DEBVER="$MVNVER"
  fi
fi
[[ "$DEBVER" =~ ^[0-9][A-Za-z0-9.+~]*$ ]] || die "--version must be a Debian version without a revision, e.g. 0.1.0 or 0.1.0~git12.abc1234; got '$DEBVER'"
# SOURCE_DATE_EPOCH (reproducible builds) else the commit's time: same input, same packages
EPOCH="${SOURCE_DATE_EPOCH:-$(git -C "$ROOT" log -1 --format=%ct 2>/dev/null || date +%s)}"
export SOURCE_DATE_EPOCH="$EPOCH"
DATE_RFC2822="$(LC_ALL=C date -u -d "@$EPOCH" -R)"
MAINTAINER="Jiaohao maintainers <jiaohao@example.tw>"

STAGE="$ROOT/packaging/target/deb-stage"
rm -rf "$STAGE" && mkdir -p "$STAGE" "$OUT"
built=()

# role lib folder: the module's jar, its runtime jars; JavaFX swapped for linux-aarch64 and only
# usb4java's aarch64 native kept when $2 is arm64
fill_lib() { # module arch destdir
  local module="$1" arch="$2" dest="$3"
  local jar="$ROOT/$module/target/$module-$MVNVER.jar"
  [[ -f "$jar" ]] || die "$jar is missing: build the modules first (./mvnw package)"
  [[ -d "$ROOT/$module/target/lib" ]] || die "$ROOT/$module/target/lib is missing: build the modules first"
  install -d "$dest"
  install -m 0644 "$jar" "$ROOT/$module"/target/lib/*.jar "$dest/"
  if [[ "$arch" == arm64 ]]; then
    local f base
    for f in "$dest"/javafx-*.jar; do
      base="$(basename "$f" .jar)"
      rm "$f"
      # javafx-graphics-21.0.12.jar is the empty "which platform" jar; -linux is x86_64
      if [[ "$base" =~ ^(javafx-[a-z]+-[0-9.]+)-linux$ ]]; then
        local fx="$JAVAFX/${BASH_REMATCH[1]}-linux-aarch64.jar"
        [[ -f "$fx" ]] || die "no linux-aarch64 build of $base in $JAVAFX"
        install -m 0644 "$fx" "$dest/"
      fi
    done
    for f in "$dest"/libusb4java-*.jar; do
      [[ -e "$f" && "$f" != *-linux-aarch64.jar ]] && rm "$f"
    done
    local other
    other="$(cd "$dest" && ls | grep -E '^javafx-.*\.jar$' | grep -v -- '-linux-aarch64\.jar$' || true)"
    [[ -z "$other" ]] || die "JavaFX jars for another platform left in $dest: $other"
  fi
  return 0
}

doc_files() { # package dir
  local pkg="$1" dir="$2"
  install -d "$dir/usr/share/doc/$pkg"
  sed "s/@YEAR@/$(date -u -d "@$EPOCH" +%Y)/" "$SRC/copyright" > "$dir/usr/share/doc/$pkg/copyright"
  chmod 0644 "$dir/usr/share/doc/$pkg/copyright"
  {
    echo "$pkg ($DEBVER) unstable; urgency=medium"
    echo
    echo "  * Built from Jiaohao $MVNVER, commit $(git -C "$ROOT" rev-parse --short=7 HEAD 2>/dev/null || echo unknown)."
    echo "    The project's history is its git log."
    echo
    echo " -- $MAINTAINER  $DATE_RFC2822"
  } | gzip -9n > "$dir/usr/share/doc/$pkg/changelog.gz"
  chmod 0644 "$dir/usr/share/doc/$pkg/changelog.gz"
}

unit() { # unit-file destdir: the unit from deploy/systemd with the packages' paths
  local u="$1" dest="$2/lib/systemd/system"
  install -d "$dest"
  sed -e 's|/opt/jiaohao/current/bin/jiaohao-backup|/usr/lib/jiaohao/jiaohao-backup|g' \
      -e 's|file:/opt/jiaohao/current/docs/|file:/usr/share/doc/jiaohao-common/|g' \
      -e 's|/opt/jiaohao/current/bin/jiaohao|/usr/bin/jiaohao|g' \
      "$ROOT/deploy/systemd/$u" > "$dest/$u"
  chmod 0644 "$dest/$u"
  ! grep -q '/opt/' "$dest/$u" || die "$u still names /opt after the path rewrite"
}

conffile() { # source target-name destdir
  install -d "$3/etc/jiaohao"
  install -m 0644 "$1" "$3/etc/jiaohao/$2"
  echo "/etc/jiaohao/$2" >> "$3/DEBIAN/conffiles"
}

finish() { # package arch dir
  local pkg="$1" arch="$2" dir="$3"
  doc_files "$pkg" "$dir"
  if [[ -f "$SRC/$pkg.lintian-overrides" ]]; then
    install -D -m 0644 "$SRC/$pkg.lintian-overrides" "$dir/usr/share/lintian/overrides/$pkg"
  fi
  local s tpl
  for s in preinst postinst prerm postrm; do
    tpl="$SRC/$pkg.$s"
    [[ -f "$tpl" || -z "${UNIT:-}" ]] || tpl="$SRC/role.$s"
    [[ -f "$tpl" ]] || continue
    awk -v lib="$SRC/maint-lib.sh" '/^#@LIB@$/{while ((getline l < lib) > 0) print l; next} {print}' "$tpl" \
      | sed -e "s/@UNIT@/${UNIT:-}/g" -e "s/@CONF@/${CONF:-}/g" -e "s/@BACKUP@/${BACKUP:-no}/g" -e "s/@UDEV@/${UDEV:-no}/g" \
      > "$dir/DEBIAN/$s"
    chmod 0755 "$dir/DEBIAN/$s"
    ! grep -q '@[A-Z]*@' "$dir/DEBIAN/$s" || die "$pkg.$s: a placeholder is left"
  done
  local size
  size="$(du -sk --exclude=DEBIAN "$dir" | cut -f1)"
  sed -e "s/@VERSION@/$DEBVER/g" -e "s/@ARCH@/$arch/g" -e "s/@SIZE@/$size/g" -e "s/@MAINTAINER@/$MAINTAINER/g" \
      "$SRC/$pkg.control" > "$dir/DEBIAN/control"
  # md5sums of every shipped file, as dpkg-deb does not make them
  (cd "$dir" && find . -path ./DEBIAN -prune -o -type f -print | LC_ALL=C sort | sed 's|^\./||' | xargs -r md5sum) > "$dir/DEBIAN/md5sums"
  [[ -f "$dir/DEBIAN/conffiles" ]] && chmod 0644 "$dir/DEBIAN/conffiles"
  chmod 0644 "$dir/DEBIAN/control" "$dir/DEBIAN/md5sums"
  find "$dir" -exec touch -h -d "@$EPOCH" {} +
  local deb="$OUT/${pkg}_${DEBVER}_${arch}.deb"
  # jars are compressed already: gzip -1 costs little time and gains as much as xz here
  dpkg-deb --root-owner-group -Zgzip -z1 --build "$dir" "$deb" >/dev/null
  built+=("$deb")
}

new_pkg() { local d="$STAGE/$1"; install -d "$d/DEBIAN"; echo "$d"; }

extras() { # role destdir
  local j
  for j in ${EXTRA[$1]:-}; do install -m 0644 "$j" "$2/"; done
}

# --- jiaohao-common
d="$(new_pkg jiaohao-common)"
install -d "$d/usr/bin" "$d/usr/lib/jiaohao" "$d/usr/share/jiaohao" "$d/etc/jiaohao"
commands="$(awk '/^COMMANDS=\(/{f=1;next} f&&/^\)/{f=0} f' "$ROOT/bin/jiaohao" | grep -v '^ *"demo|')"
awk -v table="$commands" '/^#@COMMANDS@$/{print table; next} {print}' "$SRC/jiaohao.launcher" > "$d/usr/bin/jiaohao"
chmod 0755 "$d/usr/bin/jiaohao"
install -m 0755 "$ROOT/deploy/backup/jiaohao-backup" "$d/usr/lib/jiaohao/jiaohao-backup"
install -m 0644 "$ROOT/deploy/pi/jiaohao.env.example" "$d/usr/share/jiaohao/jiaohao.env.example"
install -d "$d/usr/share/man/man1"
sed -e "s/@VERSION@/$DEBVER/g" "$SRC/jiaohao.1" | gzip -9n > "$d/usr/share/man/man1/jiaohao.1.gz"
unit jiaohao-backup.service "$d"
unit jiaohao-backup.timer "$d"
# uncompressed: the units' Documentation= and the launcher's help name them
for doc in INSTALL.md OPERATIONS.md PROTOCOL.md; do install -D -m 0644 "$ROOT/docs/$doc" "$d/usr/share/doc/jiaohao-common/$doc"; done
finish jiaohao-common all "$d"

# --- jiaohao-office (arm64)
d="$(new_pkg jiaohao-office)"
fill_lib kiosk-app arm64 "$d/usr/lib/jiaohao/office"
extras office "$d/usr/lib/jiaohao/office"
unit jiaohao-kiosk.service "$d"
install -d "$d/lib/udev/rules.d"
install -m 0644 "$ROOT/deploy/udev/60-jiaohao-printer.rules" "$d/lib/udev/rules.d/60-jiaohao-printer.rules"
conffile "$ROOT/kiosk-app/src/main/resources/office.example.properties" office.properties "$d"
# an installed office keeps a second copy of its high-water mark in the backup folder (issue 18)
sed -i 's|^recovery.mark-copy-dir=$|recovery.mark-copy-dir=/var/backups/jiaohao|' "$d/etc/jiaohao/office.properties"
grep -qx 'recovery.mark-copy-dir=/var/backups/jiaohao' "$d/etc/jiaohao/office.properties" \
  || { echo "build-debs: recovery.mark-copy-dir not set in office.properties" >&2; exit 1; }
UNIT=jiaohao-kiosk.service CONF=office.properties BACKUP=yes UDEV=yes finish jiaohao-office arm64 "$d"

# --- jiaohao-display (arm64) and its two roles
d="$(new_pkg jiaohao-display)"
fill_lib display-board arm64 "$d/usr/lib/jiaohao/display"
extras display "$d/usr/lib/jiaohao/display"
finish jiaohao-display arm64 "$d"
for role in board counter; do
  d="$(new_pkg jiaohao-$role)"
  unit "jiaohao-$role.service" "$d"
  conffile "$ROOT/display-board/board.properties.example" "$role.properties" "$d"
  UNIT="jiaohao-$role.service" CONF="$role.properties" finish "jiaohao-$role" all "$d"
done

# --- jiaohao-hub (all)
d="$(new_pkg jiaohao-hub)"
fill_lib hub all "$d/usr/share/jiaohao/hub"
extras hub "$d/usr/share/jiaohao/hub"
unit jiaohao-hub.service "$d"
conffile "$ROOT/hub/src/main/resources/hub.example.properties" hub.properties "$d"
UNIT=jiaohao-hub.service CONF=hub.properties BACKUP=yes finish jiaohao-hub all "$d"

printf '%s\n' "${built[@]}"
