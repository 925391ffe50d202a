/*
 * check_context.c: what a check looks at: the host, the networks and
 *                  the allocator over them
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#include <config.h>

#include "check_context.h"
#include "vterror.h"


vtCheckContext *
vtCheckContextNew(void)
{
    vtCheckContext *ctx = g_new0(vtCheckContext, 1);

    ctx->networks = g_ptr_array_new_with_free_func((GDestroyNotify)vtNetworkDefFree);
    return ctx;
}


void
vtCheckContextFree(vtCheckContext *ctx)
{
    if (!ctx)
        return;
    /* the allocator borrows the host and the networks: it goes first */
    vtAllocatorFree(ctx->alloc);
    vtHostFree(ctx->host);
    g_ptr_array_unref(ctx->networks);
    g_free(ctx->stateDir);
    g_free(ctx->sysfsRoot);
    g_free(ctx->networkDir);
    g_free(ctx);
}


void
vtCheckContextAddNetwork(vtCheckContext *ctx, vtNetworkDef *def)
{
    g_ptr_array_add(ctx->networks, def);
    /* the allocator sees every network the checker sees: the same
     * parsed definitions, lent to it for as long as it lives */
    if (ctx->alloc && vtAllocatorDefineNetwork(ctx->alloc, def) < 0)
        g_clear_pointer(&ctx->alloc, vtAllocatorFree);
}


vtNetworkDef *
vtCheckContextFindNetwork(const vtCheckContext *ctx,
                          const char *name)
{
    size_t i;

    if (!name)
        return NULL;
    for (i = 0; i < ctx->networks->len; i++) {
        vtNetworkDef *def = g_ptr_array_index(ctx->networks, i);
        if (STREQ_NULLABLE(def->name, name))
            return def;
    }
    return NULL;
}


static int
vtCheckContextLoadNetworks(vtCheckContext *ctx,
                           const char *networkDir)
{
    g_autoptr(GDir) dir = NULL;
    g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func(g_free);
    g_autoptr(GError) err = NULL;
    const char *ent;
    size_t i;

    if (!(dir = g_dir_open(networkDir, 0, &err))) {
        vtReportError(VT_ERR_OPERATION_FAILED,
                      _("cannot read network directory '%1$s': %2$s"),
                      networkDir, err->message);
        return -1;
    }

    while ((ent = g_dir_read_name(dir))) {
        if (g_str_has_suffix(ent, ".xml"))
            g_ptr_array_add(names, g_strdup(ent));
    }
    g_ptr_array_sort(names, (GCompareFunc)g_ascii_strcasecmp);

    for (i = 0; i < names->len; i++) {
        g_autofree char *path = g_build_filename(networkDir,
                                                 (char *)g_ptr_array_index(names, i),
                                                 NULL);
        vtNetworkDef *def;

        if (!(def = vtNetworkDefParseFile(path, 0)))
            return -1;
        if (vtCheckContextFindNetwork(ctx, def->name)) {
            vtReportError(VT_ERR_OPERATION_FAILED,
                          _("network '%1$s' is defined twice in '%2$s'"),
                          def->name, networkDir);
            vtNetworkDefFree(def);
            return -1;
        }
        vtCheckContextAddNetwork(ctx, def);
    }
    return 0;
}


vtCheckContext *
vtCheckContextLoad(const char *sysfsRoot,
                   const char *networkDir,
                   const char *stateDir)
{
    g_autoptr(vtCheckContext) ctx = vtCheckContextNew();

    if (sysfsRoot && !(ctx->host = vtHostLoad(sysfsRoot)))
        return NULL;
    if (networkDir && vtCheckContextLoadNetworks(ctx, networkDir) < 0)
        return NULL;
    ctx->stateDir = g_strdup(stateDir);
    ctx->sysfsRoot = g_strdup(sysfsRoot);
    ctx->networkDir = g_strdup(networkDir);
    return g_steal_pointer(&ctx);
}


/**
 * vtCheckContextGetAllocator:
 * @ctx: the context
 *
 * The allocator every check asks what a device gets: over this
 * context's networks, host and state directory (NULL: nothing
 * recorded), opened on first use.  Checks only plan with it
 * (vtAllocatorPlan): nothing is written.
 *
 * Returns the allocator (the context's), or NULL with an error
 * reported.
 */
vtAllocator *
vtCheckContextGetAllocator(vtCheckContext *ctx)
{
    g_autoptr(vtAllocator) alloc = NULL;
    size_t i;

    if (ctx->alloc)
        return ctx->alloc;

    if (!(alloc = vtAllocatorOpen(ctx->stateDir, NULL, ctx->sysfsRoot)))
        return NULL;
    for (i = 0; i < ctx->networks->len; i++) {
        if (vtAllocatorDefineNetwork(alloc, g_ptr_array_index(ctx->networks, i)) < 0)
            return NULL;
    }
    /* the host already read, or none at all: never /sys behind the
     * caller's back */
    vtAllocatorSetHost(alloc, ctx->host);
    ctx->alloc = g_steal_pointer(&alloc);
    return ctx->alloc;
}

