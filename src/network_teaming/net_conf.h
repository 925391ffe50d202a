/*
 * net_conf.h: <interface> with <teaming>, and the <actual> of status
 *             XML (<hostdev> is in hostdev_conf.h, what both share in
 *             device_conf.h)
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#pragma once

#include "internal.h"
#include "vtbuffer.h"
#include "vtenum.h"
#include "vtmacaddr.h"
#include "vtpci.h"
#include "vtuuid.h"
#include "vtxml.h"
#include "netdev_conf.h"
#include "device_conf.h"
#include "hostdev_conf.h"

/* <interface type='...'>: libvirt's order and strings */
typedef enum {
    VT_DOMAIN_NET_TYPE_USER,
    VT_DOMAIN_NET_TYPE_ETHERNET,
    VT_DOMAIN_NET_TYPE_VHOSTUSER,
    VT_DOMAIN_NET_TYPE_SERVER,
    VT_DOMAIN_NET_TYPE_CLIENT,
    VT_DOMAIN_NET_TYPE_MCAST,
    VT_DOMAIN_NET_TYPE_NETWORK,
    VT_DOMAIN_NET_TYPE_BRIDGE,
    VT_DOMAIN_NET_TYPE_INTERNAL,
    VT_DOMAIN_NET_TYPE_DIRECT,
    VT_DOMAIN_NET_TYPE_HOSTDEV,
    VT_DOMAIN_NET_TYPE_UDP,
    VT_DOMAIN_NET_TYPE_VDPA,
    VT_DOMAIN_NET_TYPE_NULL,
    VT_DOMAIN_NET_TYPE_VDS,

    VT_DOMAIN_NET_TYPE_LAST
} vtDomainNetType;
VT_ENUM_DECL(vtDomainNet);

/* <link state='up|down'/> */
typedef enum {
    VT_DOMAIN_NET_INTERFACE_LINK_STATE_DEFAULT = 0,
    VT_DOMAIN_NET_INTERFACE_LINK_STATE_UP,
    VT_DOMAIN_NET_INTERFACE_LINK_STATE_DOWN,

    VT_DOMAIN_NET_INTERFACE_LINK_STATE_LAST
} vtDomainNetInterfaceLinkState;
VT_ENUM_DECL(vtDomainNetInterfaceLinkState);

/* <actual type='network|bridge|direct|hostdev'> of status XML */
typedef struct _vtDomainActualNetDef vtDomainActualNetDef;
struct _vtDomainActualNetDef {
    vtDomainNetType type;
    vtTristateBool trustGuestRxFilters;

    /* network, bridge */
    char *brname;
    vtNetworkBridgeMACTableManagerType macTableManager;
    /* direct */
    char *linkdev;
    vtNetDevMacVLanMode mode;
    /* hostdev */
    vtDomainHostdevSubsysPCI hostdev;

    vtNetDevVPortProfile *virtPortProfile;
    vtNetDevBandwidth *bandwidth;
    vtNetDevVlan vlan;
    vtTristateBool isolatedPort;
    unsigned int class_id;   /* <class id=> (bridge and network) */
};

void vtDomainActualNetDefFree(vtDomainActualNetDef *def);
int vtDomainActualNetDefFormat(vtBuffer *buf, const vtDomainActualNetDef *actual);
G_DEFINE_AUTOPTR_CLEANUP_FUNC(vtDomainActualNetDef, vtDomainActualNetDefFree);

/* <interface> */
/* <mac type=> */
typedef enum {
    VT_DOMAIN_NET_MAC_TYPE_DEFAULT = 0,
    VT_DOMAIN_NET_MAC_TYPE_GENERATED,
    VT_DOMAIN_NET_MAC_TYPE_STATIC,

    VT_DOMAIN_NET_MAC_TYPE_LAST
} vtDomainNetMacType;
VT_ENUM_DECL(vtDomainNetMac);

typedef struct _vtDomainNetDef vtDomainNetDef;
struct _vtDomainNetDef {
    vtDomainNetType type;
    vtMacAddr mac;
    bool macGenerated;              /* no <mac> in the input */
    vtDomainNetMacType macType;     /* <mac type=> */
    vtTristateBool macCheck;        /* <mac check=> */
    vtTristateBool trustGuestRxFilters;

