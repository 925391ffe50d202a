/*
 * vtnetlink.h: rtnetlink requests through libnl
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 *
 * Small wrappers around libnl (netlink-3 and netlink-route-3) that build
 * the RTM_NEWLINK / RTM_DELLINK / RTM_SETLINK / RTM_GETLINK requests the
 * backends need and exchange them with the kernel.  Message building is
 * kept apart from sending so that tests can parse a built message back.
 *
 * Kernel refusals are returned as an errno value in *error without being
 * reported, so that the caller can report them with its own message (as
 * libvirt's virNetlinkNewLink does); every other failure is reported.
 */

#pragma once

#include "internal.h"
#include "vtmacaddr.h"

#include <stdint.h>

#include <netlink/msg.h>
#include <netlink/attr.h>

typedef struct nl_msg vtNetlinkMsg;
G_DEFINE_AUTOPTR_CLEANUP_FUNC(vtNetlinkMsg, nlmsg_free);

/* The data of a new link (libvirt's virNetlinkNewLinkData). */
typedef struct _vtNetlinkNewLinkData vtNetlinkNewLinkData;
struct _vtNetlinkNewLinkData {
    int ifindex;             /* IFLA_LINK: the lower device, 0 for none */
    const uint32_t *macvlan_mode; /* IFLA_MACVLAN_MODE, NULL for none */
    const vtMacAddr *mac;    /* IFLA_ADDRESS, NULL for none */
    uint32_t group;          /* IFLA_GROUP, 0 for the default group */
};

/* Changes applied to an existing link with vtNetlinkSetLink(). */
typedef struct _vtNetlinkLinkChange vtNetlinkLinkChange;
struct _vtNetlinkLinkChange {
    bool setUp;              /* change IFF_UP to @up */
    bool up;
    unsigned int mtu;        /* IFLA_MTU, 0: unchanged */
    const vtMacAddr *mac;    /* IFLA_ADDRESS, NULL: unchanged */
    int master;              /* IFLA_MASTER: > 0 ifindex, 0 unchanged, -1 release */
    uint32_t group;          /* IFLA_GROUP, 0: unchanged */
};

/* One link of a dump (vtNetlinkListLinks()). */
typedef struct _vtNetlinkLinkSummary vtNetlinkLinkSummary;
struct _vtNetlinkLinkSummary {
    int ifindex;
    char *name;
    uint32_t group;
};

void vtNetlinkLinkSummaryListFree(vtNetlinkLinkSummary *links, size_t nlinks);

/* What the kernel reports about one VF (IFLA_VF_MAC / IFLA_VF_VLAN). */
typedef struct _vtNetlinkVFInfo vtNetlinkVFInfo;
struct _vtNetlinkVFInfo {
    int vf;
    vtMacAddr mac;
    int vlan;
    int qos;
};

struct nl_msg *vtNetlinkBuildNewLink(const char *ifname,
                                     const char *kind,
                                     const vtNetlinkNewLinkData *data);
struct nl_msg *vtNetlinkBuildSetLink(int ifindex,
                                     const vtNetlinkLinkChange *change);
struct nl_msg *vtNetlinkBuildSetVFConfig(int ifindex,
                                         int vf,
                                         const vtMacAddr *mac,
                                         int vlan);
struct nl_msg *vtNetlinkBuildGetLink(int ifindex,
                                     uint32_t extMask);

int vtNetlinkCommand(struct nl_msg *msg,
                     struct nl_msg **reply,
                     int *error)
    G_GNUC_WARN_UNUSED_RESULT;

int vtNetlinkNewLink(const char *ifname,
                     const char *kind,
                     const vtNetlinkNewLinkData *data,
                     int *error)
    G_GNUC_WARN_UNUSED_RESULT;
int vtNetlinkDelLink(const char *ifname,
                     int *error)
    G_GNUC_WARN_UNUSED_RESULT;
int vtNetlinkDelLinkGroup(uint32_t group,
                          int *error)
    G_GNUC_WARN_UNUSED_RESULT;
int vtNetlinkListLinks(vtNetlinkLinkSummary **links,
                       size_t *nlinks)
    G_GNUC_WARN_UNUSED_RESULT;
int vtNetlinkSetLink(int ifindex,
                     const vtNetlinkLinkChange *change,
                     int *error)
    G_GNUC_WARN_UNUSED_RESULT;
int vtNetlinkGetLink(int ifindex,
                     uint32_t extMask,
                     struct nl_msg **reply,
                     int *error)
    G_GNUC_WARN_UNUSED_RESULT;

int vtNetlinkParseVFInfo(struct nl_msg *reply,
                         const char *ifname,
                         int vf,
                         vtNetlinkVFInfo *info);
