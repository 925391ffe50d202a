/*
 * host.c: the host as read from sysfs
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#include <config.h>

#include "host.h"
#include "vterror.h"
#include "vtifname.h"
#include "vtsysfs.h"

/* libvirt's VIR_PF_PHYS_PORT_NAME_REGEX: the phys_port_name of a PF netdev */
#define VT_HOST_PF_PHYS_PORT_NAME_REGEX "(p[0-9]+$)|(p[0-9]+s[0-9]+$)"

/* the largest number of virtfn links read (the PCI limit of VFs per PF) */
#define VT_HOST_MAX_VFS 65536

/*
 * The host is read lazily: a lookup reads the one netdev or PCI
 * function it asks for, the first time, and keeps it (or the fact that
 * there is none) until the host is freed, so a pointer returned stays
 * valid and a second lookup reads nothing.  Enumeration reads whatever
 * was not read yet.  The caches change behind the const of the lookups:
 * a host is used by one thread at a time.
 */
struct _vtHost {
    char *root;
    vtSysfs *sysfs;
    GHashTable *netdevs;        /* name -> vtHostNetdev, or NULL: none */
    GHashTable *pcis;           /* "DDDD:BB:SS.F" -> vtHostPCIFunction, or NULL */

    /* enumeration, once asked for */
    vtHostNetdev **allNetdevs;  /* sorted by name */
    size_t nallNetdevs;
    bool haveAllNetdevs;
    vtHostPCIFunction **allPCIs; /* sorted by address */
    size_t nallPCIs;
    bool haveAllPCIs;
};


static void
vtHostNetdevFree(vtHostNetdev *netdev)
{
    if (!netdev)
        return;
    g_free(netdev->name);
    g_free(netdev->operstate);
    g_strfreev(netdev->brifs);
    g_free(netdev->master);
    g_strfreev(netdev->uppers);
    g_strfreev(netdev->lowers);
    g_free(netdev->physPortId);
    g_free(netdev->physPortName);
    g_free(netdev->physSwitchId);
    g_free(netdev);
}
G_DEFINE_AUTOPTR_CLEANUP_FUNC(vtHostNetdev, vtHostNetdevFree);


static void
vtHostPCIFunctionFree(vtHostPCIFunction *fn)
{
    if (!fn)
        return;
    g_free(fn->driver);
    g_free(fn->driverOverride);
    g_free(fn->vfs);
    g_strfreev(fn->netdevs);
    g_free(fn);
}
G_DEFINE_AUTOPTR_CLEANUP_FUNC(vtHostPCIFunction, vtHostPCIFunctionFree);


void
vtHostFree(vtHost *host)
{
    if (!host)
        return;
    g_free(host->allNetdevs);
    g_free(host->allPCIs);
    g_clear_pointer(&host->netdevs, g_hash_table_unref);
    g_clear_pointer(&host->pcis, g_hash_table_unref);
    vtSysfsFree(host->sysfs);
    g_free(host->root);
    g_free(host);
}


void
vtHostVFListFree(vtHostVF *vfs, size_t nvfs)
{
    size_t i;

    if (!vfs)
        return;
    for (i = 0; i < nvfs; i++)
        g_free(vfs[i].ifname);
    g_free(vfs);
}


/* Read an optional attribute; absent leaves *value NULL. */
static int
vtHostReadOptional(vtSysfs *sysfs, const char *dir, const char *file, char **value)
{
    g_autofree char *path = g_strdup_printf("%s/%s", dir, file);

    if (vtSysfsReadFile(sysfs, path, 0, value) < 0)
        return -1;
    return 0;
}


/*
 * The entries of @dir whose names start with @prefix, with the prefix
 * removed and validated as interface names.  Sets *names to a
 * NULL-terminated list (possibly empty).
 */
static int
vtHostListIfnames(vtSysfs *sysfs,
                  const char *dir,
                  const char *prefix,
                  char ***names)
{
    g_auto(GStrv) entries = NULL;
    g_autoptr(GPtrArray) list = g_ptr_array_new_with_free_func(g_free);
    size_t i;

    if (vtSysfsListDir(sysfs, dir, &entries) < 0)
        return -1;

    for (i = 0; entries && entries[i]; i++) {
        const char *name = entries[i];

        if (prefix) {
            if (!STRPREFIX(name, prefix))
                continue;
            name += strlen(prefix);
        }
        if (!vtSysfsIfnameIsValid(name)) {
            g_autofree char *full = vtSysfsFullPath(sysfs, dir);

            vtReportError(VT_ERR_INTERNAL_ERROR,
                          _("Invalid network device name '%1$s' in '%2$s'"),
                          entries[i], full);
            return -1;
        }
        g_ptr_array_add(list, g_strdup(name));
    }

    g_ptr_array_add(list, NULL);
    *names = (char **)g_ptr_array_free(g_steal_pointer(&list), FALSE);
    return 0;
}


