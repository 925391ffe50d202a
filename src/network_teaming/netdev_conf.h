/*
 * netdev_conf.h: the XML pieces shared by networks, interfaces and
 *                network ports: <vlan>, <virtualport>, <bandwidth>,
 *                <port isolated>, PCI <address>
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#pragma once

#include "internal.h"
#include "vtbuffer.h"
#include "vtenum.h"
#include "vtpci.h"
#include "vtuuid.h"
#include "vtxml.h"

/* <bridge macTableManager='kernel|libvirt'/> of a network, and the
 * <source bridge= macTableManager=> of an actual bridge or a port plug */
typedef enum {
    VT_NETWORK_BRIDGE_MAC_TABLE_MANAGER_DEFAULT = 0,
    VT_NETWORK_BRIDGE_MAC_TABLE_MANAGER_KERNEL,
    VT_NETWORK_BRIDGE_MAC_TABLE_MANAGER_LIBVIRT,

    VT_NETWORK_BRIDGE_MAC_TABLE_MANAGER_LAST
} vtNetworkBridgeMACTableManagerType;
VT_ENUM_DECL(vtNetworkBridgeMACTableManager);

/* A macvtap's mode: <source mode=> of an interface or <actual>, <plug
 * mode=> of a port, and the forward mode of a macvtap network
 * (libvirt's virNetDevMacVLanMode) */
typedef enum {
    VT_NETDEV_MACVLAN_MODE_VEPA,
    VT_NETDEV_MACVLAN_MODE_PRIVATE,
    VT_NETDEV_MACVLAN_MODE_BRIDGE,
    VT_NETDEV_MACVLAN_MODE_PASSTHRU,

    VT_NETDEV_MACVLAN_MODE_LAST
} vtNetDevMacVLanMode;
VT_ENUM_DECL(vtNetDevMacVLanMode);

/* <driver name=> of a PCI passthrough device: a hostdev, the <forward>
 * of a hostdev network, a hostdev-pci plug (libvirt's
 * virDeviceHostdevPCIDriverName) */
typedef enum {
    VT_DEVICE_HOSTDEV_PCI_DRIVER_NAME_DEFAULT = 0,
    VT_DEVICE_HOSTDEV_PCI_DRIVER_NAME_KVM,
    VT_DEVICE_HOSTDEV_PCI_DRIVER_NAME_VFIO,
    VT_DEVICE_HOSTDEV_PCI_DRIVER_NAME_XEN,

    VT_DEVICE_HOSTDEV_PCI_DRIVER_NAME_LAST
} vtDeviceHostdevPCIDriverName;
VT_ENUM_DECL(vtDeviceHostdevPCIDriverName);

/* <vlan [trunk='yes']><tag id='N' [nativeMode='tagged|untagged']/>...</vlan> */
typedef enum {
    VT_NATIVE_VLAN_MODE_DEFAULT = 0,
    VT_NATIVE_VLAN_MODE_TAGGED,
    VT_NATIVE_VLAN_MODE_UNTAGGED,

    VT_NATIVE_VLAN_MODE_LAST
} vtNativeVlanMode;
VT_ENUM_DECL(vtNativeVlanMode);

typedef struct _vtNetDevVlan vtNetDevVlan;
struct _vtNetDevVlan {
    bool trunk;
    size_t nTags;
    unsigned int *tag;        /* the tag ids, in document order */
    vtNativeVlanMode nativeMode;
    unsigned int nativeTag;
};

void vtNetDevVlanClear(vtNetDevVlan *vlan);
void vtNetDevVlanFree(vtNetDevVlan *vlan);
G_DEFINE_AUTOPTR_CLEANUP_FUNC(vtNetDevVlan, vtNetDevVlanFree);
int vtNetDevVlanParse(xmlNodePtr node, vtNetDevVlan *def);
int vtNetDevVlanFormat(const vtNetDevVlan *def, vtBuffer *buf);
bool vtNetDevVlanEqual(const vtNetDevVlan *a, const vtNetDevVlan *b);
void vtNetDevVlanCopy(vtNetDevVlan *dst, const vtNetDevVlan *src);

/* <virtualport type='...'><parameters .../></virtualport> */
typedef enum {
    VT_NETDEV_VPORT_PROFILE_NONE = 0,
    VT_NETDEV_VPORT_PROFILE_8021QBG,
    VT_NETDEV_VPORT_PROFILE_8021QBH,
    VT_NETDEV_VPORT_PROFILE_OPENVSWITCH,
    VT_NETDEV_VPORT_PROFILE_MIDONET,

    VT_NETDEV_VPORT_PROFILE_LAST
} vtNetDevVPortProfileType;
VT_ENUM_DECL(vtNetDevVPort);

