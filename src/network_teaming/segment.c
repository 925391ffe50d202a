/*
 * segment.c: the same-segment analysis of a failover pair
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 *
 * The primary is a VF: it reaches the Ethernet segment of its PF.  The
 * standby reaches whatever its backend is plugged into: a macvtap's
 * lower device, a host bridge's ports, a libvirt network's own bridge
 * (behind NAT or routing), or QEMU's user networking.  Both reach the
 * same segment when the standby's device is the PF, one of its VFs, or
 * a device stacked on them (a bond, a VLAN device, a bridge), at any
 * depth.
 */

#include <config.h>

#include <sys/socket.h>

#include "segment.h"
#include "vterror.h"
#include "vtifname.h"

VT_ENUM_IMPL(vtSegmentBackend,
             VT_SEGMENT_BACKEND_LAST,
             "none",
             "macvtap",
             "bridge",
             "network",
             "user",
             "vf",
             "other",
);


void
vtSegmentSideClear(vtSegmentSide *side)
{
    g_free(side->dev);
    g_free(side->pf);
    g_free(side->problem);
    vtDomainActualNetDefFree(side->actual);
    vtNetDevVlanClear(&side->vlan);
    memset(side, 0, sizeof(*side));
}


static void
vtSegmentSideSetVF(vtCheckContext *ctx,
                   vtSegmentSide *side,
                   const vtPCIDeviceAddress *addr,
                   const char *pfHint)
{
    g_autofree char *pfname = NULL;
    int idx = -1;

    side->type = VT_SEGMENT_BACKEND_VF;
    side->hasVF = true;
    side->vf = *addr;
    side->vfIndex = -1;

    if (ctx->host && vtHostIsVirtualFunction(ctx->host, addr) > 0 &&
        vtHostGetPhysicalFunction(ctx->host, addr, &pfname, &idx) == 0) {
        side->pf = g_steal_pointer(&pfname);
        side->vfIndex = idx;
    } else {
        vtResetLastError();
        side->pf = g_strdup(pfHint);
    }
}


/* type='network': what the allocator gives the interface.  The side is
 * derived from the <actual> alone, as libvirt's qemu driver derives the
 * device from the actual one; the network is kept for its kind, its
 * addresses and its MTU. */
static void
vtSegmentResolveNetwork(vtCheckContext *ctx,
                        const vtDomainNetDef *net,
                        vtAllocation *plan,
                        vtSegmentSide *side)
{
    const char *name = vtDomainNetGetNetworkName(net);
    vtNetworkDef *def = vtCheckContextFindNetwork(ctx, name);
    const vtDomainActualNetDef *actual;

    side->network = def;
    if (def && def->mtu)
        side->mtu = def->mtu;

    if (!plan || !plan->port) {
        if (plan && plan->error) {
            side->problem = g_strdup(plan->error->message);
            side->problemCode = plan->error->code;
        } else {
            side->problem = g_strdup_printf(_("network '%1$s' is not defined"),
                                            NULLSTR(name));
            side->problemCode = VT_ERR_NO_NETWORK;
        }
        return;
    }

    /* the allocator's own conversion of the port (an interface may be
     * the standby of several pairs, so each side has its copy) */
    if (!(side->actual = vtDomainNetDefActualFromNetworkPort(net, plan->port))) {
        side->problem = g_strdup(vtGetLastErrorMessage());
        vtResetLastError();
        return;
    }
    side->existing = plan->existing;
    actual = side->actual;
    vtNetDevVlanCopy(&side->vlan, &actual->vlan);

    if (actual->type == VT_DOMAIN_NET_TYPE_DIRECT) {
        side->type = VT_SEGMENT_BACKEND_MACVTAP;
        side->dev = g_strdup(actual->linkdev);
        side->mode = actual->mode;
    } else if (actual->type == VT_DOMAIN_NET_TYPE_BRIDGE ||
               actual->type == VT_DOMAIN_NET_TYPE_NETWORK) {
        /* a host bridge, or the network's own bridge behind NAT/routing */
        side->type = actual->type == VT_DOMAIN_NET_TYPE_BRIDGE ?
            VT_SEGMENT_BACKEND_BRIDGE : VT_SEGMENT_BACKEND_NETWORK;
        side->dev = g_strdup(actual->brname);
    } else if (actual->type == VT_DOMAIN_NET_TYPE_HOSTDEV) {
        vtSegmentSideSetVF(ctx, side, &actual->hostdev.addr,
                           def && def->forward.npfs ? def->forward.pfs[0].dev : NULL);
        side->managed = actual->hostdev.managed == VT_TRISTATE_BOOL_YES;
        side->macProgrammed = true;
    } else {
        side->type = VT_SEGMENT_BACKEND_OTHER;
    }
}