static vtHostNetdev *
vtHostLoadNetdev(vtSysfs *sysfs, const char *name)
{
    g_autoptr(vtHostNetdev) netdev = g_new0(vtHostNetdev, 1);
    g_autofree char *dir = g_strdup_printf("class/net/%s", name);
    g_autofree char *path = NULL;
    g_autofree char *address = NULL;
    g_autofree char *device = NULL;
    g_autofree char *master = NULL;
    int rc;

    netdev->name = g_strdup(name);

    if (vtHostReadOptional(sysfs, dir, "address", &address) < 0)
        return NULL;
    if (address && vtMacAddrParse(address, &netdev->mac) == 0)
        netdev->hasMac = true;

    path = g_strdup_printf("%s/mtu", dir);
    if (vtSysfsReadUInt(sysfs, path, &netdev->mtu) < 0)
        return NULL;
    g_clear_pointer(&path, g_free);

    if (vtHostReadOptional(sysfs, dir, "operstate", &netdev->operstate) < 0)
        return NULL;

    path = g_strdup_printf("%s/ifindex", dir);
    if (vtSysfsReadInt(sysfs, path, &netdev->ifindex) < 0)
        return NULL;
    g_clear_pointer(&path, g_free);

    /* "device" may be a PCI function, or something else (virtio0, a USB
     * interface): only a PCI address counts */
    path = g_strdup_printf("%s/device", dir);
    if ((rc = vtSysfsLinkBasename(sysfs, path, &device)) < 0)
        return NULL;
    if (rc > 0 && vtPCIDeviceAddressParse(device, &netdev->pciAddr) == 0)
        netdev->hasPCIAddr = true;
    g_clear_pointer(&path, g_free);

    path = g_strdup_printf("%s/bridge", dir);
    if ((rc = vtSysfsIsDir(sysfs, path)) < 0)
        return NULL;
    netdev->isBridge = rc > 0;
    g_clear_pointer(&path, g_free);

    path = g_strdup_printf("%s/brif", dir);
    if (vtHostListIfnames(sysfs, path, NULL, &netdev->brifs) < 0)
        return NULL;
    g_clear_pointer(&path, g_free);

    path = g_strdup_printf("%s/brport", dir);
    if ((rc = vtSysfsIsDir(sysfs, path)) < 0)
        return NULL;
    netdev->isBridgePort = rc > 0;
    g_clear_pointer(&path, g_free);

    path = g_strdup_printf("%s/master", dir);
    if (vtSysfsLinkBasename(sysfs, path, &master) < 0)
        return NULL;
    if (master) {
        if (!vtSysfsIfnameIsValid(master)) {
            g_autofree char *full = vtSysfsFullPath(sysfs, path);

            vtReportError(VT_ERR_INTERNAL_ERROR,
                          _("Invalid network device name '%1$s' in '%2$s'"),
                          master, full);
            return NULL;
        }
        netdev->master = g_steal_pointer(&master);
    }

    if (vtHostListIfnames(sysfs, dir, "upper_", &netdev->uppers) < 0 ||
        vtHostListIfnames(sysfs, dir, "lower_", &netdev->lowers) < 0)
        return NULL;

    if (vtHostReadOptional(sysfs, dir, "phys_port_id", &netdev->physPortId) < 0 ||
        vtHostReadOptional(sysfs, dir, "phys_port_name", &netdev->physPortName) < 0 ||
        vtHostReadOptional(sysfs, dir, "phys_switch_id", &netdev->physSwitchId) < 0)
        return NULL;

    /* an empty attribute is no attribute */
    if (netdev->physPortId && !*netdev->physPortId)
        g_clear_pointer(&netdev->physPortId, g_free);
    if (netdev->physPortName && !*netdev->physPortName)
        g_clear_pointer(&netdev->physPortName, g_free);
    if (netdev->physSwitchId && !*netdev->physSwitchId)
        g_clear_pointer(&netdev->physSwitchId, g_free);

    return g_steal_pointer(&netdev);
}


/*
 * The PCI address a link such as "virtfn0" or "physfn" points to:
 * libvirt's virPCIGetDeviceAddressFromSysfsLink.  Returns 1, 0 when
 * the link is absent, -1 on error.
 */
static int
vtHostReadPCILink(vtSysfs *sysfs,
                  const char *path,
                  vtPCIDeviceAddress *addr)
{
    g_autofree char *name = NULL;
    int rc;

    if ((rc = vtSysfsLinkBasename(sysfs, path, &name)) <= 0)
        return rc;
    if (vtPCIDeviceAddressParse(name, addr) < 0) {
        g_autofree char *full = vtSysfsFullPath(sysfs, path);

        vtReportError(VT_ERR_INTERNAL_ERROR,
                      _("Failed to get SRIOV function from device link '%1$s'"),
                      full);
        return -1;
    }
    return 1;
}


