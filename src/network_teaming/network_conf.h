/*
 * network_conf.h: the <network> XML model: forward modes, device pools
 *                 (<pf>, <interface>, <address>), bridge, vlan,
 *                 virtualport, portgroups; parse, validate, format
 *                 (the IP services are in network_ip_conf.h)
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#pragma once

#include "internal.h"
#include "netdev_conf.h"
#include "network_ip_conf.h"
#include "vtbuffer.h"
#include "vtenum.h"
#include "vtmacaddr.h"
#include "vtpci.h"
#include "vtuuid.h"
#include "vtxml.h"

#include <netinet/in.h>

/* the <forward mode=...> values, in libvirt's order */
typedef enum {
    VT_NETWORK_FORWARD_NONE = 0,   /* no <forward>: an isolated network */
    VT_NETWORK_FORWARD_NAT,
    VT_NETWORK_FORWARD_ROUTE,
    VT_NETWORK_FORWARD_OPEN,
    VT_NETWORK_FORWARD_BRIDGE,
    VT_NETWORK_FORWARD_PRIVATE,
    VT_NETWORK_FORWARD_VEPA,
    VT_NETWORK_FORWARD_PASSTHROUGH,
    VT_NETWORK_FORWARD_HOSTDEV,

    VT_NETWORK_FORWARD_LAST
} vtNetworkForwardType;
VT_ENUM_DECL(vtNetworkForward);

/* what one pool entry names */
typedef enum {
    VT_NETWORK_FORWARD_HOSTDEV_DEVICE_NONE = 0,
    VT_NETWORK_FORWARD_HOSTDEV_DEVICE_PCI,     /* <address type='pci' .../> */
    VT_NETWORK_FORWARD_HOSTDEV_DEVICE_NETDEV,  /* <interface dev='...'/> */

    VT_NETWORK_FORWARD_HOSTDEV_DEVICE_LAST
} vtNetworkForwardHostdevDeviceType;
VT_ENUM_DECL(vtNetworkForwardHostdevDevice);

/* one entry of the device pool */
typedef struct _vtNetworkForwardIfDef vtNetworkForwardIfDef;
struct _vtNetworkForwardIfDef {
    vtNetworkForwardHostdevDeviceType type;
    union {
        vtPCIDeviceAddress pci; /* when type is PCI */
        char *dev;              /* when type is NETDEV */
    } device;
    unsigned int connections;   /* how many ports use this device */
};

/* <pf dev='...'/> */
typedef struct _vtNetworkForwardPfDef vtNetworkForwardPfDef;
struct _vtNetworkForwardPfDef {
    char *dev;
    unsigned int connections;
};

typedef struct _vtNetworkForwardDef vtNetworkForwardDef;
struct _vtNetworkForwardDef {
    vtNetworkForwardType type;
    bool managed;                        /* hostdev only */
    vtDeviceHostdevPCIDriverName driverName;
    char *driverModel;                   /* <driver model=> (libvirt >= 10.0) */

    size_t npfs;
    vtNetworkForwardPfDef *pfs;          /* libvirt allows at most one */

    size_t nifs;
    vtNetworkForwardIfDef *ifs;          /* the pool; ifs[0] is <forward dev=> */

    /* <nat> (nat mode only) */
    vtTristateBool natIPv6;              /* <nat ipv6=> */
    char *natAddrStart;                  /* <address start= end=> (IPv4) */
    char *natAddrEnd;
    unsigned int natPortStart;           /* <port start= end=> */
    unsigned int natPortEnd;
};

/* <portgroup> */
typedef struct _vtPortGroupDef vtPortGroupDef;
struct _vtPortGroupDef {
    char *name;
    bool isDefault;
    vtNetDevVPortProfile *virtPortProfile;
    vtNetDevBandwidth *bandwidth;
    vtNetDevVlan vlan;
    vtTristateBool trustGuestRxFilters;
};

