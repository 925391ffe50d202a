/*
 * qemu_args.c: -netdev / -device for failover pairs
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 *
 * libvirt (qemuBuildNicDevProps, qemuBuildPCIHostdevDevProps) adds
 * "failover":true to the standby's virtio-net-pci device and
 * "failover_pair_id":ALIAS to the primary's vfio-pci device.  Device
 * ids follow qemuAssignDeviceAliases: a user alias is kept; otherwise
 * interfaces are netN, except those whose actual type is hostdev, which
 * take hostdevN like the plain hostdevs after them.
 */

#include <config.h>

#include "qemu_args.h"
#include "vtjson.h"
#include "vterror.h"


/* the N of "PREFIXN", or -1 */
static int
vtQemuAliasIndex(const char *alias, const char *prefix)
{
    unsigned int idx;
    const char *p;

    if (!alias || !STRPREFIX(alias, prefix))
        return -1;
    p = alias + strlen(prefix);
    if (!*p)
        return -1;
    for (idx = 0; *p; p++) {
        if (!g_ascii_isdigit(*p) || idx > 100000)
            return -1;
        idx = idx * 10 + (*p - '0');
    }
    return idx;
}


static int
vtQemuNextIndex(GPtrArray *aliases, const char *prefix)
{
    int next = 0;
    size_t i;

    for (i = 0; i < aliases->len; i++) {
        int idx = vtQemuAliasIndex(g_ptr_array_index(aliases, i), prefix);
        if (idx >= next)
            next = idx + 1;
    }
    return next;
}


/* the bus name libvirt gives PCI bus @bus of the machine */
static char *
vtQemuBusName(const vtDomainDef *def, unsigned int bus)
{
    g_autofree char *machine = NULL;

    if (bus == 0 && def->doc) {
        xmlXPathContextPtr ctxt = xmlXPathNewContext(def->doc);

        if (ctxt) {
            ctxt->node = xmlDocGetRootElement(def->doc);
            machine = vtXPathString("string(/domain/os/type/@machine)", ctxt);
            xmlXPathFreeContext(ctxt);
        }
        if (machine && (STRPREFIX(machine, "q35") || strstr(machine, "-q35")))
            return g_strdup("pcie.0");
    }
    return g_strdup_printf("pci.%u", bus);
}


static void
vtQemuAddPCIAddress(vtJSONWriter *w,
                    const vtDomainDef *def,
                    const vtDomainDeviceInfo *info)
{
    g_autofree char *bus = NULL;
    g_autofree char *addr = NULL;

    if (info->addrType != VT_DOMAIN_DEVICE_ADDRESS_TYPE_PCI)
        return;

    bus = vtQemuBusName(def, info->addr.bus);
    if (info->addr.function)
        addr = g_strdup_printf("0x%x.0x%x", info->addr.slot, info->addr.function);
    else
        addr = g_strdup_printf("0x%x", info->addr.slot);
    vtJSONKeyString(w, "bus", bus);
    vtJSONKeyString(w, "addr", addr);
    if (info->multi == VT_TRISTATE_SWITCH_ON)
        vtJSONKeyBool(w, "multifunction", true);
}


/* @opt and the JSON of @w, as two elements of @args */
static void
vtQemuArg(GPtrArray *args, const char *opt, vtJSONWriter *w)
{
    char *json = vtJSONWriterFinish(w);

    g_ptr_array_add(args, g_strdup(opt));
    g_ptr_array_add(args, g_strchomp(json));
}


static const vtTeamingPair *
vtQemuFindPairOfStandby(const vtTeamingPairList *pairs,
                        const vtDomainNetDef *net,
                        size_t *idx)
{
    size_t i;

    for (i = 0; i < pairs->npairs; i++) {
        if (pairs->pairs[i]->standby == net) {
            *idx = i;
            return pairs->pairs[i];
        }
    }
    return NULL;
}


static const vtTeamingPair *
vtQemuFindPairOfPrimary(const vtTeamingPairList *pairs,
                        const vtDomainNetDef *net,
                        const vtDomainHostdevDef *hostdev,
                        size_t *idx)
{
    size_t i;

    for (i = 0; i < pairs->npairs; i++) {
        if ((net && pairs->pairs[i]->primaryNet == net) ||
            (hostdev && pairs->pairs[i]->primaryHostdev == hostdev)) {
            *idx = i;
            return pairs->pairs[i];
        }
    }
    return NULL;
}