static vtHostPCIFunction *
vtHostLoadPCI(vtSysfs *sysfs, const vtPCIDeviceAddress *addr, const char *name)
{
    g_autoptr(vtHostPCIFunction) fn = g_new0(vtHostPCIFunction, 1);
    g_autofree char *dir = g_strdup_printf("bus/pci/devices/%s", name);
    g_autofree char *path = NULL;
    g_autoptr(GArray) vfs = g_array_new(FALSE, TRUE, sizeof(vtPCIDeviceAddress));
    size_t i;
    int rc;

    fn->addr = *addr;
    fn->vfIndex = -1;

    path = g_strdup_printf("%s/driver", dir);
    if (vtSysfsLinkBasename(sysfs, path, &fn->driver) < 0)
        return NULL;
    g_clear_pointer(&path, g_free);

    if (vtHostReadOptional(sysfs, dir, "driver_override", &fn->driverOverride) < 0)
        return NULL;
    if (fn->driverOverride &&
        (!*fn->driverOverride || STREQ(fn->driverOverride, "(null)")))
        g_clear_pointer(&fn->driverOverride, g_free);

    path = g_strdup_printf("%s/sriov_totalvfs", dir);
    if ((rc = vtSysfsReadUInt(sysfs, path, &fn->totalvfs)) < 0)
        return NULL;
    fn->isSRIOV = rc > 0;
    g_clear_pointer(&path, g_free);

    path = g_strdup_printf("%s/sriov_numvfs", dir);
    if (vtSysfsReadUInt(sysfs, path, &fn->numvfs) < 0)
        return NULL;
    g_clear_pointer(&path, g_free);

    /* libvirt's loop: virtfn0, virtfn1, ... until one is missing */
    for (i = 0; i < VT_HOST_MAX_VFS; i++) {
        vtPCIDeviceAddress vf;

        path = g_strdup_printf("%s/virtfn%zu", dir, i);
        if ((rc = vtHostReadPCILink(sysfs, path, &vf)) < 0)
            return NULL;
        g_clear_pointer(&path, g_free);
        if (rc == 0)
            break;
        g_array_append_val(vfs, vf);
    }
    fn->nvfs = vfs->len;
    fn->vfs = (vtPCIDeviceAddress *)(void *)g_array_free(g_steal_pointer(&vfs), FALSE);

    path = g_strdup_printf("%s/physfn", dir);
    if ((rc = vtHostReadPCILink(sysfs, path, &fn->pf)) < 0)
        return NULL;
    fn->isVF = rc > 0;
    g_clear_pointer(&path, g_free);

    path = g_strdup_printf("%s/net", dir);
    if ((rc = vtSysfsIsDir(sysfs, path)) < 0)
        return NULL;
    fn->hasNetDir = rc > 0;
    if (fn->hasNetDir &&
        vtHostListIfnames(sysfs, path, NULL, &fn->netdevs) < 0)
        return NULL;

    return g_steal_pointer(&fn);
}


/**
 * vtHostLoad:
 * @sysfsRoot: the folder standing for /sys, or NULL for "/sys"
 *
 * Opens the host under @sysfsRoot.  Nothing of it is read yet: each
 * lookup reads the netdev of class/net or the PCI function of
 * bus/pci/devices it needs, once, and enumeration reads them all.
 * Names that would be unsafe as path components are refused; links
 * are followed inside the root only.  A malformed entry is reported by
 * the first lookup that reads it.
 *
 * Returns the host, or NULL with an error reported (the root is no
 * readable folder).
 */
vtHost *
vtHostLoad(const char *sysfsRoot)
{
    g_autoptr(vtHost) host = g_new0(vtHost, 1);

    if (!(host->sysfs = vtSysfsOpen(sysfsRoot)))
        return NULL;
    host->root = g_strdup(vtSysfsGetRoot(host->sysfs));
    host->netdevs = g_hash_table_new_full(g_str_hash, g_str_equal, g_free,
                                          (GDestroyNotify)vtHostNetdevFree);
    host->pcis = g_hash_table_new_full(g_str_hash, g_str_equal, g_free,
                                       (GDestroyNotify)vtHostPCIFunctionFree);
    return g_steal_pointer(&host);
}


/*
 * The netdev @name (a valid interface name), read on first use.
 * Returns 1 with it in @netdev, 0 when there is none, -1 on error.
 */
static int
vtHostLookupNetdev(vtHost *host, const char *name, vtHostNetdev **netdev)
{
    g_autofree char *path = NULL;
    gpointer value;
    int rc;

    *netdev = NULL;
    if (g_hash_table_lookup_extended(host->netdevs, name, NULL, &value)) {
        *netdev = value;
        return value ? 1 : 0;
    }

    /* class/net also holds files such as bonding_masters */
    path = g_strdup_printf("class/net/%s", name);
    if ((rc = vtSysfsIsDir(host->sysfs, path)) < 0)
        return -1;
    if (rc > 0 && !(*netdev = vtHostLoadNetdev(host->sysfs, name)))
        return -1;

    g_hash_table_insert(host->netdevs, g_strdup(name), *netdev);
    return *netdev ? 1 : 0;
}


/* The position of @vf among the virtfn links of @pf, or -1. */
static int
vtHostVFIndex(const vtHostPCIFunction *pf, const vtPCIDeviceAddress *vf)
{
    size_t i;

    for (i = 0; pf && i < pf->nvfs; i++) {
        if (vtPCIDeviceAddressEqual(&pf->vfs[i], vf))
            return i;
    }
    return -1;
}


