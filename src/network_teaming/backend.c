/*
 * backend.c: realize a plug on the kernel and undo it
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#include <config.h>

#include <fcntl.h>
#include <unistd.h>
#include <linux/if_link.h>
#include <linux/rtnetlink.h>

#include "backend.h"
#include "vterror.h"
#include "vtnetdev.h"
#include "vtnetlink.h"
#include "vtsysfs.h"

VT_ENUM_IMPL(vtBackendKind,
             VT_BACKEND_KIND_LAST,
             "macvtap",
             "tap",
             "vf-config",
             "vfio-bind",
);

#define VT_BACKEND_VFIO_DRIVER "vfio-pci"


vtBackendRecord *
vtBackendRecordNew(vtBackendKind kind)
{
    vtBackendRecord *rec = g_new0(vtBackendRecord, 1);

    rec->kind = kind;
    rec->mode = VT_NETDEV_MACVLAN_MODE_BRIDGE;
    rec->vf = -1;
    rec->vlan = -1;
    rec->savedVlan = -1;
    return rec;
}


void
vtBackendRecordFree(vtBackendRecord *rec)
{
    if (!rec)
        return;

    g_free(rec->ifname);
    g_free(rec->linkdev);
    g_free(rec->bridge);
    g_free(rec->pf);
    g_free(rec->savedDriver);
    g_free(rec);
}


static int
vtBackendMacvlanModeToKernel(vtNetDevMacVLanMode mode,
                             uint32_t *kmode)
{
    switch (mode) {
    case VT_NETDEV_MACVLAN_MODE_VEPA:
        *kmode = MACVLAN_MODE_VEPA;
        return 0;
    case VT_NETDEV_MACVLAN_MODE_PRIVATE:
        *kmode = MACVLAN_MODE_PRIVATE;
        return 0;
    case VT_NETDEV_MACVLAN_MODE_BRIDGE:
        *kmode = MACVLAN_MODE_BRIDGE;
        return 0;
    case VT_NETDEV_MACVLAN_MODE_PASSTHRU:
        *kmode = MACVLAN_MODE_PASSTHRU;
        return 0;
    case VT_NETDEV_MACVLAN_MODE_LAST:
    default:
        break;
    }

    vtReportEnumRangeError(vtNetDevMacVLanMode, mode);
    return -1;
}


/* Remove the link @ifname this module has just created, after a later
 * step failed: the error of that step stays the one reported. */
static void
vtBackendDeleteCreated(const char *ifname)
{
    g_autoptr(GError) saved = NULL;

    if (vtGetLastError())
        saved = g_error_copy(vtGetLastError());
    ignore_value(vtNetDevDelete(ifname, true));
    if (saved)
        vtErrorSetFromGError(saved);
}


/**
 * vtBackendCreateMacvtap:
 * @linkdev: the lower device (the PF, or an uplink)
 * @mac: the guest's MAC, given to the macvtap link
 * @mode: a vtNetDevMacVLanMode, or -1 for bridge
 * @ifnameTemplate: NULL for "macvtap%d", a template with one "%d", or a name
 * @group: the link group to create it in (see vtBackendPickLinkGroup()),
 *         0 for the default group
 * @rec: set to the record of what was created
 * @tapfd: where to store the open tap character device, or NULL
 *
 * Create a macvtap link as libvirt's virNetDevMacVLanCreateWithVPortProfile
 * does with WITH_TAP and IFUP: generate the name, send RTM_NEWLINK with
 * IFLA_LINK, IFLA_ADDRESS and the macvlan mode, bring the link up, and
 * (when @tapfd is given) open /dev/tap<ifindex> safely and enable the
 * vnet header.  On failure nothing is left behind.
 *
 * Returns 0 on success, -1 with an error reported on failure.
 */
