/*
 * port-fuzz.c: the <networkport> parser and formatter
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#include <config.h>

#include "fuzzutil.h"
#include "port_conf.h"


int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    g_autofree char *xml = vtFuzzString(data, size, VT_FUZZ_MAX_INPUT);
    g_autoptr(vtNetworkPortDef) def = NULL;

    if (!xml)
        return 0;

    if ((def = vtNetworkPortDefParseString(xml))) {
        g_autofree char *out = vtNetworkPortDefFormat(def);
        g_autoptr(vtNetworkPortDef) again = NULL;

        /* and read back; not asserted, as for a network */
        if (out)
            again = vtNetworkPortDefParseString(out);
    }
    vtFuzzReset();
    return 0;
}
