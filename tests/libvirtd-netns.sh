#!/bin/sh
# libvirtd-netns.sh: run the real libvirtd, with only its network driver,
# in a private network + mount namespace on a fake SR-IOV host.
#
# SPDX-License-Identifier: LGPL-2.1-or-later
#
# Usage:
#   libvirtd-netns.sh start WORKDIR NVFS [NONET_VF...]
#       Creates a network namespace, a PF netdev 'uplink0' and VF netdevs
#       'vf0a', 'vf1a', ... (veths) in it, a fake PCI tree under WORKDIR
#       (PF 0000:03:00.0, VF N at 0000:03:10.N) where the VFs listed in
#       NONET_VF have no net/ folder (as if bound to vfio-pci), and starts
#       libvirtd there.  In the daemon's private mount namespace the fake
#       tree is bind-mounted over the PF's sysfs folder, and /run,
#       /etc/libvirt, /var/lib, /var/cache and /var/log are private, so the
#       host's folders are never touched.  A bridge br0 is there too.  The daemon's /run is WORKDIR/run:
#       clients connect with
#         network:///system?socket=WORKDIR/run/libvirt/libvirt-sock
#       Prints that URI on success.  With VT_WATCH_PID set, a watcher
#       runs "stop" once that process has exited, however it ended.
#   libvirtd-netns.sh stop WORKDIR
#       Stops the daemon by its PID, deletes the namespace, removes WORKDIR.
#       Safe to call more than once and after a failed start.

set -u

SELF=$(cd "$(dirname "$0")" && pwd)/$(basename "$0")
PF=uplink0
PFADDR=0000:03:00.0
DRIVER=/usr/lib/x86_64-linux-gnu/libvirt/connection-driver/libvirt_driver_network.so

die() {
    echo "libvirtd-netns: $*" >&2
    exit 1
}

vfaddr() {
    printf '0000:03:10.%d' "$1"
}

do_stop() {
    work=$1
    [ -d "$work" ] || return 0
    if [ -f "$work/libvirtd.pid" ]; then
        pid=$(cat "$work/libvirtd.pid")
        if [ -n "$pid" ] && kill -0 "$pid" 2>/dev/null; then
            kill -TERM "$pid" 2>/dev/null
            i=0
            while kill -0 "$pid" 2>/dev/null && [ $i -lt 50 ]; do
                sleep 0.1
                i=$((i + 1))
            done
            kill -KILL "$pid" 2>/dev/null
        fi
        rm -f "$work/libvirtd.pid"
    fi
    if [ -f "$work/netns" ]; then
        ns=$(cat "$work/netns")
        ip netns del "$ns" 2>/dev/null
        rm -f "$work/netns"
    fi
    rm -rf "$work"
}

do_start() {
    work=$1
    nvfs=$2
    shift 2

    [ "$(id -u)" = 0 ] || die "must run as root"
    [ -x /usr/sbin/libvirtd ] || die "/usr/sbin/libvirtd is not installed"
    [ -e "$DRIVER" ] || die "$DRIVER is not installed"
    mkdir -p "$work" || die "cannot create $work"
    work=$(cd "$work" && pwd)

    ns="vtdiff-$$"
    echo "$ns" > "$work/netns"
    ip netns add "$ns" || die "cannot create network namespace $ns"
    ip -n "$ns" link set lo up
    ip -n "$ns" link add "$PF" type veth peer name "${PF}p" || die "cannot create $PF"
    ip -n "$ns" link set "$PF" up
    ip -n "$ns" link add br0 type bridge || die "cannot create br0"
    ip -n "$ns" link set br0 up

    # The fake PCI tree
    pci="$work/pci"
    mkdir -p "$pci/$PFADDR"
    echo "$nvfs" > "$pci/$PFADDR/sriov_totalvfs"
    echo "$nvfs" > "$pci/$PFADDR/sriov_numvfs"
    i=0
    while [ $i -lt "$nvfs" ]; do
        addr=$(vfaddr $i)
        mkdir -p "$pci/$addr"
        ln -s "../$PFADDR" "$pci/$addr/physfn"
        ln -s "../$addr" "$pci/$PFADDR/virtfn$i"
        nonet=no
        for n in "$@"; do
            [ "$n" = "$i" ] && nonet=yes
        done
        if [ $nonet = no ]; then
            ip -n "$ns" link add "vf${i}a" type veth peer name "vf${i}p" ||
                die "cannot create vf${i}a"
            mkdir -p "$pci/$addr/net/vf${i}a"
        fi
        i=$((i + 1))
    done

    # What is bind-mounted over /sys/devices/virtual/net/uplink0
    pfdir="$work/pfdir"
    mkdir -p "$pfdir"
    ln -s "$pci/$PFADDR" "$pfdir/device"
    echo 1500 > "$pfdir/mtu"
    echo up > "$pfdir/operstate"

    mkdir -p "$work/drivers" "$work/run" "$work/etc" "$work/varlib" "$work/log"
    ln -s "$DRIVER" "$work/drivers/libvirt_driver_network.so"
    cat > "$work/libvirtd.conf" <<EOF
auth_unix_rw = "none"
auth_unix_ro = "none"
log_outputs = "3:file:$work/log/libvirtd.log"
EOF

    # Everything below runs in the daemon's own mount namespace.
    LIBVIRT_DRIVER_DIR="$work/drivers" \
    ip netns exec "$ns" unshare -m --propagation private sh -c '
        set -e
        work=$1
        mount --bind "$work/pfdir" /sys/devices/virtual/net/'"$PF"'
        mount --bind "$work/run" /run
        mount -t tmpfs vtdiff-etc /etc/libvirt
        mount -t tmpfs vtdiff-var /var/lib
        mount -t tmpfs vtdiff-cache /var/cache
        mount -t tmpfs vtdiff-log /var/log
        exec /usr/sbin/libvirtd -f "$work/libvirtd.conf"
    ' vtdiff "$work" > "$work/log/stdout" 2>&1 &
    echo $! > "$work/libvirtd.pid"

    sock="$work/run/libvirt/libvirt-sock"
    i=0
    while [ ! -S "$sock" ] && [ $i -lt 100 ]; do
        if ! kill -0 "$(cat "$work/libvirtd.pid")" 2>/dev/null; then
            cat "$work/log/stdout" >&2
            die "libvirtd exited early"
        fi
        sleep 0.1
        i=$((i + 1))
    done
    [ -S "$sock" ] || die "libvirtd did not create $sock"

    # When VT_WATCH_PID is set, stop everything once that process is
    # gone, even if it never called "stop" (it crashed or was killed).
    if [ -n "${VT_WATCH_PID:-}" ]; then
        setsid sh -c '
            while kill -0 "$1" 2>/dev/null; do sleep 1; done
            "$2" stop "$3"
        ' vtwatch "$VT_WATCH_PID" "$SELF" "$work" </dev/null >/dev/null 2>&1 &
    fi
    echo "network:///system?socket=$sock"
}

case "${1:-}" in
start)
    [ $# -ge 3 ] || die "usage: $0 start WORKDIR NVFS [NONET_VF...]"
    w=$2
    n=$3
    shift 3
    if ! (do_start "$w" "$n" "$@"); then
        do_stop "$w"
        exit 1
    fi
    ;;
stop)
    [ $# -eq 2 ] || die "usage: $0 stop WORKDIR"
    do_stop "$2"
    ;;
*)
    die "usage: $0 start|stop ..."
    ;;
esac
