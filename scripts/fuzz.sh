#!/usr/bin/env bash
# fuzz.sh: run one fuzz harness with libFuzzer under ASan+UBSan, or
# measure what its corpus covers
#
#   scripts/fuzz.sh HARNESS SECONDS [LIBFUZZER-OPTION...]
#   scripts/fuzz.sh --coverage HARNESS [FOLDER...]
#
# HARNESS is one of tests/fuzz/*-fuzz.c without -fuzz.c (network,
# network-status, domain, port, networkstatus, portfile, hostdesc, hook,
# check).
#
# A run: the clang build directory build-fuzz/ is set up when missing
# (-Dfuzzing=enabled -Db_sanitize=address,undefined -Db_lundef=false)
# and brought up to date.  The harness starts from its seed corpus and
# its regression cases; what it adds to the corpus is kept in
# fuzz-results/HARNESS/corpus/ for the next run, findings (crash-*,
# leak-*, timeout-*, oom-*) in fuzz-results/HARNESS/.
#
# --coverage: the clang build directory build-cov/ (source-based
# coverage, -fprofile-instr-generate -fcoverage-mapping) replays the seed
# corpus, the regression cases, fuzz-results/HARNESS/corpus/ and the
# FOLDERs given, and prints the line coverage of each file of src/ the
# harness reaches (llvm-profdata-14, llvm-cov-14 from llvm-14).
#
# Environment: FUZZ_BUILD (build directory, default build-fuzz),
# FUZZ_COV_BUILD (default build-cov), FUZZ_RESULTS (default
# fuzz-results), CC (default clang).
#
# SPDX-License-Identifier: LGPL-2.1-or-later

set -u
cd "$(dirname "$0")/.." || exit 2
top=$(pwd)

usage() {
    echo "usage: $0 HARNESS SECONDS [LIBFUZZER-OPTION...]" >&2
    echo "       $0 --coverage HARNESS [FOLDER...]" >&2
    exit 2
}

coverage=0
if [ "${1:-}" = "--coverage" ]; then
    coverage=1
    shift
    [ $# -ge 1 ] || usage
    harness=$1
    shift
else
    [ $# -ge 2 ] || usage
    harness=$1
    seconds=$2
    shift 2
    case "$seconds" in
    ''|*[!0-9]*) echo "fuzz.sh: SECONDS must be a number, not '$seconds'" >&2; exit 2 ;;
    esac
fi

if [ ! -f "tests/fuzz/$harness-fuzz.c" ]; then
    echo "fuzz.sh: no harness '$harness'; one of:" \
        $(cd tests/fuzz && ls *-fuzz.c | sed 's/-fuzz\.c$//') >&2
    exit 2
fi

results=${FUZZ_RESULTS:-fuzz-results}/$harness

# setup DIR TARGET MESON-OPTION...: set DIR up when missing, build TARGET
setup() {
    local dir=$1 target=$2
    shift 2
    if [ ! -f "$dir/build.ninja" ]; then
        CC=${CC:-clang} meson setup "$dir" "$@" >"$dir.setup.log" 2>&1 || {
            cat "$dir.setup.log" >&2
            exit 2
        }
    fi
    ninja -C "$dir" "$target" >/dev/null || exit 2
}

# seeds DIR: the seed folders and the regression cases, the replay
# test's arguments
seeds() {
    meson introspect --tests "$1" |
        /usr/bin/python3 -c 'import json, sys
for t in json.load(sys.stdin):
    if t["name"] == "fuzz-" + sys.argv[1]:
        print("\n".join(t["cmd"][1:]))' "$harness"
}

if [ $coverage -eq 1 ]; then
    for tool in llvm-profdata-14 llvm-cov-14; do
        command -v $tool >/dev/null || {
            echo "fuzz.sh: --coverage needs $tool (Debian package llvm-14)" >&2
            exit 2
        }
    done
    build=${FUZZ_COV_BUILD:-build-cov}
    # what an instrumented program the build runs writes goes there, not
    # to ./default.profraw
    case "$build" in
    /*) export LLVM_PROFILE_FILE="$build/coverage/build.profraw" ;;
    *) export LLVM_PROFILE_FILE="$top/$build/coverage/build.profraw" ;;
    esac
    setup "$build" "tests/fuzz/$harness-replay" \
        -Dc_args="-fprofile-instr-generate -fcoverage-mapping" \
        -Dc_link_args="-fprofile-instr-generate"
    replay="$build/tests/fuzz/$harness-replay"
    prof="$build/coverage/$harness"
    rm -rf "$prof"
    mkdir -p "$prof" || exit 2
    inputs=$(seeds "$build")
    [ -d "$results/corpus" ] && inputs="$inputs $results/corpus"
    # shellcheck disable=SC2086
    LLVM_PROFILE_FILE="$prof/replay.profraw" "$replay" $inputs "$@" || exit 1
    llvm-profdata-14 merge -sparse "$prof/replay.profraw" -o "$prof/replay.profdata" ||
        exit 2
    llvm-cov-14 export -summary-only -instr-profile="$prof/replay.profdata" "$replay" |
        /usr/bin/python3 -c 'import json, os, sys
top = sys.argv[1] + "/src/"
rows = []
for f in json.load(sys.stdin)["data"][0]["files"]:
    name = os.path.realpath(f["filename"])
    lines = f["summary"]["lines"]
    if name.startswith(top) and lines["covered"]:
        rows.append((name[len(top):], lines["covered"], lines["count"]))
print("%-36s %7s %7s %6s" % ("src/", "lines", "covered", "%"))
for name, cov, count in sorted(rows):
    print("%-36s %7d %7d %5.1f%%" % (name, count, cov, 100.0 * cov / count))
cov = sum(r[1] for r in rows)
count = sum(r[2] for r in rows)
print("%-36s %7d %7d %5.1f%%" % ("(files reached)", count, cov,
                                  100.0 * cov / count if count else 0))' "$top"
    exit $?
fi

build=${FUZZ_BUILD:-build-fuzz}
setup "$build" "tests/fuzz/$harness-fuzzer" \
    -Dfuzzing=enabled -Db_sanitize=address,undefined -Db_lundef=false

# the time-boxed run and its findings, as in CI
# shellcheck disable=SC2086
exec "$top/tests/fuzz/fuzzrun.sh" "$build/tests/fuzz/$harness-fuzzer" "$seconds" \
    "$results" "$@" $(seeds "$build")
