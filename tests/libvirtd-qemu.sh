#!/bin/bash
# libvirtd-qemu.sh: private instances of the real libvirtd with its QEMU
# and network drivers (QEMU/TCG, no KVM), each in its own mount, network
# and UTS namespaces, on a fake SR-IOV host, for the end-to-end tests of
# the hook (tests/hooke2etest.c).
#
# SPDX-License-Identifier: LGPL-2.1-or-later
#
# Every file of an instance lives in ROOT/NAME; nothing on the host is
# written.  Inside the instance's mount namespace /run is a tmpfs and
# these are bind mounts:
#   ROOT/NAME/etc        over /etc/libvirt (libvirtd.conf, qemu.conf, hooks/)
#   ROOT/NAME/run        over /run/libvirt (the daemon's sockets and status)
#   ROOT/NAME/var/lib    over /var/lib     (libvirt/, libvirt/dnsmasq/)
#   ROOT/NAME/var/log    over /var/log
#   ROOT/NAME/var/cache  over /var/cache
#   ROOT/NAME/passwd, group over /etc/passwd, /etc/group (with the
#                        libvirt-qemu user Debian's QEMU driver looks up)
#
# The fake SR-IOV host: uplink0 is a veth in the instance's netns (its
# peer uplink0p stays there), up, the PF netdev.  A fake PCI folder is
# bind-mounted over /sys/bus/pci/devices (the host's own entries are kept
# as the same relative links): PF 0000:03:00.0 with sriov_totalvfs,
# sriov_numvfs, virtfnN links and net/uplink0/, VFs 0000:03:10.N with a
# physfn link and no netdev (as if bound to vfio-pci).  A copy of
# uplink0's attributes plus a relative 'device' link to the PF is
# bind-mounted over /sys/devices/virtual/net/uplink0.  All links are
# relative and stay inside /sys, so libvirtd and anything that reads
# /sys from inside the instance (the hook libvirtd runs, in the daemon's
# namespaces) see the same fake VFs.  macvtaps on uplink0 work (bridge
# mode).
#
# macvtap character devices are /dev/tap<ifindex> in the global
# devtmpfs while ifindexes are per network namespace: each instance
# first takes an ifindex range of its own (VT_IFINDEX_OFFSET, default a
# random range from 128, 32 per instance) by creating that many idle
# veths.  The range stays low: libvirtd and the hook read every netdev of
# the namespace, and deleting the veths again would take longer than
# the whole test.
#
# Usage (as root):
#   libvirtd-qemu.sh start ROOT NAME [NVFS]
#       Starts the instance (NVFS fake VFs, default 2) and prints its URI,
#       qemu:///system?socket=ROOT/NAME/run/libvirt-sock.  Hook wrappers
#       already in ROOT/NAME/etc/hooks are found at start.  With
#       VT_WATCH_PID set, a watcher (one per ROOT) runs "stop ROOT" once
#       that process has exited, however it ended.
#   libvirtd-qemu.sh stop ROOT [NAME]
#       Stops every process of the instance (those in its network
#       namespace: QEMU, dnsmasq, libvirtd, then the namespace holder) by
#       PID and removes ROOT/NAME; without NAME, every instance and ROOT.
#       Safe to call more than once and after a failed start.
#   libvirtd-qemu.sh install-hook ROOT NAME BINARY [ARG...]
#       Writes the wrappers hooks/qemu.d/50-libvirt-teaming and
#       hooks/network.d/50-libvirt-teaming that exec BINARY ARG... with
#       libvirt's arguments, and reloads a running daemon (SIGHUP), which
#       re-scans the hooks folder.
#   libvirtd-qemu.sh virsh ROOT NAME ARGS...    virsh against the instance
#   libvirtd-qemu.sh exec ROOT NAME CMD...      CMD in the instance's namespaces
#   libvirtd-qemu.sh reload ROOT NAME           SIGHUP to libvirtd
#   libvirtd-qemu.sh restart-daemon ROOT NAME   libvirtd only; guests keep running
#   libvirtd-qemu.sh link ROOT NAME1 NAME2 ADDR1 ADDR2
#       A veth pair 'vtmig' between the two instances, ADDR1/24 in
#       NAME1, ADDR2/24 in NAME2 (for migration).
#   libvirtd-qemu.sh uri ROOT NAME

set -u

SELF=$(cd "$(dirname "$0")" && pwd)/$(basename "$0")
LIBVIRTD=/usr/sbin/libvirtd
QEMU_DRIVER=/usr/lib/x86_64-linux-gnu/libvirt/connection-driver/libvirt_driver_qemu.so
PF=uplink0
PFADDR=0000:03:00.0
DAEMON_ENV="PATH=/usr/sbin:/usr/bin:/sbin:/bin LC_ALL=C HOME=/root"