int
vtBackendCreateMacvtap(const char *linkdev,
                       const vtMacAddr *mac,
                       int mode,
                       const char *ifnameTemplate,
                       uint32_t group,
                       vtBackendRecord **rec,
                       int *tapfd)
{
    g_autoptr(vtBackendRecord) newrec = NULL;
    g_autofree char *ifname = g_strdup(ifnameTemplate);
    vtNetlinkNewLinkData data = { 0 };
    char macstr[VT_MAC_STRING_BUFLEN];
    uint32_t kmode;
    int error;
    VT_AUTOCLOSE fd = -1;

    *rec = NULL;
    if (tapfd)
        *tapfd = -1;

    if (mode < 0)
        mode = VT_NETDEV_MACVLAN_MODE_BRIDGE;
    if (vtBackendMacvlanModeToKernel(mode, &kmode) < 0)
        return -1;

    if (vtNetDevGetIndex(linkdev, &data.ifindex) < 0)
        return -1;
    data.mac = mac;
    data.macvlan_mode = &kmode;
    data.group = group;

    if (vtNetDevGenerateName(&ifname, VT_NET_DEV_GEN_NAME_MACVTAP) < 0)
        return -1;

    if (vtNetlinkNewLink(ifname, "macvtap", &data, &error) < 0) {
        if (error != 0)
            vtReportSystemError(error, _("error creating %1$s interface %2$s@%3$s (%4$s)"),
                                "macvtap", ifname, linkdev, vtMacAddrFormat(mac, macstr));
        return -1;
    }

    if (vtNetDevSetOnline(ifname, true) < 0)
        goto error;

    if (tapfd) {
        if ((fd = vtNetDevMacVTapOpen(ifname, 0)) < 0)
            goto error;
        if (vtNetDevSetVnetHdr(fd, true) < 0)
            goto error;
    }

    newrec = vtBackendRecordNew(VT_BACKEND_KIND_MACVTAP);
    newrec->ifname = g_steal_pointer(&ifname);
    newrec->linkdev = g_strdup(linkdev);
    newrec->mode = mode;
    newrec->mac = *mac;
    newrec->group = group;

    if (tapfd) {
        *tapfd = fd;
        fd = -1;
    }
    *rec = g_steal_pointer(&newrec);
    return 0;

 error:
    vtBackendDeleteCreated(ifname);
    return -1;
}


/**
 * vtBackendBridgeTapMAC:
 * @guestmac: the guest's MAC
 * @tapmac: set to the MAC of the host side tap
 *
 * libvirt's rule: the guest MAC with the first byte 0xFE, or 0xFA when it
 * already was 0xFE, so that the bridge never takes the guest's address.
 */
void
vtBackendBridgeTapMAC(const vtMacAddr *guestmac,
                      vtMacAddr *tapmac)
{
    *tapmac = *guestmac;
    tapmac->addr[0] = (guestmac->addr[0] == 0xFE) ? 0xFA : 0xFE;
}


/**
 * vtBackendCreateBridgeTap:
 * @bridge: the host bridge
 * @guestmac: the guest's MAC
 * @group: the link group to put it in, 0 for the default group
 * @rec: set to the record of what was created
 *
 * libvirt's virNetDevTapCreateInBridgePort: a persistent tap "vnet%d"
 * from /dev/net/tun (IFF_TAP|IFF_NO_PI|IFF_VNET_HDR), given the guest MAC
 * with the 0xFE rule and the bridge's MTU, enslaved to @bridge by netlink
 * (IFLA_MASTER) and brought up.  On failure nothing is left behind.
 *
 * Returns 0 on success, -1 with an error reported on failure.
 */
int
vtBackendCreateBridgeTap(const char *bridge,
                         const vtMacAddr *guestmac,
                         uint32_t group,
                         vtBackendRecord **rec)
{
    g_autoptr(vtBackendRecord) newrec = NULL;
    g_autofree char *ifname = NULL;
    vtMacAddr tapmac;
    unsigned int mtu;
    int brindex;

    *rec = NULL;

    if (vtNetDevGetIndex(bridge, &brindex) < 0 ||
        vtNetDevGetMTU(bridge, &mtu) < 0)
        return -1;

    vtBackendBridgeTapMAC(guestmac, &tapmac);

    if (vtNetDevTapCreate(&ifname, NULL,
                          VT_NETDEV_TAP_CREATE_VNET_HDR |
                          VT_NETDEV_TAP_CREATE_PERSIST) < 0)
        return -1;

    if (vtNetDevSetMAC(ifname, &tapmac) < 0 ||
        (group != 0 && vtNetDevSetGroup(ifname, group) < 0) ||
        vtNetDevSetMTU(ifname, mtu) < 0 ||
        vtNetDevSetMaster(ifname, bridge) < 0 ||
        vtNetDevSetOnline(ifname, true) < 0) {
        vtBackendDeleteCreated(ifname);
        return -1;
    }

    newrec = vtBackendRecordNew(VT_BACKEND_KIND_TAP);
    newrec->ifname = g_steal_pointer(&ifname);
    newrec->bridge = g_strdup(bridge);
    newrec->mac = tapmac;
    newrec->group = group;
    *rec = g_steal_pointer(&newrec);
    return 0;
}


/**
 * vtBackendSendVFConfig:
 * @pf: the PF's netdev
 * @vf: the VF number
 * @mac: the MAC to program, or NULL
 * @vlan: the VLAN tag, 0 to clear, -1 to leave
 *
 * Send RTM_SETLINK with IFLA_VFINFO_LIST to the PF.
 *
 * Returns 0 on success, -1 with an error naming the PF and VF on failure.
 */
