/*
 * pair.h: find the net failover pairs of a domain and check them
 *         against libvirt's rules and the pair rules
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#pragma once

#include "internal.h"
#include "check_context.h"
#include "device_name.h"
#include "domain_conf.h"
#include "finding.h"
#include "host.h"
#include "network_conf.h"

/* The kinds of primary (type='transient') devices. */
typedef enum {
    VT_TEAMING_PRIMARY_NONE = 0,
    VT_TEAMING_PRIMARY_INTERFACE_HOSTDEV,  /* <interface type='hostdev'> */
    VT_TEAMING_PRIMARY_INTERFACE_NETWORK,  /* <interface type='network'> */
    VT_TEAMING_PRIMARY_INTERFACE_OTHER,    /* any other type: refused */
    VT_TEAMING_PRIMARY_HOSTDEV,            /* plain <hostdev> */
} vtTeamingPrimaryKind;

/* The same-segment verdict of a pair. */
typedef enum {
    VT_SEGMENT_VERDICT_UNKNOWN = 0,    /* not analysed (a pair rule failed) */
    VT_SEGMENT_VERDICT_SAME,
    VT_SEGMENT_VERDICT_DIFFERENT,
    VT_SEGMENT_VERDICT_UNPROVEN,

    VT_SEGMENT_VERDICT_LAST
} vtSegmentVerdict;
VT_ENUM_DECL(vtSegmentVerdict);

typedef struct _vtTeamingPair vtTeamingPair;
struct _vtTeamingPair {
    char *alias;                      /* the standby's alias / persistent= */
    vtDomainNetDef *standby;          /* NULL when no standby matches */
    vtTeamingPrimaryKind kind;
    vtDomainNetDef *primaryNet;       /* the primary, one of these two */
    vtDomainHostdevDef *primaryHostdev;
    bool ruleError;                   /* a pair rule failed */
    vtSegmentVerdict verdict;
};

typedef struct _vtTeamingPairList vtTeamingPairList;
struct _vtTeamingPairList {
    size_t npairs;
    vtTeamingPair **pairs;
};

void vtTeamingPairListFree(vtTeamingPairList *list);
G_DEFINE_AUTOPTR_CLEANUP_FUNC(vtTeamingPairList, vtTeamingPairListFree);

/*
 * The devices of @def that take part in failover, paired by alias: one
 * pair for each primary (its standby may be missing), and one for each
 * standby that no primary names (its primary is missing).
 */
vtTeamingPairList *vtTeamingPairsFind(const vtDomainDef *def);

/* How a pair's devices are named in messages (see device_name.h). */
char *vtTeamingPrimaryName(const vtTeamingPair *pair);
char *vtTeamingStandbyName(const vtTeamingPair *pair);
/*
 * How findings name a device by its role, since both NICs of a pair
 * carry the same MAC: "standby ua-backup0"; a primary by its own
 * alias, else as the primary of the standby it names ("primary of
 * ua-backup0"), else by @name.  @teaming is the device's <teaming>
 * (NULL: a standby), @alias its own alias, @name its name in messages.
 */
char *vtTeamingDeviceLabel(const vtDomainNetTeamingInfo *teaming,
                           const char *alias,
                           const char *name);
char *vtTeamingNetLabel(const vtDomainNetDef *net);
char *vtTeamingHostdevLabel(const vtDomainHostdevDef *hostdev);
/* the same for the devices of @pair, also when one is missing */
char *vtTeamingStandbyLabel(const vtTeamingPair *pair);
char *vtTeamingPrimaryLabel(const vtTeamingPair *pair);
/* the MAC the primary carries: its <mac>, or NULL for a plain hostdev */
const vtMacAddr *vtTeamingPrimaryMAC(const vtTeamingPair *pair);

/*
 * libvirt's own rules for every device with <teaming> (generic and qemu
 * driver, libvirt's messages) and the pair rules: the persistent= alias
 * names a standby, the standby is virtio, one primary per standby, the
 * same MAC on both, user aliases in libvirt's "ua-" form, the primary on
 * a hostdev pool and the standby not.  Findings go to @findings; a pair
 * that breaks a rule gets ruleError.
 */
void vtTeamingPairsCheck(const vtDomainDef *def,
                         vtTeamingPairList *pairs,
                         const vtCheckContext *ctx,
                         vtFindingList *findings);

/* The network's kind in words: "a NAT network", "a hostdev pool", ... */
const char *vtTeamingNetworkKindString(const vtNetworkDef *def);
