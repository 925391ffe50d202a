/*
 * network-status-fuzz.c: the <network> parser and formatter, status form (net-format --status)
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#include <config.h>

#include "fuzzutil.h"
#include "network_conf.h"


int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    g_autofree char *xml = vtFuzzString(data, size, VT_FUZZ_MAX_INPUT);
    g_autoptr(vtNetworkDef) def = NULL;

    if (!xml)
        return 0;

    if ((def = vtNetworkDefParseString(xml, VT_NETWORK_XML_STATUS))) {
        g_free(vtNetworkDefFormat(def, VT_NETWORK_XML_STATUS));
        g_free(vtNetworkDefFormat(def, VT_NETWORK_XML_INACTIVE));
    }
    vtFuzzReset();
    return 0;
}