int
vtBackendSendVFConfig(const char *pf,
                      int vf,
                      const vtMacAddr *mac,
                      int vlan)
{
    g_autoptr(vtNetlinkMsg) msg = NULL;
    char macstr[VT_MAC_STRING_BUFLEN] = "";
    int ifindex;
    int error;

    if (vf < 0) {
        vtReportError(VT_ERR_INVALID_ARG, _("invalid VF number %1$d"), vf);
        return -1;
    }
    if (vlan > 4095) {
        vtReportError(VT_ERR_CONFIG_UNSUPPORTED,
                      _("vlan tag id %1$u is out of range (0-4095)"), vlan);
        return -1;
    }

    if (vtNetDevGetIndex(pf, &ifindex) < 0)
        return -1;

    if (!(msg = vtNetlinkBuildSetVFConfig(ifindex, vf, mac, vlan)))
        return -1;

    if (vtNetlinkCommand(msg, NULL, &error) < 0) {
        if (error != 0) {
            if (mac)
                vtMacAddrFormat(mac, macstr);
            vtReportSystemError(error,
                                _("Cannot set interface MAC/vlanid to %1$s/%2$d for ifname %3$s vf %4$d"),
                                macstr, vlan, pf, vf);
        }
        return -1;
    }
    return 0;
}


/**
 * vtBackendGetVFConfig:
 * @pf: the PF's netdev
 * @vf: the VF number
 * @mac: set to the VF's MAC
 * @vlan: set to the VF's VLAN tag (0 for none)
 *
 * Read one VF's MAC and VLAN from the PF (RTM_GETLINK with IFLA_EXT_MASK
 * RTEXT_FILTER_VF).
 *
 * Returns 0 on success, -1 with an error reported on failure.
 */
int
vtBackendGetVFConfig(const char *pf,
                     int vf,
                     vtMacAddr *mac,
                     int *vlan)
{
    g_autoptr(vtNetlinkMsg) reply = NULL;
    vtNetlinkVFInfo info;
    int ifindex;
    int error;

    if (vtNetDevGetIndex(pf, &ifindex) < 0)
        return -1;

    if (vtNetlinkGetLink(ifindex, RTEXT_FILTER_VF, &reply, &error) < 0) {
        if (error != 0)
            vtReportSystemError(error,
                                _("cannot get VF %1$d configuration of interface %2$s"),
                                vf, pf);
        return -1;
    }

    if (vtNetlinkParseVFInfo(reply, pf, vf, &info) < 0)
        return -1;

    *mac = info.mac;
    *vlan = info.vlan;
    return 0;
}


/**
 * vtBackendSetVFConfig:
 * @pf: the PF's netdev
 * @vf: the VF number
 * @mac: the MAC to give the VF (the guest's)
 * @vlan: the VLAN tag, 0 for none, -1 to leave it
 * @rec: set to the record holding the VF's previous MAC and VLAN
 *
 * As libvirt's virHostdevSaveNetConfig + virHostdevSetNetConfig: save
 * the VF's current MAC and VLAN, then program the new ones.
 *
 * Returns 0 on success, -1 with an error reported on failure.
 */
int
vtBackendSetVFConfig(const char *pf,
                     int vf,
                     const vtMacAddr *mac,
                     int vlan,
                     vtBackendRecord **rec)
{
    g_autoptr(vtBackendRecord) newrec = vtBackendRecordNew(VT_BACKEND_KIND_VF_CONFIG);

    *rec = NULL;

    if (vtBackendGetVFConfig(pf, vf, &newrec->savedMac, &newrec->savedVlan) < 0)
        return -1;

    if (vtBackendSendVFConfig(pf, vf, mac, vlan) < 0) {
        g_autoptr(GError) saved = NULL;

        /* the kernel may have applied the MAC and refused the VLAN */
        if (vtGetLastError())
            saved = g_error_copy(vtGetLastError());
        ignore_value(vtBackendSendVFConfig(pf, vf, &newrec->savedMac, newrec->savedVlan));
        if (saved)
            vtErrorSetFromGError(saved);
        return -1;
    }

    newrec->pf = g_strdup(pf);
    newrec->vf = vf;
    newrec->mac = *mac;
    newrec->vlan = vlan;
    *rec = g_steal_pointer(&newrec);
    return 0;
}


