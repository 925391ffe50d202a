#!/bin/sh
# check-potfiles.sh SRCDIR: every source file with a translatable
# message (_("...")) is listed in po/POTFILES, and every listed file exists.
#
# SPDX-License-Identifier: LGPL-2.1-or-later

cd "${1:?usage: check-potfiles.sh SRCDIR}" || exit 2
status=0
for f in $(grep -l '_("' src/*.c src/*/*.c tools/*.c 2>/dev/null); do
    if ! grep -qx "$f" po/POTFILES; then
        echo "po/POTFILES lacks $f, which has translatable messages"
        status=1
    fi
done
while read -r f; do
    [ -z "$f" ] && continue
    if [ ! -f "$f" ]; then
        echo "po/POTFILES lists $f, which does not exist"
        status=1
    fi
done < po/POTFILES
exit $status