#define VT_NETDEV_VPORT_PROFILE_ID_MAX 40 /* profileid, including NUL */

typedef struct _vtNetDevVPortProfile vtNetDevVPortProfile;
struct _vtNetDevVPortProfile {
    vtNetDevVPortProfileType virtPortType;
    /* 802.1Qbg */
    unsigned char managerID;
    bool managerID_specified;
    unsigned int typeID;       /* 24 bits */
    bool typeID_specified;
    unsigned char typeIDVersion;
    bool typeIDVersion_specified;
    unsigned char instanceID[VT_UUID_BUFLEN];
    bool instanceID_specified;
    /* 802.1Qbh, openvswitch */
    char profileID[VT_NETDEV_VPORT_PROFILE_ID_MAX];
    /* openvswitch, midonet */
    unsigned char interfaceID[VT_UUID_BUFLEN];
    bool interfaceID_specified;
};

#define VT_VPORT_XML_GENERATE_MISSING_DEFAULTS (1 << 0)
#define VT_VPORT_XML_REQUIRE_ALL_ATTRIBUTES (1 << 1)
#define VT_VPORT_XML_REQUIRE_TYPE (1 << 2)

vtNetDevVPortProfile *vtNetDevVPortProfileParse(xmlNodePtr node,
                                                unsigned int flags);
int vtNetDevVPortProfileFormat(const vtNetDevVPortProfile *def,
                               vtBuffer *buf);
vtNetDevVPortProfile *vtNetDevVPortProfileCopy(const vtNetDevVPortProfile *src);
int vtNetDevVPortProfileMerge3(vtNetDevVPortProfile **result,
                               const vtNetDevVPortProfile *fromInterface,
                               const vtNetDevVPortProfile *fromNetwork,
                               const vtNetDevVPortProfile *fromPortgroup);
int vtNetDevVPortProfileCheckComplete(const vtNetDevVPortProfile *def,
                                      bool generateMissing);
int vtNetDevVPortProfileCheckNoExtras(const vtNetDevVPortProfile *def);

/* <bandwidth><inbound average= peak= floor= burst=/><outbound .../></bandwidth> */
typedef struct _vtNetDevBandwidthRate vtNetDevBandwidthRate;
struct _vtNetDevBandwidthRate {
    unsigned long long average; /* kilobytes/s */
    unsigned long long peak;
    unsigned long long floor;
    unsigned long long burst;   /* kilobytes */
};

typedef struct _vtNetDevBandwidth vtNetDevBandwidth;
struct _vtNetDevBandwidth {
    vtNetDevBandwidthRate *in;
    vtNetDevBandwidthRate *out;
};

void vtNetDevBandwidthFree(vtNetDevBandwidth *def);
G_DEFINE_AUTOPTR_CLEANUP_FUNC(vtNetDevBandwidth, vtNetDevBandwidthFree);
/* @classID: when non-NULL, the classID attribute is parsed into it;
 * @allowFloor: whether inbound floor is allowed here */
int vtNetDevBandwidthParse(vtNetDevBandwidth **bandwidth,
                           unsigned int *classID,
                           xmlNodePtr node,
                           bool allowFloor);
int vtNetDevBandwidthFormat(const vtNetDevBandwidth *def,
                            unsigned int classID,
                            vtBuffer *buf);
vtNetDevBandwidth *vtNetDevBandwidthCopy(const vtNetDevBandwidth *src);

/* <port isolated='yes|no'/> */
int vtNetDevPortIsolatedParse(xmlNodePtr node, vtTristateBool *isolated);
void vtNetDevPortIsolatedFormat(vtTristateBool isolated, vtBuffer *buf);

/* <address type='pci' domain= bus= slot= function=/> (the type is
 * checked by the caller); libvirt's virPCIDeviceAddressParseXML */
int vtPCIDeviceAddressParseXML(xmlNodePtr node, vtPCIDeviceAddress *addr);
/* writes <address [type='pci'] domain='0x%04x' bus='0x%02x'
 * slot='0x%02x' function='0x%d'/> */
void vtPCIDeviceAddressFormat(vtBuffer *buf, const vtPCIDeviceAddress *addr,
                              bool includeTypePCI);
