/*
 * virt-teaming-remote.c: migrate-check --to-connect URI, the
 *                        destination's facts from its libvirt
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 *
 * migrate-check reads the destination from three folders: its networks,
 * its network driver's state (the ports it has handed out) and its
 * sysfs.  With --to-connect, the same three are made from what the
 * destination's libvirt tells through its public API, so a management
 * host can check any destination over qemu+ssh:// or qemu+tls://:
 *
 *   networks/NET.xml               each network's persistent definition
 *   state/NET.xml                  the <networkstatus> of each active
 *                                  network, from its live definition
 *   state/NET/ports/UUID.xml       each of its ports
 *   sysfs/                         built from a host description of the
 *                                  node devices (PCI functions, netdevs)
 *
 * The node devices tell the PFs, their VFs and drivers, and each
 * netdev's name, MAC, link state and PCI function; they do not tell
 * what a netdev is stacked on (bridge and bond ports, VLANs, macvtaps),
 * nor the MTU: docs/virt-teaming.rst says what the check cannot see.
 *
 * Part of virt-teaming's libvirt module (virt-teaming-module.h).
 */

#include <config.h>

#include <errno.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <glib.h>
#include <glib/gstdio.h>
#ifdef WITH_NLS
# include <glib/gi18n-lib.h>
#else
# define _(str) (str)
#endif

#include <libvirt/libvirt.h>
#include <libvirt/virterror.h>

#include "libvirt-teaming/libvirt-teaming.h"
#include "virt-teaming-connect.h"
#include "virt-teaming-remote.h"

#define STREQ(a, b) (strcmp(a, b) == 0)


/* What the host description needs of one node device. */
typedef struct _vtshRemoteDevice vtshRemoteDevice;
struct _vtshRemoteDevice {
    char *name;
    char *parent;
    char *driver;
    /* a PCI function */
    bool pci;
    unsigned int pciPart[4];   /* domain, bus, slot, function */
    char *address;             /* DDDD:BB:SS.F */
    bool pf;                   /* has <capability type='virt_functions'> */
    unsigned int maxVFs;
    GPtrArray *vfs;            /* the VFs' addresses, in VF order */
    char *physfn;              /* a VF: its PF's address */
    GPtrArray *netdevs;        /* the net devices under it */
    bool described;
    /* a net device */
    bool net;
    char *ifname;
    char *mac;
    char *link;

    /* while parsing */
    GPtrArray *elements;
    GPtrArray *caps;
};


