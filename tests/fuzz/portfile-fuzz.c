/*
 * portfile-fuzz.c: a port file (<networkport>, as libvirt writes it) read by the state loader
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#include <config.h>

#include "fuzzutil.h"
#include <unistd.h>

#include "netstate.h"
#include "port_conf.h"


int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    g_autofree char *state = g_strdup_printf("%s/state", vtFuzzTempDir());
    g_autofree char *ports = g_strdup_printf("%s/n/ports", state);
    g_autofree char *path = g_strdup_printf("%s/3e3fce45-4f53-4fa7-bb32-11f34168b82c.xml",
                                            ports);
    g_autoptr(vtNetworkObj) obj = NULL;
    size_t i;

    if (size > VT_FUZZ_MAX_INPUT)
        return 0;

    if (g_mkdir_with_parents(ports, 0700) < 0 ||
        !g_file_set_contents(path, (const char *)data, size, NULL))
        abort();

    obj = vtFuzzNetworkObj();

    /* a port that cannot be read is skipped with a warning */
    if (vtNetworkObjLoadPorts(obj, state) == 0) {
        for (i = 0; i < obj->ports->len; i++) {
            g_free(vtNetworkPortDefFormat(g_ptr_array_index(obj->ports, i)));
        }
    }
    vtFuzzReset();
    unlink(path);
    return 0;
}