    /* type='network' */
    char *network;
    char *portgroup;
    unsigned char portid[VT_UUID_BUFLEN];
    bool portidSet;
    vtDomainActualNetDef *actual;   /* status XML only */
    /* type='bridge' */
    char *bridge;
    /* type='direct' */
    char *linkdev;
    vtNetDevMacVLanMode mode;
    /* type='hostdev' */
    vtDomainHostdevSubsysPCI hostdev;

    vtNetDevVlan vlan;
    vtNetDevVPortProfile *virtPortProfile;
    vtNetDevBandwidth *bandwidth;
    vtTristateBool isolatedPort;
    char *ifname;                   /* <target dev=> */
    vtTristateBool managedTap;      /* <target managed=> */
    char *model;                    /* <model type=> */
    vtDomainNetTeamingInfo *teaming;
    vtDomainNetInterfaceLinkState linkstate;
    unsigned int mtu;
    unsigned int coalesceRxFrames;  /* <coalesce><rx><frames max=>, 0: none */
    /* the virtio <driver> queue sizes, for the QEMU driver's rule; the
     * element itself is kept */
    unsigned int rxQueueSize;
    unsigned int txQueueSize;
    vtDomainDeviceInfo info;

    /* the children this model does not interpret, private copies kept
     * in document order and written back in libvirt's element order;
     * for the types not modelled (user, ethernet, ...) the <source> too */
    GPtrArray *extra;               /* of xmlNodePtr */
};

void vtDomainNetDefFree(vtDomainNetDef *def);
G_DEFINE_AUTOPTR_CLEANUP_FUNC(vtDomainNetDef, vtDomainNetDefFree);

/* @node: the <interface> element */
vtDomainNetDef *vtDomainNetDefParseNode(xmlNodePtr node,
                                        unsigned int flags);
int vtDomainNetDefFormat(vtBuffer *buf,
                         const vtDomainNetDef *def,
                         unsigned int flags);
/* libvirt's generic and qemu define-time rules, libvirt's messages */
int vtDomainNetDefValidate(const vtDomainNetDef *def,
                           const char *defaultModel);
/* the generic rules only (those libvirt's test driver applies too) */
int vtDomainNetDefValidateGeneric(const vtDomainNetDef *def);
/* qemuDomainValidateActualNetDef: the runtime rule once <actual> is known */
int vtDomainNetDefValidateActual(const vtDomainNetDef *def);

/* Accessors for the allocator and the pair checker. */
const char *vtDomainNetGetAlias(const vtDomainNetDef *def);
/* the alias an inactive parse dropped (not "ua-..."), or NULL */
const char *vtDomainNetGetDroppedAlias(const vtDomainNetDef *def);
const vtMacAddr *vtDomainNetGetMAC(const vtDomainNetDef *def);
const char *vtDomainNetGetModelString(const vtDomainNetDef *def);
bool vtDomainNetIsVirtioModel(const vtDomainNetDef *def);
const vtDomainNetTeamingInfo *vtDomainNetGetTeaming(const vtDomainNetDef *def);
const char *vtDomainNetGetNetworkName(const vtDomainNetDef *def);
const char *vtDomainNetGetPortGroup(const vtDomainNetDef *def);
/* the actual type: def->actual's type when present, else def->type */
vtDomainNetType vtDomainNetGetActualType(const vtDomainNetDef *def);
const char *vtDomainNetGetActualBridgeName(const vtDomainNetDef *def);
const char *vtDomainNetGetActualDirectDev(const vtDomainNetDef *def);
vtNetDevMacVLanMode vtDomainNetGetActualDirectMode(const vtDomainNetDef *def);
/* the PCI source of type='hostdev' or of an actual hostdev, or NULL */
const vtPCIDeviceAddress *vtDomainNetGetActualHostdevAddress(const vtDomainNetDef *def);
/* the VLAN of the actual device (of the interface without <actual>),
 * or NULL when it has no tag */
const vtNetDevVlan *vtDomainNetGetActualVlan(const vtDomainNetDef *def);
const vtNetDevVPortProfile *vtDomainNetGetActualVirtPortProfile(const vtDomainNetDef *def);
/* Replace the <actual> (takes @actual; NULL clears it). */
void vtDomainNetSetActual(vtDomainNetDef *def, vtDomainActualNetDef *actual);