static void
vtSegmentResolveNet(vtCheckContext *ctx,
                    const vtDomainNetDef *net,
                    vtAllocation *plan,
                    vtSegmentSide *side)
{
    const vtPCIDeviceAddress *addr;

    side->mac = *vtDomainNetGetMAC(net);
    side->vfIndex = -1;

    if (net->type == VT_DOMAIN_NET_TYPE_NETWORK) {
        vtSegmentResolveNetwork(ctx, net, plan, side);
    } else {
        if (net->type == VT_DOMAIN_NET_TYPE_DIRECT) {
            side->type = VT_SEGMENT_BACKEND_MACVTAP;
            side->dev = g_strdup(net->linkdev);
            side->mode = net->mode;
        } else if (net->type == VT_DOMAIN_NET_TYPE_BRIDGE) {
            side->type = VT_SEGMENT_BACKEND_BRIDGE;
            side->dev = g_strdup(net->bridge);
        } else if (net->type == VT_DOMAIN_NET_TYPE_USER) {
            side->type = VT_SEGMENT_BACKEND_USER;
        } else if (net->type == VT_DOMAIN_NET_TYPE_HOSTDEV) {
            if ((addr = vtDomainNetGetActualHostdevAddress(net))) {
                vtSegmentSideSetVF(ctx, side, addr, NULL);
                side->managed = net->hostdev.managed == VT_TRISTATE_BOOL_YES;
                side->macProgrammed = true;
            }
        } else {
            side->type = VT_SEGMENT_BACKEND_OTHER;
        }
        vtNetDevVlanCopy(&side->vlan, &net->vlan);
    }

    if (net->mtu)
        side->mtu = net->mtu;
}


void
vtSegmentResolveStandby(vtCheckContext *ctx,
                        const vtTeamingPair *pair,
                        vtAllocation *plan,
                        vtSegmentSide *side)
{
    memset(side, 0, sizeof(*side));
    side->vfIndex = -1;
    if (pair->standby)
        vtSegmentResolveNet(ctx, pair->standby, plan, side);
}


void
vtSegmentResolvePrimary(vtCheckContext *ctx,
                        const vtTeamingPair *pair,
                        vtAllocation *plan,
                        vtSegmentSide *side)
{
    const vtPCIDeviceAddress *addr;

    memset(side, 0, sizeof(*side));
    side->vfIndex = -1;

    if (pair->primaryNet) {
        vtSegmentResolveNet(ctx, pair->primaryNet, plan, side);
    } else if (pair->primaryHostdev &&
               (addr = vtDomainHostdevGetPCIAddress(pair->primaryHostdev))) {
        vtSegmentSideSetVF(ctx, side, addr, NULL);
        side->managed = pair->primaryHostdev->pci.managed == VT_TRISTATE_BOOL_YES;
        side->macProgrammed = false;
        if (pair->standby)
            side->mac = *vtDomainNetGetMAC(pair->standby);
    } else if (pair->primaryHostdev) {
        side->problem = g_strdup(_("the hostdev is not a PCI device"));
    }
}


/* ---- walking the host's device stack ---- */

/* @name is "@lower.N": a VLAN device by the kernel's naming; the tag */
static int
vtSegmentVlanTagOf(const char *name, const char *lower)
{
    size_t len = strlen(lower);
    const char *p;
    unsigned int tag = 0;

    if (!STRPREFIX(name, lower) || name[len] != '.' || !name[len + 1])
        return -1;
    for (p = name + len + 1; *p; p++) {
        if (!g_ascii_isdigit(*p))
            return -1;
        tag = tag * 10 + (*p - '0');
        if (tag > 4095)
            return -1;
    }
    return tag;
}


/* Depth-first from @name down through lower_* links and bridge ports
 * to a device in @targets; on success @path holds the devices from
 * @name to the target. */
static bool
vtSegmentFindPath(const vtHost *host,
                  const char *name,
                  GHashTable *targets,
                  GHashTable *seen,
                  GPtrArray *path)
{
    const vtHostNetdev *nd;
    size_t i;

    if (g_hash_table_contains(seen, name))
        return false;
    g_hash_table_add(seen, (gpointer)name);
    g_ptr_array_add(path, (gpointer)name);

    if (g_hash_table_contains(targets, name))
        return true;

    if ((nd = vtHostFindNetdev(host, name))) {
        for (i = 0; nd->lowers && nd->lowers[i]; i++) {
            if (vtSegmentFindPath(host, nd->lowers[i], targets, seen, path))
                return true;
        }
        for (i = 0; nd->brifs && nd->brifs[i]; i++) {
            if (vtSegmentFindPath(host, nd->brifs[i], targets, seen, path))
                return true;
        }
    }

    g_ptr_array_remove_index(path, path->len - 1);
    return false;
}


/* the physical devices (PCI functions) @name is stacked on, itself
 * included, as "a, b" */
static char *
vtSegmentUplinks(const vtHost *host, const char *name)
{
    g_auto(GStrv) lowers = NULL;
    g_autoptr(GString) out = g_string_new(NULL);
    const vtHostNetdev *nd;
    size_t i;

    if ((nd = vtHostFindNetdev(host, name)) && nd->hasPCIAddr)
        g_string_append(out, name);

    if (vtHostGetLowerDevices(host, name, true, &lowers) < 0) {
        vtResetLastError();
        lowers = NULL;
    }
    for (i = 0; lowers && lowers[i]; i++) {
        if ((nd = vtHostFindNetdev(host, lowers[i])) && nd->hasPCIAddr) {
            if (out->len)
                g_string_append(out, ", ");
            g_string_append(out, lowers[i]);
        }
    }

    if (out->len == 0)
        return NULL;
    return g_string_free(g_steal_pointer(&out), FALSE);
}


