#!/bin/sh
# packagetest.sh SRCDIR VERSION: the Debian packages, built and installed.
#
#  1. copies the source tree (what git tracks, plus new files it does not
#     ignore) to a temporary folder and builds the packages there with
#     dpkg-buildpackage -b (nocheck: the suite runs the tests itself);
#     debian/changelog must have the project's VERSION;
#  2. the build wrote nothing in the tree outside debian/, and nothing
#     there that debian/.gitignore does not ignore;
#  3. lintian: no error (every tag is printed);
#  4. each package has its files;
# and as root, in a private mount namespace, on a copy-on-write view of
# this machine's root (overlayfs; the host's files and dpkg database are
# never written):
#  5. dpkg --root installs the three packages; the postinst reloads a
#     running libvirtd through deb-systemd-invoke and systemctl's
#     try-reload-or-restart (a fake systemctl records the calls), which
#     leave a stopped daemon stopped;
#  6. virt-teaming --version, the hook's --self-check through its link in
#     libvirt's hooks folder, virt-teaming-fakehost and validate on the
#     packaged examples, and the example program built with pkg-config
#     from the -dev package, all from the installed files;
#  7. without systemd: removing virt-teaming removes the hook's links and
#     leaves a stopped libvirtd alone; installing it again reloads a
#     running one (a fake invoke-rc.d answers and records);
#  8. the host's dpkg database is as it was.
#
# Skips (77) when debhelper, lintian, dpkg-dev or git are missing, or
# the build dependencies are not installed; steps 5 to 8 skip when not
# root.
#
# SPDX-License-Identifier: LGPL-2.1-or-later

set -u
PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin
export PATH
# nothing of the build tree's environment leaks into the package build
unset LD_LIBRARY_PATH VIRT_TEAMING_MODULE_DIR MESON_TEST_ITERATION

if [ "${1:-}" = "--in-namespace" ]; then
    # steps 5 to 7, run by step 4's end in a new mount namespace
    :
else
    usage="usage: packagetest.sh SRCDIR VERSION"
    srcdir=${1:?$usage}
    version=${2:?$usage}
fi

# the packages and what each one must hold
libpkg=libvirt-teaming0
devpkg=libvirt-teaming-dev
clipkg=virt-teaming
multiarch=$(dpkg-architecture -qDEB_HOST_MULTIARCH 2>/dev/null || echo x86_64-linux-gnu)
lib_files="/usr/lib/$multiarch/libvirt-teaming.so.0
/usr/lib/$multiarch/libvirt-teaming.so.0.1.0"
dev_files="/usr/include/libvirt-teaming/libvirt-teaming.h
/usr/include/libvirt-teaming/libvirt-teaming-check.h
/usr/lib/$multiarch/libvirt-teaming.so
/usr/lib/$multiarch/pkgconfig/libvirt-teaming.pc
/usr/share/doc/libvirt-teaming-dev/examples/teaming-example.c
/usr/share/doc/libvirt-teaming-dev/html/api.html"
cli_files="/usr/bin/virt-teaming
/usr/bin/virt-teaming-fakehost
/usr/libexec/libvirt-teaming-hook
/usr/lib/$multiarch/libvirt-teaming/virt-teaming-libvirt.so
/etc/libvirt/hooks/qemu.d/50-libvirt-teaming
/etc/libvirt/hooks/network.d/50-libvirt-teaming
/usr/share/man/man1/virt-teaming.1.gz
/usr/share/man/man1/virt-teaming-fakehost.1.gz
/usr/share/man/man8/libvirt-teaming-hook.8.gz
/usr/share/doc/virt-teaming/examples/hosts/example-host.txt
/usr/share/doc/virt-teaming/html/formatteaming.html"
hook=/usr/libexec/libvirt-teaming-hook
calls=/var/log/packagetest-calls

# fail N NAME LINE...: the test's "not ok", with the lines as comments
fail() {
    echo "not ok $1 - $2"
    shift 2
    for line in "$@"; do
        printf '%s\n' "$line" | sed 's/^/# /'
    done
    exit 1
}

# show FILE: its lines as TAP comments
show() {
    sed 's/^/# /' "$1"
}


# ---- 5 to 7, inside the private mount namespace ----------------------

# expect_calls N NAME PATTERN: a recorded call matches PATTERN
expect_calls() {
    grep -q -- "$3" "$root$calls" ||
        fail "$1" "$2" "no call matching: $3" "calls:" "$(cat "$root$calls" 2>/dev/null)"
}

# no_calls N NAME PATTERN: no recorded call matches PATTERN
no_calls() {
    if grep -q -- "$3" "$root$calls" 2>/dev/null; then
        fail "$1" "$2" "unexpected call matching: $3" "calls:" "$(cat "$root$calls")"
    fi
}

