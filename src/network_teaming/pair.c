/*
 * pair.c: net failover pairs and the rules a pair must follow
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#include <config.h>

#include "pair.h"
#include "vterror.h"

VT_ENUM_IMPL(vtSegmentVerdict,
             VT_SEGMENT_VERDICT_LAST,
             "unknown",
             "same",
             "different",
             "unproven",
);


static void
vtTeamingPairFree(vtTeamingPair *pair)
{
    if (!pair)
        return;
    g_free(pair->alias);
    g_free(pair);
}


void
vtTeamingPairListFree(vtTeamingPairList *list)
{
    size_t i;

    if (!list)
        return;
    for (i = 0; i < list->npairs; i++)
        vtTeamingPairFree(list->pairs[i]);
    g_free(list->pairs);
    g_free(list);
}


char *
vtTeamingPrimaryName(const vtTeamingPair *pair)
{
    if (pair->primaryNet)
        return vtDomainNetDefName(pair->primaryNet);
    if (pair->primaryHostdev)
        return vtDomainHostdevDefName(pair->primaryHostdev);
    return g_strdup(pair->alias);
}


char *
vtTeamingStandbyName(const vtTeamingPair *pair)
{
    if (pair->standby)
        return vtDomainNetDefName(pair->standby);
    if (pair->alias)
        return g_strdup(pair->alias);
    return g_strdup(_("(none)"));
}


char *
vtTeamingDeviceLabel(const vtDomainNetTeamingInfo *teaming,
                     const char *alias,
                     const char *name)
{
    if (!teaming || teaming->type != VT_DOMAIN_NET_TEAMING_TYPE_TRANSIENT)
        return g_strdup_printf(_("standby %1$s"), name);
    if (!alias && teaming->persistent)
        return g_strdup_printf(_("primary of %1$s"), teaming->persistent);
    return g_strdup_printf(_("primary %1$s"), name);
}


char *
vtTeamingNetLabel(const vtDomainNetDef *net)
{
    g_autofree char *name = vtDomainNetDefName(net);

    return vtTeamingDeviceLabel(vtDomainNetGetTeaming(net),
                                vtDomainNetGetAlias(net), name);
}


char *
vtTeamingHostdevLabel(const vtDomainHostdevDef *hostdev)
{
    g_autofree char *name = vtDomainHostdevDefName(hostdev);
    const vtDomainNetTeamingInfo *t = vtDomainHostdevGetTeaming(hostdev);

    /* a hostdev can only be a primary: one with another type says so */
    if (t && t->type != VT_DOMAIN_NET_TEAMING_TYPE_TRANSIENT)
        return g_steal_pointer(&name);
    return vtTeamingDeviceLabel(t, vtDomainHostdevGetAlias(hostdev), name);
}


char *
vtTeamingStandbyLabel(const vtTeamingPair *pair)
{
    g_autofree char *name = NULL;

    if (pair->standby)
        return vtTeamingNetLabel(pair->standby);
    name = vtTeamingStandbyName(pair);
    return vtTeamingDeviceLabel(NULL, NULL, name);
}


char *
vtTeamingPrimaryLabel(const vtTeamingPair *pair)
{
    g_autofree char *name = NULL;

    if (pair->primaryNet)
        return vtTeamingNetLabel(pair->primaryNet);
    if (pair->primaryHostdev)
        return vtTeamingHostdevLabel(pair->primaryHostdev);
    name = vtTeamingPrimaryName(pair);
    return g_strdup_printf(_("primary %1$s"), name);
}


const vtMacAddr *
vtTeamingPrimaryMAC(const vtTeamingPair *pair)
{
    if (pair->primaryNet)
        return vtDomainNetGetMAC(pair->primaryNet);
    return NULL;
}


const char *
vtTeamingNetworkKindString(const vtNetworkDef *def)
{
    switch ((vtNetworkForwardType)def->forward.type) {
    case VT_NETWORK_FORWARD_NONE:
        return _("an isolated network");
    case VT_NETWORK_FORWARD_NAT:
        return _("a NAT network");
    case VT_NETWORK_FORWARD_ROUTE:
        return _("a routed network");
    case VT_NETWORK_FORWARD_OPEN:
        return _("an open network");
    case VT_NETWORK_FORWARD_BRIDGE:
        if (def->bridge)
            return _("a network on a host bridge");
        return _("a macvtap network in bridge mode");
    case VT_NETWORK_FORWARD_PRIVATE:
        return _("a macvtap network in private mode");
    case VT_NETWORK_FORWARD_VEPA:
        return _("a macvtap network in vepa mode");
    case VT_NETWORK_FORWARD_PASSTHROUGH:
        return _("a macvtap network in passthrough mode");
    case VT_NETWORK_FORWARD_HOSTDEV:
        return _("a hostdev pool");
    case VT_NETWORK_FORWARD_LAST:
        break;
    }
    return _("a network");
}


