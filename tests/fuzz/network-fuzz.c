/*
 * network-fuzz.c: the <network> parser and formatter, inactive form
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

    if ((def = vtNetworkDefParseString(xml, VT_NETWORK_XML_INACTIVE))) {
        g_autofree char *out = vtNetworkDefFormat(def, VT_NETWORK_XML_INACTIVE);
        g_autoptr(vtNetworkDef) again = NULL;

        /* and read back; not asserted: like libvirt's, the output of an
         * odd definition need not parse (two <tag>s of one id, one of
         * them native, come out both native) */
        if (out)
            again = vtNetworkDefParseString(out, VT_NETWORK_XML_INACTIVE);
    }
    vtFuzzReset();
    return 0;
}