static bool
vtSegmentIsDown(const vtHostNetdev *nd)
{
    return nd && nd->operstate &&
        (STREQ(nd->operstate, "down") || STREQ(nd->operstate, "lowerlayerdown"));
}


/* the bridge that has @pf as a port, directly or through a bond (not
 * through a VLAN device: that bridge is on a VLAN of the segment), or
 * NULL */
static const char *
vtSegmentFindBridgeAbove(const vtHost *host, const char *pf)
{
    const vtHostNetdev *nd = vtHostFindNetdev(host, pf);
    size_t depth;

    for (depth = 0; nd && nd->master && depth < 8; depth++) {
        if (!(nd = vtHostFindNetdev(host, nd->master)))
            return NULL;
        if (nd->isBridge)
            return nd->name;
    }
    return NULL;
}


/* how to fix a standby on the wrong segment: the two layouts */
static char *
vtSegmentFixLayouts(const vtCheckContext *ctx, const char *pf)
{
    const char *pfname = pf ? pf : "PF";
    const char *br = NULL;

    if (ctx->host && pf)
        br = vtSegmentFindBridgeAbove(ctx->host, pf);

    if (br) {
        return g_strdup_printf(_("put the standby on the bridge %1$s, which has %2$s as a port:\n<network>\n  <name>failover-standby</name>\n  <forward mode='bridge'/>\n  <bridge name='%1$s'/>\n</network>"),
                               br, pfname);
    }
    return g_strdup_printf(_("put the standby on a macvtap network on the VF's PF %1$s in bridge mode:\n<network>\n  <name>failover-standby</name>\n  <forward mode='bridge'>\n    <interface dev='%1$s'/>\n  </forward>\n</network>\nor on a host bridge with %1$s as a port (ip link set %1$s master br0):\n<network>\n  <name>failover-standby</name>\n  <forward mode='bridge'/>\n  <bridge name='br0'/>\n</network>"),
                           pfname);
}


static char *
vtSegmentFormatVlan(const vtNetDevVlan *vlan)
{
    g_autoptr(GString) out = g_string_new(NULL);
    size_t i;

    if (!vlan || vlan->nTags == 0)
        return g_strdup(_("none"));
    for (i = 0; i < vlan->nTags; i++)
        g_string_append_printf(out, "%s%u", i ? "," : "", vlan->tag[i]);
    return g_string_free(g_steal_pointer(&out), FALSE);
}


static void
vtSegmentCheckVlan(const vtSegmentSide *standby,
                   const vtSegmentSide *primary,
                   int pathTag,
                   const char *pathDev,
                   const char *standbyName,
                   vtFindingList *findings)
{
    g_autoptr(vtNetDevVlan) svlan = g_new0(vtNetDevVlan, 1);
    g_autofree char *sstr = NULL;
    g_autofree char *pstr = NULL;
    g_autofree char *why = NULL;

    vtNetDevVlanCopy(svlan, &standby->vlan);
    if (svlan->nTags == 0 && pathTag >= 0) {
        svlan->tag = g_new0(unsigned int, 1);
        svlan->tag[0] = pathTag;
        svlan->nTags = 1;
    }

    if (svlan->nTags == 0 && primary->vlan.nTags == 0)
        return;
    if (vtNetDevVlanEqual(svlan, &primary->vlan))
        return;

    sstr = vtSegmentFormatVlan(svlan);
    pstr = vtSegmentFormatVlan(&primary->vlan);

    if (pathTag >= 0 && standby->vlan.nTags == 0)
        why = g_strdup_printf(_("the standby's traffic goes through the VLAN device %1$s (tag %2$d), the VF's does not carry the same tag; the guest would land in another VLAN after failover"),
                              pathDev, pathTag);
    else
        why = g_strdup(_("a VLAN separates segments: after failover the guest would land in another VLAN and lose its network"));

    if (svlan->nTags == 0 || primary->vlan.nTags == 0) {
        vtFindingAdd(findings, VT_FINDING_ERROR,
                     "teaming-vlan-one-side", standbyName,
                     why,
                     _("use the same <vlan><tag id='N'/></vlan> on both sides: for the VF in its interface or hostdev network, for the standby through a bridge or macvtap on a VLAN device of the PF (PF.N)"),
                     _("VLAN on one side only: standby %1$s, primary %2$s"),
                     sstr, pstr);
    } else {
        vtFindingAdd(findings, VT_FINDING_ERROR,
                     "teaming-vlan-mismatch", standbyName,
                     why,
                     _("give both sides the same VLAN tag"),
                     _("different VLANs: standby %1$s, primary %2$s"),
                     sstr, pstr);
    }
}


/* ---- what keeps the guest from starting ---- */

/* The first device name of @def's pool that cannot be an interface
 * name, or NULL. */
