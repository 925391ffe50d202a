#!/bin/sh
# check-libvirt-linking.sh FILE... -- [MODULE...]: every FILE does not
# need libvirt.so.0 and every MODULE does, by their NEEDED entries.
#
# libvirt.so.0 brings dozens of libraries; only --connect and
# --to-connect use it, through virt-teaming's libvirt module, so
# virt-teaming, the hook and the shared library must not load it
# (docs/architecture.rst, "Tools").
#
# SPDX-License-Identifier: LGPL-2.1-or-later

usage="usage: check-libvirt-linking.sh FILE... -- [MODULE...]"
[ $# -gt 0 ] || { echo "$usage"; exit 2; }
command -v readelf >/dev/null 2>&1 || { echo "readelf not found (binutils)"; exit 77; }

# the NEEDED entries of $1, one a line; fails if $1 is not an ELF object
needed() {
    readelf -d "$1" >"$tmp" 2>&1 || { cat "$tmp"; return 1; }
    sed -n 's/.*(NEEDED).*\[\(.*\)\]$/\1/p' "$tmp"
}

tmp=$(mktemp) || exit 2
trap 'rm -f "$tmp"' EXIT

status=0
want=no
seen=no
for f in "$@"; do
    if [ "$f" = "--" ]; then
        want=yes
        seen=yes
        continue
    fi
    libs=$(needed "$f") || { echo "cannot read the dynamic section of $f"; status=1; continue; }
    if echo "$libs" | grep -qx 'libvirt\.so\.0'; then
        has=yes
    else
        has=no
    fi
    if [ "$has" != "$want" ]; then
        if [ "$want" = no ]; then
            echo "$f needs libvirt.so.0: only the libvirt module may link libvirt"
        else
            echo "$f does not need libvirt.so.0, but it is the libvirt module"
        fi
        status=1
    else
        echo "ok: $f $([ "$want" = yes ] && echo needs || echo "does not need") libvirt.so.0"
    fi
done
[ "$seen" = yes ] || { echo "$usage"; exit 2; }
exit $status