/* Write @value to the existing sysfs file @path (relative to the root). */
static int
vtBackendSysfsWrite(const vtSysfs *sysfs,
                    const char *path,
                    const char *value)
{
    g_autofree char *resolved = NULL;
    g_autofree char *full = NULL;
    size_t len = strlen(value);
    ssize_t done;
    int rc;
    VT_AUTOCLOSE fd = -1;

    if ((rc = vtSysfsResolve(sysfs, path, &resolved)) < 0)
        return -1;
    full = vtSysfsFullPath(sysfs, rc == 1 ? resolved : path);
    if (rc == 0) {
        vtReportSystemError(ENOENT, _("cannot write to '%1$s'"), full);
        return -1;
    }

    if ((fd = open(full, O_WRONLY | O_TRUNC | O_NOFOLLOW | O_CLOEXEC)) < 0) {
        vtReportSystemError(errno, _("cannot write to '%1$s'"), full);
        return -1;
    }

    if ((done = write(fd, value, len)) < 0 || (size_t)done != len) {
        vtReportSystemError(done < 0 ? errno : EIO, _("cannot write to '%1$s'"), full);
        return -1;
    }

    if (g_close(fd, NULL) == FALSE) {
        fd = -1;
        vtReportSystemError(errno, _("cannot write to '%1$s'"), full);
        return -1;
    }
    fd = -1;
    return 0;
}


/* Unbind the device from its current driver through the driver's folder. */
static int
vtBackendPCIUnbind(const vtSysfs *sysfs,
                   const char *devpath,
                   const char *addrstr,
                   const char *driver)
{
    g_autofree char *unbind = g_strdup_printf("%s/driver/unbind", devpath);

    if (vtBackendSysfsWrite(sysfs, unbind, addrstr) < 0) {
        g_autoptr(GError) saved = g_error_copy(vtGetLastError());

        vtReportError(VT_ERR_INTERNAL_ERROR,
                      _("Failed to unbind PCI device '%1$s' from %2$s: %3$s"),
                      addrstr, driver, saved->message);
        return -1;
    }
    return 0;
}


static int
vtBackendPCIProbe(const vtSysfs *sysfs,
                  const char *addrstr)
{
    if (vtBackendSysfsWrite(sysfs, "bus/pci/drivers_probe", addrstr) < 0) {
        g_autoptr(GError) saved = g_error_copy(vtGetLastError());

        vtReportError(VT_ERR_INTERNAL_ERROR,
                      _("Failed to trigger a probe for PCI device '%1$s': %2$s"),
                      addrstr, saved->message);
        return -1;
    }
    return 0;
}


static int
vtBackendPCIGetDriver(const vtSysfs *sysfs,
                      const char *devpath,
                      char **driver)
{
    g_autofree char *link = g_strdup_printf("%s/driver", devpath);

    *driver = NULL;
    if (vtSysfsLinkBasename(sysfs, link, driver) < 0)
        return -1;
    return 0;
}


/**
 * vtBackendBindVFIO:
 * @sysfsRoot: the sysfs root ("/sys" when NULL)
 * @addr: the VF's PCI address
 * @rec: set to the record holding the driver bound before
 *
 * As libvirt's virPCIDeviceBindToStub: write "vfio-pci" to the device's
 * driver_override, unbind it through its current driver's folder
 * (driver/unbind), then write its address to bus/pci/drivers_probe.
 * Nothing is written when it already is bound to vfio-pci.
 *
 * Returns 0 on success, -1 with an error reported on failure.
 */
int
vtBackendBindVFIO(const char *sysfsRoot,
                  const vtPCIDeviceAddress *addr,
                  vtBackendRecord **rec)
{
    g_autoptr(vtSysfs) sysfs = NULL;
    g_autoptr(vtBackendRecord) newrec = NULL;
    g_autofree char *addrstr = NULL;
    g_autofree char *devpath = NULL;
    g_autofree char *override = NULL;
    g_autofree char *driver = NULL;
    int rc;

    *rec = NULL;

    if (!vtPCIDeviceAddressIsValid(addr)) {
        vtReportError(VT_ERR_INVALID_ARG, "%s", _("invalid PCI address"));
        return -1;
    }

    if (!(sysfs = vtSysfsOpen(sysfsRoot)))
        return -1;

    addrstr = vtPCIDeviceAddressAsString(addr);
    devpath = g_strdup_printf("bus/pci/devices/%s", addrstr);
    override = g_strdup_printf("%s/driver_override", devpath);

    if ((rc = vtSysfsIsDir(sysfs, devpath)) < 0)
        return -1;
    if (rc == 0) {
        g_autofree char *full = vtSysfsFullPath(sysfs, devpath);

        vtReportError(VT_ERR_INTERNAL_ERROR,
                      _("Device %1$s not found: could not access %2$s"),
                      addrstr, full);
        return -1;
    }

    if (vtBackendPCIGetDriver(sysfs, devpath, &driver) < 0)
        return -1;

    newrec = vtBackendRecordNew(VT_BACKEND_KIND_VFIO_BIND);
    newrec->addr = *addr;
    newrec->savedDriver = g_strdup(driver);

    if (STREQ_NULLABLE(driver, VT_BACKEND_VFIO_DRIVER)) {
        *rec = g_steal_pointer(&newrec);
        return 0;
    }

    if (vtBackendSysfsWrite(sysfs, override, VT_BACKEND_VFIO_DRIVER) < 0)
        return -1;

    if ((driver && vtBackendPCIUnbind(sysfs, devpath, addrstr, driver) < 0) ||
        vtBackendPCIProbe(sysfs, addrstr) < 0) {
        g_autoptr(GError) saved = g_error_copy(vtGetLastError());

        ignore_value(vtBackendSysfsWrite(sysfs, override, "\n"));
        if (driver)
            ignore_value(vtBackendPCIProbe(sysfs, addrstr));
        vtErrorSetFromGError(saved);
        return -1;
    }

    *rec = g_steal_pointer(&newrec);
    return 0;
}


