#!/usr/bin/env bash
# quickstart.sh: set up what is missing, build, and run the example or the test suite.
#
#   scripts/quickstart.sh example   build, then check the bundled example host
#   scripts/quickstart.sh test      build, then run the whole test suite, plain and
#                                   under AddressSanitizer+UBSan, and fuzz each
#                                   parser a few seconds (libFuzzer); ends with
#                                   "N passed, N failed[, N skipped]"
#
# As root, missing Debian packages are installed with apt-get.  Build
# directories: build/ (plain), build-asan/ (sanitizers) and build-fuzz/
# (clang, libFuzzer and the sanitizers; only the fuzz harnesses are built).
#
# SPDX-License-Identifier: LGPL-2.1-or-later

set -u
cd "$(dirname "$0")/.." || exit 2
top=$(pwd)
mode=${1:-example}

# the last lines: the end-to-end tests of the hook, a private libvirtd with
# QEMU (TCG) and NAT networks (never libvirt-daemon-system, which starts
# the host's own daemon); corpustest's QEMU driver runs qemu-system-x86 too,
# and it fetches libvirt's source package with apt-get (the archive's key,
# xz for the tarball)
packages="meson ninja-build pkg-config gcc libglib2.0-dev libxml2-dev libnl-3-dev
libnl-route-3-dev libvirt-dev libvirt-clients libvirt-daemon gettext locales python3-docutils
iproute2 valgrind
libvirt-daemon-driver-qemu qemu-system-x86 iptables dnsmasq-base
debian-archive-keyring xz-utils"
# the package suite: builds the Debian packages (debian/) and checks them
# with lintian; git to see what the build writes in its copy of the tree;
# clang and its runtimes for the fuzz harnesses
test_packages="dpkg-dev debhelper lintian git clang libclang-rt-14-dev"

install_packages() {
    local missing=()
    local p
    for p in $packages; do
        dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "ok installed" || missing+=("$p")
    done
    [ ${#missing[@]} -eq 0 ] && return 0
    if [ "$(id -u)" -ne 0 ]; then
        echo "quickstart: missing packages: ${missing[*]}" >&2
        echo "quickstart: run as root, or: sudo apt-get install ${missing[*]}" >&2
        return 1
    fi
    echo "quickstart: installing ${missing[*]}"
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -qq >/dev/null &&
        apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
}

# Debian's docutils runs on Debian's python, not on another python3 first in PATH.
export PATH="/usr/bin:$PATH"

# configure DIR [TARGET] [-- MESON-OPTION...]: set DIR up when missing,
# build TARGET (all when none)
configure() {
    local dir=$1
    local target=()
    shift
    if [ $# -gt 0 ] && [ "$1" != "--" ]; then
        target=("$1")
        shift
    fi
    [ "${1:-}" = "--" ] && shift
    if [ ! -f "$dir/build.ninja" ]; then
        meson setup "$dir" "$@" >"$dir.setup.log" 2>&1 || {
            cat "$dir.setup.log" >&2
            return 1
        }
    fi
    ninja -C "$dir" "${target[@]}" >"$dir.build.log" 2>&1 || {
        tail -50 "$dir.build.log" >&2
        return 1
    }
}

[ "$mode" = test ] && packages="$packages $test_packages"
install_packages || exit 2
configure build || exit 2

case "$mode" in
example)
    exec bash "$top/examples/run-example.sh" "$top/build"
    ;;
test)
    configure build-asan -- -Db_sanitize=address,undefined -Db_lundef=false || exit 2
    # the fuzz harnesses alone (ninja's 'fuzz' target), built with clang
    CC=clang configure build-fuzz fuzz -- -Dfuzzing=enabled \
        -Db_sanitize=address,undefined -Db_lundef=false || exit 2
    status=0
    meson test -C build --print-errorlogs --num-processes 2 || status=1
    # the package suite builds the packages with their own compiler
    # flags: once, in the plain run
    ASAN_OPTIONS=detect_leaks=1:abort_on_error=1 \
    UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1 \
    LSAN_OPTIONS=suppressions="$top/tests/lsan.supp":print_suppressions=0 \
        meson test -C build-asan --print-errorlogs --num-processes 2 --no-suite package || status=1
    # valgrind over the same build (the stress test alone would take
    # minutes; the syntax checks and docs are scripts, not our code; the
    # end-to-end tests run QEMU, which valgrind would not see; the corpus
    # test runs libvirt's QEMU driver in a forked child, which valgrind
    # would trace, while our parsers see the same documents in the
    # sanitizer run; the install test runs the shell, meson and the
    # compiler, whose own leaks valgrind would report, and its example
    # program runs under the sanitizers)
    meson test -C build --setup valgrind --no-rebuild --print-errorlogs \
        --num-processes 2 --no-suite stress --no-suite docs --no-suite syntax-check \
        --no-suite e2e --no-suite corpus --no-suite package --no-suite install || status=1
    # each harness replays its corpus, then fuzzes for fuzz_run_seconds
    # (10 s); a finding fails and names its reproducer (docs/fuzzing.rst)
    meson test -C build-fuzz --no-rebuild --print-errorlogs --num-processes 2 \
        --suite fuzz --suite fuzz-run || status=1
    /usr/bin/python3 "$top/scripts/test-summary.py" build build-asan build:valgrind build-fuzz
    exit $status
    ;;
*)
    echo "usage: $0 example|test" >&2
    exit 2
    ;;
esac
