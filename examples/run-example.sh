#!/usr/bin/env bash
# run-example.sh BUILDDIR: the main job on the bundled example host.
#
# Builds the example host (two SR-IOV PFs with 8 VFs each, a host bridge
# on the second PF, an unrelated NIC) as a sysfs tree in a temporary
# folder, then, for each example layout:
#   - formats its networks and its domain as libvirt would,
#   - validates the teaming pair (libvirt's rules, the pair rules, the
#     same-segment proof),
#   - plans it (the <actual> and backend each device would get),
#   - prints the QEMU arguments of the pair.
#
# layout-macvtap and layout-bridge are the two layouts that work: a
# macvtap network on the PF, or a host bridge on the PF, plus a hostdev
# network on the same PF.  wrong-nat puts the standby on the NAT
# 'default' network: its validate must fail (exit 1) and explain why.
# The script exits 0 when every command gives the expected result.
#
# SPDX-License-Identifier: LGPL-2.1-or-later

set -u
here=$(cd "$(dirname "$0")" && pwd)
build=${1:?usage: run-example.sh BUILDDIR}
vt="$build/tools/virt-teaming"
fakehost="$build/tools/virt-teaming-fakehost"

sysfs=$(mktemp -d "${TMPDIR:-/tmp}/vt-example-host.XXXXXX") || exit 2
trap 'rm -rf "$sysfs"' EXIT
"$fakehost" "$here/hosts/example-host.txt" "$sysfs/sys" || exit 2

status=0

# run EXPECTED-EXIT COMMAND...: run it, show its output, check its exit
run() {
    local expected=$1
    shift
    local rc
    echo "--- virt-teaming $*" | sed -e "s|$sysfs/sys|SYSFS|g" -e "s|$here/||g"
    "$vt" "$@" 2>&1
    rc=$?
    if [ "$rc" -ne "$expected" ]; then
        echo "run-example: expected exit $expected, got $rc" >&2
        status=1
    elif [ "$rc" -ne 0 ]; then
        echo "(exit $rc, as expected)"
    fi
}

for layout in layout-macvtap layout-bridge wrong-nat; do
    dir="$here/$layout"
    echo "=== $layout"
    for net in "$dir"/networks/*.xml; do
        run 0 net-format "$net"
    done
    run 0 domain-format "$dir/domain.xml"

    validate_exit=0
    [ "$layout" = wrong-nat ] && validate_exit=1
    opts=(--sysfs-root "$sysfs/sys" --network-dir "$dir/networks")
    run "$validate_exit" "${opts[@]}" validate "$dir/domain.xml"
    run 0 "${opts[@]}" plan "$dir/domain.xml"
    run 0 "${opts[@]}" args "$dir/domain.xml"
done

if [ "$status" -eq 0 ]; then
    echo "=== every result is the expected one"
fi
exit $status