static int
vtBackendUnbindVFIO(const vtBackendRecord *rec,
                    const char *sysfsRoot)
{
    g_autoptr(vtSysfs) sysfs = NULL;
    g_autofree char *addrstr = NULL;
    g_autofree char *devpath = NULL;
    g_autofree char *override = NULL;
    g_autofree char *driver = NULL;
    int rc;

    /* it was bound to vfio-pci before: leave it */
    if (STREQ_NULLABLE(rec->savedDriver, VT_BACKEND_VFIO_DRIVER))
        return 0;

    if (!(sysfs = vtSysfsOpen(sysfsRoot)))
        return -1;

    addrstr = vtPCIDeviceAddressAsString(&rec->addr);
    devpath = g_strdup_printf("bus/pci/devices/%s", addrstr);
    override = g_strdup_printf("%s/driver_override", devpath);

    if ((rc = vtSysfsIsDir(sysfs, devpath)) < 0)
        return -1;
    if (rc == 0)
        return 0; /* the device is gone */

    if (vtBackendSysfsWrite(sysfs, override, "\n") < 0)
        return -1;

    if (vtBackendPCIGetDriver(sysfs, devpath, &driver) < 0)
        return -1;
    if (driver && vtBackendPCIUnbind(sysfs, devpath, addrstr, driver) < 0)
        return -1;

    /* a device that had no driver stays without one */
    if (rec->savedDriver && vtBackendPCIProbe(sysfs, addrstr) < 0)
        return -1;

    return 0;
}


/**
 * vtBackendUndo:
 * @rec: what was created or changed
 * @sysfsRoot: the sysfs root for vfio-bind records ("/sys" when NULL)
 *
 * Delete the link, restore the VF's MAC and VLAN, or give the device back
 * to its previous driver.  Harmless when the object is already gone.
 *
 * Returns 0 on success, -1 with an error reported on failure.
 */
int
vtBackendUndo(const vtBackendRecord *rec,
              const char *sysfsRoot)
{
    int rc;

    switch (rec->kind) {
    case VT_BACKEND_KIND_MACVTAP:
    case VT_BACKEND_KIND_TAP:
        return vtNetDevDelete(rec->ifname, true);

    case VT_BACKEND_KIND_VF_CONFIG:
        if ((rc = vtNetDevExists(rec->pf)) <= 0)
            return rc;
        return vtBackendSendVFConfig(rec->pf, rec->vf, &rec->savedMac,
                                     rec->savedVlan < 0 ? 0 : rec->savedVlan);

    case VT_BACKEND_KIND_VFIO_BIND:
        return vtBackendUnbindVFIO(rec, sysfsRoot);

    case VT_BACKEND_KIND_LAST:
    default:
        break;
    }

    vtReportEnumRangeError(vtBackendKind, rec->kind);
    return -1;
}


/* Link groups: each domain's macvtaps and taps are created in a link
 * group of their own, so that teardown deletes them with one netlink
 * request.  The kernel unregisters the links of a group together, with
 * one RCU grace period for all, where a request per link waits for one
 * each (tens of milliseconds).  Groups are taken from 2^30 to 2^31 - 1:
 * away from the small numbers administrators give in /etc/iproute2/group,
 * and within what "ip link show group N" accepts (a signed int). */
#define VT_BACKEND_LINK_GROUP_MIN 0x40000000u
#define VT_BACKEND_LINK_GROUP_SPAN 0x3fffffffu