static const char *
vtSegmentPoolBadName(const vtNetworkDef *def)
{
    size_t i;

    for (i = 0; i < def->forward.npfs; i++) {
        if (vtNetDevNameProblem(def->forward.pfs[i].dev))
            return def->forward.pfs[i].dev;
    }
    for (i = 0; i < def->forward.nifs; i++) {
        if (def->forward.ifs[i].type == VT_NETWORK_FORWARD_HOSTDEV_DEVICE_NETDEV &&
            vtNetDevNameProblem(def->forward.ifs[i].device.dev))
            return def->forward.ifs[i].device.dev;
    }
    return NULL;
}


/* The allocator could not read the network's state (a file of the
 * state directory that is damaged, truncated or not a file): its
 * message names the file. */
static bool
vtSegmentProblemIsState(const vtCheckContext *ctx, const vtSegmentSide *side)
{
    switch (side->problemCode) {
    case VT_ERR_XML_ERROR:
    case VT_ERR_XML_DETAIL:
    case VT_ERR_XML_MALFORMED:
    case VT_ERR_SYSTEM_ERROR:
        break;
    default:
        return false;
    }
    return ctx->stateDir && strstr(side->problem, ctx->stateDir);
}


/*
 * @side got nothing from the allocator: the reason is the allocator's
 * own message (libvirt's), with a fix that fits what is true on the
 * host: a PF that is not there is not a full pool.  A network that is
 * not defined at all, and a primary that is not a PCI device, are pair
 * rules' findings: reported here only with @all (plan, which runs no
 * pair rules).
 */
static void
vtSegmentReportUnusable(vtCheckContext *ctx,
                        const vtTeamingPair *pair,
                        const vtSegmentSide *side,
                        bool primary,
                        bool all,
                        vtFindingList *findings)
{
    g_autofree char *name = primary ? vtTeamingPrimaryLabel(pair) :
                                      vtTeamingStandbyLabel(pair);
    const char *pf = NULL;
    const char *bad;
    g_autofree char *hint = NULL;
    const char *why;

    if (!side->problem || (!side->network && !all))
        return;

    if (side->network && side->network->forward.npfs > 0)
        pf = side->network->forward.pfs[0].dev;

    if (vtSegmentProblemIsState(ctx, side))
        why = _("without the network's state, the devices other guests hold are unknown, so no device can be chosen for the interface");
    else if (primary)
        why = _("the guest cannot start (or come up after migration) without a VF for the primary");
    else
        why = _("the guest cannot start without a device for the standby");

    if (!side->network && primary && pair->primaryHostdev) {
        hint = g_strdup(_("a primary <hostdev> must be a PCI VF: <hostdev mode='subsystem' type='pci' managed='yes'> with the VF's <source><address/></source>"));
    } else if (!side->network) {
        const vtDomainNetDef *net = primary ? pair->primaryNet : pair->standby;

        hint = g_strdup_printf(_("define network '%1$s' (virsh net-define FILE; virsh net-start %1$s), or point the interface at a network that is defined"),
                               net ? NULLSTR(vtDomainNetGetNetworkName(net)) : "");
    } else if ((bad = vtSegmentPoolBadName(side->network))) {
        hint = g_strdup_printf(_("replace '%1$s' in network '%2$s' with the name of an interface of this host (virsh net-edit %2$s)"),
                               bad, side->network->name);
    } else if (vtSegmentProblemIsState(ctx, side)) {
        hint = g_strdup_printf(_("the network's state (the file named) could not be read: check the file system it is on; libvirt writes it again when network '%1$s' changes, and anew when the network is restarted with no guest on it (virsh net-destroy %1$s; virsh net-start %1$s)"),
                               side->network->name);
    } else if (pf && side->problemCode == VT_ERR_NO_DEVICE) {
        hint = g_strdup_printf(_("the network's <pf dev='%1$s'/> must name this host's PF: find it with 'ls /sys/class/net/*/device/sriov_totalvfs', then 'virsh net-edit %2$s'"),
                               pf, side->network->name);
    } else if (primary) {
        hint = g_strdup(_("free a VF of the pool (another guest holds each one), add VFs (echo N > /sys/class/net/PF/device/sriov_numvfs), or point the network at a PF with free VFs"));
    } else {
        hint = g_strdup_printf(_("free a device of network '%1$s' (another guest holds it), or give the network a device this host has"),
                               side->network->name);
    }
    vtFindingAdd(findings, VT_FINDING_ERROR,
                 "teaming-pool-unusable", name, why, hint,
                 "%s", side->problem);
}


/*
 * The device a macvtap or tap of @side is made on must exist on this
 * host, and be a possible interface name at all: else libvirt fails to
 * start the guest.  Returns false (with an error finding) when it does
 * not; true when it does, or when there is no host to look at.
 */
