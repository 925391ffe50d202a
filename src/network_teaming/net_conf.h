/*
 * net_conf.h: the domain devices of net failover: <interface> and
 *             <hostdev> with <teaming>, and the <actual> of status XML
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

/* Parse and format flags, named after libvirt's VIR_DOMAIN_DEF_*. */
typedef enum {
    /* inactive (persistent) config: user aliases only ("ua-" rule) */
    VT_DOMAIN_DEF_PARSE_INACTIVE = 1 << 0,
    /* status XML: keep <actual> and any alias */
    VT_DOMAIN_DEF_PARSE_STATUS = 1 << 1,
    /* do not validate after parsing (vtDomainDefParse* only) */
    VT_DOMAIN_DEF_PARSE_SKIP_VALIDATE = 1 << 2,
} vtDomainDefParseFlags;

typedef enum {
    /* inactive config: no live-only data */
    VT_DOMAIN_DEF_FORMAT_INACTIVE = 1 << 0,
    /* status XML: write <actual> inside <interface type='network'> */
    VT_DOMAIN_DEF_FORMAT_STATUS = 1 << 1,
} vtDomainDefFormatFlags;

/* libvirt's USER_ALIAS_PREFIX */
#define VT_DOMAIN_USER_ALIAS_PREFIX "ua-"

/* <teaming type='persistent|transient' [persistent='ALIAS']/> */
typedef enum {
    VT_DOMAIN_NET_TEAMING_TYPE_NONE = 0,
    VT_DOMAIN_NET_TEAMING_TYPE_PERSISTENT,
    VT_DOMAIN_NET_TEAMING_TYPE_TRANSIENT,

    VT_DOMAIN_NET_TEAMING_TYPE_LAST
} vtDomainNetTeamingType;
VT_ENUM_DECL(vtDomainNetTeaming);

typedef struct _vtDomainNetTeamingInfo vtDomainNetTeamingInfo;
struct _vtDomainNetTeamingInfo {
    vtDomainNetTeamingType type;
    char *persistent;          /* alias of the persistent (standby) device */
};

void vtDomainNetTeamingInfoFree(vtDomainNetTeamingInfo *teaming);
G_DEFINE_AUTOPTR_CLEANUP_FUNC(vtDomainNetTeamingInfo, vtDomainNetTeamingInfoFree);

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

/* The device's <boot>, <alias>, <acpi>, <rom> and <address>. */
typedef enum {
    VT_DOMAIN_DEVICE_ADDRESS_TYPE_NONE = 0,
    VT_DOMAIN_DEVICE_ADDRESS_TYPE_PCI,
    VT_DOMAIN_DEVICE_ADDRESS_TYPE_OTHER,   /* kept as written */
} vtDomainDeviceAddressType;

typedef struct _vtDomainDeviceInfo vtDomainDeviceInfo;
struct _vtDomainDeviceInfo {
    char *alias;
    /* an <alias name=> that an inactive parse dropped because it is not
     * "ua-" followed by [A-Za-z0-9_-] (libvirt drops it silently) */
    char *droppedAlias;
    unsigned int bootIndex;        /* <boot order=>, 0 when absent */
    char *loadparm;
    unsigned int acpiIndex;        /* <acpi index=>, 0 when absent */
    vtTristateSwitch romBar;       /* <rom bar=> */
    vtTristateBool romEnabled;     /* <rom enabled=> */
    char *romFile;                 /* <rom file=> */
    vtDomainDeviceAddressType addrType;
    vtPCIDeviceAddress addr;       /* PCI */
    vtTristateSwitch multi;        /* multifunction= */
    xmlNodePtr rawAddress;         /* other address types, a private copy */
};

/* The PCI host device, shared by <hostdev> and <interface type='hostdev'>
 * and <actual type='hostdev'> */
typedef struct _vtDomainHostdevSubsysPCI vtDomainHostdevSubsysPCI;
struct _vtDomainHostdevSubsysPCI {
    vtTristateBool managed;
    vtDeviceHostdevPCIDriverName backend;   /* <driver name=> */
    char *driverModel;                              /* <driver model=> */
    vtPCIDeviceAddress addr;                        /* <source><address> */
};

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
typedef struct _vtDomainNetDef vtDomainNetDef;
struct _vtDomainNetDef {
    vtDomainNetType type;
    vtMacAddr mac;
    bool macGenerated;              /* no <mac> in the input */
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
    vtDomainDeviceInfo info;

    /* the children this model does not interpret, private copies kept
     * in document order and written back in libvirt's element order;
     * for the types not modelled (user, ethernet, ...) the <source> too */
    GPtrArray *extra;               /* of xmlNodePtr */
};

void vtDomainNetDefFree(vtDomainNetDef *def);
G_DEFINE_AUTOPTR_CLEANUP_FUNC(vtDomainNetDef, vtDomainNetDefFree);

/* @node: the <interface> element, @ctxt: its document's XPath context */
vtDomainNetDef *vtDomainNetDefParseNode(xmlXPathContextPtr ctxt,
                                        xmlNodePtr node,
                                        unsigned int flags);
int vtDomainNetDefFormat(vtBuffer *buf,
                         const vtDomainNetDef *def,
                         unsigned int flags);
/* libvirt's generic and qemu define-time rules, libvirt's messages */
int vtDomainNetDefValidate(const vtDomainNetDef *def);
/* the generic rules only (those libvirt's test driver applies too) */
int vtDomainNetDefValidateGeneric(const vtDomainNetDef *def);
/* qemuDomainValidateActualNetDef: the runtime rule once <actual> is known */
int vtDomainNetDefValidateActual(const vtDomainNetDef *def);

/* <hostdev> */
typedef struct _vtDomainHostdevDef vtDomainHostdevDef;
struct _vtDomainHostdevDef {
    char *mode;                     /* "subsystem", "capabilities" */
    char *type;                     /* "pci", "usb", ... */
    bool isPCI;                     /* mode='subsystem' type='pci': modelled */
    vtDomainHostdevSubsysPCI pci;
    vtDomainNetTeamingInfo *teaming;
    vtDomainDeviceInfo info;
    /* children not interpreted (all of them when !isPCI but teaming,
     * alias and address), private copies */
    GPtrArray *extra;               /* of xmlNodePtr */
    GPtrArray *extraAttrs;          /* attribute name, value pairs of <hostdev> not modelled */
};

void vtDomainHostdevDefFree(vtDomainHostdevDef *def);
G_DEFINE_AUTOPTR_CLEANUP_FUNC(vtDomainHostdevDef, vtDomainHostdevDefFree);

vtDomainHostdevDef *vtDomainHostdevDefParseNode(xmlXPathContextPtr ctxt,
                                                xmlNodePtr node,
                                                unsigned int flags);
int vtDomainHostdevDefFormat(vtBuffer *buf,
                             const vtDomainHostdevDef *def,
                             unsigned int flags);
int vtDomainHostdevDefValidate(const vtDomainHostdevDef *def);

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

const char *vtDomainHostdevGetAlias(const vtDomainHostdevDef *def);
const char *vtDomainHostdevGetDroppedAlias(const vtDomainHostdevDef *def);
const vtDomainNetTeamingInfo *vtDomainHostdevGetTeaming(const vtDomainHostdevDef *def);
/* the <source><address> of a PCI hostdev, or NULL */
const vtPCIDeviceAddress *vtDomainHostdevGetPCIAddress(const vtDomainHostdevDef *def);

/* Whether @alias would survive an inactive parse (libvirt's "ua-" rule). */
bool vtDomainDeviceAliasIsUserAlias(const char *alias);