/*
 * The PCI function at @addr, read on first use with, when it is a VF,
 * its PF (a VF's index is its position among its PF's virtfn links).
 * Returns 1 with it in @fn, 0 when there is none, -1 on error.
 */
static int
vtHostLookupPCI(vtHost *host,
                const vtPCIDeviceAddress *addr,
                vtHostPCIFunction **fn)
{
    g_autoptr(GPtrArray) loaded = g_ptr_array_new_with_free_func(g_free);
    vtPCIDeviceAddress cur = *addr;
    gpointer value;
    size_t i;

    *fn = NULL;

    /* the function, then its PF, its PF's PF ... until one was read
     * before or is no VF: each step reads a function not read yet */
    while (true) {
        g_autofree char *bdf = vtPCIDeviceAddressAsString(&cur);
        g_autofree char *path = g_strdup_printf("bus/pci/devices/%s", bdf);
        vtHostPCIFunction *got = NULL;
        int rc;

        if (g_hash_table_lookup_extended(host->pcis, bdf, NULL, &value))
            break;
        if ((rc = vtSysfsIsDir(host->sysfs, path)) < 0)
            goto error;
        if (rc > 0 && !(got = vtHostLoadPCI(host->sysfs, &cur, bdf)))
            goto error;
        g_hash_table_insert(host->pcis, g_strdup(bdf), got);
        g_ptr_array_add(loaded, g_steal_pointer(&bdf));
        if (!got || !got->isVF)
            break;
        cur = got->pf;
    }

    for (i = 0; i < loaded->len; i++) {
        vtHostPCIFunction *one = g_hash_table_lookup(host->pcis,
                                                     g_ptr_array_index(loaded, i));
        g_autofree char *pfbdf = NULL;

        if (!one || !one->isVF)
            continue;
        pfbdf = vtPCIDeviceAddressAsString(&one->pf);
        one->vfIndex = vtHostVFIndex(g_hash_table_lookup(host->pcis, pfbdf), &one->addr);
    }

    {
        g_autofree char *bdf = vtPCIDeviceAddressAsString(addr);

        *fn = g_hash_table_lookup(host->pcis, bdf);
    }
    return *fn ? 1 : 0;

 error:
    for (i = 0; i < loaded->len; i++)
        g_hash_table_remove(host->pcis, g_ptr_array_index(loaded, i));
    return -1;
}


const char *
vtHostGetRoot(const vtHost *host)
{
    return host->root;
}


/**
 * vtHostGetNetdevs:
 * @host: the host
 * @n: set to their number
 *
 * Every netdev of class/net, sorted by name, read now if not yet.
 *
 * Returns the list, or NULL (with @n 0) and an error reported when one
 * cannot be read.
 */
const vtHostNetdev * const *
vtHostGetNetdevs(const vtHost *host, size_t *n)
{
    vtHost *self = (vtHost *)host;
    g_autoptr(GPtrArray) list = NULL;
    g_auto(GStrv) names = NULL;
    size_t i;

    *n = 0;
    if (self->haveAllNetdevs) {
        *n = self->nallNetdevs;
        return (const vtHostNetdev * const *)self->allNetdevs;
    }

    if (vtSysfsListDir(self->sysfs, "class/net", &names) < 0)
        return NULL;
    list = g_ptr_array_new();
    for (i = 0; names && names[i]; i++) {
        vtHostNetdev *netdev;
        int rc;

        if (!vtSysfsIfnameIsValid(names[i])) {
            vtReportWarning(_("Ignoring network device with invalid name '%1$s' in sysfs"),
                            names[i]);
            continue;
        }
        if ((rc = vtHostLookupNetdev(self, names[i], &netdev)) < 0)
            return NULL;
        if (rc > 0)
            g_ptr_array_add(list, netdev);
    }

    self->nallNetdevs = list->len;
    g_ptr_array_add(list, NULL);
    self->allNetdevs = (vtHostNetdev **)g_ptr_array_free(g_steal_pointer(&list), FALSE);
    self->haveAllNetdevs = true;
    *n = self->nallNetdevs;
    return (const vtHostNetdev * const *)self->allNetdevs;
}


static int
vtHostComparePCI(gconstpointer a, gconstpointer b)
{
    const vtPCIDeviceAddress *x = &(*(vtHostPCIFunction * const *)a)->addr;
    const vtPCIDeviceAddress *y = &(*(vtHostPCIFunction * const *)b)->addr;

    if (x->domain != y->domain)
        return x->domain < y->domain ? -1 : 1;
    if (x->bus != y->bus)
        return x->bus < y->bus ? -1 : 1;
    if (x->slot != y->slot)
        return x->slot < y->slot ? -1 : 1;
    if (x->function != y->function)
        return x->function < y->function ? -1 : 1;
    return 0;
}


/**
 * vtHostGetPCIFunctions:
 * @host: the host
 * @n: set to their number
 *
 * Every PCI function of bus/pci/devices, sorted by address, read now
 * if not yet.
 *
 * Returns the list, or NULL (with @n 0) and an error reported when one
 * cannot be read.
 */
