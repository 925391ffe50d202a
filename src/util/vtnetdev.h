/*
 * vtnetdev.h: generic network device operations
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 *
 * Which names can be interface names (the kernel's rules, checked
 * before a name reaches a sysfs path or a netlink message); existence,
 * ifindex, state, MTU, MAC and master of a link; libvirt's
 * generated names (vnet%d, macvtap%d, macvlan%d); tap devices from
 * /dev/net/tun; opening a macvtap's character device safely.
 */

#pragma once

#include <stdint.h>

#include "internal.h"
#include "vtifname.h"
#include "vtmacaddr.h"

#define VT_NET_GENERATED_VNET_PREFIX "vnet"
#define VT_NET_GENERATED_MACVTAP_PREFIX "macvtap"
#define VT_NET_GENERATED_MACVLAN_PREFIX "macvlan"

typedef enum {
    VT_NET_DEV_GEN_NAME_VNET,
    VT_NET_DEV_GEN_NAME_MACVTAP,
    VT_NET_DEV_GEN_NAME_MACVLAN,

    VT_NET_DEV_GEN_NAME_LAST
} vtNetDevGenNameType;


int vtNetDevExists(const char *ifname) G_GNUC_WARN_UNUSED_RESULT;
int vtNetDevGetIndex(const char *ifname, int *ifindex) G_GNUC_WARN_UNUSED_RESULT;
int vtNetDevSetOnline(const char *ifname, bool online) G_GNUC_WARN_UNUSED_RESULT;
int vtNetDevGetOnline(const char *ifname, bool *online) G_GNUC_WARN_UNUSED_RESULT;
int vtNetDevGetMTU(const char *ifname, unsigned int *mtu) G_GNUC_WARN_UNUSED_RESULT;
int vtNetDevSetMTU(const char *ifname, unsigned int mtu) G_GNUC_WARN_UNUSED_RESULT;
int vtNetDevGetMAC(const char *ifname, vtMacAddr *mac) G_GNUC_WARN_UNUSED_RESULT;
int vtNetDevSetMAC(const char *ifname, const vtMacAddr *mac) G_GNUC_WARN_UNUSED_RESULT;
int vtNetDevSetMaster(const char *ifname, const char *master) G_GNUC_WARN_UNUSED_RESULT;
int vtNetDevSetGroup(const char *ifname, uint32_t group) G_GNUC_WARN_UNUSED_RESULT;
int vtNetDevDelete(const char *ifname, bool allowMissing) G_GNUC_WARN_UNUSED_RESULT;
int vtNetDevDeleteGroup(uint32_t group, bool allowMissing) G_GNUC_WARN_UNUSED_RESULT;

int vtNetDevGenerateName(char **ifname, vtNetDevGenNameType type)
    G_GNUC_WARN_UNUSED_RESULT;
void vtNetDevResetGeneratedNames(void);

typedef enum {
    VT_NETDEV_TAP_CREATE_VNET_HDR = 1 << 0,  /* IFF_VNET_HDR */
    VT_NETDEV_TAP_CREATE_PERSIST = 1 << 1,   /* TUNSETPERSIST */
    VT_NETDEV_TAP_CREATE_ALLOW_EXISTING = 1 << 2, /* attach to an existing tap */
} vtNetDevTapCreateFlags;

int vtNetDevTapCreate(char **ifname, int *tapfd, unsigned int flags)
    G_GNUC_WARN_UNUSED_RESULT;

typedef enum {
    /* refuse, instead of opening a private node, when /dev/tapN is wrong */
    VT_NETDEV_MACVTAP_OPEN_NO_PRIVATE_NODE = 1 << 0,
} vtNetDevMacVTapOpenFlags;

int vtNetDevMacVTapGetDevNum(const char *ifname, int ifindex, dev_t *devnum)
    G_GNUC_WARN_UNUSED_RESULT;
int vtNetDevMacVTapOpen(const char *ifname, unsigned int flags)
    G_GNUC_WARN_UNUSED_RESULT;
int vtNetDevSetVnetHdr(int tapfd, bool vnetHdr) G_GNUC_WARN_UNUSED_RESULT;