typedef struct _vtNetworkDef vtNetworkDef;
struct _vtNetworkDef {
    unsigned char uuid[VT_UUID_BUFLEN];
    bool uuid_specified;
    char *name;
    char *title;                   /* libvirt >= 9.7 */
    char *description;             /* libvirt >= 9.7 */
    unsigned int connections;      /* ports using this network (status) */

    char *bridge;                  /* <bridge name=> */
    char *bridgeZone;              /* <bridge zone=> */
    vtNetworkBridgeMACTableManagerType macTableManager;
    char *domain;                  /* <domain name=> */
    vtTristateBool domainLocalOnly; /* <domain localOnly=> */
    bool stp;                      /* <bridge stp=>: on unless stp='off' */
    unsigned long delay;           /* <bridge delay=> */
    bool stp_specified;            /* stp= was written */
    vtMacAddr mac;
    bool mac_specified;
    unsigned int mtu;              /* <mtu size=>, 0 when absent */

    bool ipv6nogw;                 /* <network ipv6='yes'> */
    vtTristateBool trustGuestRxFilters;

    vtNetworkForwardDef forward;

    size_t nips;
    vtNetworkIPDef *ips;

    size_t nPortGroups;
    vtPortGroupDef *portGroups;

    vtNetDevVPortProfile *virtPortProfile;
    vtNetDevBandwidth *bandwidth;
    vtNetDevVlan vlan;
    vtTristateBool isolatedPort;   /* <port isolated=> */

    /* the service elements, kept as parsed and written back in
     * libvirt's place and quoting */
    xmlNodePtr dns;                /* <dns> */
    size_t nroutes;
    xmlNodePtr *routes;            /* <route> */
    xmlNodePtr metadata;           /* <metadata> */
    size_t nDnsmasqOptions;        /* <dnsmasq:options><dnsmasq:option value=> */
    char **dnsmasqOptions;

    xmlDocPtr keep;                /* owns the kept nodes above */
};

typedef enum {
    /* omit connection counts and the VF list expanded from a <pf> */
    VT_NETWORK_XML_INACTIVE = (1 << 0),
    /* the live/status form, as libvirt writes it without INACTIVE (the
     * same as 0): connection counts on <network> and on the pool's
     * <interface> entries, and the VFs of a <pf> pool; not with INACTIVE */
    VT_NETWORK_XML_STATUS = (1 << 1),
} vtNetworkXMLFlags;

/* Parse and validate as libvirt's virNetworkDefParseXML; a missing <uuid>
 * is generated; connection counts are never read back.  @flags: 0.
 * NULL with an error reported (vtGetLastError) on failure. */
vtNetworkDef *vtNetworkDefParseString(const char *xml, unsigned int flags);
vtNetworkDef *vtNetworkDefParseFile(const char *path, unsigned int flags);
vtNetworkDef *vtNetworkDefParseNode(xmlDocPtr xml, xmlNodePtr root,
                                    unsigned int flags);
/* libvirt's canonical XML; @flags: VT_NETWORK_XML_INACTIVE or _STATUS */
char *vtNetworkDefFormat(const vtNetworkDef *def, unsigned int flags);
int vtNetworkDefFormatBuf(vtBuffer *buf, const vtNetworkDef *def,
                          unsigned int flags);
void vtNetworkDefFree(vtNetworkDef *def);
G_DEFINE_AUTOPTR_CLEANUP_FUNC(vtNetworkDef, vtNetworkDefFree);

/* the portgroup named @name; the default portgroup (or NULL) when @name
 * is NULL */
vtPortGroupDef *vtPortGroupFindByName(const vtNetworkDef *def,
                                      const char *name);

/* helpers for the allocator and the checker */
bool vtNetworkDefForwardIsMacvtap(const vtNetworkDef *def);   /* plug 'direct' */
bool vtNetworkDefForwardUsesIP(const vtNetworkDef *def);      /* none/nat/route/open */
/* the subnet of the first IP of @family (AF_INET/AF_INET6), or NULL */
const vtNetworkIPDef *vtNetworkDefGetIPByFamily(const vtNetworkDef *def,
                                                int family);
