/*
 * hook-fuzz.c: the hook's decision on its standard input, for each event it handles
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#include <config.h>

#include "fuzzutil.h"
#include <string.h>

#include "hook.h"
#include "testutils.h"


/*
 * The input: the first line names the operation (prepare, migrate,
 * port-created; anything else is an event the hook accepts unread),
 * the rest is the hook's standard input (<domain>, or <hookData>).
 */
int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    g_autofree char *text = vtFuzzString(data, size, VT_FUZZ_MAX_INPUT);
    g_autofree char *state = NULL;
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

    state = g_strdup_printf("%s/hookstate", vtFuzzTempDir());
    if (g_mkdir_with_parents(state, 0700) < 0)
        abort();

    cfg.mode = VT_HOOK_MODE_ENFORCE;
    cfg.timeout = VT_HOOK_DEFAULT_TIMEOUT;
    cfg.sysfsRoot = (char *)vtFuzzLabHost();
    cfg.networkDir = g_strdup_printf("%s/data/check/several-pairs/networks",
                                     vtFuzzTestsDir());
    cfg.stateDir = state;

    argv[0] = (char *)object;
    argv[1] = op;
    argv[2] = (char *)"begin";
    argv[3] = (char *)"-";
    argv[4] = NULL;

    log = g_ptr_array_new_with_free_func(g_free);
    ignore_value(vtHookRun(&cfg, 4, argv, input, &refusal, log));
    g_free(cfg.networkDir);
    vtFuzzReset();

    /* nothing the hook reads may leave state behind */
    if (vtTestRemoveTree(state) < 0)
        abort();
    return 0;
}