static vtTeamingPair *
vtTeamingPairListAdd(vtTeamingPairList *list, const char *alias)
{
    vtTeamingPair *pair = g_new0(vtTeamingPair, 1);

    pair->alias = g_strdup(alias);
    list->pairs = g_renew(vtTeamingPair *, list->pairs, list->npairs + 1);
    list->pairs[list->npairs++] = pair;
    return pair;
}


static bool
vtTeamingNetIsStandby(const vtDomainNetDef *net)
{
    const vtDomainNetTeamingInfo *t = vtDomainNetGetTeaming(net);

    return t && t->type == VT_DOMAIN_NET_TEAMING_TYPE_PERSISTENT;
}


static const vtDomainNetTeamingInfo *
vtTeamingNetTransient(const vtDomainNetDef *net)
{
    const vtDomainNetTeamingInfo *t = vtDomainNetGetTeaming(net);

    if (t && t->type == VT_DOMAIN_NET_TEAMING_TYPE_TRANSIENT)
        return t;
    return NULL;
}


/* the standby whose alias is @alias, or NULL */
static vtDomainNetDef *
vtTeamingFindStandby(const vtDomainDef *def, const char *alias)
{
    size_t i;

    if (!alias)
        return NULL;
    for (i = 0; i < def->nnets; i++) {
        vtDomainNetDef *net = def->nets[i];
        if (vtTeamingNetIsStandby(net) &&
            STREQ_NULLABLE(vtDomainNetGetAlias(net), alias))
            return net;
    }
    return NULL;
}


vtTeamingPairList *
vtTeamingPairsFind(const vtDomainDef *def)
{
    g_autoptr(vtTeamingPairList) list = g_new0(vtTeamingPairList, 1);
    size_t i;
    size_t j;

    for (i = 0; i < def->nnets; i++) {
        vtDomainNetDef *net = def->nets[i];
        const vtDomainNetTeamingInfo *t = vtTeamingNetTransient(net);
        vtTeamingPair *pair;

        if (!t)
            continue;
        pair = vtTeamingPairListAdd(list, t->persistent);
        pair->primaryNet = net;
        if (net->type == VT_DOMAIN_NET_TYPE_HOSTDEV)
            pair->kind = VT_TEAMING_PRIMARY_INTERFACE_HOSTDEV;
        else if (net->type == VT_DOMAIN_NET_TYPE_NETWORK)
            pair->kind = VT_TEAMING_PRIMARY_INTERFACE_NETWORK;
        else
            pair->kind = VT_TEAMING_PRIMARY_INTERFACE_OTHER;
        pair->standby = vtTeamingFindStandby(def, t->persistent);
    }

    for (i = 0; i < def->nhostdevs; i++) {
        vtDomainHostdevDef *hostdev = def->hostdevs[i];
        const vtDomainNetTeamingInfo *t = vtDomainHostdevGetTeaming(hostdev);
        vtTeamingPair *pair;

        if (!t || t->type == VT_DOMAIN_NET_TEAMING_TYPE_NONE)
            continue;
        pair = vtTeamingPairListAdd(list, t->persistent);
        pair->kind = VT_TEAMING_PRIMARY_HOSTDEV;
        pair->primaryHostdev = hostdev;
        pair->standby = vtTeamingFindStandby(def, t->persistent);
    }

    /* standbys no primary names */
    for (i = 0; i < def->nnets; i++) {
        vtDomainNetDef *net = def->nets[i];
        bool named = false;

        if (!vtTeamingNetIsStandby(net))
            continue;
        for (j = 0; j < list->npairs; j++) {
            if (list->pairs[j]->standby == net)
                named = true;
        }
        if (!named) {
            vtTeamingPair *pair = vtTeamingPairListAdd(list, vtDomainNetGetAlias(net));
            pair->standby = net;
        }
    }

    return g_steal_pointer(&list);
}