const vtHostPCIFunction * const *
vtHostGetPCIFunctions(const vtHost *host, size_t *n)
{
    vtHost *self = (vtHost *)host;
    g_autoptr(GPtrArray) list = NULL;
    g_autoptr(GHashTable) seen = NULL;
    g_auto(GStrv) names = NULL;
    size_t i;

    *n = 0;
    if (self->haveAllPCIs) {
        *n = self->nallPCIs;
        return (const vtHostPCIFunction * const *)self->allPCIs;
    }

    if (vtSysfsListDir(self->sysfs, "bus/pci/devices", &names) < 0)
        return NULL;
    list = g_ptr_array_new();
    seen = g_hash_table_new(NULL, NULL);
    for (i = 0; names && names[i]; i++) {
        vtPCIDeviceAddress addr;
        vtHostPCIFunction *fn;
        int rc;

        if (vtPCIDeviceAddressParse(names[i], &addr) < 0) {
            vtReportWarning(_("Ignoring PCI device with invalid address '%1$s' in sysfs"),
                            names[i]);
            continue;
        }
        if ((rc = vtHostLookupPCI(self, &addr, &fn)) < 0)
            return NULL;
        if (rc > 0 && g_hash_table_add(seen, fn))
            g_ptr_array_add(list, fn);
    }
    g_ptr_array_sort(list, vtHostComparePCI);

    self->nallPCIs = list->len;
    g_ptr_array_add(list, NULL);
    self->allPCIs = (vtHostPCIFunction **)g_ptr_array_free(g_steal_pointer(&list), FALSE);
    self->haveAllPCIs = true;
    *n = self->nallPCIs;
    return (const vtHostPCIFunction * const *)self->allPCIs;
}


/*
 * Returns the netdev called @name, or NULL: nothing is reported when
 * there is no such netdev, the rule it breaks when @name cannot be an
 * interface name (vtNetDevValidateName()), and why when it cannot be
 * read.
 */
const vtHostNetdev *
vtHostFindNetdev(const vtHost *host, const char *name)
{
    vtHostNetdev *netdev;

    if (!name)
        return NULL;
    if (vtNetDevValidateName(name) < 0)
        return NULL;
    if (vtHostLookupNetdev((vtHost *)host, name, &netdev) <= 0)
        return NULL;
    return netdev;
}


/* Returns the PCI function at @addr, or NULL (nothing is reported,
 * unless it cannot be read). */
const vtHostPCIFunction *
vtHostFindPCI(const vtHost *host, const vtPCIDeviceAddress *addr)
{
    vtHostPCIFunction *fn;

    if (vtHostLookupPCI((vtHost *)host, addr, &fn) <= 0)
        return NULL;
    return fn;
}


/*
 * The PCI function behind netdev @name (a valid interface name).
 * Returns 1 with it in @fn, 0 when there is none, -1 on error.
 */
static int
vtHostLookupNetdevPCI(vtHost *host, const char *name, vtHostPCIFunction **fn)
{
    vtHostNetdev *netdev;
    int rc;

    *fn = NULL;
    if ((rc = vtHostLookupNetdev(host, name, &netdev)) <= 0)
        return rc;
    if (!netdev->hasPCIAddr)
        return 0;
    return vtHostLookupPCI(host, &netdev->pciAddr, fn);
}


/* Returns the PCI function behind netdev @name, or NULL (nothing is
 * reported, unless @name cannot be an interface name or a device
 * cannot be read). */
const vtHostPCIFunction *
vtHostFindNetdevPCI(const vtHost *host, const char *name)
{
    vtHostPCIFunction *fn;

    if (!name || vtNetDevValidateName(name) < 0)
        return NULL;
    if (vtHostLookupNetdevPCI((vtHost *)host, name, &fn) <= 0)
        return NULL;
    return fn;
}


/*
 * libvirt's virPCIGetNetName: the netdev of PCI function @fn.  With
 * @physPortNetDevName, the entry whose phys_port_id equals that
 * netdev's; else an entry whose phys_port_name looks like a PF port
 * ("p0", "p0s1"), or entry number @idx among those without one;
 * failing all, the first entry.  Sets NULL (not an error) when @fn has
 * no "net/" folder, e.g. a VF bound to vfio-pci.  Entries are taken in
 * name order, where libvirt takes readdir order.
 */
static int
vtHostGetNetName(const vtHost *host,
                 const vtHostPCIFunction *fn,
                 size_t idx,
                 const char *physPortNetDevName,
                 char **netname)
{
    const char *physPortID = NULL;
    size_t i;
    size_t n = 0;

    *netname = NULL;

    if (physPortNetDevName) {
        vtHostNetdev *port;

        if (vtHostLookupNetdev((vtHost *)host, physPortNetDevName, &port) < 0)
            return -1;
        if (port)
            physPortID = port->physPortId;
    }

    if (!fn || !fn->hasNetDir)
        return 0;

    for (i = 0; fn->netdevs[i]; i++) {
        vtHostNetdev *entry;

        if (vtHostLookupNetdev((vtHost *)host, fn->netdevs[i], &entry) < 0)
            return -1;

        if (physPortID) {
            if (STRNEQ_NULLABLE(physPortID, entry ? entry->physPortId : NULL))
                continue;
        } else if (entry && entry->physPortName) {
            if (!g_regex_match_simple(VT_HOST_PF_PHYS_PORT_NAME_REGEX,
                                      entry->physPortName, 0, 0))
                continue;
        } else {
            if (n++ < idx)
                continue;
        }

        *netname = g_strdup(fn->netdevs[i]);
        return 0;
    }

    if (fn->netdevs[0]) {
        *netname = g_strdup(fn->netdevs[0]);
        return 0;
    }

    {
        g_autofree char *bdf = vtPCIDeviceAddressAsString(&fn->addr);
        g_autofree char *full = g_strdup_printf("%s/bus/pci/devices/%s", host->root, bdf);

        vtReportError(VT_ERR_INTERNAL_ERROR,
                      _("Could not find any network device under PCI device at %1$s"),
                      full);
    }
    return -1;
}


