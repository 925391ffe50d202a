/*
 * pool.c: a network's device pool: PF -> VFs, connection counts
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 *
 * A network in one of the modes that hand out devices (hostdev, or a
 * macvtap mode: bridge without a bridge name, private, vepa,
 * passthrough) draws them from its pool: the <interface>/<address>
 * entries of <forward>.  When the network names a <pf> and no entries,
 * the pool is the PF's virtual functions, listed the way libvirt's
 * networkCreateInterfacePool() lists them: every VF as a PCI entry in
 * hostdev mode, the VFs' netdevs in the macvtap modes (a VF bound to no
 * network driver is skipped with a warning).
 *
 * Every device name of the pool (the <pf> and the <interface>
 * entries) is checked to be a possible interface name before the host
 * is looked at: libvirt accepts any string there when it parses a
 * network, this library never lets one reach a sysfs path.
 */

#include <config.h>

#include "pool.h"
#include "vterror.h"
#include "vtifname.h"


static void
vtNetworkPoolClear(vtNetworkForwardDef *fwd)
{
    size_t i;

    for (i = 0; i < fwd->nifs; i++) {
        if (fwd->ifs[i].type == VT_NETWORK_FORWARD_HOSTDEV_DEVICE_NETDEV)
            g_free(fwd->ifs[i].device.dev);
    }
    g_clear_pointer(&fwd->ifs, g_free);
    fwd->nifs = 0;
}


/* Every device the pool names can be an interface name; reports the
 * rule the first one breaks. */
static int
vtNetworkPoolValidateNames(const vtNetworkForwardDef *fwd)
{
    size_t i;

    for (i = 0; i < fwd->npfs; i++) {
        if (vtNetDevValidateName(fwd->pfs[i].dev) < 0)
            return -1;
    }
    for (i = 0; i < fwd->nifs; i++) {
        if (fwd->ifs[i].type == VT_NETWORK_FORWARD_HOSTDEV_DEVICE_NETDEV &&
            vtNetDevValidateName(fwd->ifs[i].device.dev) < 0)
            return -1;
    }
    return 0;
}


/**
 * vtNetworkPoolNeedsHost:
 * @def: a network
 *
 * Returns true when vtNetworkCreateInterfacePool() would read the host:
 * the network has a <pf> and no explicit pool entries.
 */
bool
vtNetworkPoolNeedsHost(const vtNetworkDef *def)
{
    return def->forward.npfs > 0 && def->forward.nifs == 0;
}


/**
 * vtNetworkCreateInterfacePool:
 * @def: the network whose pool is filled
 * @host: the host the PF is looked up on
 *
 * libvirt's networkCreateInterfacePool(): a no-op unless @def has a
 * <pf> and no pool entries; otherwise fills the pool from the PF's
 * virtual functions.  Warnings about VFs left out go through
 * vtReportWarning().
 *
 * The errors, with libvirt's messages where libvirt has one:
 * - a name in the pool that cannot be an interface name (libvirt has
 *   no such check): VT_ERR_CONFIG_UNSUPPORTED, "'%s' cannot be a
 *   network interface name: <the rule>";
 * - no @host, or the VFs cannot be listed: "Could not get Virtual
 *   functions on %s", VT_ERR_INTERNAL_ERROR, as libvirt;
 * - a PF that is no netdev of @host: libvirt's "No usable Vf's present
 *   on SRIOV PF %s", with the code VT_ERR_NO_DEVICE;
 * - a PF without SR-IOV, without VFs, or whose VFs are all unusable:
 *   the same message with VT_ERR_INTERNAL_ERROR, as libvirt.
 * vtNetworkPoolErrorIsMissingPF() tells the last two apart.
 *
 * Returns 0 on success, -1 with an error reported (the pool is left
 * empty).
 */