# in_root COMMAND...: run COMMAND chrooted into the installed root
in_root() {
    chroot "$root" /usr/bin/env -i PATH="$PATH" LC_ALL=C "$@"
}

# dpkg_root ARGS...: dpkg on the installed root, its log kept
dpkg_root() {
    dpkg --root="$root" --force-unsafe-io "$@" >>"$work/dpkg.log" 2>&1
}

in_namespace() {
    work=$1
    debdir=$2
    overlay="$work/overlay"
    root="$overlay/root"

    mkdir -p "$overlay" &&
        mount -t tmpfs packagetest "$overlay" &&
        mkdir "$overlay/upper" "$overlay/work" "$root" &&
        mount -t overlay packagetest -o "lowerdir=/,upperdir=$overlay/upper,workdir=$overlay/work" "$root" &&
        mount --bind /dev "$root/dev" &&
        mount -t proc proc "$root/proc" &&
        mount -t tmpfs tmpfs "$root/run" &&
        mount -t tmpfs tmpfs "$root/tmp" ||
        fail 5 "a copy-on-write root" "overlayfs over / could not be set up"

    # what this machine says about daemons must not decide: no
    # policy-rc.d, systemd as the init system, a fake systemctl first in
    # PATH that records its calls
    rm -f "$root/usr/sbin/policy-rc.d" "$root$calls"
    mkdir -p "$root/run/systemd/system" "$root/usr/local/sbin"
    cat >"$root/usr/local/sbin/systemctl" <<EOF
#!/bin/sh
echo "systemctl \$*" >>$calls
exit 0
EOF
    chmod 755 "$root/usr/local/sbin/systemctl"

    # 5. install the three packages
    if ! dpkg_root -i "$debdir/${libpkg}_${version}_"*.deb \
            "$debdir/${devpkg}_${version}_"*.deb "$debdir/${clipkg}_${version}_"*.deb; then
        fail 5 "dpkg --root -i" "$(cat "$work/dpkg.log")"
    fi
    for pkg in $libpkg $devpkg $clipkg; do
        status=$(dpkg --root="$root" -s "$pkg" 2>/dev/null | sed -n 's/^Status: //p')
        [ "$status" = "install ok installed" ] ||
            fail 5 "dpkg --root -i" "$pkg: status '$status'" "$(cat "$work/dpkg.log")"
    done
    expect_calls 5 "postinst reloads libvirtd" "^systemctl try-reload-or-restart libvirtd.service$"
    expect_calls 5 "postinst reloads virtqemud" "^systemctl try-reload-or-restart virtqemud.service$"
    expect_calls 5 "postinst reloads virtnetworkd" "^systemctl try-reload-or-restart virtnetworkd.service$"
    no_calls 5 "postinst never starts a daemon" "^systemctl \(start\|restart\|reload\|reload-or-restart\) "
    echo "ok 5 - dpkg --root installs the packages; postinst: $(tr '\n' ';' <"$root$calls")"

    # 6. the installed programs
    out=$(in_root virt-teaming --version 2>&1) ||
        fail 6 "virt-teaming --version" "$out"
    [ "$out" = "virt-teaming $version" ] ||
        fail 6 "virt-teaming --version" "got: $out"
    for link in /etc/libvirt/hooks/qemu.d/50-libvirt-teaming \
                /etc/libvirt/hooks/network.d/50-libvirt-teaming; do
        target=$(readlink "$root$link")
        [ "$target" = "$hook" ] || fail 6 "the hook's links" "$link points to '$target'"
        out=$(in_root "$link" --self-check 2>&1) ||
            fail 6 "$link --self-check" "$out"
        case $out in
        "libvirt-teaming-hook $version"*"configuration: /etc/libvirt-teaming/hook.conf"*"mode: enforce"*) ;;
        *) fail 6 "$link --self-check" "$out" ;;
        esac
    done
    ex=/usr/share/doc/virt-teaming/examples
    out=$(in_root virt-teaming-fakehost $ex/hosts/example-host.txt /tmp/host 2>&1) ||
        fail 6 "virt-teaming-fakehost" "$out"
    out=$(in_root virt-teaming --sysfs-root /tmp/host --network-dir $ex/layout-macvtap/networks \
          validate $ex/layout-macvtap/domain.xml 2>&1) ||
        fail 6 "virt-teaming validate (macvtap layout)" "$out"
    case $out in
    *"same segment"*) ;;
    *) fail 6 "virt-teaming validate (macvtap layout)" "$out" ;;
    esac
    out=$(in_root virt-teaming --sysfs-root /tmp/host --network-dir $ex/wrong-nat/networks \
          validate $ex/wrong-nat/domain.xml 2>&1)
    rc=$?
    [ "$rc" -eq 1 ] || fail 6 "virt-teaming validate (wrong layout): exit 1" "exit $rc" "$out"
    exsrc=/usr/share/doc/libvirt-teaming-dev/examples/teaming-example.c
    out=$(in_root sh -c "cc -MD -MF /tmp/example.d $exsrc -o /tmp/teaming-example \
          \$(pkg-config --cflags --libs libvirt-teaming)" 2>&1) ||
        fail 6 "the example program builds from the -dev package" "$out"
    grep -q " /usr/include/libvirt-teaming/libvirt-teaming.h" "$root/tmp/example.d" ||
        fail 6 "the example program builds from the -dev package" \
            "not from the packaged header:" "$(cat "$root/tmp/example.d")"
    out=$(in_root /tmp/teaming-example $ex /tmp/example-work 2>&1) ||
        fail 6 "the example program runs" "$out"
    case $out in
    *"findings: 0, exit status 0"*"== allocate: 2 ports"*"== release: 2 ports"*"== done"*) ;;
    *) fail 6 "the example program's output" "$out" ;;
    esac
    echo "ok 6 - virt-teaming, the hook's self-check through its links, fakehost, validate and the example program, installed"

    # 7. without systemd, a stopped libvirtd, then a running one; a fake
    # invoke-rc.d answers "status" from a file and records every call
    rm -rf "$root/run/systemd/system"
    : >"$root$calls"
    cat >"$root/usr/local/sbin/invoke-rc.d" <<EOF