/**
 * vtHostGetVFNetdev:
 * @host: the host
 * @vf: a VF's PCI address
 * @pfname: its PF's netdev, or NULL
 * @ifname: set to the VF's netdev name, or NULL when it has none
 *
 * The name libvirt gives the VF when it lists the VFs of @pfname.
 *
 * Returns 0, or -1 with an error reported (also when @pfname cannot be
 * an interface name).
 */
int
vtHostGetVFNetdev(const vtHost *host,
                  const vtPCIDeviceAddress *vf,
                  const char *pfname,
                  char **ifname)
{
    vtHostPCIFunction *fn;

    *ifname = NULL;
    if (pfname && vtNetDevValidateName(pfname) < 0)
        return -1;
    if (vtHostLookupPCI((vtHost *)host, vf, &fn) < 0)
        return -1;
    return vtHostGetNetName(host, fn, 0, pfname, ifname);
}


/**
 * vtHostGetVirtualFunctions:
 * @host: the host
 * @pfname: the PF's netdev name
 * @vfs: set to the VFs in virtfn order, each with its PCI address and
 *       netdev name (NULL when it has none, e.g. bound to vfio-pci)
 * @nvfs: set to their number
 *
 * libvirt's virNetDevGetVirtualFunctions.  As in libvirt, a name that
 * is no netdev of this host, a netdev that is no PCI function, or a
 * function without SR-IOV has no VFs (0 of them, not an error): the
 * caller reports "No usable Vf's present on SRIOV PF %s".  Free @vfs
 * with vtHostVFListFree().
 *
 * Returns 0, or -1 with an error reported (@pfname cannot be an
 * interface name, or a VF has a "net/" folder with nothing in it).
 */
int
vtHostGetVirtualFunctions(const vtHost *host,
                          const char *pfname,
                          vtHostVF **vfs,
                          size_t *nvfs)
{
    vtHostPCIFunction *pf;
    vtHostVF *list = NULL;
    size_t i;
    int rc;

    *vfs = NULL;
    *nvfs = 0;

    if (vtNetDevValidateName(pfname) < 0)
        return -1;
    if ((rc = vtHostLookupNetdevPCI((vtHost *)host, pfname, &pf)) < 0)
        return -1;
    if (rc == 0 || pf->nvfs == 0)
        return 0;

    list = g_new0(vtHostVF, pf->nvfs);
    for (i = 0; i < pf->nvfs; i++) {
        list[i].addr = pf->vfs[i];
        if (vtHostGetVFNetdev(host, &pf->vfs[i], pfname, &list[i].ifname) < 0) {
            vtHostVFListFree(list, pf->nvfs);
            return -1;
        }
    }

    *vfs = list;
    *nvfs = pf->nvfs;
    return 0;
}


/* Returns 1 if @addr is a VF, 0 if not, -1 (with an error) if it is not on this host. */
int
vtHostIsVirtualFunction(const vtHost *host,
                        const vtPCIDeviceAddress *addr)
{
    vtHostPCIFunction *fn;
    int rc;

    if ((rc = vtHostLookupPCI((vtHost *)host, addr, &fn)) < 0)
        return -1;
    if (rc == 0) {
        g_autofree char *bdf = vtPCIDeviceAddressAsString(addr);

        vtReportError(VT_ERR_INTERNAL_ERROR,
                      _("PCI device %1$s not found on this host"), bdf);
        return -1;
    }
    return fn->isVF ? 1 : 0;
}


/**
 * vtHostGetPhysicalFunction:
 * @host: the host
 * @vf: a VF's PCI address
 * @pfname: set to the PF's netdev name
 * @vfindex: set to the VF's index among the PF's VFs
 *
 * libvirt's virPCIGetVirtualFunctionInfo with no PF netdev index: when
 * the PF has several netdevs, the one whose phys_port_id matches the
 * VF's netdev wins.
 *
 * Returns 0, or -1 with an error reported.
 */
