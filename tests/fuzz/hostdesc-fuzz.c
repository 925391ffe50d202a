/*
 * hostdesc-fuzz.c: the host description parser, the fake sysfs builder,
 *                  and the host model loaded from what it built
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#include <config.h>

#include "fuzzutil.h"
#include "host.h"
#include "hostdesc.h"
#include "testutils.h"


/* Ask the host loaded from @root what the checker asks of a host. */
static void
vtFuzzHostQuery(const char *root)
{
    g_autoptr(vtHost) host = NULL;
    g_autofree char *text = NULL;
    const vtHostNetdev * const *netdevs;
    const vtHostPCIFunction * const *fns;
    size_t nnetdevs;
    size_t nfns;
    size_t i;

    if (!(host = vtHostLoad(root)))
        return;
    text = vtHostFormat(host);
    netdevs = vtHostGetNetdevs(host, &nnetdevs);
    for (i = 0; i < nnetdevs; i++) {
        const char *name = netdevs[i]->name;
        g_auto(GStrv) lowers = NULL;
        g_auto(GStrv) uppers = NULL;
        vtHostVF *vfs = NULL;
        size_t nvfs = 0;

        ignore_value(vtHostFindNetdevPCI(host, name));
        ignore_value(vtHostGetLowerDevices(host, name, true, &lowers));
        ignore_value(vtHostGetUpperDevices(host, name, true, &uppers));
        if (vtHostGetVirtualFunctions(host, name, &vfs, &nvfs) == 0) {
            size_t j;

            for (j = 0; j < nvfs; j++) {
                g_autofree char *ifname = NULL;

                ignore_value(vtHostGetVFNetdev(host, &vfs[j].addr, name, &ifname));
            }
            vtHostVFListFree(vfs, nvfs);
        }
    }
    fns = vtHostGetPCIFunctions(host, &nfns);
    for (i = 0; i < nfns; i++) {
        g_autofree char *pfname = NULL;
        int vfindex;

        ignore_value(vtHostFindPCI(host, &fns[i]->addr));
        if (vtHostIsVirtualFunction(host, &fns[i]->addr) == 1)
            ignore_value(vtHostGetPhysicalFunction(host, &fns[i]->addr,
                                                   &pfname, &vfindex));
    }
    vtFuzzReset();
}


int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    /* a description builds files: keep it short */
    g_autofree char *text = vtFuzzString(data, size, 4096);
    g_autofree char *root = NULL;
    g_autoptr(vtHostDesc) desc = NULL;

    if (!text)
        return 0;

    if ((desc = vtHostDescParseString(text, "fuzz"))) {
        root = g_strdup_printf("%s/host", vtFuzzTempDir());
        if (vtHostDescBuild(desc, root) == 0)
            vtFuzzHostQuery(root);
        if (vtTestRemoveTree(root) < 0)
            abort();
    }
    vtFuzzReset();
    return 0;
}
