#!/bin/sh
# check-po.sh SRCDIR: every translation in po/ is valid for msgfmt --check
# (the header, the format directives of each message against its msgid,
# the plural forms), has no fuzzy entry (msgfmt would leave it out), and
# is listed in po/LINGUAS, and every language listed there has its .po.
#
# SPDX-License-Identifier: LGPL-2.1-or-later

cd "${1:?usage: check-po.sh SRCDIR}/po" || exit 2
command -v msgfmt >/dev/null || { echo "msgfmt is missing (Debian: gettext)"; exit 77; }
status=0
for po in *.po; do
    [ -f "$po" ] || continue
    lang=${po%.po}
    if ! stats=$(msgfmt --check --statistics -o /dev/null "$po" 2>&1); then
        echo "$stats"
        echo "po/$po: msgfmt --check fails"
        status=1
    else
        echo "po/$po: $stats"
        case $stats in
        *fuzzy*)
            echo "po/$po has fuzzy messages: review them and remove the fuzzy flag"
            status=1
            ;;
        esac
    fi
    if ! grep -qx "$lang" LINGUAS; then
        echo "po/LINGUAS lacks $lang, which has po/$po"
        status=1
    fi
done
for lang in $(grep -v '^#' LINGUAS); do
    if [ ! -f "$lang.po" ]; then
        echo "po/LINGUAS lists $lang, which has no po/$lang.po"
        status=1
    fi
done
exit $status