int
vtHostGetPhysicalFunction(const vtHost *host,
                          const vtPCIDeviceAddress *vf,
                          char **pfname,
                          int *vfindex)
{
    vtHostPCIFunction *fn;
    vtHostPCIFunction *pf;
    g_autofree char *bdf = vtPCIDeviceAddressAsString(vf);
    g_autofree char *vfname = NULL;
    int rc;

    *pfname = NULL;
    *vfindex = -1;

    if ((rc = vtHostIsVirtualFunction(host, vf)) < 0)
        return -1;
    if (rc == 0) {
        vtReportError(VT_ERR_INTERNAL_ERROR,
                      _("PCI device %1$s is not an SR-IOV virtual function"), bdf);
        return -1;
    }
    /* both read by vtHostIsVirtualFunction */
    if (vtHostLookupPCI((vtHost *)host, vf, &fn) < 0 ||
        vtHostLookupPCI((vtHost *)host, &fn->pf, &pf) < 0)
        return -1;

    if (!pf) {
        g_autofree char *pfbdf = vtPCIDeviceAddressAsString(&fn->pf);

        vtReportError(VT_ERR_INTERNAL_ERROR,
                      _("PCI device %1$s not found on this host"), pfbdf);
        return -1;
    }
    if (fn->vfIndex < 0) {
        g_autofree char *pfbdf = vtPCIDeviceAddressAsString(&fn->pf);

        vtReportError(VT_ERR_INTERNAL_ERROR,
                      _("VF %1$s is not among the virtual functions of PF %2$s"),
                      bdf, pfbdf);
        return -1;
    }

    if (vtHostGetNetName(host, fn, 0, NULL, &vfname) < 0 ||
        vtHostGetNetName(host, pf, 0, vfname, pfname) < 0)
        return -1;

    if (!*pfname) {
        g_autofree char *full = g_strdup_printf("%s/bus/pci/devices/%s", host->root, bdf);

        vtReportError(VT_ERR_INTERNAL_ERROR,
                      _("The PF device for VF %1$s has no network device name"),
                      full);
        return -1;
    }

    *vfindex = fn->vfIndex;
    return 0;
}


static void
vtHostAddUnique(GPtrArray *list, GHashTable *seen, const char *name)
{
    if (g_hash_table_contains(seen, name))
        return;
    g_hash_table_add(seen, g_strdup(name));
    g_ptr_array_add(list, g_strdup(name));
}


/* Depth-first walk down (lower_*, brif/) or up (upper_*, master),
 * reading the devices on the way only.  Returns 0, or -1 when one
 * cannot be read. */
static int
vtHostWalk(vtHost *host,
           const vtHostNetdev *netdev,
           bool down,
           bool recursive,
           GPtrArray *list,
           GHashTable *seen)
{
    g_autoptr(GPtrArray) next = g_ptr_array_new_with_free_func(g_free);
    g_autoptr(GHashTable) local = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, NULL);
    size_t i;

    if (down) {
        for (i = 0; netdev->lowers && netdev->lowers[i]; i++)
            vtHostAddUnique(next, local, netdev->lowers[i]);
        for (i = 0; netdev->brifs && netdev->brifs[i]; i++)
            vtHostAddUnique(next, local, netdev->brifs[i]);
    } else {
        if (netdev->master)
            vtHostAddUnique(next, local, netdev->master);
        for (i = 0; netdev->uppers && netdev->uppers[i]; i++)
            vtHostAddUnique(next, local, netdev->uppers[i]);
    }

    for (i = 0; i < next->len; i++) {
        const char *name = g_ptr_array_index(next, i);
        vtHostNetdev *other;
        int rc;

        if (g_hash_table_contains(seen, name))
            continue;
        vtHostAddUnique(list, seen, name);
        if (!recursive)
            continue;
        if ((rc = vtHostLookupNetdev(host, name, &other)) < 0)
            return -1;
        if (rc > 0 && vtHostWalk(host, other, down, recursive, list, seen) < 0)
            return -1;
    }
    return 0;
}


static int
vtHostGetStacked(const vtHost *host,
                 const char *name,
                 bool down,
                 bool recursive,
                 GStrv *devs)
{
    vtHostNetdev *netdev;
    g_autoptr(GPtrArray) list = NULL;
    g_autoptr(GHashTable) seen = NULL;
    int rc;

    *devs = NULL;
    if (vtNetDevValidateName(name) < 0)
        return -1;
    if ((rc = vtHostLookupNetdev((vtHost *)host, name, &netdev)) < 0)
        return -1;
    if (rc == 0) {
        vtReportSystemError(ENODEV, _("Unable to find network device '%1$s'"), name);
        return -1;
    }

    list = g_ptr_array_new_with_free_func(g_free);
    seen = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, NULL);
    g_hash_table_add(seen, g_strdup(name));
    if (vtHostWalk((vtHost *)host, netdev, down, recursive, list, seen) < 0)
        return -1;

    g_ptr_array_add(list, NULL);
    *devs = (GStrv)g_ptr_array_free(g_steal_pointer(&list), FALSE);
    return 0;
}


/**
 * vtHostGetLowerDevices:
 * @host: the host
 * @name: a netdev
 * @recursive: also the devices below those, and so on
 * @devs: set to a NULL-terminated list, nearest first
 *
 * The devices @name is stacked on: its lower_* links and, for a
 * bridge, its ports.  A bridge on a bond on a PF gives "bond0", then
 * "ens1f0" when @recursive.
 *
 * Returns 0, or -1 with an error when @name is not a netdev (or cannot
 * be one).
 */