/* the vfio-pci -device of a primary */
static void
vtQemuAddVFIO(const vtDomainDef *def,
              const vtTeamingPair *pair,
              const vtSegmentSide *side,
              const char *id,
              const vtDomainDeviceInfo *info,
              GPtrArray *lines,
              vtFindingList *findings)
{
    g_autoptr(vtJSONWriter) w = vtJSONWriterNew(false);
    g_autofree char *host = NULL;
    g_autofree char *name = vtTeamingPrimaryLabel(pair);

    if (side->type != VT_SEGMENT_BACKEND_VF) {
        g_autofree char *what = vtSegmentSideDescribe(side);

        vtFindingAdd(findings, VT_FINDING_ERROR,
                     "args-primary-unresolved", name,
                     _("QEMU needs the VF's PCI address to pass it to the guest"),
                     _("run 'virt-teaming validate' on this domain and fix what it reports"),
                     _("no VF for the primary: %1$s"),
                     side->problem ? side->problem : what);
        return;
    }

    host = vtPCIDeviceAddressAsString(&side->vf);
    vtJSONBeginObject(w);
    vtJSONKeyString(w, "driver", "vfio-pci");
    vtJSONKeyString(w, "host", host);
    vtJSONKeyString(w, "id", id);
    if (pair->alias)
        vtJSONKeyString(w, "failover_pair_id", pair->alias);
    vtQemuAddPCIAddress(w, def, info);
    vtJSONEndObject(w);
    vtQemuArg(lines, "-device", w);
}