static bool
vtSegmentCheckDevice(vtCheckContext *ctx,
                     const vtTeamingPair *pair,
                     const vtSegmentSide *side,
                     vtFindingList *findings)
{
    g_autofree char *sname = vtTeamingStandbyLabel(pair);
    g_autofree char *hint = NULL;
    const char *what;
    const char *rule;

    if (side->type != VT_SEGMENT_BACKEND_MACVTAP &&
        side->type != VT_SEGMENT_BACKEND_BRIDGE)
        return true;

    /* a name that cannot be an interface is never looked up */
    if ((rule = vtNetDevNameProblem(side->dev))) {
        if (side->network)
            hint = g_strdup_printf(_("name a real interface of this host in network '%1$s' (virsh net-edit %1$s)"),
                                   side->network->name);
        else
            hint = g_strdup(_("name a real interface of this host in the interface's <source>"));
        vtFindingAdd(findings, VT_FINDING_ERROR,
                     "teaming-device-name", sname,
                     _("Linux refuses such a name, so the standby's backend can never be created"),
                     hint,
                     _("'%1$s' cannot be a network interface name: %2$s"),
                     NULLSTR(side->dev), rule);
        return false;
    }
    if (!ctx->host)
        return true;
    if (vtHostFindNetdev(ctx->host, side->dev))
        return true;

    what = side->type == VT_SEGMENT_BACKEND_MACVTAP ?
        _("libvirt creates the standby's macvtap on this device when the guest starts, and fails when it is not there") :
        _("libvirt attaches the standby's tap to this bridge when the guest starts, and fails when it is not there");
    if (side->network)
        hint = g_strdup_printf(_("give network '%1$s' a device this host has (virsh net-edit %1$s), or create %2$s"),
                               side->network->name, NULLSTR(side->dev));
    else
        hint = g_strdup_printf(_("point the interface at a device this host has, or create %1$s"),
                               NULLSTR(side->dev));
    vtFindingAdd(findings, VT_FINDING_ERROR,
                 "teaming-device-missing", sname, what, hint,
                 _("the standby's device %1$s is not on the host"),
                 NULLSTR(side->dev));
    return false;
}


/**
 * vtSegmentCheckPlan:
 *
 * What plan reports: a side the allocator could give nothing, and a
 * standby whose device is not on the host.
 */
void
vtSegmentCheckPlan(vtCheckContext *ctx,
                   const vtTeamingPair *pair,
                   const vtSegmentSide *standby,
                   const vtSegmentSide *primary,
                   vtFindingList *findings)
{
    if (pair->primaryNet || pair->primaryHostdev)
        vtSegmentReportUnusable(ctx, pair, primary, true, true, findings);
    if (pair->standby) {
        vtSegmentReportUnusable(ctx, pair, standby, false, true, findings);
        vtSegmentCheckDevice(ctx, pair, standby, findings);
    }
}