int
vtHostGetLowerDevices(const vtHost *host,
                      const char *name,
                      bool recursive,
                      GStrv *devs)
{
    return vtHostGetStacked(host, name, true, recursive, devs);
}


/**
 * vtHostGetUpperDevices:
 * @host: the host
 * @name: a netdev
 * @recursive: also the devices above those, and so on
 * @devs: set to a NULL-terminated list, nearest first
 *
 * The devices stacked on @name: its master (a bridge or bond) and its
 * upper_* links (vlans, macvtaps, ...).
 *
 * Returns 0, or -1 with an error when @name is not a netdev (or cannot
 * be one).
 */
int
vtHostGetUpperDevices(const vtHost *host,
                      const char *name,
                      bool recursive,
                      GStrv *devs)
{
    return vtHostGetStacked(host, name, false, recursive, devs);
}


static void
vtHostFormatList(GString *str, const char *label, char **list)
{
    size_t i;

    if (!list || !list[0])
        return;
    g_string_append_printf(str, "  %s", label);
    for (i = 0; list[i]; i++)
        g_string_append_printf(str, " %s", list[i]);
    g_string_append_c(str, '\n');
}


/**
 * vtHostFormat:
 * @host: the host
 *
 * A canonical, line-based description of the whole host, all of it
 * read now if not yet: one block per netdev (by name), then one per PCI
 * function (by address).  The sysfs root is not part of it.
 *
 * Returns the text, or NULL with an error reported when a device
 * cannot be read.
 */
char *
vtHostFormat(const vtHost *host)
{
    g_autoptr(GString) str = g_string_new(NULL);
    const vtHostNetdev * const *netdevs;
    const vtHostPCIFunction * const *pcis;
    size_t nnetdevs;
    size_t npcis;
    size_t i;
    size_t j;

    if (!(netdevs = vtHostGetNetdevs(host, &nnetdevs)) ||
        !(pcis = vtHostGetPCIFunctions(host, &npcis)))
        return NULL;

    for (i = 0; i < nnetdevs; i++) {
        const vtHostNetdev *nd = netdevs[i];

        g_string_append_printf(str, "netdev %s\n", nd->name);
        if (nd->hasMac) {
            char mac[VT_MAC_STRING_BUFLEN];

            g_string_append_printf(str, "  address %s\n", vtMacAddrFormat(&nd->mac, mac));
        }
        g_string_append_printf(str, "  mtu %u\n", nd->mtu);
        if (nd->operstate)
            g_string_append_printf(str, "  operstate %s\n", nd->operstate);
        g_string_append_printf(str, "  ifindex %d\n", nd->ifindex);
        if (nd->hasPCIAddr) {
            g_autofree char *bdf = vtPCIDeviceAddressAsString(&nd->pciAddr);

            g_string_append_printf(str, "  device %s\n", bdf);
        }
        if (nd->physPortId)
            g_string_append_printf(str, "  phys_port_id %s\n", nd->physPortId);
        if (nd->physPortName)
            g_string_append_printf(str, "  phys_port_name %s\n", nd->physPortName);
        if (nd->physSwitchId)
            g_string_append_printf(str, "  phys_switch_id %s\n", nd->physSwitchId);
        if (nd->isBridge)
            g_string_append(str, "  bridge\n");
        vtHostFormatList(str, "brif", nd->brifs);
        if (nd->isBridgePort)
            g_string_append(str, "  brport\n");
        if (nd->master)
            g_string_append_printf(str, "  master %s\n", nd->master);
        vtHostFormatList(str, "upper", nd->uppers);
        vtHostFormatList(str, "lower", nd->lowers);
    }

    for (i = 0; i < npcis; i++) {
        const vtHostPCIFunction *fn = pcis[i];
        g_autofree char *bdf = vtPCIDeviceAddressAsString(&fn->addr);

        g_string_append_printf(str, "pci %s\n", bdf);
        if (fn->driver)
            g_string_append_printf(str, "  driver %s\n", fn->driver);
        if (fn->driverOverride)
            g_string_append_printf(str, "  driver_override %s\n", fn->driverOverride);
        if (fn->isSRIOV)
            g_string_append_printf(str, "  sriov totalvfs=%u numvfs=%u\n",
                                   fn->totalvfs, fn->numvfs);
        for (j = 0; j < fn->nvfs; j++) {
            g_autofree char *vf = vtPCIDeviceAddressAsString(&fn->vfs[j]);

            g_string_append_printf(str, "  virtfn%zu %s\n", j, vf);
        }
        if (fn->isVF) {
            g_autofree char *pf = vtPCIDeviceAddressAsString(&fn->pf);

            g_string_append_printf(str, "  physfn %s index %d\n", pf, fn->vfIndex);
        }
        if (fn->hasNetDir) {
            g_string_append(str, "  net");
            for (j = 0; fn->netdevs[j]; j++)
                g_string_append_printf(str, " %s", fn->netdevs[j]);
            g_string_append_c(str, '\n');
        }
    }

    return g_string_free(g_steal_pointer(&str), FALSE);
}
