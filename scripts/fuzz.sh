#!/usr/bin/env bash
# fuzz.sh: run one fuzz harness with libFuzzer under ASan+UBSan
#
#   scripts/fuzz.sh HARNESS SECONDS [LIBFUZZER-OPTION...]
#
# HARNESS is one of tests/fuzz/*-fuzz.c without -fuzz.c (network,
# network-status, domain, port, networkstatus, portfile, hostdesc, hook,
# check).  The clang build directory build-fuzz/ is set up when missing
# (-Dfuzzing=enabled -Db_sanitize=address,undefined -Db_lundef=false)
# and brought up to date.  The harness starts from its seed corpus and
# its regression cases; what it adds to the corpus is kept in
# fuzz-results/HARNESS/corpus/ for the next run, findings (crash-*,
# leak-*, timeout-*, oom-*) in fuzz-results/HARNESS/.
#
# Environment: FUZZ_BUILD (build directory, default build-fuzz),
# FUZZ_RESULTS (default fuzz-results), CC (default clang).
#
# SPDX-License-Identifier: LGPL-2.1-or-later

set -u
cd "$(dirname "$0")/.." || exit 2
top=$(pwd)

if [ $# -lt 2 ]; then
    echo "usage: $0 HARNESS SECONDS [LIBFUZZER-OPTION...]" >&2
    exit 2
fi
harness=$1
seconds=$2
shift 2

if [ ! -f "tests/fuzz/$harness-fuzz.c" ]; then
    echo "fuzz.sh: no harness '$harness'; one of:" \
        $(cd tests/fuzz && ls *-fuzz.c | sed 's/-fuzz\.c$//') >&2
    exit 2
fi
case "$seconds" in
''|*[!0-9]*) echo "fuzz.sh: SECONDS must be a number, not '$seconds'" >&2; exit 2 ;;
esac

build=${FUZZ_BUILD:-build-fuzz}
results=${FUZZ_RESULTS:-fuzz-results}/$harness

if [ ! -f "$build/build.ninja" ]; then
    CC=${CC:-clang} meson setup "$build" -Dfuzzing=enabled \
        -Db_sanitize=address,undefined -Db_lundef=false >"$build.setup.log" 2>&1 || {
        cat "$build.setup.log" >&2
        exit 2
    }
fi
ninja -C "$build" "tests/fuzz/$harness-fuzzer" >/dev/null || exit 2

# the seed folders are the replay test's arguments
seeds=$(meson introspect --tests "$build" |
        /usr/bin/python3 -c 'import json, sys
for t in json.load(sys.stdin):
    if t["name"] == "fuzz-" + sys.argv[1]:
        print("\n".join(t["cmd"][1:]))' "$harness")

mkdir -p "$results/corpus"
export ASAN_OPTIONS=detect_leaks=1:abort_on_error=1
export UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1
export LSAN_OPTIONS=suppressions="$top/tests/lsan.supp":print_suppressions=0

# the first folder is written to: new inputs go to the results only
# shellcheck disable=SC2086
"$build/tests/fuzz/$harness-fuzzer" \
    -max_total_time="$seconds" -timeout=10 -rss_limit_mb=2048 -max_len=65536 \
    -dict="$top/tests/fuzz/xml.dict" \
    -artifact_prefix="$results/" \
    -print_final_stats=1 \
    "$@" "$results/corpus" $seeds
status=$?

found=$(find "$results" -maxdepth 1 -type f \
        \( -name 'crash-*' -o -name 'leak-*' -o -name 'timeout-*' -o -name 'oom-*' \) | sort)
if [ -n "$found" ]; then
    echo
    echo "fuzz.sh: findings in $results:"
    echo "$found" | sed 's/^/  /'
    echo "fuzz.sh: reproduce one with: $build/tests/fuzz/$harness-fuzzer FILE"
    echo "fuzz.sh: once fixed, keep it as a regression case:"
    echo "  cp FILE tests/fuzz/regress/$harness/SHORT-NAME  (the fuzz suite replays it)"
fi
exit $status
