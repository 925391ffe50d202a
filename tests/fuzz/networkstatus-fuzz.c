/*
 * networkstatus-fuzz.c: a network's status file (<networkstatus>, as netstate.c writes it) read by the state loader
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#include <config.h>

#include "fuzzutil.h"
#include "netstate.h"
#include "network_conf.h"


int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    g_autofree char *dir = g_strdup_printf("%s/state", vtFuzzTempDir());
    g_autofree char *path = g_strdup_printf("%s/n.xml", dir);
    g_autoptr(vtNetworkObj) obj = NULL;

    if (size > VT_FUZZ_MAX_INPUT)
        return 0;

    if (g_mkdir_with_parents(dir, 0700) < 0 ||
        !g_file_set_contents(path, (const char *)data, size, NULL))
        abort();

    /* the loader as the allocator calls it: the file must name network 'n' */
    if (vtNetworkStatusLoad(dir, "n", &obj) == 0 && obj) {
        g_free(vtNetworkStatusFormat(obj));
    }
    vtFuzzReset();
    g_clear_pointer(&obj, vtNetworkObjFree);

    /* and the parser alone, whatever the name */
    {
        g_autoptr(vtNetworkDef) def = vtNetworkStatusParseFile(path);

        if (def) {
            g_free(vtNetworkDefFormat(def, VT_NETWORK_XML_STATUS));
        }
    }
    vtFuzzReset();
    return 0;
}
