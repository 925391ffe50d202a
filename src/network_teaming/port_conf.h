/*
 * port_conf.h: the <networkport> model (libvirt's virNetworkPortDef)
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 *
 * A network port is the connection between one guest interface and a
 * network.  Its <plug> records how the network driver realised it: a
 * tap on a bridge, a macvtap on a link device, or a PCI function for
 * hostdev passthrough.  The format is libvirt's, so state files written
 * here and by libvirt's network driver can be read by either side.
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

typedef enum {
    VT_NETWORK_PORT_PLUG_TYPE_NONE = 0,
    VT_NETWORK_PORT_PLUG_TYPE_NETWORK,
    VT_NETWORK_PORT_PLUG_TYPE_BRIDGE,
    VT_NETWORK_PORT_PLUG_TYPE_DIRECT,
    VT_NETWORK_PORT_PLUG_TYPE_HOSTDEV_PCI,

    VT_NETWORK_PORT_PLUG_TYPE_LAST
} vtNetworkPortPlugType;
VT_ENUM_DECL(vtNetworkPortPlug);

typedef struct _vtNetworkPortPlugBridge vtNetworkPortPlugBridge;
struct _vtNetworkPortPlugBridge {
    char *brname;
    vtNetworkBridgeMACTableManagerType macTableManager;
};

typedef struct _vtNetworkPortPlugDirect vtNetworkPortPlugDirect;
struct _vtNetworkPortPlugDirect {
    char *linkdev;
    vtNetDevMacVLanMode mode;
};

typedef struct _vtNetworkPortPlugHostdevPCI vtNetworkPortPlugHostdevPCI;
struct _vtNetworkPortPlugHostdevPCI {
    vtPCIDeviceAddress addr;
    vtDeviceHostdevPCIDriverName driverName;
    char *driverModel;            /* a VFIO variant driver, or NULL */
    vtTristateBool managed;
};

typedef struct _vtNetworkPortDef vtNetworkPortDef;
struct _vtNetworkPortDef {
    unsigned char uuid[VT_UUID_BUFLEN];
    char *ownername;
    unsigned char owneruuid[VT_UUID_BUFLEN];
    char *group;                  /* portgroup, or NULL */
    vtMacAddr mac;

    vtNetDevVPortProfile *virtPortProfile;
    vtNetDevBandwidth *bandwidth;
    unsigned int class_id;        /* <bandwidth classID=>, 0 when unset */
    vtNetDevVlan vlan;
    vtTristateBool isolatedPort;
    vtTristateBool trustGuestRxFilters;

    vtNetworkPortPlugType plugtype;
    union {
        vtNetworkPortPlugBridge bridge;       /* NETWORK and BRIDGE */
        vtNetworkPortPlugDirect direct;
        vtNetworkPortPlugHostdevPCI hostdevpci;
    } plug;
};

void vtNetworkPortDefFree(vtNetworkPortDef *def);
G_DEFINE_AUTOPTR_CLEANUP_FUNC(vtNetworkPortDef, vtNetworkPortDefFree);

vtNetworkPortDef *vtNetworkPortDefParseNode(xmlDocPtr xml, xmlNodePtr root);
vtNetworkPortDef *vtNetworkPortDefParseString(const char *xml);
vtNetworkPortDef *vtNetworkPortDefParseFile(const char *path);

int vtNetworkPortDefFormatBuf(vtBuffer *buf, const vtNetworkPortDef *def);
char *vtNetworkPortDefFormat(const vtNetworkPortDef *def);

/* <dir>/<uuid>.xml, written atomically; the directory is created */
int vtNetworkPortDefSaveStatus(vtNetworkPortDef *def, const char *dir);
/* removes <dir>/<uuid>.xml; a missing file is not an error */
int vtNetworkPortDefDeleteStatus(vtNetworkPortDef *def, const char *dir);
