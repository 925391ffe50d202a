/*
 * segment.h: which Ethernet segment each side of a failover pair
 *            reaches, and the same-segment verdict
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#pragma once

#include "internal.h"
#include "pair.h"

/* What a device of a pair is plugged into on the host. */
typedef enum {
    VT_SEGMENT_BACKEND_NONE = 0,   /* could not be worked out */
    VT_SEGMENT_BACKEND_MACVTAP,    /* a macvtap on @dev in @mode */
    VT_SEGMENT_BACKEND_BRIDGE,     /* a tap on the host bridge @dev */
    VT_SEGMENT_BACKEND_NETWORK,    /* a tap on the bridge @dev of a NAT,
                                      routed, open or isolated network */
    VT_SEGMENT_BACKEND_USER,       /* QEMU user networking */
    VT_SEGMENT_BACKEND_VF,         /* the VF @vf passed through */
    VT_SEGMENT_BACKEND_OTHER,      /* ethernet, vhostuser, ... */

    VT_SEGMENT_BACKEND_LAST
} vtSegmentBackendType;
VT_ENUM_DECL(vtSegmentBackend);

typedef struct _vtSegmentSide vtSegmentSide;
struct _vtSegmentSide {
    vtSegmentBackendType type;
    const vtNetworkDef *network;   /* the interface's network, or NULL */
    char *dev;                     /* macvtap link / bridge name */
    vtNetDevMacVLanMode mode;      /* macvtap */
    bool hasVF;
    vtPCIDeviceAddress vf;         /* VF */
    bool managed;                  /* VF: libvirt binds vfio-pci */
    char *pf;                      /* VF: its PF's netdev, when known */
    int vfIndex;                   /* VF: its index on the PF, -1 unknown */
    bool macProgrammed;            /* VF: libvirt sets its MAC (not a plain hostdev) */
    vtMacAddr mac;
    vtNetDevVlan vlan;             /* the effective <vlan> */
    unsigned int mtu;              /* <mtu size=> of the interface or network */
    vtDomainActualNetDef *actual;  /* type='network': what the allocator gives */
    bool existing;                 /* ... a port the domain already holds */
    char *problem;                 /* why type is NONE */
    int problemCode;               /* the vtErrorNumber behind @problem, or 0 */
};

void vtSegmentSideClear(vtSegmentSide *side);

/* Resolve the backend of the standby of @pair, and of its primary.
 * For an <interface type='network'>, @plan is its entry of the
 * allocator's dry run (vtAllocatorPlan): the side is derived from the
 * <actual> there (which the side takes), or carries the allocator's
 * error.  Nothing here chooses a device. */
void vtSegmentResolveStandby(vtCheckContext *ctx,
                             const vtTeamingPair *pair,
                             vtAllocation *plan,
                             vtSegmentSide *side);
void vtSegmentResolvePrimary(vtCheckContext *ctx,
                             const vtTeamingPair *pair,
                             vtAllocation *plan,
                             vtSegmentSide *side);

/* The same-segment verdict of a pair whose two sides are resolved,
 * with its findings (also VLANs, MTUs and link states). */
vtSegmentVerdict vtSegmentCheckPair(vtCheckContext *ctx,
                                    const vtTeamingPair *pair,
                                    const vtSegmentSide *standby,
                                    const vtSegmentSide *primary,
                                    vtFindingList *findings);

/* What plan reports: a side with no device, a device not on the host. */
void vtSegmentCheckPlan(vtCheckContext *ctx,
                        const vtTeamingPair *pair,
                        const vtSegmentSide *standby,
                        const vtSegmentSide *primary,
                        vtFindingList *findings);

/* The <actual> element the allocator gives the device (NULL for types
 * that have none), and the backend it needs, in words. */
char *vtSegmentSideFormatActual(const vtSegmentSide *side);
char *vtSegmentSideDescribe(const vtSegmentSide *side);
