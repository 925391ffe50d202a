/*
 * device_conf.h: what <interface> and <hostdev> share: the device info
 *                (<boot>, <alias>, <rom>, <acpi>, <address>), <teaming>,
 *                and the children a device keeps as written
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#pragma once

#include "internal.h"
#include "vtbuffer.h"
#include "vtenum.h"
#include "vtpci.h"
#include "vtxml.h"

/* Parse and format flags, named after libvirt's VIR_DOMAIN_DEF_*. */
typedef enum {
    /* inactive (persistent) config: user aliases only ("ua-" rule) */
    VT_DOMAIN_DEF_PARSE_INACTIVE = 1 << 0,
    /* status XML: keep <actual> and any alias */
    VT_DOMAIN_DEF_PARSE_STATUS = 1 << 1,
    /* do not validate after parsing (vtDomainDefParse* only) */
    VT_DOMAIN_DEF_PARSE_SKIP_VALIDATE = 1 << 2,
    /* status XML when an <interface> holds an <actual> (a running
     * domain's status), else the other flags (vtDomainDefParse* only) */
    VT_DOMAIN_DEF_PARSE_DETECT_STATUS = 1 << 3,
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

/* libvirt's virDomainNetTeamingInfoParseXML: no attributes, no teaming */
int vtDomainNetTeamingInfoParseXML(xmlNodePtr node,
                                   vtDomainNetTeamingInfo **teaming)
    G_GNUC_WARN_UNUSED_RESULT;
void vtDomainNetTeamingInfoFormat(const vtDomainNetTeamingInfo *teaming,
                                  vtBuffer *buf);

/* The device's <boot>, <alias>, <acpi>, <rom> and <address>. */
typedef enum {
    VT_DOMAIN_DEVICE_ADDRESS_TYPE_NONE = 0,
    VT_DOMAIN_DEVICE_ADDRESS_TYPE_PCI,
    VT_DOMAIN_DEVICE_ADDRESS_TYPE_CCW,
    VT_DOMAIN_DEVICE_ADDRESS_TYPE_SIMPLE,  /* drive, usb, isa, ...: numbers */
    VT_DOMAIN_DEVICE_ADDRESS_TYPE_OTHER,   /* dimm: kept as written */
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
    /* the <zpci> of a PCI address (s390) */
    unsigned int zpciUid;
    bool zpciUidSet;
    unsigned int zpciFid;
    bool zpciFidSet;
    /* CCW: all three, or none (ccwAssigned false) */
    unsigned int ccwCssid;
    unsigned int ccwSsid;
    unsigned int ccwDevno;
    bool ccwAssigned;
    /* SIMPLE: the type, its attributes in its order, a USB port */
    const char *simpleType;
    unsigned long long simple[4];
    bool simpleSet[4];
    unsigned int usbPort[4];
    xmlNodePtr rawAddress;         /* other address types, a private copy */
};

void vtDomainDeviceInfoClear(vtDomainDeviceInfo *info);
/* Parse one device-info child of a device; 1 when @node was one, 0 when
 * not, -1 with an error reported. */
int vtDomainDeviceInfoParseChild(xmlNodePtr node,
                                 vtDomainDeviceInfo *info,
                                 unsigned int flags)
    G_GNUC_WARN_UNUSED_RESULT;
/* Write the part of @info that goes in the element slot @slot ("boot",
 * "alias", "rom", "acpi" or "address"). */
int vtDomainDeviceInfoFormatSlot(vtBuffer *buf,
                                 const vtDomainDeviceInfo *info,
                                 const char *slot)
    G_GNUC_WARN_UNUSED_RESULT;

/* Whether the PCI address has a <zpci> libvirt would write. */
bool vtDomainDeviceInfoHasZPCI(const vtDomainDeviceInfo *info);

/* Whether @alias would survive an inactive parse (libvirt's "ua-" rule). */
bool vtDomainDeviceAliasIsUserAlias(const char *alias);

/* The children a device keeps as written: private copies in document
 * order, written back in the device's element order, @order, where
 * the NULL slot takes the children libvirt would not know. */
GPtrArray *vtDomainExtraNew(void);
void vtDomainExtraKeep(GPtrArray *extra, xmlNodePtr node);
/* Write every kept child whose slot is @slot, in document order. */
int vtDomainExtraFormatSlot(vtBuffer *buf, GPtrArray *extra,
                            const char *const *order, size_t norder,
                            size_t slot)
    G_GNUC_WARN_UNUSED_RESULT;
