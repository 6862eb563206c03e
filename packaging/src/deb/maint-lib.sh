# --- shared by the Jiaohao maintainer scripts (packaging/src/deb/maint-lib.sh, copied in at build)
# DPKG_ROOT is set when dpkg installs into another root without chroot (--force-script-chrootless,
# as the package tests do): every path is taken under it, and nothing is started.
R="${DPKG_ROOT:-}"
live() { [ -z "$R" ]; }
systemd_running() { live && [ -d /run/systemd/system ]; }
# numeric id of a user (passwd) or group (group) in the target root; empty when it does not exist
id_of() { awk -F: -v n="$2" '$1 == n { print $3 }' "$R/etc/$1"; }
# a shadow tool (useradd, usermod) working on the target root's /etc
in_root() {
    tool="$1"; shift
    if live; then "$tool" "$@"; else "$tool" --prefix "$R" "$@"; fi
}
# owner:group mode path, with the ids of the target root
own() {
    chown "$(id_of passwd "${1%%:*}"):$(id_of group "${1##*:}")" "$3"
    chmod "$2" "$3"
}
# enabled on first installation; afterwards the administrator's choice is kept (as debhelper does)
enable_unit() {
    deb-systemd-helper unmask "$1" >/dev/null || true
    if deb-systemd-helper --quiet was-enabled "$1"; then
        deb-systemd-helper enable "$1" >/dev/null || true
    else
        deb-systemd-helper update-state "$1" >/dev/null || true
    fi
}
# (re)starts a unit without waiting for it: the screens' units wait up to 120 s for the desktop's
# X server, which is not running while installing over SSH before the autologin is set up.
# deb-systemd-invoke has no --no-block, so its policy-rc.d check (101 = not now) is done here.
start_unit() {
    rc=0
    if command -v policy-rc.d >/dev/null; then policy-rc.d "$2" "$1" >/dev/null 2>&1 || rc=$?; fi
    if [ "$rc" != 101 ]; then systemctl --no-block "$1" "$2" >/dev/null || true; fi
}
# a copy of every database before an upgrade's migrations run: /var/backups/jiaohao/pre-upgrade/
# <name>-<old version>.db (rollback: /usr/share/doc/jiaohao-common/INSTALL.md). No copy, no upgrade.
pre_upgrade_backup() {
    [ -d "$R/var/lib/jiaohao" ] || return 0
    dbs="$(find "$R/var/lib/jiaohao" -maxdepth 2 -name '*.db' -type f)"
    [ -n "$dbs" ] || return 0
    if ! command -v sqlite3 >/dev/null; then
        echo "jiaohao: sqlite3 is missing, so the databases cannot be copied before the upgrade" >&2
        exit 1
    fi
    dir="$R/var/backups/jiaohao/pre-upgrade"
    mkdir -p "$dir"
    for db in $dbs; do
        copy="$dir/$(basename "$db" .db)-$1.db"
        rm -f "$copy"
        if ! sqlite3 "$db" ".timeout 10000" ".backup '$copy'"; then
            echo "jiaohao: copying $db before the upgrade failed; the upgrade stops here" >&2
            exit 1
        fi
        own jiaohao:jiaohao 0640 "$copy"
        echo "jiaohao: $db copied to $copy before the upgrade"
    done
}
# --- end of the shared part