/* libvirt's generic and qemu define-time rules for one interface */
static bool
vtTeamingCheckNetLibvirtRules(const vtDomainNetDef *net,
                              vtFindingList *findings)
{
    const vtDomainNetTeamingInfo *t = vtDomainNetGetTeaming(net);
    g_autofree char *name = vtTeamingNetLabel(net);
    bool ok = true;

    if (!t || t->type == VT_DOMAIN_NET_TEAMING_TYPE_NONE)
        return true;

    if (t->type == VT_DOMAIN_NET_TEAMING_TYPE_TRANSIENT && !t->persistent) {
        vtFindingAdd(findings, VT_FINDING_ERROR,
                     "teaming-persistent-missing", name,
                     _("libvirt refuses this domain: the primary does not say which standby it backs up"),
                     _("add the standby's alias: <teaming type='transient' persistent='ua-NAME'/>"),
                     _("teaming persistent attribute must be set if teaming type is 'transient'"));
        ok = false;
    }
    if (t->type != VT_DOMAIN_NET_TEAMING_TYPE_TRANSIENT && t->persistent) {
        vtFindingAdd(findings, VT_FINDING_ERROR,
                     "teaming-persistent-not-allowed", name,
                     _("libvirt refuses this domain: only the primary (type='transient') names its standby"),
                     _("remove persistent= from the standby: <teaming type='persistent'/>"),
                     _("teaming persistent attribute not allowed if teaming type is '%1$s'"),
                     vtDomainNetTeamingTypeToString(t->type));
        ok = false;
    }

    if (t->type == VT_DOMAIN_NET_TEAMING_TYPE_PERSISTENT &&
        !vtDomainNetIsVirtioModel(net)) {
        vtFindingAdd(findings, VT_FINDING_ERROR,
                     "teaming-standby-not-virtio", name,
                     _("only a virtio-net NIC can be the standby: the guest's net_failover driver pairs a virtio NIC with the VF"),
                     _("use <model type='virtio'/> on the standby interface"),
                     _("virtio-net teaming persistent interface must be <model type='virtio'/>, not '%1$s'"),
                     /* libvirt prints a missing model as glibc prints NULL */
                     vtDomainNetGetModelString(net) ? vtDomainNetGetModelString(net) : "(null)");
        ok = false;
    }

    if (t->type == VT_DOMAIN_NET_TEAMING_TYPE_TRANSIENT &&
        net->type != VT_DOMAIN_NET_TYPE_HOSTDEV &&
        net->type != VT_DOMAIN_NET_TYPE_NETWORK) {
        vtFindingAdd(findings, VT_FINDING_ERROR,
                     "teaming-primary-not-hostdev", name,
                     _("the primary must be an SR-IOV VF passed through to the guest; QEMU unplugs it before migration"),
                     _("use <interface type='hostdev'> with the VF's PCI address, or <interface type='network'> on a hostdev pool (<forward mode='hostdev'><pf dev='PF'/></forward>)"),
                     _("virtio-net teaming transient interface must be type='hostdev', not '%1$s'"),
                     vtDomainNetTypeToString(net->type));
        ok = false;
    }

    return ok;
}


/* libvirt's generic rules for a <hostdev> with <teaming> */
static bool
vtTeamingCheckHostdevLibvirtRules(const vtDomainHostdevDef *hostdev,
                                  vtFindingList *findings)
{
    const vtDomainNetTeamingInfo *t = vtDomainHostdevGetTeaming(hostdev);
    g_autofree char *name = vtTeamingHostdevLabel(hostdev);

    if (!t)
        return true;

    if (t->type != VT_DOMAIN_NET_TEAMING_TYPE_TRANSIENT) {
        vtFindingAdd(findings, VT_FINDING_ERROR,
                     "teaming-hostdev-not-transient", name,
                     _("libvirt refuses this domain: a passed-through device can only be the primary, never the standby"),
                     _("use <teaming type='transient' persistent='ua-NAME'/> naming the virtio standby"),
                     _("teaming hostdev devices must have type='transient'"));
        return false;
    }
    if (!t->persistent) {
        vtFindingAdd(findings, VT_FINDING_ERROR,
                     "teaming-persistent-missing", name,
                     _("libvirt refuses this domain: the primary does not say which standby it backs up"),
                     _("add the standby's alias: <teaming type='transient' persistent='ua-NAME'/>"),
                     _("missing required persistent attribute in hostdev teaming element"));
        return false;
    }
    if (!hostdev->isPCI) {
        vtFindingAdd(findings, VT_FINDING_ERROR,
                     "teaming-hostdev-not-pci", name,
                     _("libvirt refuses this domain: only an SR-IOV VF (a PCI device) can be the primary"),
                     _("use <hostdev mode='subsystem' type='pci'> with the VF's PCI address"),
                     _("teaming is only supported for pci hostdev devices"));
        return false;
    }
    return true;
}