vtSegmentVerdict
vtSegmentCheckPair(vtCheckContext *ctx,
                   const vtTeamingPair *pair,
                   const vtSegmentSide *standby,
                   const vtSegmentSide *primary,
                   vtFindingList *findings)
{
    g_autofree char *sname = vtTeamingStandbyLabel(pair);
    g_autofree char *pname = vtTeamingPrimaryLabel(pair);
    g_autofree char *fix = NULL;
    g_autoptr(GHashTable) targets = NULL;
    g_autoptr(GHashTable) seen = NULL;
    g_autoptr(GPtrArray) path = NULL;
    const vtHost *host = ctx->host;
    const vtHostNetdev *pfdev = NULL;
    const vtHostNetdev *sdev = NULL;
    const vtHostPCIFunction *fn;
    vtHostVF *vfs = NULL;
    size_t nvfs = 0;
    int pathTag = -1;
    const char *pathDev = NULL;
    vtSegmentVerdict verdict = VT_SEGMENT_VERDICT_UNKNOWN;
    size_t i;

    /* ---- the primary: a VF of some PF ---- */
    if (primary->type == VT_SEGMENT_BACKEND_NONE) {
        vtSegmentReportUnusable(ctx, pair, primary, true, false, findings);
        return VT_SEGMENT_VERDICT_UNKNOWN;
    }
    if (primary->type != VT_SEGMENT_BACKEND_VF || !host)
        return VT_SEGMENT_VERDICT_UNKNOWN;

    if (!(fn = vtHostFindPCI(host, &primary->vf))) {
        g_autofree char *addr = vtPCIDeviceAddressAsString(&primary->vf);

        vtFindingAdd(findings, VT_FINDING_WARNING,
                     "teaming-vf-missing", pname,
                     _("without the VF on this host nothing shows which network the primary reaches"),
                     _("check the PCI address (lspci -D) or run the check on the host the guest runs on"),
                     _("PCI device %1$s is not on the host"),
                     addr);
        return VT_SEGMENT_VERDICT_UNPROVEN;
    }
    if (!fn->isVF) {
        g_autofree char *addr = vtPCIDeviceAddressAsString(&primary->vf);

        vtFindingAdd(findings, VT_FINDING_ERROR,
                     "teaming-primary-not-vf", pname,
                     _("the primary must be an SR-IOV VF: libvirt sets its MAC through the PF and QEMU unplugs it before migration"),
                     _("use a VF of the PF (ls /sys/class/net/PF/device/virtfn*) or a hostdev pool network on the PF"),
                     _("PCI device %1$s is not an SR-IOV virtual function (Interface type hostdev is currently supported on SR-IOV Virtual Functions only)"),
                     addr);
        return VT_SEGMENT_VERDICT_UNKNOWN;
    }
    if (!primary->pf) {
        g_autofree char *addr = vtPCIDeviceAddressAsString(&primary->vf);

        vtFindingAdd(findings, VT_FINDING_WARNING,
                     "teaming-pf-unknown", pname,
                     _("the VF's PF has no network device here, so nothing shows which network the primary reaches"),
                     _("bind the PF to its network driver"),
                     _("the PF of VF %1$s has no network interface"),
                     addr);
        return VT_SEGMENT_VERDICT_UNPROVEN;
    }
    pfdev = vtHostFindNetdev(host, primary->pf);

    /* the devices on the VF's segment: the PF and its VFs */
    targets = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, NULL);
    g_hash_table_add(targets, g_strdup(primary->pf));
    if (vtHostGetVirtualFunctions(host, primary->pf, &vfs, &nvfs) < 0) {
        vtResetLastError();
    } else {
        for (i = 0; i < nvfs; i++) {
            if (vfs[i].ifname)
                g_hash_table_add(targets, g_strdup(vfs[i].ifname));
        }
        vtHostVFListFree(vfs, nvfs);
    }

    fix = vtSegmentFixLayouts(ctx, primary->pf);

    /* ---- the standby ---- */
    switch (standby->type) {
    case VT_SEGMENT_BACKEND_USER:
        vtFindingAdd(findings, VT_FINDING_ERROR,
                     "teaming-segment-user", sname,
                     _("user networking is a private network inside QEMU: the guest gets another address there and cannot use the same IP address on both NICs, so connections break when the VF is unplugged for migration"),
                     fix,
                     _("the standby uses user networking, not the VF's network"));
        return VT_SEGMENT_VERDICT_DIFFERENT;

    case VT_SEGMENT_BACKEND_NETWORK: {
        const vtNetworkIPDef *ip = NULL;
        g_autofree char *why = NULL;
        const char *code = "teaming-segment-nat";

        if (standby->network) {
            ip = vtNetworkDefGetIPByFamily(standby->network, AF_INET);
            if (!ip)
                ip = vtNetworkDefGetIPByFamily(standby->network, AF_INET6);
            if (standby->network->forward.type == VT_NETWORK_FORWARD_ROUTE)
                code = "teaming-segment-routed";
            else if (standby->network->forward.type == VT_NETWORK_FORWARD_OPEN)
                code = "teaming-segment-open";
            else if (standby->network->forward.type == VT_NETWORK_FORWARD_NONE)
                code = "teaming-segment-isolated";
        }
        if (ip && ip->network)
            why = g_strdup_printf(_("the guest must be able to use the same IP address on both NICs; behind this network it is in the subnet %1$s on the host's bridge %2$s, not on the VF's network, so connections break when the VF is unplugged for migration"),
                                  ip->network, NULLSTR(standby->dev));
        else
            why = g_strdup_printf(_("the guest must be able to use the same IP address on both NICs; this network lives on the host's bridge %1$s, not on the VF's network, so connections break when the VF is unplugged for migration"),
                                  NULLSTR(standby->dev));
        vtFindingAdd(findings, VT_FINDING_ERROR,
                     code, sname, why, fix,
                     _("the standby is on network '%1$s' (%2$s), not on the VF's network (PF %3$s)"),
                     standby->network ? standby->network->name : "",
                     standby->network ? vtTeamingNetworkKindString(standby->network) : "",
                     primary->pf);
        return VT_SEGMENT_VERDICT_DIFFERENT;
    }

    case VT_SEGMENT_BACKEND_OTHER:
        vtFindingAdd(findings, VT_FINDING_WARNING,
                     "teaming-segment-unproven", sname,
                     _("the host cannot show where this kind of interface leads"),
                     fix,
                     _("the standby is <interface type='%1$s'>: cannot tell whether it reaches the VF's network on %2$s"),
                     pair->standby ? vtDomainNetTypeToString(pair->standby->type) : "",
                     primary->pf);
        return VT_SEGMENT_VERDICT_UNPROVEN;

    case VT_SEGMENT_BACKEND_VF:
        /* a standby on a hostdev pool: a pair rule reports it */
        return VT_SEGMENT_VERDICT_UNKNOWN;

    case VT_SEGMENT_BACKEND_NONE:
        vtSegmentReportUnusable(ctx, pair, standby, false, false, findings);
        return VT_SEGMENT_VERDICT_UNKNOWN;

    case VT_SEGMENT_BACKEND_MACVTAP:
    case VT_SEGMENT_BACKEND_BRIDGE:
    case VT_SEGMENT_BACKEND_LAST:
        break;
    }

    if (!vtSegmentCheckDevice(ctx, pair, standby, findings) ||
        !(sdev = vtHostFindNetdev(host, standby->dev)))
        return VT_SEGMENT_VERDICT_UNKNOWN;

    /* the kernel refuses a macvtap on a bridge port or bond slave: the
     * device's receive path already belongs to its master */
    if (standby->type == VT_SEGMENT_BACKEND_MACVTAP && sdev->master) {
        g_autofree char *hint = g_strdup_printf(_("use the device the port belongs to: a network with <forward mode='bridge'/><bridge name='%1$s'/> when %1$s is a bridge, or a macvtap on %1$s itself when it is a bond"),
                                                sdev->master);

        vtFindingAdd(findings, VT_FINDING_ERROR,
                     "teaming-macvtap-on-port", sname,
                     _("a macvtap needs the receive path of its lower device, which a bridge or bond already holds; creating it fails with 'Device or resource busy' when the guest starts"),
                     hint,
                     _("the standby's macvtap would sit on %1$s, which is a port of %2$s"),
                     sdev->name, sdev->master);
    }

    seen = g_hash_table_new(g_str_hash, g_str_equal);
    path = g_ptr_array_new();
    if (vtSegmentFindPath(host, sdev->name, targets, seen, path)) {
        verdict = VT_SEGMENT_VERDICT_SAME;
        for (i = 0; i + 1 < path->len; i++) {
            int tag = vtSegmentVlanTagOf(g_ptr_array_index(path, i),
                                         g_ptr_array_index(path, i + 1));
            if (tag >= 0) {
                pathTag = tag;
                pathDev = g_ptr_array_index(path, i);
                break;
            }
        }
    } else {
        g_auto(GStrv) uppers = NULL;
        g_autofree char *uplinks = NULL;

        /* stacked above the PF or a VF: the same segment too */
        GHashTableIter iter;
        gpointer key;

        g_hash_table_iter_init(&iter, targets);
        while (verdict != VT_SEGMENT_VERDICT_SAME &&
               g_hash_table_iter_next(&iter, &key, NULL)) {
            g_clear_pointer(&uppers, g_strfreev);
            if (vtHostGetUpperDevices(host, key, true, &uppers) < 0) {
                vtResetLastError();
                continue;
            }
            for (i = 0; uppers && uppers[i]; i++) {
                if (STREQ(uppers[i], sdev->name))
                    verdict = VT_SEGMENT_VERDICT_SAME;
            }
        }

        if (verdict != VT_SEGMENT_VERDICT_SAME) {
            uplinks = vtSegmentUplinks(host, sdev->name);
            if (!uplinks && sdev->isBridge) {
                g_autofree char *why = g_strdup_printf(_("a bridge without a physical port is a network inside this host: the guest must be able to use the same IP address on both NICs, but %1$s does not reach the VF's network on %2$s"),
                                                       sdev->name, primary->pf);

                vtFindingAdd(findings, VT_FINDING_ERROR,
                             "teaming-bridge-no-uplink", sname,
                             why, fix,
                             _("the standby's bridge %1$s has no uplink: a different segment than the VF on %2$s"),
                             sdev->name, primary->pf);
                return VT_SEGMENT_VERDICT_DIFFERENT;
            } else if (!uplinks) {
                vtFindingAdd(findings, VT_FINDING_WARNING,
                             "teaming-segment-unproven", sname,
                             _("the device is not stacked on any physical NIC, so the host cannot show where it leads"),
                             fix,
                             _("the standby's device %1$s does not reach the VF's PF %2$s"),
                             sdev->name, primary->pf);
                return VT_SEGMENT_VERDICT_UNPROVEN;
            } else {
                g_autofree char *why = g_strdup_printf(_("%1$s may be cabled to the same network as %2$s, but the host cannot show it; if it is not, the guest loses its network when the VF is unplugged for migration"),
                                                       uplinks, primary->pf);
                g_autofree char *hint = g_strdup_printf(_("make sure %1$s and %2$s reach the same switch and VLAN (compare their LLDP neighbours: lldptool -t -n -i DEV, or the switch's MAC table), or use the PF itself:\n%3$s"),
                                                        uplinks, primary->pf, fix);

                if (STREQ(uplinks, sdev->name))
                    vtFindingAdd(findings, VT_FINDING_WARNING,
                                 "teaming-segment-unproven", sname,
                                 why, hint,
                                 _("the standby is on %1$s, another uplink than the VF's PF %2$s"),
                                 uplinks, primary->pf);
                else
                    vtFindingAdd(findings, VT_FINDING_WARNING,
                                 "teaming-segment-unproven", sname,
                                 why, hint,
                                 _("the standby reaches %1$s through %2$s, another uplink than the VF's PF %3$s"),
                                 uplinks, sdev->name, primary->pf);
                verdict = VT_SEGMENT_VERDICT_UNPROVEN;
            }
        }
    }

    /* ---- VLANs, MTUs, links ---- */
    vtSegmentCheckVlan(standby, primary, pathTag, pathDev, sname, findings);

    {
        const vtHostNetdev *vfdev = NULL;
        g_autofree char *vfname = NULL;
        unsigned int pmtu = primary->mtu;
        unsigned int smtu = standby->mtu;

        if (vtHostGetVFNetdev(host, &primary->vf, primary->pf, &vfname) < 0)
            vtResetLastError();
        if (vfname)
            vfdev = vtHostFindNetdev(host, vfname);
        if (!pmtu)
            pmtu = vfdev && vfdev->mtu ? vfdev->mtu : (pfdev ? pfdev->mtu : 0);
        if (!smtu)
            smtu = sdev->mtu;

        if (pmtu && smtu && pmtu != smtu) {
            g_autofree char *hint = g_strdup_printf(_("use one MTU on both paths, e.g. <mtu size='%1$u'/> on the standby's interface or network, and the same on %2$s"),
                                                    MAX(pmtu, smtu), primary->pf);

            vtFindingAdd(findings, VT_FINDING_WARNING,
                         "teaming-mtu-mismatch", sname,
                         _("the guest's failover device takes one MTU; frames larger than the smaller MTU are dropped on one of the paths after failover"),
                         hint,
                         _("MTU %1$u on the standby's path (%2$s) differs from MTU %3$u on the VF's PF %4$s"),
                         smtu, sdev->name, pmtu, primary->pf);
        }
    }

    if (vtSegmentIsDown(pfdev)) {
        g_autofree char *hint = g_strdup_printf(_("bring it up (ip link set %1$s up) and check the cable"),
                                                primary->pf);

        vtFindingAdd(findings, VT_FINDING_WARNING,
                     "teaming-link-down", pname,
                     _("with the PF's link down neither the VF nor a standby on it passes traffic"),
                     hint,
                     _("the VF's PF %1$s is down"),
                     primary->pf);
    }
    for (i = 0; path && i < path->len; i++) {
        const char *name = g_ptr_array_index(path, i);
        const vtHostNetdev *nd = vtHostFindNetdev(host, name);

        if (pfdev && STREQ(name, pfdev->name))
            continue;
        if (vtSegmentIsDown(nd)) {
            g_autofree char *hint = g_strdup_printf(_("bring it up: ip link set %1$s up"),
                                                    name);

            vtFindingAdd(findings, VT_FINDING_WARNING,
                         "teaming-link-down", sname,
                         _("the standby carries the guest's traffic while the VF is unplugged; with a link down on its path the guest is cut off during migration"),
                         hint,
                         _("%1$s on the standby's path is down"),
                         name);
        }
    }
    if (!path || path->len == 0) {
        if (vtSegmentIsDown(sdev)) {
            g_autofree char *hint = g_strdup_printf(_("bring it up: ip link set %1$s up"),
                                                    sdev->name);

            vtFindingAdd(findings, VT_FINDING_WARNING,
                         "teaming-link-down", sname,
                         _("the standby carries the guest's traffic while the VF is unplugged; with its link down the guest is cut off during migration"),
                         hint,
                         _("the standby's device %1$s is down"),
                         sdev->name);
        }
    }

    return verdict;
}


