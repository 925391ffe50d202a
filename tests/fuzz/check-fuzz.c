/*
 * check-fuzz.c: the checker: validate of a domain against a fixed host and network folder
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#include <config.h>

#include "fuzzutil.h"
#include "check.h"


int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    g_autofree char *xml = vtFuzzString(data, size, VT_FUZZ_MAX_INPUT);
    g_autofree char *networks = NULL;
    g_autofree char *state = NULL;
    g_autoptr(vtCheckReport) report = NULL;
    vtCheckSource src = { 0 };

    if (!xml)
        return 0;

    networks = g_strdup_printf("%s/data/check/several-pairs/networks",
                               vtFuzzTestsDir());
    state = g_strdup_printf("%s/checkstate", vtFuzzTempDir());
    if (g_mkdir_with_parents(state, 0700) < 0)
        abort();
    src.sysfsRoot = vtFuzzLabHost();
    src.networkDir = networks;
    src.stateDir = state;

    if ((report = vtCheckRunString(VT_CHECK_COMMAND_VALIDATE, xml, &src, NULL))) {
        g_autofree char *text = vtCheckReportFormat(report);
        g_autofree char *json = vtCheckReportFormatJSON(report);

        ignore_value(vtCheckReportExitStatus(report));
    }
    vtFuzzReset();
    return 0;
}