static void
vtTeamingCheckAliasMissing(const vtDomainDef *def,
                           vtTeamingPair *pair,
                           const char *primaryName,
                           vtFindingList *findings)
{
    g_autofree char *hint = NULL;
    size_t i;

    /* a standby whose non-"ua-" alias libvirt dropped */
    for (i = 0; i < def->nnets; i++) {
        vtDomainNetDef *net = def->nets[i];
        const char *dropped = vtDomainNetGetDroppedAlias(net);

        if (dropped && STREQ_NULLABLE(dropped, pair->alias)) {
            g_autofree char *name = vtTeamingNetLabel(net);

            hint = g_strdup_printf(_("rename the alias to 'ua-%1$s' on both devices:\n<alias name='ua-%1$s'/> and <teaming type='transient' persistent='ua-%1$s'/>"),
                                   dropped);
            vtFindingAdd(findings, VT_FINDING_ERROR,
                         "teaming-alias-dropped", name,
                         _("libvirt keeps only user aliases of the form 'ua-NAME' and silently drops any other, so the primary names nothing"),
                         hint,
                         _("alias '%1$s' is dropped by libvirt: user aliases must start with 'ua-'"),
                         dropped);
            pair->ruleError = true;
            return;
        }
    }

    /* the alias exists, but on a device that is not a standby */
    for (i = 0; i < def->nnets; i++) {
        vtDomainNetDef *net = def->nets[i];

        if (STREQ_NULLABLE(vtDomainNetGetAlias(net), pair->alias)) {
            vtFindingAdd(findings, VT_FINDING_ERROR,
                         "teaming-alias-not-standby", primaryName,
                         _("the device the primary names must be the virtio standby, marked <teaming type='persistent'/>"),
                         _("add <teaming type='persistent'/> and <model type='virtio'/> to that interface, or name the right one in persistent="),
                         _("persistent='%1$s' names an interface that is not a teaming standby"),
                         pair->alias);
            pair->ruleError = true;
            return;
        }
    }
    for (i = 0; i < def->nhostdevs; i++) {
        if (STREQ_NULLABLE(vtDomainHostdevGetAlias(def->hostdevs[i]), pair->alias)) {
            vtFindingAdd(findings, VT_FINDING_ERROR,
                         "teaming-alias-not-standby", primaryName,
                         _("the device the primary names must be the virtio standby; a hostdev cannot be one"),
                         _("name the alias of the virtio interface that has <teaming type='persistent'/>"),
                         _("persistent='%1$s' names a hostdev, not a teaming standby"),
                         pair->alias);
            pair->ruleError = true;
            return;
        }
    }

    if (!vtDomainDeviceAliasIsUserAlias(pair->alias)) {
        hint = g_strdup_printf(_("give the standby a user alias, <alias name='ua-backup0'/>, and name it: persistent='ua-backup0'"));
    } else {
        hint = g_strdup_printf(_("give the virtio standby interface <alias name='%1$s'/> and <teaming type='persistent'/>"),
                               pair->alias);
    }
    vtFindingAdd(findings, VT_FINDING_ERROR,
                 "teaming-alias-missing", primaryName,
                 _("QEMU pairs the VF with the virtio NIC of that id; with no such device there is nothing to fail over to during migration"),
                 hint,
                 _("persistent='%1$s' names no device of this domain"),
                 pair->alias);
    pair->ruleError = true;
}