die() {
    echo "libvirtd-qemu: $*" >&2
    exit 1
}

# A process that is gone or a zombie (whoever reaps it may be slow) is
# not alive
alive() {
    local state
    [ -n "${1:-}" ] && kill -0 "$1" 2>/dev/null || return 1
    state=$(sed 's/.*) //' "/proc/$1/stat" 2>/dev/null) || return 1
    [ "${state%% *}" != Z ]
}

# wait_gone PID TENTHS
wait_gone() {
    local i=0
    while alive "$1" && [ "$i" -lt "$2" ]; do
        sleep 0.1
        i=$((i + 1))
    done
    ! alive "$1"
}

holder() {
    cat "$base/holder.pid" 2>/dev/null
}

in_ns() {
    local h
    h=$(holder)
    alive "$h" || die "instance $name is not running"
    nsenter -t "$h" -m -n -u -- "$@"
}

uri() {
    echo "qemu:///system?socket=$base/run/libvirt-sock"
}

vfaddr() {
    printf '0000:03:10.%d' "$1"
}

# The PIDs of every process in the instance's network namespace but its
# holder (QEMU, dnsmasq, libvirtd, a hook still running)
ns_pids() {
    local h ns p
    h=$1
    ns=$(readlink "/proc/$h/ns/net" 2>/dev/null) || return 0
    for p in /proc/[0-9]*; do
        p=${p#/proc/}
        [ "$p" = "$h" ] && continue
        [ "$(readlink "/proc/$p/ns/net" 2>/dev/null)" = "$ns" ] && echo "$p"
    done
}

stop_instance() {
    local h p pids
    [ -d "$base" ] || return 0
    h=$(holder)
    if alive "$h"; then
        # libvirtd first, so that it does not restart what dies below
        p=$(cat "$base/libvirtd.pid" 2>/dev/null)
        if alive "$p"; then
            kill -TERM "$p" 2>/dev/null
            wait_gone "$p" 50 || kill -KILL "$p" 2>/dev/null
        fi
        pids=$(ns_pids "$h")
        if [ -n "$pids" ]; then
            # shellcheck disable=SC2086
            kill -TERM $pids 2>/dev/null
            for p in $pids; do
                wait_gone "$p" 50 || kill -KILL "$p" 2>/dev/null
            done
        fi
        kill -KILL "$h" 2>/dev/null
        wait_gone "$h" 50
    fi
    rm -rf "$base"
}

do_stop() {
    local root=$1 n
    [ -d "$root" ] || return 0
    if [ -n "${2:-}" ]; then
        name=$2
        base=$root/$name
        stop_instance
        return 0
    fi
    for n in "$root"/*/holder.pid; do
        [ -e "$n" ] || continue
        base=$(dirname "$n")
        name=$(basename "$base")
        stop_instance
    done
    rm -rf "$root"
}

start_daemon() {
    local p i
    rm -f "$base/libvirtd.pid"
    # shellcheck disable=SC2086
    in_ns env -i $DAEMON_ENV "$LIBVIRTD" --daemon --pid-file "$base/libvirtd.pid" \
        </dev/null >>"$base/libvirtd.out" 2>&1 ||
        die "libvirtd did not start: $(tail -5 "$base/libvirtd.out")"
    i=0
    while [ $i -lt 300 ]; do
        p=$(cat "$base/libvirtd.pid" 2>/dev/null)
        if [ -S "$base/run/libvirt-sock" ] && alive "$p" &&
            virsh -q -c "$(uri)" version >/dev/null 2>&1; then
            return 0
        fi
        sleep 0.1
        i=$((i + 1))
    done
    die "libvirtd of $name does not answer: $(tail -5 "$base/var/log/libvirt/libvirtd.log" 2>/dev/null)"
}

# A range of 64 ifindexes per ROOT (ROOT/ifindex-base), 32 per instance:
# one at random from 128 where no /dev/tapN exists yet, so that tests
# running at the same time on one machine are unlikely to meet
ifindex_offset() {
    local b n=0 d try=0 j
    while [ ! -s "$root/ifindex-base" ]; do
        b=$((128 + 64 * ($(od -An -N1 -tu1 /dev/urandom) % 8)))
        j=0
        while [ $j -lt 64 ] && { [ $try -ge 8 ] || [ ! -e "/dev/tap$((b + j))" ]; }; do
            j=$((j + 1))
        done
        [ $j -eq 64 ] && echo "$b" > "$root/ifindex-base"
        try=$((try + 1))
    done
    b=$(cat "$root/ifindex-base")
    for d in "$root"/*/holder.pid; do
        [ -e "$d" ] && n=$((n + 1))
    done
    echo $((b + 32 * n))
}

do_start() {
    local nvfs=${3:-2} i addr uuid ifoff attr hostpci

    [ "$(id -u)" = 0 ] || die "must run as root"
    [ -x "$LIBVIRTD" ] || die "$LIBVIRTD is not installed (libvirt-daemon)"
    [ -e "$QEMU_DRIVER" ] || die "$QEMU_DRIVER is not installed (libvirt-daemon-driver-qemu)"
    ! alive "$(holder)" || die "instance $name is running already"
    mkdir -p "$base"/etc/hooks/qemu.d "$base"/etc/hooks/network.d "$base"/run \
        "$base"/var/lib/libvirt/dnsmasq "$base"/var/log/libvirt "$base"/var/cache/libvirt \
        "$base"/pci "$base"/pfdir || die "cannot create $base"

    uuid=$(printf '%s' "$base" | md5sum |
        sed -E 's/^(.{8})(.{4})(.{4})(.{4})(.{12}).*/\1-\2-\3-\4-\5/')
    cat > "$base/etc/libvirtd.conf" <<EOF
unix_sock_group = "root"
unix_sock_ro_perms = "0777"
unix_sock_rw_perms = "0770"
auth_unix_ro = "none"
auth_unix_rw = "none"
host_uuid = "$uuid"
log_level = 3
log_filters = "1:util.hook 1:network.bridge_driver 1:qemu.qemu_process 1:qemu.qemu_migration"
log_outputs = "1:file:/var/log/libvirt/libvirtd.log"
EOF
    # root, no security driver, no cgroups, no per-guest /dev, no virtlogd
    cat > "$base/etc/qemu.conf" <<'EOF'
user = "root"
group = "root"
dynamic_ownership = 0
remember_owner = 0
security_driver = "none"
cgroup_controllers = [ ]
namespaces = [ ]
stdio_handler = "file"
EOF
    : > "$base/etc/libvirt.conf"
    # Debian's QEMU driver resolves libvirt-qemu before reading qemu.conf
    cp /etc/passwd "$base/passwd" && cp /etc/group "$base/group" || die "cannot copy passwd"
    getent passwd libvirt-qemu >/dev/null ||
        echo 'libvirt-qemu:x:64055:64055:Libvirt Qemu:/var/lib/libvirt:/usr/sbin/nologin' >> "$base/passwd"
    getent group libvirt-qemu >/dev/null || echo 'libvirt-qemu:x:64055:' >> "$base/group"

    # The fake PCI folder: the host's entries (relative links into
    # /sys/devices, resolved from the mount point as before), the PF and
    # its VFs
    for hostpci in /sys/bus/pci/devices/*; do
        [ -L "$hostpci" ] && cp -P "$hostpci" "$base/pci/"
    done
    mkdir -p "$base/pci/$PFADDR/net/$PF"
    echo "$nvfs" > "$base/pci/$PFADDR/sriov_totalvfs"
    echo "$nvfs" > "$base/pci/$PFADDR/sriov_numvfs"
    i=0
    while [ $i -lt "$nvfs" ]; do
        addr=$(vfaddr $i)
        mkdir -p "$base/pci/$addr"
        ln -s "../$PFADDR" "$base/pci/$addr/physfn"
        ln -s "../$addr" "$base/pci/$PFADDR/virtfn$i"
        i=$((i + 1))
    done

    # 1. the namespaces, held by a process that only sleeps
    ifoff=${VT_IFINDEX_OFFSET:-$(ifindex_offset)}
    rm -f "$base/ready"
    unshare --mount --net --uts --propagation private -- /bin/sh -c '
        set -e
        mount -t tmpfs -o mode=755 vt-e2e-run /run
        mkdir -p /run/libvirt /run/lock
        mount --bind "$1/run" /run/libvirt
        mount --bind "$1/etc" /etc/libvirt
        mount --bind "$1/passwd" /etc/passwd
        mount --bind "$1/group" /etc/group
        mount --bind "$1/var/lib" /var/lib
        mount --bind "$1/var/log" /var/log
        mount --bind "$1/var/cache" /var/cache
        hostname "$2"
        # what the hook logs to syslog stays out of the host'"'"'s log
        if [ -S /dev/log ]; then mount --bind /dev/null /dev/log; fi
        ip link set lo up
        i=0
        while [ $i -lt $(($3 / 2)) ]; do
            echo "link add vtidx$i type veth peer name vtidy$i"
            i=$((i + 1))
        done | ip -batch -
        # the sysfs of this network namespace
        umount -l /sys
        mount -t sysfs vt-e2e-sys /sys
        touch "$1/ready"
        exec sleep infinity
    ' vt-e2e "$base" "vt-e2e-$name" "$ifoff" </dev/null >"$base/holder.log" 2>&1 &
    echo $! > "$base/holder.pid"
    i=0
    while [ ! -e "$base/ready" ] && [ $i -lt 1200 ]; do
        alive "$(holder)" || die "the namespaces did not come up: $(cat "$base/holder.log")"
        sleep 0.05
        i=$((i + 1))
    done
    [ -e "$base/ready" ] || die "the namespaces did not come up: $(cat "$base/holder.log")"

    # 2. the PF netdev and its sysfs folder
    in_ns ip link add "$PF" type veth peer name "${PF}p" || die "cannot create $PF"
    in_ns ip link set "${PF}p" up
    in_ns ip link set "$PF" up
    for attr in address addr_len broadcast dev_id dev_port flags ifindex iflink \
        mtu operstate tx_queue_len type carrier; do
        in_ns cat "/sys/class/net/$PF/$attr" > "$base/pfdir/$attr" 2>/dev/null ||
            rm -f "$base/pfdir/$attr"
    done
    ln -s "../../../../bus/pci/devices/$PFADDR" "$base/pfdir/device"
    in_ns mount --bind "$base/pci" /sys/bus/pci/devices || die "cannot mount the fake PCI folder"
    in_ns mount --bind "$base/pfdir" "/sys/devices/virtual/net/$PF" ||
        die "cannot mount the fake $PF folder"

    # 3. the daemon
    start_daemon

    if [ -n "${VT_WATCH_PID:-}" ] && ! alive "$(cat "$root/watcher.pid" 2>/dev/null)"; then
        setsid bash -c '
            while kill -0 "$1" 2>/dev/null && [ -d "$3" ]; do sleep 1; done
            exec "$2" stop "$3"
        ' vt-e2e-watch "$VT_WATCH_PID" "$SELF" "$root" </dev/null >/dev/null 2>&1 &
        echo $! > "$root/watcher.pid"
    fi
    uri
}

do_install_hook() {
    local binary=$1 d arg args=""
    shift
    for arg in "$binary" "$@"; do
        args="$args '$(printf '%s' "$arg" | sed "s/'/'\\\\''/g")'"
    done
    for d in qemu.d network.d; do
        mkdir -p "$base/etc/hooks/$d"
        printf '#!/bin/sh\nexec%s "$@"\n' "$args" > "$base/etc/hooks/$d/50-libvirt-teaming"
        chmod 755 "$base/etc/hooks/$d/50-libvirt-teaming"
    done
    if alive "$(cat "$base/libvirtd.pid" 2>/dev/null)"; then
        kill -HUP "$(cat "$base/libvirtd.pid")"
    fi
}

cmd=${1:-}
root=${2:-}
[ -n "$cmd" ] && [ -n "$root" ] || die "usage: $0 start|stop|install-hook|virsh|exec|reload|restart-daemon|link|uri ROOT NAME ..."
if [ "$cmd" = stop ]; then
    do_stop "$root" "${3:-}"
    exit 0
fi
name=${3:-}
[ -n "$name" ] || die "usage: $0 $cmd ROOT NAME ..."
case "$name" in
*/* | .*) die "bad instance name '$name'" ;;
esac
root=$(cd "$root" 2>/dev/null && pwd) || die "no folder $2"
base=$root/$name
shift 3

case "$cmd" in
start)
    if ! (do_start "$root" "$name" "$@"); then
        stop_instance
        exit 1
    fi
    ;;
