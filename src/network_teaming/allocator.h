/*
 * allocator.h: allocate, reclaim and release network ports with
 *              libvirt's semantics, recorded in libvirt's state layout
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#pragma once

#include "internal.h"
#include "domain_conf.h"
#include "host.h"
#include "netstate.h"
#include "network_conf.h"
#include "port_conf.h"
#include "port_alloc.h"
#include "port_convert.h"

typedef struct _vtAllocator vtAllocator;

vtAllocator *vtAllocatorOpen(const char *stateDir,
                             const char *networkDir,
                             const char *sysfsRoot);
int vtAllocatorDefineNetwork(vtAllocator *alloc,
                             const vtNetworkDef *def)
    G_GNUC_WARN_UNUSED_RESULT;
void vtAllocatorSetHost(vtAllocator *alloc,
                        vtHost *host);
void vtAllocatorFree(vtAllocator *alloc);
G_DEFINE_AUTOPTR_CLEANUP_FUNC(vtAllocator, vtAllocatorFree);

/* net-start / net-destroy */
int vtAllocatorNetworkStart(vtAllocator *alloc, const char *name)
    G_GNUC_WARN_UNUSED_RESULT;
int vtAllocatorNetworkStop(vtAllocator *alloc, const char *name)
    G_GNUC_WARN_UNUSED_RESULT;

/* a snapshot of one network: its status definition with the counts
 * rebuilt from its ports (active), or its configuration (inactive) */
vtNetworkObj *vtAllocatorGetNetwork(vtAllocator *alloc, const char *name);

typedef enum {
    VT_ALLOCATOR_PORT_CREATE_RECLAIM = (1 << 0),
} vtAllocatorPortCreateFlags;

/* virNetworkPortCreateXML / virNetworkPortDelete */
int vtAllocatorPortCreate(vtAllocator *alloc,
                          const char *network,
                          vtNetworkPortDef *port,
                          unsigned int flags)
    G_GNUC_WARN_UNUSED_RESULT;
int vtAllocatorPortDelete(vtAllocator *alloc,
                          const char *network,
                          const unsigned char *uuid)
    G_GNUC_WARN_UNUSED_RESULT;

/* The domain-level operations: allocate, release and status, and the
 * dry run every checking command takes its <actual> from. */
typedef struct _vtAllocation vtAllocation;
struct _vtAllocation {
    vtDomainNetDef *iface;          /* borrowed from the domain */
    char *network;
    vtNetworkPortDef *port;         /* the port with its plug; NULL on error */
    vtDomainActualNetDef *actual;   /* the <actual> that follows from it */
    bool existing;                  /* already recorded before this call */
    GError *error;                  /* vtAllocatorPlan: why there is no port */
};

void vtAllocationListFree(vtAllocation *list, size_t n);

int vtAllocatorAllocate(vtAllocator *alloc,
                        vtDomainDef *def,
                        vtAllocation **results,
                        size_t *nresults)
    G_GNUC_WARN_UNUSED_RESULT;

typedef enum {
    /* the domain arrives from another host (an incoming migration):
     * its <actual>, portids and ports recorded here are not its own */
    VT_ALLOCATOR_PLAN_FRESH = (1 << 0),
} vtAllocatorPlanFlags;

int vtAllocatorPlan(vtAllocator *alloc,
                    const vtDomainDef *def,
                    unsigned int flags,
                    vtAllocation **results,
                    size_t *nresults)
    G_GNUC_WARN_UNUSED_RESULT;
int vtAllocatorRelease(vtAllocator *alloc,
                       vtDomainDef *def,
                       size_t *nreleased)
    G_GNUC_WARN_UNUSED_RESULT;
int vtAllocatorStatus(vtAllocator *alloc,
                      vtNetworkObj ***networks,
                      size_t *nnetworks)
    G_GNUC_WARN_UNUSED_RESULT;
void vtAllocatorStatusFree(vtNetworkObj **networks, size_t nnetworks);
bool vtNetworkPortIsOnDevice(vtNetworkDef *def,
                             const vtNetworkPortDef *port,
                             const vtNetworkForwardIfDef *dev);
char *vtAllocatorStatusFormat(vtNetworkObj * const *networks,
                              size_t nnetworks);
