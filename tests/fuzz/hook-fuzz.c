/*
 * hook-fuzz.c: the hook's decision on its standard input, for each event it handles
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#include <config.h>

#include "fuzzutil.h"
#include <string.h>

#include <unistd.h>

#include "allocator.h"
#include "domain_conf.h"
#include "hook.h"
#include "testutils.h"


/*
 * The state the hook reads: the ports of tests/data/check/several-pairs
 * allocated once, as libvirt's network driver would have recorded them,
 * less the VF ports (the port-created inputs bring one) and our lock.
 */
static const char *
vtFuzzHookState(const char *networkDir)
{
    static char *state;
    g_autoptr(vtAllocator) alloc = NULL;
    g_autoptr(vtDomainDef) def = NULL;
    g_autofree char *domain = NULL;
    g_autofree char *lock = NULL;
    g_autofree char *vfPorts = NULL;
    vtAllocation *results = NULL;
    size_t nresults = 0;

    if (state)
        return state;

    state = g_strdup_printf("%s/hookstate", vtFuzzTempDir());
    domain = g_strdup_printf("%s/data/check/several-pairs/domain.xml",
                             vtFuzzTestsDir());
    if (g_mkdir_with_parents(state, 0700) < 0 ||
        !(def = vtDomainDefParseFile(domain, VT_DOMAIN_DEF_PARSE_INACTIVE |
                                      VT_DOMAIN_DEF_PARSE_SKIP_VALIDATE)) ||
        !(alloc = vtAllocatorOpen(state, networkDir, vtFuzzLabHost())) ||
        vtAllocatorAllocate(alloc, def, &results, &nresults) < 0) {
        g_printerr("cannot allocate the hook's state: %s\n", vtGetLastErrorMessage());
        abort();
    }
    vtAllocationListFree(results, nresults);
    g_clear_pointer(&alloc, vtAllocatorFree);

    vfPorts = g_strdup_printf("%s/failover-vfs/ports", state);
    lock = g_strdup_printf("%s/.virt-teaming.lock", state);
    if (vtTestRemoveTree(vfPorts) < 0 ||
        g_mkdir_with_parents(vfPorts, 0700) < 0)
        abort();
    unlink(lock);
    vtFuzzReset();
    return state;
}


/*
 * The input: the first line names the operation (prepare, migrate,
 * port-created; anything else is an event the hook accepts unread),
 * the rest is the hook's standard input (<domain>, or <hookData>).  The
 * hook only reads the state: it is made once and kept.
 */
int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    g_autofree char *text = vtFuzzString(data, size, VT_FUZZ_MAX_INPUT);
    g_autofree char *refusal = NULL;
    g_autoptr(GPtrArray) log = NULL;
    vtHookConfig cfg = { 0 };
    char *input;
    char *op;
    const char *object;
    char *argv[5];

    if (!text)
        return 0;

    op = text;
    if ((input = strchr(text, '\n')))
        *input++ = '\0';
    object = STREQ(op, "port-created") ? "failover-vfs" : "guest1";

    cfg.mode = VT_HOOK_MODE_ENFORCE;
    cfg.timeout = VT_HOOK_DEFAULT_TIMEOUT;
    cfg.sysfsRoot = (char *)vtFuzzLabHost();
    cfg.networkDir = g_strdup_printf("%s/data/check/several-pairs/networks",
                                     vtFuzzTestsDir());
    cfg.stateDir = (char *)vtFuzzHookState(cfg.networkDir);

    argv[0] = (char *)object;
    argv[1] = op;
    argv[2] = (char *)"begin";
    argv[3] = (char *)"-";
    argv[4] = NULL;

    log = g_ptr_array_new_with_free_func((GDestroyNotify)vtHookLogLineFree);
    ignore_value(vtHookRun(&cfg, 4, argv, input, &refusal, log));
    g_free(cfg.networkDir);
    vtFuzzReset();
    return 0;
}