#!/bin/sh
echo "invoke-rc.d \$*" >>$calls
case " \$* " in
*" status "*) exit \$(cat /run/packagetest-libvirtd-status) ;;
esac
exit 0
EOF
    printf '#!/bin/sh\nexit 0\n' >"$root/etc/init.d/libvirtd"
    chmod 755 "$root/usr/local/sbin/invoke-rc.d" "$root/etc/init.d/libvirtd"

    echo 3 >"$root/run/packagetest-libvirtd-status"      # LSB: not running
    dpkg_root -r "$clipkg" || fail 7 "dpkg --root -r $clipkg" "$(cat "$work/dpkg.log")"
    for link in /etc/libvirt/hooks/qemu.d/50-libvirt-teaming \
                /etc/libvirt/hooks/network.d/50-libvirt-teaming $hook; do
        [ -e "$root$link" ] || [ -L "$root$link" ] &&
            fail 7 "dpkg --root -r $clipkg" "$link is still there"
    done
    expect_calls 7 "postrm asks whether libvirtd runs" "^invoke-rc.d --quiet libvirtd status$"
    no_calls 7 "postrm leaves a stopped libvirtd alone" "reload\|start\|systemctl"

    : >"$root$calls"
    echo 0 >"$root/run/packagetest-libvirtd-status"      # running
    dpkg_root -i "$debdir/${clipkg}_${version}_"*.deb ||
        fail 7 "dpkg --root -i $clipkg" "$(cat "$work/dpkg.log")"
    expect_calls 7 "postinst reloads a running libvirtd" "^invoke-rc.d libvirtd reload$"
    no_calls 7 "postinst never starts libvirtd" "start\|systemctl"
    echo "ok 7 - without systemd: remove leaves a stopped libvirtd alone, install reloads a running one"
    exit 0
}

if [ "${1:-}" = "--in-namespace" ]; then
    version=$2
    in_namespace "$3" "$4"
fi


# ---- 1 to 4 ----------------------------------------------------------

missing=
for prog in dpkg-buildpackage dpkg-checkbuilddeps dh lintian git; do
    command -v "$prog" >/dev/null 2>&1 || missing="$missing $prog"
done
if [ -n "$missing" ]; then
    echo "1..0 # SKIP missing:$missing (apt-get install dpkg-dev debhelper lintian git)"
    exit 77
fi
if ! deps=$(cd "$srcdir" && dpkg-checkbuilddeps -Pnocheck 2>&1); then
    echo "1..0 # SKIP $deps"
    exit 77
fi

echo "1..8"
tmp=$(mktemp -d "${TMPDIR:-/tmp}/vt-packagetest.XXXXXX") || exit 2
trap 'rm -rf "$tmp"' EXIT
# stopped by a signal (meson's timeout, ^C): exit, so the folder goes too
trap 'exit 1' INT TERM HUP
# what the tools run here leave in the temporary folder (lintian's
# caches, for one) goes with the test's own folder
mkdir "$tmp/tmp" || exit 2
export TMPDIR="$tmp/tmp"
tree="$tmp/libvirt-teaming-$version"
mkdir "$tree" || exit 2

