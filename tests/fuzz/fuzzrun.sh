#!/usr/bin/env bash
# fuzzrun.sh: a time-boxed libFuzzer run of one harness, and its findings
#
#   fuzzrun.sh FUZZER SECONDS RESULTS [SEED-FOLDER|LIBFUZZER-OPTION...]
#
# FUZZER is a built tests/fuzz/NAME-fuzzer.  It starts from the seed
# folders (and from what earlier runs kept in RESULTS/corpus/, where it
# adds what it finds new), runs under ASan+UBSan with the XML dictionary
# for SECONDS, and writes a finding (crash-*, leak-*, timeout-*, oom-*)
# to RESULTS/.  The findings of this run are listed with the commands to
# reproduce one and to keep it as a regression case; the exit status is
# libFuzzer's, non-zero on a finding.
#
# Used by scripts/fuzz.sh (long runs) and by the 'fuzz-run' tests of a
# -Dfuzzing=enabled build (CI).
#
# SPDX-License-Identifier: LGPL-2.1-or-later

set -u

if [ $# -lt 3 ]; then
    echo "usage: $0 FUZZER SECONDS RESULTS [SEED-FOLDER|LIBFUZZER-OPTION...]" >&2
    exit 2
fi
fuzzer=$1
seconds=$2
results=$3
shift 3

here=$(cd "$(dirname "$0")" && pwd)
name=$(basename "$fuzzer")
name=${name%-fuzzer}

if [ ! -x "$fuzzer" ]; then
    echo "fuzzrun: no fuzzer '$fuzzer' (build it with -Dfuzzing=enabled)" >&2
    exit 2
fi
fuzzer=$(cd "$(dirname "$fuzzer")" && pwd)/$(basename "$fuzzer")
case "$seconds" in
''|*[!0-9]*) echo "fuzzrun: SECONDS must be a number, not '$seconds'" >&2; exit 2 ;;
esac

mkdir -p "$results/corpus" || exit 2
start="$results/.start"
: >"$start" || exit 2

# the harnesses that read files write each input to their temporary
# folder: in memory when the machine has a tmpfs, as the test suite does
# (on disk, GLib's fsync of every file makes the networkstatus harness
# some 25 times slower)
if [ -z "${TMPDIR:-}" ] && [ -d /dev/shm ]; then
    export TMPDIR=/dev/shm
fi
export ASAN_OPTIONS=detect_leaks=1:abort_on_error=1
export UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1
export LSAN_OPTIONS=suppressions="$here/../lsan.supp":print_suppressions=0

# the first folder is the one written to: new inputs go to the results only
"$fuzzer" \
    -max_total_time="$seconds" -timeout=10 -rss_limit_mb=2048 -max_len=65536 \
    -dict="$here/xml.dict" \
    -artifact_prefix="$results/" \
    -print_final_stats=1 \
    "$results/corpus" "$@"
status=$?

found=$(find "$results" -maxdepth 1 -type f -newer "$start" \
        \( -name 'crash-*' -o -name 'leak-*' -o -name 'timeout-*' -o -name 'oom-*' \) | sort)
rm -f "$start"
if [ -n "$found" ]; then
    echo
    echo "fuzzrun: $name: findings in $results:"
    echo "$found" | sed 's/^/  /'
    echo "fuzzrun: reproduce one with: $fuzzer FILE"
    echo "fuzzrun: once fixed, keep it as a regression case:"
    echo "  cp FILE tests/fuzz/regress/$name/SHORT-NAME  (the fuzz suite replays it)"
    [ "$status" -ne 0 ] || status=1
elif [ "$status" -ne 0 ]; then
    echo "fuzzrun: $name: libFuzzer failed (exit status $status) without a finding" >&2
fi
exit $status