static bool
vtBackendLinkGroupInUse(const vtNetlinkLinkSummary *links,
                        size_t nlinks,
                        uint32_t group)
{
    size_t i;

    for (i = 0; i < nlinks; i++) {
        if (links[i].group == group)
            return true;
    }
    return false;
}


/**
 * vtBackendPickLinkGroup:
 * @seed: bytes that name the owner (a domain's UUID)
 * @seedlen: their number
 * @group: set to a link group no link of the host is in
 *
 * The same owner gets the same group whenever it is free, so a group
 * seen on a link tells whose it is.
 *
 * Returns 0 on success, -1 with an error reported.
 */
int
vtBackendPickLinkGroup(const unsigned char *seed,
                       size_t seedlen,
                       uint32_t *group)
{
    vtNetlinkLinkSummary *links = NULL;
    size_t nlinks = 0;
    uint32_t hash = 2166136261u;
    size_t i;

    *group = 0;
    for (i = 0; i < seedlen; i++)
        hash = (hash ^ seed[i]) * 16777619u;

    if (vtNetlinkListLinks(&links, &nlinks) < 0)
        return -1;

    for (i = 0; i <= nlinks; i++) {
        uint32_t candidate = VT_BACKEND_LINK_GROUP_MIN +
            (uint32_t)((hash + i) % VT_BACKEND_LINK_GROUP_SPAN);

        if (!vtBackendLinkGroupInUse(links, nlinks, candidate)) {
            *group = candidate;
            break;
        }
    }
    vtNetlinkLinkSummaryListFree(links, nlinks);
    /* nlinks links cannot fill nlinks + 1 candidates */
    return 0;
}


/**
 * vtBackendUndoLinkGroup:
 * @group: a link group from vtBackendPickLinkGroup()
 * @ifnames: the links created in it, NULL-terminated
 *
 * Delete the links of @group with one request, provided every link the
 * group holds now is one of @ifnames: a link someone else put in the
 * group is never touched (the caller then deletes its own links one by
 * one).
 *
 * Returns 1 when the group was deleted (or was already empty), 0 when
 * it holds a link not in @ifnames and nothing was done, -1 with an error
 * reported.
 */
int
vtBackendUndoLinkGroup(uint32_t group,
                       const char *const *ifnames)
{
    vtNetlinkLinkSummary *links = NULL;
    size_t nlinks = 0;
    size_t nmembers = 0;
    bool foreign = false;
    size_t i;

    if (group == 0)
        return 0;
    if (vtNetlinkListLinks(&links, &nlinks) < 0)
        return -1;

    for (i = 0; i < nlinks; i++) {
        if (links[i].group != group)
            continue;
        nmembers++;
        if (!links[i].name || !g_strv_contains(ifnames, links[i].name))
            foreign = true;
    }
    vtNetlinkLinkSummaryListFree(links, nlinks);

    if (foreign)
        return 0;
    if (nmembers > 0 && vtNetDevDeleteGroup(group, true) < 0)
        return -1;
    return 1;
}


/**
 * vtBackendRecordFormatBuf:
 * @buf: the buffer
 * @rec: the record
 *
 * One <backend kind='...'> element:
 *   <backend kind='macvtap' ifname='macvtap0' linkdev='eth0' mode='bridge' mac='...'/>
 *   <backend kind='tap' ifname='vnet0' bridge='br0' mac='...'/>
 *   <backend kind='vf-config' pf='eth0' vf='3'>
 *     <set mac='...' vlan='42'/>
 *     <saved mac='...' vlan='0'/>
 *   </backend>
 *   <backend kind='vfio-bind'>
 *     <address type='pci' domain='0x0000' bus='0x03' slot='0x10' function='0x1'/>
 *     <driver name='ixgbevf'/>
 *   </backend>
 *
 * Returns 0 on success, -1 with an error reported on failure.
 */