# 1. the copy, the build
if git -C "$srcdir" rev-parse --git-dir >/dev/null 2>&1; then
    (cd "$srcdir" && git ls-files -z --cached --others --exclude-standard) |
        (cd "$srcdir" && tar --null --ignore-failed-read -T - -cf -) |
        tar -xf - -C "$tree" || fail 1 "copy the source tree" "tar failed"
else
    (cd "$srcdir" && tar --exclude='./build*' -cf - .) | tar -xf - -C "$tree" ||
        fail 1 "copy the source tree" "tar failed"
fi
changelog_version=$(cd "$tree" && dpkg-parsechangelog -S Version)
[ "$changelog_version" = "$version" ] ||
    fail 1 "debian/changelog" "its version is $changelog_version, the project's is $version"
# a snapshot of the copy, to see what the build writes
git -C "$tree" init -q && git -C "$tree" add -A &&
    git -C "$tree" -c user.name=packagetest -c user.email=packagetest@localhost \
        commit -q -m snapshot || fail 1 "a snapshot of the copy" "git failed"

start=$(date +%s)
if ! (cd "$tree" && DEB_BUILD_OPTIONS=nocheck \
        dpkg-buildpackage -b -uc -us -Pnocheck) >"$tmp/build.log" 2>&1; then
    fail 1 "dpkg-buildpackage -b" "$(tail -40 "$tmp/build.log")"
fi
seconds=$(( $(date +%s) - start ))
for pkg in $libpkg $devpkg $clipkg; do
    [ -f "$tmp/${pkg}_${version}_$(dpkg-architecture -qDEB_HOST_ARCH).deb" ] ||
        fail 1 "dpkg-buildpackage -b" "no package $pkg" "$(ls "$tmp")"
done
echo "ok 1 - dpkg-buildpackage -b -uc -us: $libpkg, $devpkg, $clipkg ($seconds s)"

# 2. nothing written outside what debian/.gitignore ignores
changes=$(git -C "$tree" status --porcelain --untracked-files=all)
[ -z "$changes" ] ||
    fail 2 "the build writes only ignored files under debian/" "$changes"
outside=$(git -C "$tree" status --porcelain --ignored --untracked-files=all | grep -v '^!! debian/')
[ -z "$outside" ] ||
    fail 2 "the build writes only under debian/" "$outside"
echo "ok 2 - the build wrote nothing outside debian/, and only ignored files there"

# 3. lintian
lintian --display-info --fail-on error "$tmp"/libvirt-teaming_"${version}"_*.changes \
    >"$tmp/lintian.log" 2>&1
rc=$?
show "$tmp/lintian.log"
[ "$rc" -eq 0 ] || fail 3 "lintian: no error" "lintian exited $rc"
echo "ok 3 - lintian: no error ($(grep -c "^W:" "$tmp/lintian.log") warnings, $(grep -c '^I:' "$tmp/lintian.log") notes)"

# 4. the contents
for pkg in $libpkg $devpkg $clipkg; do
    case $pkg in
    "$libpkg") files=$lib_files ;;
    "$devpkg") files=$dev_files ;;
    *) files=$cli_files ;;
    esac
    dpkg-deb -c "$tmp/${pkg}_${version}_"*.deb | awk '{ print substr($6, 2) }' >"$tmp/$pkg.list"
    for f in $files; do
        grep -qx -- "$f" "$tmp/$pkg.list" ||
            fail 4 "$pkg holds its files" "$f is missing" "$(cat "$tmp/$pkg.list")"
    done
done
echo "ok 4 - each package holds its files"

# 5 to 7
if [ "$(id -u)" -ne 0 ]; then
    for n in 5 6 7 8; do
        echo "ok $n # SKIP the installation into a copy-on-write root needs root"
    done
    exit 0
fi
if ! command -v unshare >/dev/null 2>&1 || ! grep -qw overlay /proc/filesystems; then
    for n in 5 6 7 8; do
        echo "ok $n # SKIP unshare or overlayfs missing (util-linux, the overlay module)"
    done
    exit 0
fi
hoststatus=$(md5sum /var/lib/dpkg/status)
unshare --mount --propagation private sh "$0" --in-namespace "$version" "$tmp" "$tmp"
[ $? -eq 0 ] || exit 1
[ "$(md5sum /var/lib/dpkg/status)" = "$hoststatus" ] ||
    fail 8 "the host's dpkg database is untouched" "/var/lib/dpkg/status changed"
echo "ok 8 - the host's dpkg database is untouched"
exit 0
