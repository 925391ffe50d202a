#!/bin/sh
# check-exports.sh LIBRARY: the shared library exports only the public
# API (virTeaming*), so it can share a process with libvirt.so.0.
#
# SPDX-License-Identifier: LGPL-2.1-or-later

lib=${1:?usage: check-exports.sh LIBRARY}
syms=$(nm -D --defined-only "$lib" | awk '$3 != "" { print $3 }') || exit 2
[ -n "$syms" ] || { echo "no exported symbols in $lib"; exit 1; }
bad=$(printf '%s\n' "$syms" | grep -v -e '^virTeaming' -e '^LIBVIRT_TEAMING_')
if [ -n "$bad" ]; then
    echo "$lib exports symbols outside the public API:"
    printf '  %s\n' $bad
    exit 1
fi
exit 0
