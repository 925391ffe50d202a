/*
 * check_context.h: what a check looks at: the host, the networks and
 *                  the allocator over them
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#pragma once

#include "internal.h"
#include "allocator.h"
#include "host.h"
#include "network_conf.h"

/*
 * What the checker looks at: the host (may be NULL: no host facts),
 * the network definitions by name, and the network driver's state
 * (connection counts) when a state dir is given.
 */
typedef struct _vtCheckContext vtCheckContext;
struct _vtCheckContext {
    vtHost *host;
    GPtrArray *networks;    /* of vtNetworkDef *, owned */
    char *stateDir;         /* NULL: no ports recorded anywhere */
    /* where the above came from */
    char *sysfsRoot;
    char *networkDir;
    vtAllocator *alloc;     /* see vtCheckContextGetAllocator */
};

vtCheckContext *vtCheckContextNew(void);
void vtCheckContextFree(vtCheckContext *ctx);
G_DEFINE_AUTOPTR_CLEANUP_FUNC(vtCheckContext, vtCheckContextFree);

/* Read the host under @sysfsRoot, every *.xml of @networkDir (either
 * may be NULL) and remember @stateDir.  Returns NULL with an error
 * reported when something cannot be read. */
vtCheckContext *vtCheckContextLoad(const char *sysfsRoot,
                                   const char *networkDir,
                                   const char *stateDir);
/* Takes @def. */
void vtCheckContextAddNetwork(vtCheckContext *ctx, vtNetworkDef *def);
vtNetworkDef *vtCheckContextFindNetwork(const vtCheckContext *ctx,
                                        const char *name);

vtAllocator *vtCheckContextGetAllocator(vtCheckContext *ctx);
