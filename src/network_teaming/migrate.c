/*
 * migrate.c: migration readiness of failover pairs on a destination
 *            host
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 *
 * Migration keeps the domain XML: the destination must define the
 * pair's networks under the same names with compatible types, its
 * hostdev pool must have a free VF, and the pair must reach one
 * segment there too, with the same VLANs as here.
 */

#include <config.h>

#include "migrate.h"
#include "vterror.h"

VT_ENUM_IMPL(vtMigrateVerdict,
             VT_MIGRATE_VERDICT_LAST,
             "ready",
             "unproven",
             "not-ready",
);


/* the kind of a network, as far as failover cares */
typedef enum {
    VT_MIGRATE_NET_IP,        /* none, nat, route, open */
    VT_MIGRATE_NET_BRIDGE,    /* a host bridge */
    VT_MIGRATE_NET_MACVTAP,   /* direct */
    VT_MIGRATE_NET_HOSTDEV,   /* a VF pool */
} vtMigrateNetKind;


static vtMigrateNetKind
vtMigrateNetKindOf(const vtNetworkDef *def)
{
    if (def->forward.type == VT_NETWORK_FORWARD_HOSTDEV)
        return VT_MIGRATE_NET_HOSTDEV;
    if (vtNetworkDefForwardUsesIP(def))
        return VT_MIGRATE_NET_IP;
    if (def->forward.type == VT_NETWORK_FORWARD_BRIDGE && def->bridge)
        return VT_MIGRATE_NET_BRIDGE;
    return VT_MIGRATE_NET_MACVTAP;
}


static void
vtMigrateCheckNetwork(const vtDomainNetDef *net,
                      const char *name,
                      vtCheckContext *srcCtx,
                      vtCheckContext *dstCtx,
                      vtFindingList *findings)
{
    const char *netname;
    vtNetworkDef *src;
    vtNetworkDef *dst;

    if (!net || net->type != VT_DOMAIN_NET_TYPE_NETWORK)
        return;
    netname = vtDomainNetGetNetworkName(net);
    src = srcCtx ? vtCheckContextFindNetwork(srcCtx, netname) : NULL;
    dst = vtCheckContextFindNetwork(dstCtx, netname);

    if (!dst) {
        g_autofree char *hint = g_strdup_printf(_("define a network named '%1$s' on the destination (virsh net-dumpxml %1$s here, adapt the device names, virsh net-define there) and start it"),
                                                NULLSTR(netname));

        vtFindingAdd(findings, VT_FINDING_ERROR,
                     "migrate-network-missing", name,
                     _("migration keeps the domain XML, so the destination must have a network of the same name"),
                     hint,
                     _("network '%1$s' is not defined on the destination"),
                     NULLSTR(netname));
        return;
    }
    if (!src)
        return;

    if (vtMigrateNetKindOf(src) != vtMigrateNetKindOf(dst)) {
        vtMigrateNetKind a = vtMigrateNetKindOf(src);
        vtMigrateNetKind b = vtMigrateNetKindOf(dst);
        bool bothOK = (a == VT_MIGRATE_NET_BRIDGE || a == VT_MIGRATE_NET_MACVTAP) &&
                      (b == VT_MIGRATE_NET_BRIDGE || b == VT_MIGRATE_NET_MACVTAP);

        vtFindingAdd(findings, bothOK ? VT_FINDING_WARNING : VT_FINDING_ERROR,
                     bothOK ? "migrate-network-type-differs" : "migrate-network-incompatible",
                     name,
                     bothOK ?
                     _("both reach the physical network, but the guest's device is built differently on the two hosts") :
                     _("the device the guest gets on the destination is of another kind than here, so the pair does not come up the same way"),
                     _("define the network with the same forward mode on both hosts"),
                     _("network '%1$s' is %2$s here but %3$s on the destination"),
                     netname, vtTeamingNetworkKindString(src),
                     vtTeamingNetworkKindString(dst));
    }
}


static char *
vtMigrateVlanString(const vtNetDevVlan *vlan)
{
    g_autoptr(GString) out = g_string_new(NULL);
    size_t i;

    if (vlan->nTags == 0)
        return g_strdup(_("none"));
    for (i = 0; i < vlan->nTags; i++)
        g_string_append_printf(out, "%s%u", i ? "," : "", vlan->tag[i]);
    return g_string_free(g_steal_pointer(&out), FALSE);
}


static void
vtMigrateCheckVlan(const vtSegmentSide *src,
                   const vtSegmentSide *dst,
                   const char *name,
                   vtFindingList *findings)
{
    g_autofree char *a = NULL;
    g_autofree char *b = NULL;

    if (vtNetDevVlanEqual(&src->vlan, &dst->vlan))
        return;
    a = vtMigrateVlanString(&src->vlan);
    b = vtMigrateVlanString(&dst->vlan);
    vtFindingAdd(findings, VT_FINDING_ERROR,
                 "migrate-vlan-differs", name,
                 _("after migration the guest would land in another VLAN and lose its network"),
                 _("give the network (or its portgroup) the same <vlan> on both hosts"),
                 _("VLAN %1$s here but %2$s on the destination"),
                 a, b);
}



