/*
 * backend.h: realize a plug on the kernel (macvtap, tap on a bridge, VF
 * MAC/VLAN, vfio-pci binding) and undo it
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 *
 * Independent of the allocator: callers pass plain values.  Every
 * function that changes the host returns a vtBackendRecord saying what
 * it created or changed and what to put back; the record formats to XML
 * for the state dir and parses back, and vtBackendUndo() reverses it.
 */

#pragma once

#include "internal.h"
#include "netdev_conf.h"
#include "vtbuffer.h"
#include "vtenum.h"
#include "vtmacaddr.h"
#include "vtpci.h"
#include "vtxml.h"

typedef enum {
    VT_BACKEND_KIND_MACVTAP,
    VT_BACKEND_KIND_TAP,
    VT_BACKEND_KIND_VF_CONFIG,
    VT_BACKEND_KIND_VFIO_BIND,

    VT_BACKEND_KIND_LAST
} vtBackendKind;

VT_ENUM_DECL(vtBackendKind);

VT_ENUM_DECL(vtNetDevMacVLanMode);

typedef struct _vtBackendRecord vtBackendRecord;
struct _vtBackendRecord {
    vtBackendKind kind;

    /* macvtap, tap: the link created, and the MAC given to it */
    char *ifname;
    vtMacAddr mac;
    char *linkdev;                /* macvtap: the lower device */
    vtNetDevMacVLanMode mode;    /* macvtap */
    char *bridge;                 /* tap: the bridge it was attached to */
    uint32_t group;               /* macvtap, tap: its link group, 0: default */

    /* vf-config: mac and vlan above/below are what was programmed */
    char *pf;
    int vf;
    int vlan;                     /* -1: not set */
    vtMacAddr savedMac;           /* the VF's MAC and VLAN before */
    int savedVlan;

    /* vfio-bind */
    vtPCIDeviceAddress addr;
    char *savedDriver;            /* the driver bound before, NULL if none */
};

vtBackendRecord *vtBackendRecordNew(vtBackendKind kind);
void vtBackendRecordFree(vtBackendRecord *rec);
G_DEFINE_AUTOPTR_CLEANUP_FUNC(vtBackendRecord, vtBackendRecordFree);

int vtBackendCreateMacvtap(const char *linkdev,
                           const vtMacAddr *mac,
                           int mode,
                           const char *ifnameTemplate,
                           uint32_t group,
                           vtBackendRecord **rec,
                           int *tapfd)
    G_GNUC_WARN_UNUSED_RESULT;

int vtBackendCreateBridgeTap(const char *bridge,
                             const vtMacAddr *guestmac,
                             uint32_t group,
                             vtBackendRecord **rec)
    G_GNUC_WARN_UNUSED_RESULT;

void vtBackendBridgeTapMAC(const vtMacAddr *guestmac,
                           vtMacAddr *tapmac);

int vtBackendSendVFConfig(const char *pf,
                          int vf,
                          const vtMacAddr *mac,
                          int vlan)
    G_GNUC_WARN_UNUSED_RESULT;

int vtBackendGetVFConfig(const char *pf,
                         int vf,
                         vtMacAddr *mac,
                         int *vlan)
    G_GNUC_WARN_UNUSED_RESULT;

int vtBackendSetVFConfig(const char *pf,
                         int vf,
                         const vtMacAddr *mac,
                         int vlan,
                         vtBackendRecord **rec)
    G_GNUC_WARN_UNUSED_RESULT;

int vtBackendBindVFIO(const char *sysfsRoot,
                      const vtPCIDeviceAddress *addr,
                      vtBackendRecord **rec)
    G_GNUC_WARN_UNUSED_RESULT;

int vtBackendUndo(const vtBackendRecord *rec,
                  const char *sysfsRoot)
    G_GNUC_WARN_UNUSED_RESULT;

int vtBackendPickLinkGroup(const unsigned char *seed,
                           size_t seedlen,
                           uint32_t *group)
    G_GNUC_WARN_UNUSED_RESULT;
int vtBackendUndoLinkGroup(uint32_t group,
                           const char *const *ifnames)
    G_GNUC_WARN_UNUSED_RESULT;

int vtBackendRecordFormatBuf(vtBuffer *buf,
                             const vtBackendRecord *rec);
char *vtBackendRecordFormat(const vtBackendRecord *rec);
vtBackendRecord *vtBackendRecordParseNode(xmlNodePtr node,
                                          xmlXPathContextPtr ctxt);
vtBackendRecord *vtBackendRecordParseString(const char *xmlStr);