/* ---- plan output ---- */

char *
vtSegmentSideFormatActual(const vtSegmentSide *side)
{
    g_auto(vtBuffer) buf = VT_BUFFER_INITIALIZER;

    if (!side->actual)
        return NULL;
    if (vtDomainActualNetDefFormat(&buf, side->actual) < 0)
        return NULL;
    return vtBufferContentAndReset(&buf);
}


char *
vtSegmentSideDescribe(const vtSegmentSide *side)
{
    char mac[VT_MAC_STRING_BUFLEN];

    switch (side->type) {
    case VT_SEGMENT_BACKEND_MACVTAP:
        return g_strdup_printf(_("macvtap on %1$s in mode %2$s"),
                               NULLSTR(side->dev),
                               vtNetDevMacVLanModeTypeToString(side->mode));
    case VT_SEGMENT_BACKEND_BRIDGE:
        return g_strdup_printf(_("tap on bridge %1$s"), NULLSTR(side->dev));
    case VT_SEGMENT_BACKEND_NETWORK:
        return g_strdup_printf(_("tap on bridge %1$s of network '%2$s' (%3$s)"),
                               NULLSTR(side->dev),
                               side->network ? side->network->name : "",
                               side->network ? vtTeamingNetworkKindString(side->network) : "");
    case VT_SEGMENT_BACKEND_USER:
        return g_strdup(_("QEMU user networking"));
    case VT_SEGMENT_BACKEND_VF: {
        g_autofree char *addr = vtPCIDeviceAddressAsString(&side->vf);
        g_autofree char *where = NULL;
        g_autofree char *macpart = NULL;

        if (side->pf && side->vfIndex >= 0)
            where = g_strdup_printf(_(" (VF %1$d of %2$s)"), side->vfIndex, side->pf);
        else if (side->pf)
            where = g_strdup_printf(_(" (a VF of %1$s)"), side->pf);
        if (side->macProgrammed)
            macpart = g_strdup_printf(_(", MAC %1$s programmed through %2$s"),
                                      vtMacAddrFormat(&side->mac, mac),
                                      side->pf ? side->pf : _("its PF"));
        else
            macpart = g_strdup_printf(_(", MAC %1$s to be programmed by the admin"),
                                      vtMacAddrFormat(&side->mac, mac));
        return g_strdup_printf(_("VF at PCI %1$s%2$s%3$s%4$s"),
                               addr, NULLSTR_EMPTY(where), macpart,
                               side->managed ? _(", bound to vfio-pci by libvirt") : "");
    }
    case VT_SEGMENT_BACKEND_OTHER:
        return g_strdup(_("not analysed"));
    case VT_SEGMENT_BACKEND_NONE:
    case VT_SEGMENT_BACKEND_LAST:
        break;
    }
    return g_strdup_printf(_("none: %1$s"), NULLSTR(side->problem));
}
