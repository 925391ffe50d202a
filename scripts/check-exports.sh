#!/bin/sh
# check-exports.sh LIBRARY SYMS INCLUDEDIR: the public API is exactly the
# functions the public headers (INCLUDEDIR/*.h) declare.
#
#  * SYMS (the version script) lists every function declared in the
#    public headers and nothing else, so a new public function cannot be
#    forgotten and a removed one cannot linger;
#  * LIBRARY exports exactly what SYMS lists (plus the version node), so
#    it can share a process with libvirt.so.0.
#
# SPDX-License-Identifier: LGPL-2.1-or-later

usage="usage: check-exports.sh LIBRARY SYMS INCLUDEDIR"
lib=${1:?$usage}
syms=${2:?$usage}
incdir=${3:?$usage}
set -- "$incdir"/*.h

tmp=$(mktemp -d) || exit 2
trap 'rm -rf "$tmp"' EXIT

# The functions the headers declare: without comments and preprocessor
# lines, a virTeaming name followed by "(" is a function being declared
# (G_DEFINE_AUTOPTR_CLEANUP_FUNC(virTeamingX, ...) names a type).
for h in "$@"; do
    [ -r "$h" ] || { echo "cannot read $h"; exit 2; }
done
awk '
    {
        line = $0
        out = ""
        while (line != "") {
            if (incomment) {
                i = index(line, "*/")
                if (i == 0) { line = ""; break }
                line = substr(line, i + 2)
                incomment = 0
            } else {
                i = index(line, "/*")
                if (i == 0) { out = out line; line = ""; break }
                out = out substr(line, 1, i - 1) " "
                line = substr(line, i + 2)
                incomment = 1
            }
        }
        sub(/\/\/.*/, "", out)
        if (incpp || out ~ /^[ \t]*#/) {
            incpp = (out ~ /\\$/)
            next
        }
        print out
    }
' "$@" | tr '\n' ' ' |
    grep -o 'virTeaming[A-Za-z0-9_]*[ ]*(' | tr -d ' (' | sort -u >"$tmp/headers"
[ -s "$tmp/headers" ] || { echo "no public function declared in $incdir/*.h"; exit 1; }

# The names the version script exports: between "global:" and "local:",
# without "#" comments.
sed -e 's/#.*//' "$syms" | tr -s ' \t\n' '\n' |
    awk '/^global:$/ { g = 1; next } /^local:$/ { g = 0; next }
         g && /;$/ { sub(/;$/, ""); print }' >"$tmp/syms.raw"
sort "$tmp/syms.raw" | uniq -d >"$tmp/dups"
sort -u "$tmp/syms.raw" >"$tmp/syms"

# The dynamic symbols the library defines, without their version suffix.
nm -D --defined-only "$lib" >"$tmp/nm" || exit 2
awk '$3 != "" { sub(/@.*/, "", $3); print $3 }' "$tmp/nm" |
    grep -v '^LIBVIRT_TEAMING_' | sort -u >"$tmp/exports"
[ -s "$tmp/exports" ] || { echo "no exported symbols in $lib"; exit 1; }

ret=0
report() {
    # report FILE MESSAGE: print MESSAGE and the names in FILE, if any
    if [ -s "$1" ]; then
        echo "$2"
        sed 's/^/  /' "$1"
        ret=1
    fi
}

report "$tmp/dups" "$syms lists these more than once:"
comm -23 "$tmp/headers" "$tmp/syms" >"$tmp/unlisted"
report "$tmp/unlisted" "declared in the public headers but missing from $syms:"
comm -13 "$tmp/headers" "$tmp/syms" >"$tmp/undeclared"
report "$tmp/undeclared" "listed in $syms but declared in no public header:"
comm -23 "$tmp/exports" "$tmp/syms" >"$tmp/extra"
report "$tmp/extra" "$lib exports symbols outside the public API:"
comm -13 "$tmp/exports" "$tmp/syms" >"$tmp/missing"
report "$tmp/missing" "listed in $syms but not exported by $lib (not defined?):"
exit $ret
