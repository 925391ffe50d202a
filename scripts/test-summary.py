#!/usr/bin/env python3
# test-summary.py: add up the results of one or more meson build dirs.
#
# Arguments: BUILDDIR, or BUILDDIR:SETUP for a run made with --setup SETUP.
# Each TAP subtest counts once ("ok", "not ok", "# SKIP"); a test program
# that failed without reporting a failing subtest (a crash, a timeout)
# counts as one failure.  Prints "N passed, N failed, N skipped".
#
# SPDX-License-Identifier: LGPL-2.1-or-later

import json
import re
import sys

TAP = re.compile(r'^(not ok|ok)\b(.*)$')

passed = failed = skipped = 0
for arg in sys.argv[1:]:
    # BUILDDIR, or BUILDDIR:SETUP for a run with `meson test --setup SETUP`
    builddir, _, setup = arg.partition(':')
    log = f'{builddir}/meson-logs/testlog{"-" + setup if setup else ""}.json'
    try:
        with open(log) as f:
            entries = [json.loads(line) for line in f if line.strip()]
    except OSError as e:
        print(f'test-summary: {e}', file=sys.stderr)
        failed += 1
        continue
    for e in entries:
        p = f = s = 0
        for line in (e.get('stdout') or '').splitlines():
            m = TAP.match(line.strip())
            if not m:
                continue
            rest = m.group(2)
            if re.search(r'#\s*skip', rest, re.I):
                s += 1
            elif m.group(1) == 'ok':
                p += 1
            else:
                f += 1
        result = e.get('result', '')
        if result not in ('OK', 'SKIP', 'EXPECTEDFAIL') and f == 0:
            f = 1
        if p + f + s == 0:
            if result == 'SKIP':
                s = 1
            elif result == 'OK':
                p = 1
        passed += p
        failed += f
        skipped += s

print(f'{passed} passed, {failed} failed, {skipped} skipped')
