#!/bin/sh
# installtest.sh: a program of one's own, built against the installed
# library.
#
# Installs the build into a temporary staging folder (meson install
# --destdir), then compiles examples/teaming-example.c with the C
# compiler and nothing but what pkg-config says of the installed .pc,
# runs it against the installed shared library and checks what it
# prints.  It fails when the .pc's Cflags do not let
# "#include <libvirt-teaming/libvirt-teaming.h>" find the installed
# header, when the header or the library used is not the installed one,
# or when the example's output is not the expected one.
#
# Arguments (from tests/meson.build): BUILDDIR EXAMPLESDIR PREFIX LIBDIR
# INCLUDEDIR MESON CC [CFLAG...]
#
# SPDX-License-Identifier: LGPL-2.1-or-later

usage="usage: installtest.sh BUILDDIR EXAMPLESDIR PREFIX LIBDIR INCLUDEDIR MESON CC [CFLAG...]"
builddir=${1:?$usage}
examples=${2:?$usage}
prefix=${3:?$usage}
libdir=${4:?$usage}
includedir=${5:?$usage}
meson=${6:?$usage}
shift 6
[ $# -ge 1 ] || { echo "$usage" >&2; exit 2; }
# the compiler, and flags the installed library needs (its sanitizers)
cc_cmd="$*"

if ! command -v pkg-config >/dev/null 2>&1; then
    echo "1..0 # SKIP pkg-config is not installed (apt-get install pkg-config)"
    exit 77
fi
echo "1..5"

tmp=$(mktemp -d "${TMPDIR:-/tmp}/vt-installtest.XXXXXX") || exit 2
trap 'rm -rf "$tmp"' EXIT
# stopped by a signal (meson's timeout, ^C): exit, so the folder goes too
trap 'exit 1' INT TERM HUP
stage="$tmp/stage"

fail() {
    echo "not ok $1 - $2"
    shift 2
    for line in "$@"; do
        echo "# $line"
    done
    exit 1
}

# paths below PREFIX are relative in meson's options
case $libdir in /*) ;; *) libdir="$prefix/$libdir" ;; esac
case $includedir in /*) ;; *) includedir="$prefix/$includedir" ;; esac

# 1. the staged install has the .pc, the headers and the library
if ! "$meson" install -C "$builddir" --no-rebuild --quiet --destdir "$stage" \
        >"$tmp/install.log" 2>&1; then
    fail 1 "meson install --destdir" "$(cat "$tmp/install.log")"
fi
pcdir="$stage$libdir/pkgconfig"
for f in "$pcdir/libvirt-teaming.pc" \
         "$stage$includedir/libvirt-teaming/libvirt-teaming.h" \
         "$stage$libdir/libvirt-teaming.so"; do
    [ -e "$f" ] || fail 1 "meson install --destdir" "missing ${f#"$stage"}"
done
echo "ok 1 - meson install --destdir: the .pc, the headers and the library"

# 2. pkg-config.  The staged .pc is the installed one, whose paths all
# hang off its prefix= line; with that line naming the staging folder it
# is the .pc of a build installed there (a prefix no compiler searches
# by itself), and its Cflags must name the include folder itself, not
# its libvirt-teaming/ subfolder.
grep -qx 'includedir=${prefix}/.*' "$pcdir/libvirt-teaming.pc" &&
    grep -qx 'libdir=${prefix}/.*' "$pcdir/libvirt-teaming.pc" ||
    fail 2 "the .pc's paths are below \${prefix}" "$(cat "$pcdir/libvirt-teaming.pc")"
mkdir "$tmp/pkgconfig" || exit 2
sed -e "s|^prefix=.*|prefix=$stage$prefix|" "$pcdir/libvirt-teaming.pc" \
    >"$tmp/pkgconfig/libvirt-teaming.pc" || exit 2
cflags=$(PKG_CONFIG_PATH="$tmp/pkgconfig" pkg-config --cflags libvirt-teaming) ||
    fail 2 "pkg-config --cflags libvirt-teaming" "pkg-config failed"
libs=$(PKG_CONFIG_PATH="$tmp/pkgconfig" pkg-config --libs libvirt-teaming) ||
    fail 2 "pkg-config --libs libvirt-teaming" "pkg-config failed"
case " $cflags " in
*" -I$stage$includedir "*) ;;
*) fail 2 "pkg-config --cflags" "got: $cflags" "expected -I$stage$includedir among them" ;;
esac
case " $libs " in
*" -L$stage$libdir -lvirt-teaming "*) ;;
*) fail 2 "pkg-config --libs" "got: $libs" "expected -L$stage$libdir -lvirt-teaming" ;;
esac
echo "ok 2 - pkg-config: $cflags | $libs"

# 3. the example compiles with those flags only, against the staged
# header (the dependency file names every header the compiler read)
# shellcheck disable=SC2086 # word splitting of the flags is meant
if ! $cc_cmd $cflags -MD -MF "$tmp/example.d" \
        -o "$tmp/teaming-example" "$examples/teaming-example.c" $libs \
        >"$tmp/cc.log" 2>&1; then
    fail 3 "compile teaming-example.c" "$cc_cmd $cflags ... $libs" "$(cat "$tmp/cc.log")"
fi
if ! grep -q "$stage$includedir/libvirt-teaming/libvirt-teaming.h" "$tmp/example.d"; then
    fail 3 "compile teaming-example.c" "the staged header was not the one used:" \
        "$(grep -o '[^ ]*libvirt-teaming\.h' "$tmp/example.d")"
fi
echo "ok 3 - teaming-example.c builds from the installed header"

# 4. it runs on the staged library
if ! LD_LIBRARY_PATH="$stage$libdir" ldd "$tmp/teaming-example" \
        | grep -q "libvirt-teaming.so.0 => $stage$libdir/libvirt-teaming.so.0"; then
    fail 4 "teaming-example loads the staged library" \
        "$(LD_LIBRARY_PATH="$stage$libdir" ldd "$tmp/teaming-example" | grep virt-teaming)"
fi
LD_LIBRARY_PATH="$stage$libdir" "$tmp/teaming-example" "$examples" "$tmp/work" \
    >"$tmp/out" 2>"$tmp/err"
rc=$?
[ "$rc" -eq 0 ] || fail 4 "teaming-example runs" "exit $rc" "$(cat "$tmp/err")"
echo "ok 4 - teaming-example runs on the staged library"

# 5. what it printed: the version, both networks, a pair on one segment
# without findings, a macvtap port on the PF and a VF of the same PF,
# the state, and both ports released
version=$("$meson" introspect --projectinfo "$builddir" |
          sed -n 's/.*"version": *"\([^"]*\)".*/\1/p')
expect() {
    grep -qF -- "$1" "$tmp/out" ||
        fail 5 "teaming-example's output" "missing: $1" "--- output:" "$(cat "$tmp/out")"
}
expect "libvirt-teaming $version"
expect "== network failover-standby.xml"
expect "<forward dev='ens1f0' mode='bridge'>"
expect "== network failover-vfs.xml"
expect "<forward mode='hostdev' managed='yes'>"
expect "pair standby ua-failover0 + primary of ua-failover0, MAC 52:54:00:6d:90:02: same segment"
expect "findings: 0, exit status 0"
expect "== allocate: 2 ports"
expect "<source dev='ens1f0' mode='bridge'/>"
expect "<address type='pci' domain='0x0000' bus='0x3b' slot='0x10' function='0x0'/>"
expect "== status: 2 networks"
expect "  0000:3b:10.0: 1 connection(s)"
expect "    port "
expect " owner guest1 mac 52:54:00:6d:90:02"
expect "== release: 2 ports"
expect "== done"
[ -s "$tmp/err" ] && fail 5 "teaming-example's output" "unexpected standard error:" "$(cat "$tmp/err")"
[ -d "$tmp/work/sys/bus/pci/devices" ] ||
    fail 5 "teaming-example's work folder" "no sysfs tree in WORKDIR/sys"
echo "ok 5 - teaming-example's output"
exit 0
