#!/usr/bin/env bash
# run-example.sh BUILDDIR: the main job on the bundled example host.
#
# Builds the example host (two SR-IOV PFs with 8 VFs each, a host bridge
# on the second PF, an unrelated NIC) as a sysfs tree in a temporary
# folder, then, for each example layout, formats its networks and its
# domain as libvirt would.
#
# SPDX-License-Identifier: LGPL-2.1-or-later

set -u
here=$(cd "$(dirname "$0")" && pwd)
build=${1:?usage: run-example.sh BUILDDIR}
vt="$build/tools/virt-teaming"
fakehost="$build/tools/virt-teaming-fakehost"

sysfs=$(mktemp -d "${TMPDIR:-/tmp}/vt-example-host.XXXXXX") || exit 2
trap 'rm -rf "$sysfs"' EXIT
"$fakehost" "$here/hosts/example-host.txt" "$sysfs" || exit 2

status=0
for layout in layout-macvtap layout-bridge wrong-nat; do
    dir="$here/$layout"
    echo "=== $layout"
    for net in "$dir"/networks/*.xml; do
        echo "--- virt-teaming net-format $layout/networks/$(basename "$net")"
        "$vt" net-format "$net" || status=1
    done
    echo "--- virt-teaming domain-format $layout/domain.xml"
    "$vt" domain-format "$dir/domain.xml" || status=1
done
exit $status
