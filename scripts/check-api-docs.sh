#!/bin/sh
# check-api-docs.sh SYMS INCLUDEDIR DOC: the API page documents the whole
# public API.
#
# Every function SYMS (the version script) exports and every type the
# public headers (INCLUDEDIR/*.h) define must be the title of a section
# of DOC (docs/api.rst): a title line naming it as ``name``, possibly
# with others, underlined with "-".  check-exports.sh makes sure SYMS and
# the headers agree, so a new public function or type cannot go
# undocumented.
#
# SPDX-License-Identifier: LGPL-2.1-or-later

usage="usage: check-api-docs.sh SYMS INCLUDEDIR DOC"
syms=${1:?$usage}
incdir=${2:?$usage}
doc=${3:?$usage}

tmp=$(mktemp -d) || exit 2
trap 'rm -rf "$tmp"' EXIT

# the exported functions: between "global:" and "local:", without comments
sed -e 's/#.*//' "$syms" | tr -s ' \t\n' '\n' |
    awk '/^global:$/ { g = 1; next } /^local:$/ { g = 0; next }
         g && /;$/ { sub(/;$/, ""); print }' >"$tmp/names" || exit 2
[ -s "$tmp/names" ] || { echo "no exported function in $syms"; exit 2; }

# the types: "typedef ... virTeamingX;" and "} virTeamingX;", and the
# error domain macro
cat "$incdir"/*.h >"$tmp/headers" || exit 2
sed -n -e 's/^typedef .*[ *]\(virTeaming[A-Za-z0-9_]*\);.*/\1/p' \
       -e 's/^} *\(virTeaming[A-Za-z0-9_]*\);.*/\1/p' \
       -e 's/^#define \(VIR_TEAMING_ERROR\) .*/\1/p' "$tmp/headers" >>"$tmp/names"

# the section titles of DOC: a line followed by one of "-" only
awk 'prev != "" && /^-+$/ { print prev } { prev = $0 }' "$doc" >"$tmp/titles"

status=0
for name in $(sort -u "$tmp/names"); do
    if ! grep -q "\`\`$name\`\`" "$tmp/titles"; then
        echo "$doc has no section for $name (a title line with \`\`$name\`\`)"
        status=1
    fi
done
exit $status