/* the MAC of the VF of a plain <hostdev> primary, as sysfs shows it */
static void
vtTeamingCheckHostdevMAC(vtTeamingPair *pair,
                         const vtCheckContext *ctx,
                         const char *primaryName,
                         vtFindingList *findings)
{
    const vtPCIDeviceAddress *addr = vtDomainHostdevGetPCIAddress(pair->primaryHostdev);
    const vtMacAddr *standbyMac = vtDomainNetGetMAC(pair->standby);
    const vtHostPCIFunction *fn;
    g_autofree char *pfname = NULL;
    g_autofree char *ifname = NULL;
    g_autofree char *hint = NULL;
    const vtHostNetdev *vfdev;
    char smac[VT_MAC_STRING_BUFLEN];
    char vmac[VT_MAC_STRING_BUFLEN];
    int vfindex = -1;

    vtMacAddrFormat(standbyMac, smac);

    if (!ctx->host || !addr || !(fn = vtHostFindPCI(ctx->host, addr)) || !fn->isVF)
        return;

    if (vtHostGetPhysicalFunction(ctx->host, addr, &pfname, &vfindex) < 0)
        vtResetLastError();
    if (vtHostGetVFNetdev(ctx->host, addr, pfname, &ifname) < 0)
        vtResetLastError();

    hint = g_strdup_printf(_("program the VF's MAC before the guest starts:\nip link set %1$s vf %2$d mac %3$s\nor use <interface type='hostdev'> (or a hostdev network), where libvirt sets it"),
                           NULLSTR(pfname), vfindex, smac);

    if (!ifname || !(vfdev = vtHostFindNetdev(ctx->host, ifname)) || !vfdev->hasMac) {
        vtFindingAdd(findings, VT_FINDING_INFO,
                     "teaming-vf-mac-unknown", primaryName,
                     _("with a plain <hostdev> libvirt does not set the VF's MAC; the guest pairs the VF with the standby only if it carries the standby's MAC"),
                     hint,
                     _("the VF's MAC cannot be read here: make sure it is %1$s"),
                     smac);
        return;
    }

    if (vtMacAddrCmp(&vfdev->mac, standbyMac) != 0) {
        vtFindingAdd(findings, VT_FINDING_ERROR,
                     "teaming-mac-mismatch", primaryName,
                     _("with a plain <hostdev> libvirt does not set the VF's MAC; the guest pairs the VF with the standby only if it carries the standby's MAC"),
                     hint,
                     _("the VF %1$s has MAC %2$s, the standby %3$s has %4$s"),
                     ifname, vtMacAddrFormat(&vfdev->mac, vmac),
                     pair->alias, smac);
        pair->ruleError = true;
    }
}


static void
vtTeamingCheckNetworks(vtTeamingPair *pair,
                       const vtCheckContext *ctx,
                       const char *primaryName,
                       const char *standbyName,
                       vtFindingList *findings)
{
    if (pair->kind == VT_TEAMING_PRIMARY_INTERFACE_NETWORK) {
        const char *netname = vtDomainNetGetNetworkName(pair->primaryNet);
        vtNetworkDef *net = vtCheckContextFindNetwork(ctx, netname);
        char mac[VT_MAC_STRING_BUFLEN];

        if (!net) {
            vtFindingAdd(findings, VT_FINDING_ERROR,
                         "teaming-network-missing", primaryName,
                         _("the guest cannot start without the network its primary is on"),
                         _("define the hostdev pool network, e.g.\n<network>\n  <name>NAME</name>\n  <forward mode='hostdev' managed='yes'>\n    <pf dev='PF'/>\n  </forward>\n</network>"),
                         _("network '%1$s' is not defined"),
                         NULLSTR(netname));
            pair->ruleError = true;
        } else if (net->forward.type != VT_NETWORK_FORWARD_HOSTDEV) {
            g_autofree char *hint = g_strdup_printf(_("put the primary on a hostdev pool network on the PF the standby reaches:\n<network>\n  <name>%1$s-vfs</name>\n  <forward mode='hostdev' managed='yes'>\n    <pf dev='PF'/>\n  </forward>\n</network>"),
                                                    NULLSTR(netname));

            vtFindingAdd(findings, VT_FINDING_ERROR,
                         "teaming-primary-not-hostdev-pool", primaryName,
                         _("the primary must be an SR-IOV VF; libvirt refuses to start the guest when its network gives anything else"),
                         hint,
                         _("interface %1$s - teaming transient device must be type='hostdev', not '%2$s' (network '%3$s' is %4$s)"),
                         vtMacAddrFormat(vtDomainNetGetMAC(pair->primaryNet), mac),
                         net->forward.type == VT_NETWORK_FORWARD_BRIDGE && net->bridge ? "bridge" :
                         vtNetworkDefForwardIsMacvtap(net) ? "direct" : "network",
                         net->name, vtTeamingNetworkKindString(net));
            pair->ruleError = true;
        }
    }

    if (pair->standby &&
        pair->standby->type == VT_DOMAIN_NET_TYPE_NETWORK) {
        const char *netname = vtDomainNetGetNetworkName(pair->standby);
        vtNetworkDef *net = vtCheckContextFindNetwork(ctx, netname);

        if (!net) {
            vtFindingAdd(findings, VT_FINDING_ERROR,
                         "teaming-network-missing", standbyName,
                         _("the guest cannot start without the network its standby is on"),
                         _("define a macvtap network on the PF, e.g.\n<network>\n  <name>NAME</name>\n  <forward mode='bridge'>\n    <interface dev='PF'/>\n  </forward>\n</network>"),
                         _("network '%1$s' is not defined"),
                         NULLSTR(netname));
            pair->ruleError = true;
        } else if (net->forward.type == VT_NETWORK_FORWARD_HOSTDEV) {
            vtFindingAdd(findings, VT_FINDING_ERROR,
                         "teaming-standby-on-hostdev-pool", standbyName,
                         _("the standby must stay with the guest during migration, so it cannot be a passed-through VF"),
                         _("put the standby on a macvtap network on the PF (<forward mode='bridge'><interface dev='PF'/></forward>) or on a host bridge attached to the PF"),
                         _("the standby is on network '%1$s', a hostdev pool; only the primary may be"),
                         net->name);
            pair->ruleError = true;
        }
    }
}


