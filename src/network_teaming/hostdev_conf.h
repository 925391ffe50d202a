/*
 * hostdev_conf.h: <hostdev> with <teaming>, and the PCI host device it
 *                 shares with <interface type='hostdev'> and <actual>
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#pragma once

#include "internal.h"
#include "device_conf.h"
#include "netdev_conf.h"
#include "vtbuffer.h"
#include "vtpci.h"
#include "vtxml.h"

/* The PCI host device, shared by <hostdev> and <interface type='hostdev'>
 * and <actual type='hostdev'> */
typedef struct _vtDomainHostdevSubsysPCI vtDomainHostdevSubsysPCI;
struct _vtDomainHostdevSubsysPCI {
    vtTristateBool managed;
    vtDeviceHostdevPCIDriverName backend;   /* <driver name=> */
    char *driverModel;                              /* <driver model=> */
    vtPCIDeviceAddress addr;                        /* <source><address> */
};

/* <driver name= model=> */
int vtDomainHostdevSubsysPCIDriverParse(xmlNodePtr node,
                                        vtDomainHostdevSubsysPCI *pci)
    G_GNUC_WARN_UNUSED_RESULT;
/* <source><address .../></source>; a missing <address> is all zeroes,
 * as in libvirt */
int vtDomainHostdevSubsysPCISourceParse(xmlNodePtr node,
                                        vtDomainHostdevSubsysPCI *pci)
    G_GNUC_WARN_UNUSED_RESULT;
/* <driver> when not the default, then <source> */
void vtDomainHostdevSubsysPCIFormat(vtBuffer *buf,
                                    const vtDomainHostdevSubsysPCI *pci,
                                    bool includeTypeInAddr);
void vtDomainHostdevSubsysPCIClear(vtDomainHostdevSubsysPCI *pci);

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

vtDomainHostdevDef *vtDomainHostdevDefParseNode(xmlNodePtr node,
                                                unsigned int flags);
int vtDomainHostdevDefFormat(vtBuffer *buf,
                             const vtDomainHostdevDef *def,
                             unsigned int flags);
int vtDomainHostdevDefValidate(const vtDomainHostdevDef *def);

/* Accessors for the allocator and the pair checker. */
const char *vtDomainHostdevGetAlias(const vtDomainHostdevDef *def);
const char *vtDomainHostdevGetDroppedAlias(const vtDomainHostdevDef *def);
const vtDomainNetTeamingInfo *vtDomainHostdevGetTeaming(const vtDomainHostdevDef *def);
/* the <source><address> of a PCI hostdev, or NULL */
const vtPCIDeviceAddress *vtDomainHostdevGetPCIAddress(const vtDomainHostdevDef *def);