int
vtBackendRecordFormatBuf(vtBuffer *buf,
                         const vtBackendRecord *rec)
{
    g_auto(vtBuffer) attrBuf = VT_BUFFER_INITIALIZER;
    g_auto(vtBuffer) childBuf = VT_BUFFER_INIT_CHILD(buf);
    char macstr[VT_MAC_STRING_BUFLEN];
    const char *kind = vtBackendKindTypeToString(rec->kind);

    if (!kind) {
        vtReportEnumRangeError(vtBackendKind, rec->kind);
        return -1;
    }
    vtBufferAsprintf(&attrBuf, " kind='%s'", kind);

    switch (rec->kind) {
    case VT_BACKEND_KIND_MACVTAP:
        vtBufferEscapeString(&attrBuf, " ifname='%s'", rec->ifname);
        vtBufferEscapeString(&attrBuf, " linkdev='%s'", rec->linkdev);
        vtBufferAsprintf(&attrBuf, " mode='%s'",
                         vtNetDevMacVLanModeTypeToString(rec->mode));
        vtBufferAsprintf(&attrBuf, " mac='%s'", vtMacAddrFormat(&rec->mac, macstr));
        if (rec->group != 0)
            vtBufferAsprintf(&attrBuf, " group='%u'", rec->group);
        break;

    case VT_BACKEND_KIND_TAP:
        vtBufferEscapeString(&attrBuf, " ifname='%s'", rec->ifname);
        vtBufferEscapeString(&attrBuf, " bridge='%s'", rec->bridge);
        vtBufferAsprintf(&attrBuf, " mac='%s'", vtMacAddrFormat(&rec->mac, macstr));
        if (rec->group != 0)
            vtBufferAsprintf(&attrBuf, " group='%u'", rec->group);
        break;

    case VT_BACKEND_KIND_VF_CONFIG:
        vtBufferEscapeString(&attrBuf, " pf='%s'", rec->pf);
        vtBufferAsprintf(&attrBuf, " vf='%d'", rec->vf);
        vtBufferAsprintf(&childBuf, "<set mac='%s'", vtMacAddrFormat(&rec->mac, macstr));
        if (rec->vlan >= 0)
            vtBufferAsprintf(&childBuf, " vlan='%d'", rec->vlan);
        vtBufferAddLit(&childBuf, "/>\n");
        vtBufferAsprintf(&childBuf, "<saved mac='%s'", vtMacAddrFormat(&rec->savedMac, macstr));
        if (rec->savedVlan >= 0)
            vtBufferAsprintf(&childBuf, " vlan='%d'", rec->savedVlan);
        vtBufferAddLit(&childBuf, "/>\n");
        break;

    case VT_BACKEND_KIND_VFIO_BIND:
        vtBufferAsprintf(&childBuf,
                         "<address type='pci' domain='0x%04x' bus='0x%02x' slot='0x%02x' function='0x%x'/>\n",
                         rec->addr.domain, rec->addr.bus, rec->addr.slot, rec->addr.function);
        vtBufferEscapeString(&childBuf, "<driver name='%s'/>\n", rec->savedDriver);
        break;

    case VT_BACKEND_KIND_LAST:
    default:
        vtReportEnumRangeError(vtBackendKind, rec->kind);
        return -1;
    }

    vtXMLFormatElement(buf, "backend", &attrBuf, &childBuf);
    return 0;
}


/**
 * vtBackendRecordFormat:
 * @rec: the record
 *
 * Returns the <backend> XML of @rec, or NULL with an error reported.
 */
char *
vtBackendRecordFormat(const vtBackendRecord *rec)
{
    g_auto(vtBuffer) buf = VT_BUFFER_INITIALIZER;

    if (vtBackendRecordFormatBuf(&buf, rec) < 0)
        return NULL;

    return vtBufferContentAndReset(&buf);
}


static int
vtBackendRecordParseMAC(xmlNodePtr node,
                        vtMacAddr *mac)
{
    g_autofree char *str = NULL;

    if (!(str = vtXMLPropStringRequired(node, "mac")))
        return -1;

    if (vtMacAddrParse(str, mac) < 0) {
        vtReportError(VT_ERR_XML_ERROR,
                      _("unable to parse mac address '%1$s'"), str);
        return -1;
    }
    return 0;
}


static int
vtBackendRecordParseIfname(xmlNodePtr node,
                           const char *name,
                           char **ifname)
{
    if (!(*ifname = vtXMLPropStringRequired(node, name)))
        return -1;
    return vtNetDevValidateName(*ifname);
}


/**
 * vtBackendRecordParseNode:
 * @node: a <backend> element
 * @ctxt: an XPath context of its document
 *
 * Returns the record, or NULL with an error reported.
 */