/* libvirt's virDomainDefValidateAliases: user aliases are unique */
static void
vtTeamingCheckDuplicateAliases(const vtDomainDef *def,
                               vtFindingList *findings)
{
    g_autoptr(GHashTable) seen = g_hash_table_new(g_str_hash, g_str_equal);
    g_autoptr(GPtrArray) aliases = g_ptr_array_new();
    size_t i;

    for (i = 0; i < def->nnets; i++)
        g_ptr_array_add(aliases, (gpointer)vtDomainNetGetAlias(def->nets[i]));
    for (i = 0; i < def->nhostdevs; i++)
        g_ptr_array_add(aliases, (gpointer)vtDomainHostdevGetAlias(def->hostdevs[i]));

    for (i = 0; i < aliases->len; i++) {
        const char *alias = g_ptr_array_index(aliases, i);

        if (!alias || !vtDomainDeviceAliasIsUserAlias(alias))
            continue;
        if (g_hash_table_contains(seen, alias)) {
            vtFindingAdd(findings, VT_FINDING_ERROR,
                         "teaming-alias-duplicate", alias,
                         _("libvirt refuses this domain, and a primary could not tell which device is its standby"),
                         _("give every device its own alias"),
                         _("non unique alias detected: %1$s"),
                         alias);
            continue;
        }
        g_hash_table_add(seen, (gpointer)alias);
    }
}


