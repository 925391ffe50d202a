#!/bin/sh
# fetch-libvirt-corpus.sh CACHEDIR: libvirt's own test data, from Debian's
# source package of the installed libvirt, for the corpus test.
#
# The source package of exactly the installed version (libvirt0) is
# fetched with apt's own client and a private source list under CACHEDIR,
# so the system's apt configuration and lists are untouched; only the
# test directories the corpus test reads are extracted.  The result is
# cached: a second run does nothing.
#
# On success the directory holding libvirt's tests/ is printed and the
# exit status is 0.  When the archive cannot be reached (or the version
# is no longer in it) the reason is printed on stderr and the exit status
# is 77, which the test turns into a skip saying so; any other failure
# exits 1.
#
# SPDX-License-Identifier: LGPL-2.1-or-later

set -u

cache=${1:?usage: fetch-libvirt-corpus.sh CACHEDIR}
mkdir -p "$cache" || exit 1
cache=$(cd "$cache" && pwd) || exit 1

version=$(dpkg-query -W -f='${Version}' libvirt0 2>/dev/null)
if [ -z "$version" ]; then
    echo "fetch-libvirt-corpus: libvirt0 is not installed (dpkg-query)" >&2
    exit 1
fi
# the upstream version: 9.0.0-4+deb12u2 -> 9.0.0
upstream=${version#*:}
upstream=${upstream%-*}
dest="$cache/libvirt-$version"
# .complete-N: N changes with the set of directories extracted

if [ -f "$dest/.complete-1" ]; then
    echo "$dest"
    exit 0
fi

# one fetch at a time for this cache (the plain and sanitizer builds may
# run the test at once)
exec 9>"$cache/.lock" || exit 1
flock 9 || exit 1
if [ -f "$dest/.complete-1" ]; then
    echo "$dest"
    exit 0
fi

codename=$(. /etc/os-release && echo "${VERSION_CODENAME:-}")
if [ -z "$codename" ]; then
    echo "fetch-libvirt-corpus: no VERSION_CODENAME in /etc/os-release, cannot name Debian's suite" >&2
    exit 77
fi
keyring=/usr/share/keyrings/debian-archive-keyring.gpg
if [ ! -f "$keyring" ]; then
    echo "fetch-libvirt-corpus: $keyring missing (debian-archive-keyring), cannot verify the archive" >&2
    exit 77
fi

cat >"$cache/sources.list" <<EOF
deb-src [signed-by=$keyring] http://deb.debian.org/debian $codename main
deb-src [signed-by=$keyring] http://deb.debian.org/debian $codename-updates main
deb-src [signed-by=$keyring] http://deb.debian.org/debian-security $codename-security main
EOF
mkdir -p "$cache/lists/partial" "$cache/cache/archives/partial" "$cache/download" || exit 1

set -- -o Dir::Etc::sourcelist="$cache/sources.list" \
    -o Dir::Etc::sourceparts=/dev/null \
    -o Dir::State::Lists="$cache/lists" \
    -o Dir::Cache="$cache/cache" \
    -o Acquire::Retries=2 \
    -o Acquire::http::Timeout=20
# as root, apt would hand the downloads to its _apt user, which cannot
# enter a private build directory; it warns and goes on as root: say so
# at once
if [ "$(id -u)" -eq 0 ]; then
    set -- "$@" -o APT::Sandbox::User=root
fi

log="$cache/apt.log"
if ! apt-get "$@" -q update >"$log" 2>&1 ||
        grep -q '^[WE]: Failed to fetch' "$log"; then
    echo "fetch-libvirt-corpus: Debian's archive (deb.debian.org) cannot be reached:" >&2
    grep -E '^[WE]: (Failed|Unable|Could not)' "$log" | head -2 >&2
    exit 77
fi

if ! (cd "$cache/download" &&
        apt-get "$@" -q source --download-only "libvirt=$version") >>"$log" 2>&1; then
    echo "fetch-libvirt-corpus: Debian's archive has no source package libvirt=$version:" >&2
    grep '^[WE]:' "$log" | head -3 >&2
    exit 77
fi

orig=$(ls "$cache/download/libvirt_$upstream.orig.tar."* 2>/dev/null | grep -v '\.asc$' | head -1)
if [ -z "$orig" ]; then
    echo "fetch-libvirt-corpus: no libvirt_$upstream.orig.tar.* in the source package" >&2
    exit 1
fi

rm -rf "$dest.tmp"
mkdir -p "$dest.tmp" || exit 1
# the directories the corpus test reads, nothing else (some inputs of
# networkxml2xmlin are links into networkxml2confdata)
if ! tar -xf "$orig" -C "$dest.tmp" --strip-components=1 --wildcards \
        'libvirt-*/tests/networkxml2xmlin/*' \
        'libvirt-*/tests/networkxml2xmlout/*' \
        'libvirt-*/tests/networkxml2confdata/*.xml' \
        'libvirt-*/tests/virnetworkportxml2xmldata/*' \
        'libvirt-*/tests/qemuxml2argvdata/*.xml' \
        'libvirt-*/tests/qemuxml2xmloutdata/*.xml' >>"$log" 2>&1; then
    echo "fetch-libvirt-corpus: cannot extract the test data from $orig" >&2
    tail -3 "$log" >&2
    rm -rf "$dest.tmp"
    exit 1
fi
# the source package itself is not needed any more
rm -f "$cache/download/"libvirt_*
rm -rf "$dest"
mv "$dest.tmp" "$dest" || exit 1
touch "$dest/.complete-1"
echo "$dest"
exit 0