int
vtNetworkCreateInterfacePool(vtNetworkDef *def,
                             const vtHost *host)
{
    vtNetworkForwardDef *fwd = &def->forward;
    vtHostVF *vfs = NULL;
    size_t nvfs = 0;
    size_t i;
    int ret = -1;

    if (vtNetworkPoolValidateNames(fwd) < 0)
        return -1;

    if (!vtNetworkPoolNeedsHost(def))
        return 0;

    if (!host ||
        vtHostGetVirtualFunctions(host, fwd->pfs[0].dev, &vfs, &nvfs) < 0) {
        vtReportError(VT_ERR_INTERNAL_ERROR,
                      _("Could not get Virtual functions on %1$s"),
                      fwd->pfs[0].dev);
        return -1;
    }

    /* libvirt says the same whether the PF is missing or has no VFs
     * (measured with libvirt 9.0's network driver: net-start of a
     * hostdev or a macvtap network on a PF the host lacks); only the
     * code tells them apart */
    if (!vtHostFindNetdev(host, fwd->pfs[0].dev)) {
        vtReportError(VT_ERR_NO_DEVICE,
                      _("No usable Vf's present on SRIOV PF %1$s"),
                      fwd->pfs[0].dev);
        return -1;
    }

    fwd->ifs = g_new0(vtNetworkForwardIfDef, MAX(nvfs, 1));

    for (i = 0; i < nvfs; i++) {
        vtNetworkForwardIfDef *entry = &fwd->ifs[fwd->nifs];

        switch ((vtNetworkForwardType)fwd->type) {
        case VT_NETWORK_FORWARD_BRIDGE:
        case VT_NETWORK_FORWARD_PRIVATE:
        case VT_NETWORK_FORWARD_VEPA:
        case VT_NETWORK_FORWARD_PASSTHROUGH:
            if (vfs[i].ifname) {
                entry->type = VT_NETWORK_FORWARD_HOSTDEV_DEVICE_NETDEV;
                entry->device.dev = g_strdup(vfs[i].ifname);
                fwd->nifs++;
            } else {
                vtReportWarning(_("VF %1$zu of SRIOV PF %2$s couldn't be added to the interface pool because it isn't bound to a network driver - possibly in use elsewhere"),
                                i, fwd->pfs[0].dev);
            }
            break;

        case VT_NETWORK_FORWARD_HOSTDEV:
            /* a VF is always a PCI device, whatever it is bound to */
            entry->type = VT_NETWORK_FORWARD_HOSTDEV_DEVICE_PCI;
            entry->device.pci = vfs[i].addr;
            fwd->nifs++;
            break;

        case VT_NETWORK_FORWARD_NONE:
        case VT_NETWORK_FORWARD_NAT:
        case VT_NETWORK_FORWARD_ROUTE:
        case VT_NETWORK_FORWARD_OPEN:
            /* these modes draw nothing from a pool */
            break;

        case VT_NETWORK_FORWARD_LAST:
        default:
            vtReportEnumRangeError(vtNetworkForwardType, fwd->type);
            goto cleanup;
        }
    }

    if (fwd->nifs == 0) {
        vtReportError(VT_ERR_INTERNAL_ERROR,
                      _("No usable Vf's present on SRIOV PF %1$s"),
                      fwd->pfs[0].dev);
        goto cleanup;
    }

    ret = 0;

 cleanup:
    if (ret < 0 || fwd->nifs == 0)
        vtNetworkPoolClear(fwd);
    vtHostVFListFree(vfs, nvfs);
    return ret;
}


/**
 * vtNetworkPoolErrorIsMissingPF:
 * @err: an error from vtNetworkCreateInterfacePool() (or from a public
 *       entry point that made a pool), may be NULL
 *
 * libvirt reports a PF the host lacks with the message of a PF that
 * has no usable VF ("No usable Vf's present on SRIOV PF %s"); the code
 * VT_ERR_NO_DEVICE is what tells the first case apart.
 *
 * Returns true when @err says that the network's <pf> is not on the
 * host.
 */
bool
vtNetworkPoolErrorIsMissingPF(const GError *err)
{
    return err && err->domain == VT_ERROR && err->code == VT_ERR_NO_DEVICE;
}


/**
 * vtNetworkPoolFindNetdev:
 * @def: a network
 * @dev: a netdev name
 *
 * Returns the NETDEV pool entry named @dev, or NULL.
 */
vtNetworkForwardIfDef *
vtNetworkPoolFindNetdev(vtNetworkDef *def,
                        const char *dev)
{
    size_t i;

    if (!dev)
        return NULL;

    for (i = 0; i < def->forward.nifs; i++) {
        vtNetworkForwardIfDef *entry = &def->forward.ifs[i];

        if (entry->type == VT_NETWORK_FORWARD_HOSTDEV_DEVICE_NETDEV &&
            STREQ_NULLABLE(entry->device.dev, dev))
            return entry;
    }
    return NULL;
}


/**
 * vtNetworkPoolFindPCI:
 * @def: a network
 * @addr: a PCI address
 *
 * Returns the PCI pool entry at @addr, or NULL.
 */
vtNetworkForwardIfDef *
vtNetworkPoolFindPCI(vtNetworkDef *def,
                     const vtPCIDeviceAddress *addr)
{
    size_t i;

    for (i = 0; i < def->forward.nifs; i++) {
        vtNetworkForwardIfDef *entry = &def->forward.ifs[i];

        if (entry->type == VT_NETWORK_FORWARD_HOSTDEV_DEVICE_PCI &&
            vtPCIDeviceAddressEqual(&entry->device.pci, addr))
            return entry;
    }
    return NULL;
}


/**
 * vtNetworkPoolResetConnections:
 * @def: a network
 *
 * Zero the connection counts of the network, its PFs and every pool
 * entry, before they are counted again from the ports.
 */
void
vtNetworkPoolResetConnections(vtNetworkDef *def)
{
    size_t i;

    def->connections = 0;
    for (i = 0; i < def->forward.npfs; i++)
        def->forward.pfs[i].connections = 0;
    for (i = 0; i < def->forward.nifs; i++)
        def->forward.ifs[i].connections = 0;
}