static void
vtshRemoteDeviceFree(vtshRemoteDevice *dev)
{
    g_free(dev->name);
    g_free(dev->parent);
    g_free(dev->driver);
    g_free(dev->address);
    g_ptr_array_unref(dev->vfs);
    g_free(dev->physfn);
    g_ptr_array_unref(dev->netdevs);
    g_free(dev->ifname);
    g_free(dev->mac);
    g_free(dev->link);
    if (dev->elements)
        g_ptr_array_unref(dev->elements);
    if (dev->caps)
        g_ptr_array_unref(dev->caps);
    g_free(dev);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC(vtshRemoteDevice, vtshRemoteDeviceFree);


static const char *
vtshRemoteLast(GPtrArray *array, guint fromEnd)
{
    if (array->len <= fromEnd)
        return "";
    return g_ptr_array_index(array, array->len - 1 - fromEnd);
}


static const char *
vtshRemoteAttr(const char **names, const char **values, const char *name)
{
    size_t i;

    for (i = 0; names[i]; i++) {
        if (STREQ(names[i], name))
            return values[i];
    }
    return NULL;
}


/* <address domain='0x0000' bus='0x3b' slot='0x02' function='0x0'/> */
static char *
vtshRemotePCIAttrs(const char **names, const char **values)
{
    const char *keys[] = { "domain", "bus", "slot", "function" };
    guint64 part[4];
    size_t i;

    for (i = 0; i < G_N_ELEMENTS(keys); i++) {
        const char *value = vtshRemoteAttr(names, values, keys[i]);

        if (!value || !g_ascii_string_to_unsigned(g_str_has_prefix(value, "0x") ?
                                                  value + 2 : value,
                                                  16, 0, 0xffff, &part[i], NULL))
            return NULL;
    }
    return g_strdup_printf("%04x:%02x:%02x.%x", (unsigned int)part[0],
                           (unsigned int)part[1], (unsigned int)part[2],
                           (unsigned int)part[3]);
}


static void
vtshRemoteStart(GMarkupParseContext *ctxt G_GNUC_UNUSED,
                const char *element,
                const char **names,
                const char **values,
                gpointer opaque,
                GError **error G_GNUC_UNUSED)
{
    vtshRemoteDevice *dev = opaque;
    const char *cap = vtshRemoteLast(dev->caps, 0);

    g_ptr_array_add(dev->elements, g_strdup(element));

    if (STREQ(element, "capability")) {
        const char *type = vtshRemoteAttr(names, values, "type");
        const char *max = vtshRemoteAttr(names, values, "maxCount");
        guint64 count;

        if (!type)
            type = "";
        if (dev->caps->len == 0 && STREQ(type, "pci"))
            dev->pci = true;
        if (dev->caps->len == 0 && STREQ(type, "net"))
            dev->net = true;
        if (STREQ(type, "virt_functions")) {
            dev->pf = true;
            if (max && g_ascii_string_to_unsigned(max, 10, 0, 4096, &count, NULL))
                dev->maxVFs = count;
        }
        g_ptr_array_add(dev->caps, g_strdup(type));
        return;
    }

    if (STREQ(element, "address") && STREQ(cap, "virt_functions")) {
        char *addr = vtshRemotePCIAttrs(names, values);

        if (addr)
            g_ptr_array_add(dev->vfs, addr);
    } else if (STREQ(element, "address") && STREQ(cap, "phys_function")) {
        g_free(dev->physfn);
        dev->physfn = vtshRemotePCIAttrs(names, values);
    } else if (STREQ(element, "link") && STREQ(cap, "net")) {
        const char *state = vtshRemoteAttr(names, values, "state");

        if (state)
            dev->link = g_strdup(state);
    }
}


static void
vtshRemoteEnd(GMarkupParseContext *ctxt G_GNUC_UNUSED,
              const char *element,
              gpointer opaque,
              GError **error G_GNUC_UNUSED)
{
    vtshRemoteDevice *dev = opaque;

    if (STREQ(element, "capability") && dev->caps->len > 0)
        g_ptr_array_set_size(dev->caps, dev->caps->len - 1);
    if (dev->elements->len > 0)
        g_ptr_array_set_size(dev->elements, dev->elements->len - 1);
}


static void
vtshRemoteText(GMarkupParseContext *ctxt G_GNUC_UNUSED,
               const char *text,
               gsize len,
               gpointer opaque,
               GError **error G_GNUC_UNUSED)
{
    vtshRemoteDevice *dev = opaque;
    const char *element = vtshRemoteLast(dev->elements, 0);
    const char *parent = vtshRemoteLast(dev->elements, 1);
    const char *cap = vtshRemoteLast(dev->caps, 0);
    g_autofree char *value = g_strstrip(g_strndup(text, len));
    char **target = NULL;
    guint depth = dev->elements->len;

    if (depth == 2 && STREQ(element, "name"))
        target = &dev->name;
    else if (depth == 2 && STREQ(element, "parent"))
        target = &dev->parent;
    else if (depth == 3 && STREQ(element, "name") && STREQ(parent, "driver"))
        target = &dev->driver;
    else if (depth == 3 && STREQ(cap, "net") && STREQ(element, "interface"))
        target = &dev->ifname;
    else if (depth == 3 && STREQ(cap, "net") && STREQ(element, "address"))
        target = &dev->mac;

    if (target) {
        g_free(*target);
        *target = g_steal_pointer(&value);
        return;
    }

    if (depth == 3 && STREQ(cap, "pci")) {
        const char *parts[] = { "domain", "bus", "slot", "function" };
        size_t i;
        guint64 n;

        for (i = 0; i < G_N_ELEMENTS(parts); i++) {
            if (STREQ(element, parts[i]) &&
                g_ascii_string_to_unsigned(value, 10, 0, 0xffff, &n, NULL))
                dev->pciPart[i] = n;
        }
    }
}


static vtshRemoteDevice *
vtshRemoteDeviceParse(const char *xml, char **error)
{
    static const GMarkupParser parser = {
        vtshRemoteStart, vtshRemoteEnd, vtshRemoteText, NULL, NULL,
    };
    g_autoptr(vtshRemoteDevice) dev = g_new0(vtshRemoteDevice, 1);
    g_autoptr(GMarkupParseContext) ctxt = NULL;
    g_autoptr(GError) err = NULL;

    dev->vfs = g_ptr_array_new_with_free_func(g_free);
    dev->netdevs = g_ptr_array_new();
    dev->elements = g_ptr_array_new_with_free_func(g_free);
    dev->caps = g_ptr_array_new_with_free_func(g_free);
    ctxt = g_markup_parse_context_new(&parser, 0, dev, NULL);
    if (!g_markup_parse_context_parse(ctxt, xml, -1, &err) ||
        !g_markup_parse_context_end_parse(ctxt, &err)) {
        *error = g_strdup_printf(_("cannot read a node device: %1$s"), err->message);
        return NULL;
    }
    g_clear_pointer(&dev->elements, g_ptr_array_unref);
    g_clear_pointer(&dev->caps, g_ptr_array_unref);

    if (!dev->name) {
        *error = g_strdup(_("cannot read a node device: it has no name"));
        return NULL;
    }
    if (dev->pci) {
        dev->address = g_strdup_printf("%04x:%02x:%02x.%x",
                                       dev->pciPart[0], dev->pciPart[1],
                                       dev->pciPart[2], dev->pciPart[3]);
    }
    return g_steal_pointer(&dev);
}


/* A value goes on a description line as one word. */
static int
vtshRemoteCheckWord(const vtshRemoteDevice *dev, const char *value, char **error)
{
    const char *p;

    for (p = value; *p; p++) {
        if (g_ascii_isspace(*p) || *p == '#' || *p == '=' || *p == ',') {
            *error = g_strdup_printf(_("cannot describe node device '%1$s': '%2$s' is not a usable name"),
                                     dev->name, value);
            return -1;
        }
    }
    return 0;
}


/* mac=, operstate= of a net device */
static int
vtshRemoteNetAttrs(GString *out, const vtshRemoteDevice *net, char **error)
{
    if (net->mac) {
        if (vtshRemoteCheckWord(net, net->mac, error) < 0)
            return -1;
        g_string_append_printf(out, " mac=%s", net->mac);
    }
    if (net->link) {
        if (vtshRemoteCheckWord(net, net->link, error) < 0)
            return -1;
        g_string_append_printf(out, " operstate=%s", net->link);
    }
    return 0;
}


/* more netdevs of the function just described, and attributes of the
 * netdevs a 'vf' line names after its first */
static int
vtshRemoteMoreNetdevs(GString *out, const vtshRemoteDevice *fn,
                      const char *keyword, char **error)
{
    size_t i;

    for (i = 1; i < fn->netdevs->len; i++) {
        const vtshRemoteDevice *net = g_ptr_array_index(fn->netdevs, i);

        if (STREQ(keyword, "netdev"))
            g_string_append_printf(out, "netdev %s pci=%s", net->ifname, fn->address);
        else
            g_string_append_printf(out, "set %s", net->ifname);
        if (vtshRemoteNetAttrs(out, net, error) < 0)
            return -1;
        g_string_append_c(out, '\n');
    }
    return 0;
}


static int
vtshRemoteCompareDevice(gconstpointer a, gconstpointer b)
{
    const vtshRemoteDevice *da = *(vtshRemoteDevice * const *)a;
    const vtshRemoteDevice *db = *(vtshRemoteDevice * const *)b;

    if (da->address && db->address)
        return strcmp(da->address, db->address);
    if (da->ifname && db->ifname)
        return strcmp(da->ifname, db->ifname);
    return strcmp(da->name, db->name);
}


/* The VFs of a PF must be consecutive functions on one bus, as the
 * description builder gives them (and as the kernel numbers them). */
static int
vtshRemoteCheckVFs(const vtshRemoteDevice *pf, char **error)
{
    unsigned int dom0, bus0, slot0, fn0;
    size_t i;

    for (i = 0; i < pf->vfs->len; i++) {
        const char *addr = g_ptr_array_index(pf->vfs, i);
        unsigned int dom, bus, slot, fn;

        if (sscanf(addr, "%x:%x:%x.%x", &dom, &bus, &slot, &fn) != 4)
            goto error;
        if (i == 0) {
            dom0 = dom;
            bus0 = bus;
            slot0 = slot;
            fn0 = fn;
        } else if (dom != dom0 || bus != bus0 ||
                   slot * 8 + fn != slot0 * 8 + fn0 + i) {
            goto error;
        }
    }
    return 0;

 error:
    *error = g_strdup_printf(_("cannot describe the VFs of PCI device %1$s: their addresses are not consecutive functions of one bus"),
                             pf->address);
    return -1;
}


/* A function's driver; libvirt reads it from the host's sysfs and
 * leaves it out when the function has none.  A function with a netdev
 * has one even when libvirt does not say which (its test driver never
 * does). */
static const char *
vtshRemoteDriver(const vtshRemoteDevice *fn)
{
    if (fn->driver)
        return fn->driver;
    return fn->netdevs->len > 0 ? "unknown" : "none";
}


static int
vtshRemoteDescribeFunction(GString *out, vtshRemoteDevice *fn,
                           GHashTable *byAddress, char **error)
{
    const vtshRemoteDevice *first = g_ptr_array_index(fn->netdevs, 0);
    const char *driver = vtshRemoteDriver(fn);
    guint totalvfs = MAX(fn->maxVFs, fn->vfs->len);
    size_t i;

    if (vtshRemoteCheckWord(fn, driver, error) < 0)
        return -1;

    fn->described = true;
    if (!fn->pf || totalvfs == 0) {
        g_string_append_printf(out, "nic %s pci=%s driver=%s",
                               first->ifname, fn->address, driver);
        if (vtshRemoteNetAttrs(out, first, error) < 0)
            return -1;
        g_string_append_c(out, '\n');
        return vtshRemoteMoreNetdevs(out, fn, "netdev", error);
    }

    if (vtshRemoteCheckVFs(fn, error) < 0)
        return -1;
    g_string_append_printf(out, "pf %s pci=%s totalvfs=%u numvfs=%u driver=%s",
                           first->ifname, fn->address, totalvfs,
                           fn->vfs->len, driver);
    if (fn->vfs->len > 0)
        g_string_append_printf(out, " vfpci=%s", (char *)g_ptr_array_index(fn->vfs, 0));
    if (vtshRemoteNetAttrs(out, first, error) < 0)
        return -1;
    g_string_append_c(out, '\n');
    if (vtshRemoteMoreNetdevs(out, fn, "netdev", error) < 0)
        return -1;

    for (i = 0; i < fn->vfs->len; i++) {
        vtshRemoteDevice *vf = g_hash_table_lookup(byAddress,
                                                   g_ptr_array_index(fn->vfs, i));
        const char *vfDriver = vf ? vtshRemoteDriver(vf) : "none";
        size_t j;

        if (vtshRemoteCheckWord(fn, vfDriver, error) < 0)
            return -1;
        g_string_append_printf(out, "vf %s %zu driver=%s netdev=",
                               first->ifname, i, vfDriver);
        if (!vf || vf->netdevs->len == 0) {
            g_string_append(out, "none\n");
        } else {
            for (j = 0; j < vf->netdevs->len; j++) {
                const vtshRemoteDevice *net = g_ptr_array_index(vf->netdevs, j);

                g_string_append_printf(out, "%s%s", j ? "," : "", net->ifname);
            }
            if (vtshRemoteNetAttrs(out, g_ptr_array_index(vf->netdevs, 0), error) < 0)
                return -1;
            g_string_append_c(out, '\n');
            if (vtshRemoteMoreNetdevs(out, vf, "set", error) < 0)
                return -1;
        }
        if (vf)
            vf->described = true;
    }
    return 0;
}


char *
vtshRemoteHostDescription(GPtrArray *deviceXMLs, char **error)
{
    g_autoptr(GPtrArray) devices = g_ptr_array_new_with_free_func((GDestroyNotify)vtshRemoteDeviceFree);
    g_autoptr(GHashTable) byName = g_hash_table_new(g_str_hash, g_str_equal);
    g_autoptr(GHashTable) byAddress = g_hash_table_new(g_str_hash, g_str_equal);
    g_autoptr(GString) out = g_string_new("# the node devices of the destination's libvirt\n");
    size_t i;

    for (i = 0; i < deviceXMLs->len; i++) {
        vtshRemoteDevice *dev;

        if (!(dev = vtshRemoteDeviceParse(g_ptr_array_index(deviceXMLs, i), error)))
            return NULL;
        g_ptr_array_add(devices, dev);
    }
    g_ptr_array_sort(devices, vtshRemoteCompareDevice);

    for (i = 0; i < devices->len; i++) {
        vtshRemoteDevice *dev = g_ptr_array_index(devices, i);

        g_hash_table_insert(byName, dev->name, dev);
        if (dev->pci)
            g_hash_table_insert(byAddress, dev->address, dev);
    }

    /* each net device under its PCI function */
    for (i = 0; i < devices->len; i++) {
        vtshRemoteDevice *dev = g_ptr_array_index(devices, i);
        vtshRemoteDevice *parent;

        if (!dev->net)
            continue;
        if (!dev->ifname) {
            *error = g_strdup_printf(_("cannot describe node device '%1$s': it has no interface name"),
                                     dev->name);
            return NULL;
        }
        if (vtshRemoteCheckWord(dev, dev->ifname, error) < 0)
            return NULL;
        parent = dev->parent ? g_hash_table_lookup(byName, dev->parent) : NULL;
        if (parent && parent->pci) {
            g_ptr_array_add(parent->netdevs, dev);
            dev->described = true;
        }
    }

    /* PFs with their VFs first, then the other PCI functions */
    for (i = 0; i < devices->len; i++) {
        vtshRemoteDevice *dev = g_ptr_array_index(devices, i);

        if (dev->pci && dev->pf && dev->netdevs->len > 0 &&
            vtshRemoteDescribeFunction(out, dev, byAddress, error) < 0)
            return NULL;
    }
    for (i = 0; i < devices->len; i++) {
        vtshRemoteDevice *dev = g_ptr_array_index(devices, i);

        if (dev->pci && !dev->described && dev->netdevs->len > 0 &&
            vtshRemoteDescribeFunction(out, dev, byAddress, error) < 0)
            return NULL;
    }

    /* net devices on no PCI function: bridges, bonds, taps...; what they
     * are stacked on is not in their node device */
    for (i = 0; i < devices->len; i++) {
        vtshRemoteDevice *dev = g_ptr_array_index(devices, i);

        if (!dev->net || dev->described)
            continue;
        g_string_append_printf(out, "virtual %s", dev->ifname);
        if (vtshRemoteNetAttrs(out, dev, error) < 0)
            return NULL;
        g_string_append_c(out, '\n');
    }

    return g_string_free(g_steal_pointer(&out), false);
}


static int
vtshRemoteFetchPorts(virNetworkPtr net, const char *stateDir,
                     bool *noPorts, char **error)
{
    const char *name = virNetworkGetName(net);
    g_autofree char *dir = NULL;
    virNetworkPortPtr *ports = NULL;
    int nports;
    int ret = -1;
    int i;

    if ((nports = virNetworkListAllPorts(net, &ports, 0)) < 0) {
        g_autofree char *why = vtshConnectLastError();

        if (virGetLastErrorCode() == VIR_ERR_NO_SUPPORT) {
            *noPorts = true;
            return 0;
        }
        *error = g_strdup_printf(_("cannot list the ports of network '%1$s': %2$s"),
                                 name, why);
        return -1;
    }

    dir = g_build_filename(stateDir, name, "ports", NULL);
    if (g_mkdir_with_parents(dir, 0700) < 0) {
        *error = g_strdup_printf(_("cannot create %1$s: %2$s"), dir, g_strerror(errno));
        goto cleanup;
    }
    for (i = 0; i < nports; i++) {
        char uuid[VIR_UUID_STRING_BUFLEN];
        g_autofree char *xml = NULL;

        if (virNetworkPortGetUUIDString(ports[i], uuid) < 0 ||
            !(xml = virNetworkPortGetXMLDesc(ports[i], 0))) {
            g_autofree char *why = vtshConnectLastError();
            *error = g_strdup_printf(_("cannot read a port of network '%1$s': %2$s"),
                                     name, why);
            goto cleanup;
        }
        if (vtshConnectWriteFile(dir, uuid, xml, NULL, error) < 0)
            goto cleanup;
    }
    ret = 0;

 cleanup:
    for (i = 0; i < nports; i++)
        virNetworkPortFree(ports[i]);
    free(ports);
    return ret;
}


/* The network status libvirt keeps for an active network, from its live
 * definition; the allocator counts the connections again from the ports. */
static int
vtshRemoteFetchStatus(virNetworkPtr net, const char *stateDir, char **error)
{
    g_autofree char *status = NULL;
    char *xml;

    if (!(xml = virNetworkGetXMLDesc(net, 0))) {
        g_autofree char *why = vtshConnectLastError();
        *error = g_strdup_printf(_("cannot read network '%1$s': %2$s"),
                                 virNetworkGetName(net), why);
        return -1;
    }
    status = g_strdup_printf("<networkstatus>\n"
                             "  <class_id bitmap='0-2'/>\n"
                             "  <floor sum='0'/>\n"
                             "%s"
                             "</networkstatus>\n", xml);
    free(xml);
    return vtshConnectWriteFile(stateDir, virNetworkGetName(net), status, NULL, error);
}


static int
vtshRemoteFetchNetworks(virConnectPtr conn, const char *uri,
                        vtshRemoteData *data, char **error)
{
    virNetworkPtr *nets = NULL;
    bool noPorts = false;
    int nnets;
    int ret = -1;
    int i;

    if ((nnets = virConnectListAllNetworks(conn, &nets, 0)) < 0) {
        g_autofree char *why = vtshConnectLastError();
        *error = g_strdup_printf(_("cannot list the networks of '%1$s': %2$s"), uri, why);
        return -1;
    }
    for (i = 0; i < nnets; i++) {
        char *xml;
        int rc;

        if (!(xml = vtshConnectNetworkXML(nets[i]))) {
            g_autofree char *why = vtshConnectLastError();
            *error = g_strdup_printf(_("cannot read network '%1$s': %2$s"),
                                     virNetworkGetName(nets[i]), why);
            goto cleanup;
        }
        rc = vtshConnectWriteFile(data->networkDir, virNetworkGetName(nets[i]),
                                  xml, NULL, error);
        free(xml);
        if (rc < 0)
            goto cleanup;

        if (virNetworkIsActive(nets[i]) != 1)
            continue;
        if (vtshRemoteFetchStatus(nets[i], data->stateDir, error) < 0 ||
            (!noPorts &&
             vtshRemoteFetchPorts(nets[i], data->stateDir, &noPorts, error) < 0))
            goto cleanup;
    }
    if (noPorts) {
        g_ptr_array_add(data->warnings,
                        g_strdup_printf(_("'%1$s' cannot list network ports: the ports taken on the destination are not counted"),
                                        uri));
    }
    ret = 0;

 cleanup:
    for (i = 0; i < nnets; i++)
        virNetworkFree(nets[i]);
    free(nets);
    return ret;
}


static int
vtshRemoteFetchHost(virConnectPtr conn, const char *uri,
                    vtshRemoteData *data, char **error)
{
    g_autoptr(GPtrArray) xmls = g_ptr_array_new_with_free_func(free);
    g_autoptr(GError) err = NULL;
    virNodeDevicePtr *devs = NULL;
    int ndevs;
    int ret = -1;
    int i;

    if ((ndevs = virConnectListAllNodeDevices(conn, &devs,
                                              VIR_CONNECT_LIST_NODE_DEVICES_CAP_NET |
                                              VIR_CONNECT_LIST_NODE_DEVICES_CAP_PCI_DEV)) < 0) {
        g_autofree char *why = vtshConnectLastError();
        *error = g_strdup_printf(_("cannot list the node devices of '%1$s': %2$s"), uri, why);
        return -1;
    }
    for (i = 0; i < ndevs; i++) {
        char *xml;

        if (!(xml = virNodeDeviceGetXMLDesc(devs[i], 0))) {
            g_autofree char *why = vtshConnectLastError();
            *error = g_strdup_printf(_("cannot read node device '%1$s': %2$s"),
                                     virNodeDeviceGetName(devs[i]), why);
            goto cleanup;
        }
        g_ptr_array_add(xmls, xml);
    }

    if (!(data->description = vtshRemoteHostDescription(xmls, error)))
        goto cleanup;
    if (virTeamingHostBuildString(data->description, data->sysfsRoot, &err) < 0) {
        *error = g_strdup_printf(_("cannot describe the host of '%1$s': %2$s"),
                                 uri, err->message);
        goto cleanup;
    }
    ret = 0;

 cleanup:
    for (i = 0; i < ndevs; i++)
        virNodeDeviceFree(devs[i]);
    free(devs);
    return ret;
}


int
vtshRemoteFetch(const char *uri, vtshRemoteData *data, char **error)
{
    virConnectPtr conn;
    int ret = -1;

    memset(data, 0, sizeof(*data));
    data->warnings = g_ptr_array_new_with_free_func(g_free);
    vtshConnectQuiet();
    if (!(data->tmpdir = vtshConnectMakeTempDir(error)) ||
        !(data->networkDir = vtshConnectMakeDir(data->tmpdir, "networks", error)) ||
        !(data->stateDir = vtshConnectMakeDir(data->tmpdir, "state", error)))
        return -1;
    data->sysfsRoot = g_build_filename(data->tmpdir, "sysfs", NULL);

    if (!(conn = virConnectOpenReadOnly(uri))) {
        g_autofree char *why = vtshConnectLastError();
        *error = g_strdup_printf(_("cannot connect to '%1$s': %2$s"), uri, why);
        return -1;
    }
    if (vtshRemoteFetchNetworks(conn, uri, data, error) < 0 ||
        vtshRemoteFetchHost(conn, uri, data, error) < 0)
        goto cleanup;
    ret = 0;

 cleanup:
    virConnectClose(conn);
    return ret;
}