void
vtQemuBuildTeamingArgs(const vtDomainDef *def,
                       const vtTeamingPairList *pairs,
                       const vtSegmentSide *standbys,
                       const vtSegmentSide *primaries,
                       GPtrArray *lines,
                       vtFindingList *findings)
{
    g_autoptr(GPtrArray) netIds = g_ptr_array_new_with_free_func(g_free);
    g_autoptr(GPtrArray) hostdevIds = g_ptr_array_new_with_free_func(g_free);
    g_autoptr(GPtrArray) taken = g_ptr_array_new();
    size_t i;
    size_t idx;

    /* ids, as qemuAssignDeviceAliases gives them */
    for (i = 0; i < def->nnets; i++) {
        const char *alias = vtDomainNetGetAlias(def->nets[i]);
        if (alias)
            g_ptr_array_add(taken, (gpointer)alias);
    }
    for (i = 0; i < def->nhostdevs; i++) {
        const char *alias = vtDomainHostdevGetAlias(def->hostdevs[i]);
        if (alias)
            g_ptr_array_add(taken, (gpointer)alias);
    }
    for (i = 0; i < def->nnets; i++) {
        const vtDomainNetDef *net = def->nets[i];
        const vtTeamingPair *pair;
        bool isHostdev = net->type == VT_DOMAIN_NET_TYPE_HOSTDEV;
        char *id;

        if (!isHostdev &&
            (pair = vtQemuFindPairOfPrimary(pairs, net, NULL, &idx)))
            isHostdev = primaries[idx].type == VT_SEGMENT_BACKEND_VF;

        if (vtDomainNetGetAlias(net))
            id = g_strdup(vtDomainNetGetAlias(net));
        else if (isHostdev)
            id = g_strdup_printf("hostdev%d", vtQemuNextIndex(taken, "hostdev"));
        else
            id = g_strdup_printf("net%d", vtQemuNextIndex(taken, "net"));
        g_ptr_array_add(netIds, id);
        if (!vtDomainNetGetAlias(net))
            g_ptr_array_add(taken, id);
    }
    for (i = 0; i < def->nhostdevs; i++) {
        const char *alias = vtDomainHostdevGetAlias(def->hostdevs[i]);
        char *id;

        if (alias)
            id = g_strdup(alias);
        else
            id = g_strdup_printf("hostdev%d", vtQemuNextIndex(taken, "hostdev"));
        g_ptr_array_add(hostdevIds, id);
        if (!alias)
            g_ptr_array_add(taken, id);
    }

    /* the standbys: -netdev and -device, in interface order */
    for (i = 0; i < def->nnets; i++) {
        const vtDomainNetDef *net = def->nets[i];
        const char *id = g_ptr_array_index(netIds, i);
        g_autoptr(vtJSONWriter) nw = NULL;
        g_autoptr(vtJSONWriter) dw = NULL;
        g_autofree char *netdevId = NULL;
        const vtSegmentSide *side;
        char mac[VT_MAC_STRING_BUFLEN];

        if (!vtQemuFindPairOfStandby(pairs, net, &idx))
            continue;
        side = &standbys[idx];
        netdevId = g_strdup_printf("host%s", id);

        nw = vtJSONWriterNew(false);
        vtJSONBeginObject(nw);
        switch (side->type) {
        case VT_SEGMENT_BACKEND_USER:
            vtJSONKeyString(nw, "type", "user");
            break;
        case VT_SEGMENT_BACKEND_MACVTAP:
        case VT_SEGMENT_BACKEND_BRIDGE:
        case VT_SEGMENT_BACKEND_NETWORK:
            vtJSONKeyString(nw, "type", "tap");
            vtJSONKeyString(nw, "fd", VT_QEMU_ARGS_TAPFD);
            vtJSONKeyBool(nw, "vhost", true);
            vtJSONKeyString(nw, "vhostfd", VT_QEMU_ARGS_VHOSTFD);
            break;
        case VT_SEGMENT_BACKEND_NONE:
        case VT_SEGMENT_BACKEND_VF:
        case VT_SEGMENT_BACKEND_OTHER:
        case VT_SEGMENT_BACKEND_LAST: {
            g_autofree char *name = vtTeamingNetLabel(net);
            const char *why = side->problem;

            if (!why && side->type == VT_SEGMENT_BACKEND_VF)
                why = _("its network gives a VF, not a virtio backend");
            if (!why)
                why = _("this kind of interface is not written by this tool");
            vtFindingAdd(findings, VT_FINDING_WARNING,
                         "args-standby-unsupported", name,
                         _("only user, tap (bridge, network) and macvtap standbys are written here"),
                         _("run 'virt-teaming validate' on this domain and fix what it reports"),
                         _("no -netdev for <interface type='%1$s'>: %2$s"),
                         vtDomainNetTypeToString(net->type), why);
            continue;
        }
        }
        vtJSONKeyString(nw, "id", netdevId);
        vtJSONEndObject(nw);
        vtQemuArg(lines, "-netdev", nw);

        dw = vtJSONWriterNew(false);
        vtJSONBeginObject(dw);
        vtJSONKeyString(dw, "driver", "virtio-net-pci");
        vtJSONKeyBool(dw, "failover", true);
        vtJSONKeyString(dw, "netdev", netdevId);
        vtJSONKeyString(dw, "id", id);
        vtJSONKeyString(dw, "mac", vtMacAddrFormat(vtDomainNetGetMAC(net), mac));
        if (net->mtu)
            vtJSONKeyInt(dw, "host_mtu", net->mtu);
        vtQemuAddPCIAddress(dw, def, &net->info);
        vtJSONEndObject(dw);
        vtQemuArg(lines, "-device", dw);
    }

    /* the primaries, in libvirt's hostdev order: interfaces of type
     * hostdev (parsed with the interfaces), the plain hostdevs, then
     * those a hostdev network gave at start-up */
    for (i = 0; i < def->nnets; i++) {
        const vtDomainNetDef *net = def->nets[i];
        const vtTeamingPair *pair;

        if (net->type != VT_DOMAIN_NET_TYPE_HOSTDEV ||
            !(pair = vtQemuFindPairOfPrimary(pairs, net, NULL, &idx)))
            continue;
        vtQemuAddVFIO(def, pair, &primaries[idx], g_ptr_array_index(netIds, i),
                      &net->info, lines, findings);
    }
    for (i = 0; i < def->nhostdevs; i++) {
        const vtTeamingPair *pair;

        if (!(pair = vtQemuFindPairOfPrimary(pairs, NULL, def->hostdevs[i], &idx)))
            continue;
        vtQemuAddVFIO(def, pair, &primaries[idx], g_ptr_array_index(hostdevIds, i),
                      &def->hostdevs[i]->info, lines, findings);
    }
    for (i = 0; i < def->nnets; i++) {
        const vtDomainNetDef *net = def->nets[i];
        const vtTeamingPair *pair;

        if (net->type == VT_DOMAIN_NET_TYPE_HOSTDEV ||
            !(pair = vtQemuFindPairOfPrimary(pairs, net, NULL, &idx)))
            continue;
        vtQemuAddVFIO(def, pair, &primaries[idx], g_ptr_array_index(netIds, i),
                      &net->info, lines, findings);
    }
}