void
vtTeamingPairsCheck(const vtDomainDef *def,
                    vtTeamingPairList *pairs,
                    const vtCheckContext *ctx,
                    vtFindingList *findings)
{
    size_t i;
    size_t j;

    /* libvirt's own per-device rules */
    for (i = 0; i < def->nnets; i++) {
        if (!vtTeamingCheckNetLibvirtRules(def->nets[i], findings)) {
            for (j = 0; j < pairs->npairs; j++) {
                if (pairs->pairs[j]->standby == def->nets[i] ||
                    pairs->pairs[j]->primaryNet == def->nets[i])
                    pairs->pairs[j]->ruleError = true;
            }
        }
    }
    for (i = 0; i < def->nhostdevs; i++) {
        if (!vtTeamingCheckHostdevLibvirtRules(def->hostdevs[i], findings)) {
            for (j = 0; j < pairs->npairs; j++) {
                if (pairs->pairs[j]->primaryHostdev == def->hostdevs[i])
                    pairs->pairs[j]->ruleError = true;
            }
        }
    }

    vtTeamingCheckDuplicateAliases(def, findings);

    for (i = 0; i < pairs->npairs; i++) {
        vtTeamingPair *pair = pairs->pairs[i];
        g_autofree char *primaryName = vtTeamingPrimaryLabel(pair);
        g_autofree char *standbyName = vtTeamingStandbyLabel(pair);
        g_autofree char *standbyAlias = vtTeamingStandbyName(pair);
        const vtMacAddr *pmac;

        if (!pair->primaryNet && !pair->primaryHostdev) {
            g_autofree char *hint = NULL;

            if (pair->alias)
                hint = g_strdup_printf(_("add the VF, e.g. <interface type='network'> on a hostdev pool with the same MAC and <teaming type='transient' persistent='%1$s'/>"),
                                       pair->alias);
            else
                hint = g_strdup(_("give the standby a user alias, <alias name='ua-backup0'/>, and add the VF, e.g. <interface type='network'> on a hostdev pool with the same MAC and <teaming type='transient' persistent='ua-backup0'/>"));

            vtFindingAdd(findings, VT_FINDING_WARNING,
                         "teaming-standby-unpaired", standbyName,
                         _("a standby with no primary is an ordinary virtio NIC; failover does nothing"),
                         hint,
                         _("no primary (type='transient') names this standby"));
            continue;
        }

        if (!pair->alias)
            continue;   /* reported by the libvirt rules */

        if (!pair->standby) {
            vtTeamingCheckAliasMissing(def, pair, primaryName, findings);
            continue;
        }

        /* one primary per standby */
        for (j = 0; j < i; j++) {
            vtTeamingPair *other = pairs->pairs[j];
            if (other->standby == pair->standby &&
                (other->primaryNet || other->primaryHostdev)) {
                g_autofree char *otherName = vtTeamingPrimaryName(other);

                vtFindingAdd(findings, VT_FINDING_ERROR,
                             "teaming-standby-shared", primaryName,
                             _("a standby backs up exactly one VF: QEMU and the guest pair them one to one"),
                             _("give each primary its own virtio standby with its own alias and the primary's MAC"),
                             _("standby '%1$s' is already the standby of %2$s"),
                             pair->alias, otherName);
                pair->ruleError = true;
                break;
            }
        }

        /* one primary per VF */
        for (j = 0; j < i; j++) {
            const vtPCIDeviceAddress *a = NULL;
            const vtPCIDeviceAddress *b = NULL;
            vtTeamingPair *other = pairs->pairs[j];

            if (pair->primaryHostdev)
                a = vtDomainHostdevGetPCIAddress(pair->primaryHostdev);
            else if (pair->kind == VT_TEAMING_PRIMARY_INTERFACE_HOSTDEV)
                a = vtDomainNetGetActualHostdevAddress(pair->primaryNet);
            if (other->primaryHostdev)
                b = vtDomainHostdevGetPCIAddress(other->primaryHostdev);
            else if (other->kind == VT_TEAMING_PRIMARY_INTERFACE_HOSTDEV)
                b = vtDomainNetGetActualHostdevAddress(other->primaryNet);
            if (a && b && vtPCIDeviceAddressEqual(a, b)) {
                g_autofree char *otherName = vtTeamingPrimaryName(other);

                g_autofree char *addrstr = vtPCIDeviceAddressAsString(a);

                vtFindingAdd(findings, VT_FINDING_ERROR,
                             "teaming-vf-shared", primaryName,
                             _("a VF can be passed to one device only"),
                             _("give each primary its own VF, or use a hostdev pool network that picks a free one"),
                             _("PCI device %1$s is also the primary %2$s"),
                             addrstr, otherName);
                pair->ruleError = true;
                break;
            }
        }

        /* the same MAC on both */
        if ((pmac = vtTeamingPrimaryMAC(pair))) {
            const vtMacAddr *smac = vtDomainNetGetMAC(pair->standby);
            char pstr[VT_MAC_STRING_BUFLEN];
            char sstr[VT_MAC_STRING_BUFLEN];

            if (vtMacAddrCmp(pmac, smac) != 0) {
                g_autofree char *hint = g_strdup_printf(_("give both interfaces the same <mac address='%1$s'/>"),
                                                        vtMacAddrFormat(smac, sstr));

                vtFindingAdd(findings, VT_FINDING_ERROR,
                             "teaming-mac-mismatch", primaryName,
                             _("the guest's net_failover driver pairs the VF with the virtio NIC by MAC; with different MACs they are never teamed"),
                             hint,
                             _("MAC %1$s differs from the standby %2$s's MAC %3$s"),
                             vtMacAddrFormat(pmac, pstr), standbyAlias, sstr);
                pair->ruleError = true;
            }
        } else if (pair->primaryHostdev) {
            vtTeamingCheckHostdevMAC(pair, ctx, primaryName, findings);
        }

        vtTeamingCheckNetworks(pair, ctx, primaryName, standbyName, findings);
    }
}