install-hook)
    [ $# -ge 1 ] || die "usage: $0 install-hook ROOT NAME BINARY [ARG...]"
    do_install_hook "$@"
    ;;
virsh)
    exec virsh -c "$(uri)" "$@"
    ;;
exec)
    in_ns "$@"
    ;;
reload)
    kill -HUP "$(cat "$base/libvirtd.pid")"
    ;;
restart-daemon)
    p=$(cat "$base/libvirtd.pid" 2>/dev/null)
    if alive "$p"; then
        kill -TERM "$p"
        wait_gone "$p" 100 || die "libvirtd $p does not stop"
    fi
    start_daemon
    ;;
link)
    [ $# -eq 3 ] || die "usage: $0 link ROOT NAME1 NAME2 ADDR1 ADDR2"
    other=$root/$1
    oh=$(cat "$other/holder.pid" 2>/dev/null)
    alive "$oh" || die "instance $1 is not running"
    in_ns ip link add vtmig type veth peer name vtmig netns "$oh" || die "cannot link $name and $1"
    in_ns ip addr add "$2/24" dev vtmig
    in_ns ip link set vtmig up
    nsenter -t "$oh" -n ip addr add "$3/24" dev vtmig
    nsenter -t "$oh" -n ip link set vtmig up
    ;;
uri)
    uri
    ;;
*)
    die "unknown command $cmd"
    ;;
esac