/* The verdict of what was found about one device or pair (@local), which
 * then joins @findings. */
static vtMigrateVerdict
vtMigrateVerdictOf(vtFindingList *local, vtFindingList *findings)
{
    vtMigrateVerdict ret = VT_MIGRATE_VERDICT_READY;

    if (vtFindingListCount(local, VT_FINDING_ERROR) > 0)
        ret = VT_MIGRATE_VERDICT_NOT_READY;
    else if (vtFindingListCount(local, VT_FINDING_WARNING) > 0)
        ret = VT_MIGRATE_VERDICT_UNPROVEN;
    vtFindingListAppend(findings, local);
    return ret;
}


/**
 * vtMigrateCheckLoneStandby:
 * @standby: a standby no primary names
 * @name: how it is named in messages
 * @srcCtx, @dstCtx: as for vtMigrateCheckPair()
 * @findings: where the findings go
 *
 * A lone standby is an ordinary virtio NIC, but its network must still
 * exist on the destination, under the same name and of a compatible
 * kind.
 *
 * Returns its migration verdict.
 */
vtMigrateVerdict
vtMigrateCheckLoneStandby(const vtDomainNetDef *standby,
                          const char *name,
                          vtCheckContext *srcCtx,
                          vtCheckContext *dstCtx,
                          vtFindingList *findings)
{
    g_autoptr(vtFindingList) local = vtFindingListNew();

    vtMigrateCheckNetwork(standby, name, srcCtx, dstCtx, local);
    return vtMigrateVerdictOf(local, findings);
}


/**
 * vtMigrateCheckPair:
 * @pair: the pair
 * @standbyName, @primaryName: how the devices are named in messages
 * @srcCtx, @dstCtx: this host and the destination; @srcCtx is NULL
 *                  when the source is unknown (the destination checks
 *                  an incoming domain): only the destination's half runs
 * @srcStandby, @srcPrimary: the pair's sides here, or NULL (unknown)
 * @dstStandby, @dstPrimary: the pair's sides on the destination,
 *                           resolved from the destination allocator's
 *                           dry run
 * @verdict: set to the same-segment verdict on the destination
 * @findings: where the findings go (their messages say "on the
 *            destination")
 *
 * Can the pair come up on the destination?  Its networks must exist
 * there with a compatible kind, the pair must reach one segment there,
 * with the same VLANs as here.
 *
 * Returns the pair's migration verdict.
 */
vtMigrateVerdict
vtMigrateCheckPair(const vtTeamingPair *pair,
                   const char *standbyName,
                   const char *primaryName,
                   vtCheckContext *srcCtx,
                   vtCheckContext *dstCtx,
                   const vtSegmentSide *srcStandby,
                   const vtSegmentSide *srcPrimary,
                   const vtSegmentSide *dstStandby,
                   const vtSegmentSide *dstPrimary,
                   vtSegmentVerdict *verdict,
                   vtFindingList *findings)
{
    g_autoptr(vtFindingList) local = vtFindingListNew();
    g_autoptr(vtFindingList) there = vtFindingListNew();
    size_t j;

    *verdict = VT_SEGMENT_VERDICT_UNKNOWN;
    if (!pair->standby || !(pair->primaryNet || pair->primaryHostdev))
        return VT_MIGRATE_VERDICT_NOT_READY;

    vtMigrateCheckNetwork(pair->standby, standbyName, srcCtx, dstCtx, local);
    vtMigrateCheckNetwork(pair->primaryNet, primaryName, srcCtx, dstCtx, local);

    if (!vtFindingListHasCode(local, "migrate-network-missing")) {
        *verdict = vtSegmentCheckPair(dstCtx, pair, dstStandby, dstPrimary, there);
        for (j = 0; j < there->items->len; j++) {
            vtFinding *f = g_ptr_array_index(there->items, j);
            char *msg = g_strdup_printf(_("on the destination: %1$s"), f->message);

            g_free(f->message);
            f->message = msg;
            /* a fixed VF must exist there: the XML names it */
            if (STREQ(f->code, "teaming-vf-missing")) {
                f->severity = VT_FINDING_ERROR;
                g_free(f->hint);
                f->hint = g_strdup(_("the domain names the VF by PCI address, so the same address must be a free VF on the destination; put the primary on a hostdev pool network instead, so each host picks its own VF"));
            }
        }
        vtFindingListAppend(local, there);

        if (srcStandby && srcStandby->type != VT_SEGMENT_BACKEND_NONE &&
            dstStandby->type != VT_SEGMENT_BACKEND_NONE)
            vtMigrateCheckVlan(srcStandby, dstStandby, standbyName, local);
        if (srcPrimary && srcPrimary->type != VT_SEGMENT_BACKEND_NONE &&
            dstPrimary->type != VT_SEGMENT_BACKEND_NONE)
            vtMigrateCheckVlan(srcPrimary, dstPrimary, primaryName, local);
    }

    return vtMigrateVerdictOf(local, findings);
}