vtBackendRecord *
vtBackendRecordParseNode(xmlNodePtr node,
                         xmlXPathContextPtr ctxt)
{
    g_autoptr(vtBackendRecord) rec = NULL;
    VT_XPATH_NODE_AUTORESTORE(ctxt);
    unsigned int kind;
    unsigned int mode;
    xmlNodePtr child;

    ctxt->node = node;

    if (vtXMLPropEnum(node, "kind", vtBackendKindTypeFromString,
                      VT_XML_PROP_REQUIRED, &kind) < 0)
        return NULL;

    rec = vtBackendRecordNew(kind);

    switch ((vtBackendKind)kind) {
    case VT_BACKEND_KIND_MACVTAP:
        if (vtBackendRecordParseIfname(node, "ifname", &rec->ifname) < 0 ||
            vtBackendRecordParseIfname(node, "linkdev", &rec->linkdev) < 0 ||
            vtBackendRecordParseMAC(node, &rec->mac) < 0)
            return NULL;
        if (vtXMLPropEnum(node, "mode", vtNetDevMacVLanModeTypeFromString,
                          VT_XML_PROP_REQUIRED, &mode) < 0)
            return NULL;
        rec->mode = mode;
        if (vtXMLPropUInt(node, "group", 10, VT_XML_PROP_NONE, &rec->group) < 0)
            return NULL;
        break;

    case VT_BACKEND_KIND_TAP:
        if (vtBackendRecordParseIfname(node, "ifname", &rec->ifname) < 0 ||
            vtBackendRecordParseIfname(node, "bridge", &rec->bridge) < 0 ||
            vtBackendRecordParseMAC(node, &rec->mac) < 0)
            return NULL;
        if (vtXMLPropUInt(node, "group", 10, VT_XML_PROP_NONE, &rec->group) < 0)
            return NULL;
        break;

    case VT_BACKEND_KIND_VF_CONFIG:
        if (vtBackendRecordParseIfname(node, "pf", &rec->pf) < 0)
            return NULL;
        if (vtXMLPropInt(node, "vf", 10, VT_XML_PROP_REQUIRED | VT_XML_PROP_NONNEGATIVE,
                         &rec->vf, -1) < 0)
            return NULL;
        if (!(child = vtXPathNode("./set", ctxt))) {
            vtReportError(VT_ERR_XML_ERROR, "%s", _("missing <set> in <backend>"));
            return NULL;
        }
        if (vtBackendRecordParseMAC(child, &rec->mac) < 0 ||
            vtXMLPropInt(child, "vlan", 10, VT_XML_PROP_NONNEGATIVE, &rec->vlan, -1) < 0)
            return NULL;
        if (!(child = vtXPathNode("./saved", ctxt))) {
            vtReportError(VT_ERR_XML_ERROR, "%s", _("missing <saved> in <backend>"));
            return NULL;
        }
        if (vtBackendRecordParseMAC(child, &rec->savedMac) < 0 ||
            vtXMLPropInt(child, "vlan", 10, VT_XML_PROP_NONNEGATIVE,
                         &rec->savedVlan, -1) < 0)
            return NULL;
        break;

    case VT_BACKEND_KIND_VFIO_BIND:
        if (!(child = vtXPathNode("./address", ctxt))) {
            vtReportError(VT_ERR_XML_ERROR, "%s", _("missing <address> in <backend>"));
            return NULL;
        }
        if (vtXMLPropUInt(child, "domain", 16, VT_XML_PROP_REQUIRED, &rec->addr.domain) < 0 ||
            vtXMLPropUInt(child, "bus", 16, VT_XML_PROP_REQUIRED, &rec->addr.bus) < 0 ||
            vtXMLPropUInt(child, "slot", 16, VT_XML_PROP_REQUIRED, &rec->addr.slot) < 0 ||
            vtXMLPropUInt(child, "function", 16, VT_XML_PROP_REQUIRED,
                          &rec->addr.function) < 0)
            return NULL;
        if (!vtPCIDeviceAddressIsValid(&rec->addr)) {
            vtReportError(VT_ERR_XML_ERROR, "%s", _("invalid PCI address in <backend>"));
            return NULL;
        }
        rec->savedDriver = vtXPathString("string(./driver/@name)", ctxt);
        if (rec->savedDriver &&
            (!*rec->savedDriver || strchr(rec->savedDriver, '/') ||
             STREQ(rec->savedDriver, ".") || STREQ(rec->savedDriver, ".."))) {
            vtReportError(VT_ERR_XML_ERROR,
                          _("invalid driver name '%1$s' in <backend>"), rec->savedDriver);
            return NULL;
        }
        break;

    case VT_BACKEND_KIND_LAST:
    default:
        vtReportEnumRangeError(vtBackendKind, kind);
        return NULL;
    }

    return g_steal_pointer(&rec);
}


/**
 * vtBackendRecordParseString:
 * @xmlStr: a document whose root is <backend>
 *
 * Returns the record, or NULL with an error reported.
 */
vtBackendRecord *
vtBackendRecordParseString(const char *xmlStr)
{
    g_autoptr(xmlDoc) xml = NULL;
    g_autoptr(xmlXPathContext) ctxt = NULL;

    if (!(xml = vtXMLParseString(xmlStr, _("(backend_record)"), "backend", &ctxt)))
        return NULL;

    return vtBackendRecordParseNode(ctxt->node, ctxt);
}
