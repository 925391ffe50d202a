/*
 * hostdesc.c: host descriptions, and the fake sysfs trees built from them
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 *
 * A description is line-based: '#' starts a comment, a line is a
 * keyword, its positional arguments and key=value attributes.
 *
 *   pf NAME pci=BDF [totalvfs=N] [numvfs=N] [vfpci=BDF] [vfdriver=DRV] PCI NETDEV
 *   vf PF INDEX [netdev=NAME[,NAME...]|none] [pci=BDF] PCI NETDEV
 *   nic NAME pci=BDF PCI NETDEV
 *   netdev NAME pci=BDF NETDEV                    (another netdev of that function)
 *   bridge NAME [ports=IF[,IF...]] NETDEV
 *   bond NAME [ports=IF[,IF...]] [mode=MODE] NETDEV
 *   vlan NAME link=IF id=N NETDEV
 *   macvtap NAME link=IF [mode=MODE] NETDEV      (also macvlan)
 *   virtual NAME [type=TYPE] NETDEV               (veth, dummy, tap, lo...)
 *   set NAME NETDEV
 *
 * PCI attributes: driver=DRV|none, driver_override=DRV.  NETDEV
 * attributes: mac=, mtu=, operstate=, ifindex=, phys_port_id=,
 * phys_port_name=, phys_switch_id=.  See docs/hosts.rst.
 *
 * Parsing gives a model (vtHostDesc) in which every name, address and
 * link has been checked and every interface index assigned; building
 * writes it under a root and can fail only on the filesystem.
 */

#include <config.h>

#include <unistd.h>

#include "hostdesc.h"
#include "vterror.h"
#include "vtmacaddr.h"
#include "vtpci.h"
#include "vtsysfs.h"

#define VT_HOST_DESC_MAX_VFS 256

typedef struct _vtHostDescPCI vtHostDescPCI;
struct _vtHostDescPCI {
    vtPCIDeviceAddress addr;
    char *bdf;
    char *driver;           /* NULL: unbound */
    char *driverOverride;   /* NULL: "(null)" */
    bool sriov;
    unsigned int totalvfs;
    unsigned int numvfs;
    GPtrArray *vfs;         /* vtHostDescPCI *, not owned */
    vtHostDescPCI *physfn;  /* not owned */
    GPtrArray *netdevs;     /* char *, names */
};

typedef struct _vtHostDescNetdev vtHostDescNetdev;
struct _vtHostDescNetdev {
    char *name;
    char *kind;             /* the keyword that declared it */
    char *type;             /* virtual: the device type, informative */
    vtHostDescPCI *pci;     /* not owned; NULL for a virtual device */
    vtMacAddr mac;
    bool hasMac;
    unsigned int mtu;
    char *operstate;
    int ifindex;            /* 0: assigned in order */
    char *physPortId;
    char *physPortName;
    char *physSwitchId;
    char *link;             /* vlan, macvtap, macvlan: the device below */
    char **ports;           /* bridge, bond */
    char *mode;             /* bond, macvtap */
    unsigned int vlanid;
    size_t line;

    char *master;           /* set when linking */
    GPtrArray *uppers;
    GPtrArray *lowers;
};

struct _vtHostDesc {
    char *source;           /* the description's name, for messages */
    GPtrArray *netdevs;     /* vtHostDescNetdev *, declaration order */
    GPtrArray *pcis;        /* vtHostDescPCI * */
};


static void
vtHostDescPCIFree(gpointer opaque)
{
    vtHostDescPCI *pci = opaque;

    g_free(pci->bdf);
    g_free(pci->driver);
    g_free(pci->driverOverride);
    g_ptr_array_unref(pci->vfs);
    g_ptr_array_unref(pci->netdevs);
    g_free(pci);
}


static void
vtHostDescNetdevFree(gpointer opaque)
{
    vtHostDescNetdev *nd = opaque;

    g_free(nd->name);
    g_free(nd->kind);
    g_free(nd->type);
    g_free(nd->operstate);
    g_free(nd->physPortId);
    g_free(nd->physPortName);
    g_free(nd->physSwitchId);
    g_free(nd->link);
    g_strfreev(nd->ports);
    g_free(nd->mode);
    g_free(nd->master);
    g_ptr_array_unref(nd->uppers);
    g_ptr_array_unref(nd->lowers);
    g_free(nd);
}


static vtHostDescNetdev *
vtHostDescFindNetdev(const vtHostDesc *host, const char *name)
{
    size_t i;

    for (i = 0; i < host->netdevs->len; i++) {
        vtHostDescNetdev *nd = g_ptr_array_index(host->netdevs, i);

        if (STREQ(nd->name, name))
            return nd;
    }
    return NULL;
}


static vtHostDescPCI *
vtHostDescFindPCI(const vtHostDesc *host, const vtPCIDeviceAddress *addr)
{
    size_t i;

    for (i = 0; i < host->pcis->len; i++) {
        vtHostDescPCI *pci = g_ptr_array_index(host->pcis, i);

        if (vtPCIDeviceAddressEqual(&pci->addr, addr))
            return pci;
    }
    return NULL;
}


static vtHostDescPCI *
vtHostDescAddPCI(vtHostDesc *host,
                 size_t line,
                 const vtPCIDeviceAddress *addr,
                 const char *driver)
{
    vtHostDescPCI *pci;

    if (vtHostDescFindPCI(host, addr)) {
        g_autofree char *bdf = vtPCIDeviceAddressAsString(addr);

        vtReportError(VT_ERR_INVALID_ARG,
                      _("%1$s:%2$zu: PCI address %3$s is used twice"),
                      host->source, line, bdf);
        return NULL;
    }
    pci = g_new0(vtHostDescPCI, 1);
    pci->addr = *addr;
    pci->bdf = vtPCIDeviceAddressAsString(addr);
    pci->driver = g_strdup(driver);
    pci->vfs = g_ptr_array_new();
    pci->netdevs = g_ptr_array_new_with_free_func(g_free);
    g_ptr_array_add(host->pcis, pci);
    return pci;
}


/* Deterministic locally administered MAC derived from the name. */
static void
vtHostDescDefaultMac(const char *name, vtMacAddr *mac)
{
    g_autofree char *sum = g_compute_checksum_for_string(G_CHECKSUM_SHA256, name, -1);
    size_t i;

    mac->addr[0] = 0x02;
    for (i = 1; i < VT_MAC_BUFLEN; i++)
        mac->addr[i] = g_ascii_xdigit_value(sum[2 * i]) * 16 +
            g_ascii_xdigit_value(sum[2 * i + 1]);
}


static vtHostDescNetdev *
vtHostDescAddNetdev(vtHostDesc *host,
                    size_t line,
                    const char *name,
                    const char *kind,
                    vtHostDescPCI *pci)
{
    vtHostDescNetdev *nd;

    if (!vtSysfsIfnameIsValid(name)) {
        vtReportError(VT_ERR_INVALID_ARG,
                      _("%1$s:%2$zu: invalid interface name '%3$s'"),
                      host->source, line, name);
        return NULL;
    }
    if (vtHostDescFindNetdev(host, name)) {
        vtReportError(VT_ERR_INVALID_ARG,
                      _("%1$s:%2$zu: interface '%3$s' is declared twice"),
                      host->source, line, name);
        return NULL;
    }

    nd = g_new0(vtHostDescNetdev, 1);
    nd->name = g_strdup(name);
    nd->kind = g_strdup(kind);
    nd->pci = pci;
    nd->mtu = 1500;
    nd->operstate = g_strdup("up");
    nd->line = line;
    nd->uppers = g_ptr_array_new_with_free_func(g_free);
    nd->lowers = g_ptr_array_new_with_free_func(g_free);
    vtHostDescDefaultMac(name, &nd->mac);
    nd->hasMac = true;
    g_ptr_array_add(host->netdevs, nd);
    if (pci)
        g_ptr_array_add(pci->netdevs, g_strdup(name));
    return nd;
}


static void
vtHostDescRemoveNetdev(vtHostDesc *host, const char *name)
{
    size_t i;

    for (i = 0; i < host->netdevs->len; i++) {
        vtHostDescNetdev *nd = g_ptr_array_index(host->netdevs, i);

        if (STREQ(nd->name, name)) {
            g_ptr_array_remove_index(host->netdevs, i);
            return;
        }
    }
}


/* The attributes of one line. */
typedef struct _vtHostDescAttrs vtHostDescAttrs;
struct _vtHostDescAttrs {
    const char *source;
    size_t line;
    GHashTable *values;     /* key -> value */
    GHashTable *used;       /* keys looked at */
};


static const char *
vtHostDescAttrGet(vtHostDescAttrs *attrs, const char *key)
{
    g_hash_table_add(attrs->used, (gpointer)key);
    return g_hash_table_lookup(attrs->values, key);
}


static int
vtHostDescAttrUInt(vtHostDescAttrs *attrs,
                   const char *key,
                   unsigned int max,
                   unsigned int *value)
{
    const char *str = vtHostDescAttrGet(attrs, key);
    guint64 v;

    if (!str)
        return 0;
    if (!g_ascii_string_to_unsigned(str, 10, 0, max, &v, NULL)) {
        vtReportError(VT_ERR_INVALID_ARG,
                      _("%1$s:%2$zu: invalid value '%3$s' of '%4$s'"),
                      attrs->source, attrs->line, str, key);
        return -1;
    }
    *value = v;
    return 1;
}


static int
vtHostDescAttrPCI(vtHostDescAttrs *attrs,
                  const char *key,
                  vtPCIDeviceAddress *addr)
{
    const char *str = vtHostDescAttrGet(attrs, key);

    if (!str)
        return 0;
    if (vtPCIDeviceAddressParse(str, addr) < 0) {
        vtReportError(VT_ERR_INVALID_ARG,
                      _("%1$s:%2$zu: invalid PCI address '%3$s' (expected DDDD:BB:SS.F)"),
                      attrs->source, attrs->line, str);
        return -1;
    }
    return 1;
}


/* The pci= every @what line must have: 0, or -1 with an error reported. */
static int
vtHostDescAttrPCIRequired(vtHostDesc *host,
                          vtHostDescAttrs *attrs,
                          const char *what,
                          vtPCIDeviceAddress *addr)
{
    int rc;

    if ((rc = vtHostDescAttrPCI(attrs, "pci", addr)) <= 0) {
        if (rc == 0)
            vtReportError(VT_ERR_INVALID_ARG,
                          _("%1$s:%2$zu: '%3$s' needs pci=DDDD:BB:SS.F"),
                          host->source, attrs->line, what);
        return -1;
    }
    return 0;
}


/* A driver name becomes a path component. */
static int
vtHostDescAttrDriver(vtHostDescAttrs *attrs,
                     const char *key,
                     char **driver)
{
    const char *str = vtHostDescAttrGet(attrs, key);

    if (!str)
        return 0;
    if (!*str || strlen(str) > 64 || strchr(str, '/') ||
        STREQ(str, ".") || STREQ(str, "..")) {
        vtReportError(VT_ERR_INVALID_ARG,
                      _("%1$s:%2$zu: invalid driver name '%3$s'"),
                      attrs->source, attrs->line, str);
        return -1;
    }
    g_free(*driver);
    *driver = STREQ(str, "none") ? NULL : g_strdup(str);
    return 1;
}


static char **
vtHostDescAttrList(vtHostDescAttrs *attrs, const char *key)
{
    const char *str = vtHostDescAttrGet(attrs, key);

    if (!str)
        return NULL;
    return g_strsplit(str, ",", -1);
}


/* A value written to a sysfs file: printable, one line. */
static int
vtHostDescAttrText(vtHostDescAttrs *attrs,
                   const char *key,
                   char **value)
{
    const char *str = vtHostDescAttrGet(attrs, key);
    const char *p;

    if (!str)
        return 0;
    for (p = str; *p; p++) {
        if (!g_ascii_isgraph(*p)) {
            vtReportError(VT_ERR_INVALID_ARG,
                          _("%1$s:%2$zu: invalid value '%3$s' of '%4$s'"),
                          attrs->source, attrs->line, str, key);
            return -1;
        }
    }
    g_free(*value);
    *value = g_strdup(str);
    return 1;
}


static int
vtHostDescApplyNetdevAttrs(vtHostDescAttrs *attrs, vtHostDescNetdev *nd)
{
    const char *mac = vtHostDescAttrGet(attrs, "mac");
    unsigned int ifindex = 0;
    int rc;

    if (mac) {
        if (vtMacAddrParse(mac, &nd->mac) < 0) {
            vtReportError(VT_ERR_INVALID_ARG,
                          _("%1$s:%2$zu: invalid MAC address '%3$s'"),
                          attrs->source, attrs->line, mac);
            return -1;
        }
        nd->hasMac = true;
    }
    if (vtHostDescAttrUInt(attrs, "mtu", G_MAXINT, &nd->mtu) < 0)
        return -1;
    if ((rc = vtHostDescAttrUInt(attrs, "ifindex", G_MAXINT, &ifindex)) < 0)
        return -1;
    if (rc > 0)
        nd->ifindex = ifindex;
    if (vtHostDescAttrText(attrs, "operstate", &nd->operstate) < 0 ||
        vtHostDescAttrText(attrs, "phys_port_id", &nd->physPortId) < 0 ||
        vtHostDescAttrText(attrs, "phys_port_name", &nd->physPortName) < 0 ||
        vtHostDescAttrText(attrs, "phys_switch_id", &nd->physSwitchId) < 0)
        return -1;
    return 0;
}


static int
vtHostDescApplyPCIAttrs(vtHostDescAttrs *attrs, vtHostDescPCI *pci)
{
    if (vtHostDescAttrDriver(attrs, "driver", &pci->driver) < 0 ||
        vtHostDescAttrDriver(attrs, "driver_override", &pci->driverOverride) < 0)
        return -1;
    return 0;
}


static int
vtHostDescParsePF(vtHostDesc *host, vtHostDescAttrs *attrs, char **args)
{
    vtPCIDeviceAddress addr;
    vtPCIDeviceAddress vfaddr;
    unsigned int totalvfs = 8;
    unsigned int numvfs;
    g_autofree char *vfdriver = g_strdup("ixgbevf");
    vtHostDescPCI *pf;
    vtHostDescNetdev *nd;
    unsigned int first;
    size_t i;

    if (vtHostDescAttrPCIRequired(host, attrs, args[0], &addr) < 0)
        return -1;
    if (vtHostDescAttrUInt(attrs, "totalvfs", VT_HOST_DESC_MAX_VFS, &totalvfs) < 0)
        return -1;
    numvfs = totalvfs;
    if (vtHostDescAttrUInt(attrs, "numvfs", totalvfs, &numvfs) < 0)
        return -1;
    if (vtHostDescAttrDriver(attrs, "vfdriver", &vfdriver) < 0)
        return -1;

    /* VFs follow each other from slot 0x10 of the PF's bus, unless told */
    vfaddr = addr;
    vfaddr.slot = 0x10 + addr.function * ((totalvfs + 7) / 8);
    vfaddr.function = 0;
    if (vtHostDescAttrPCI(attrs, "vfpci", &vfaddr) < 0)
        return -1;

    if (!(pf = vtHostDescAddPCI(host, attrs->line, &addr, "ixgbe")))
        return -1;
    pf->sriov = true;
    pf->totalvfs = totalvfs;
    pf->numvfs = numvfs;
    if (vtHostDescApplyPCIAttrs(attrs, pf) < 0)
        return -1;
    if (!pf->driver) {
        vtReportError(VT_ERR_INVALID_ARG,
                      _("%1$s:%2$zu: a PF with a netdev needs a driver"),
                      host->source, attrs->line);
        return -1;
    }
    if (!(nd = vtHostDescAddNetdev(host, attrs->line, args[1], args[0], pf)) ||
        vtHostDescApplyNetdevAttrs(attrs, nd) < 0)
        return -1;

    first = vfaddr.slot * 8 + vfaddr.function;
    for (i = 0; i < numvfs; i++) {
        vtPCIDeviceAddress a = vfaddr;
        g_autofree char *ifname = g_strdup_printf("%sv%zu", args[1], i);
        vtHostDescPCI *vf;

        a.slot = (first + i) / 8;
        a.function = (first + i) % 8;
        if (a.slot > 0x1f) {
            vtReportError(VT_ERR_INVALID_ARG,
                          _("%1$s:%2$zu: the VFs of '%3$s' do not fit on bus %4$02x; set vfpci="),
                          host->source, attrs->line, args[1], vfaddr.bus);
            return -1;
        }
        if (!(vf = vtHostDescAddPCI(host, attrs->line, &a, vfdriver)))
            return -1;
        vf->physfn = pf;
        g_ptr_array_add(pf->vfs, vf);
        if (vfdriver && STRNEQ(vfdriver, "vfio-pci")) {
            if (!vtSysfsIfnameIsValid(ifname)) {
                vtReportError(VT_ERR_INVALID_ARG,
                              _("%1$s:%2$zu: VF netdev name '%3$s' is too long; name the VFs with 'vf' lines"),
                              host->source, attrs->line, ifname);
                return -1;
            }
            if (!vtHostDescAddNetdev(host, attrs->line, ifname, "vf", vf))
                return -1;
        }
    }
    return 0;
}


static int
vtHostDescParseVF(vtHostDesc *host, vtHostDescAttrs *attrs, char **args)
{
    vtHostDescNetdev *pfnd = vtHostDescFindNetdev(host, args[1]);
    const char *netdevAttr;
    g_auto(GStrv) names = NULL;
    guint64 index;
    vtHostDescPCI *vf;
    size_t i;

    if (!pfnd || !pfnd->pci || !pfnd->pci->sriov) {
        vtReportError(VT_ERR_INVALID_ARG,
                      _("%1$s:%2$zu: '%3$s' is not a PF declared above"),
                      host->source, attrs->line, args[1]);
        return -1;
    }
    if (!args[2] ||
        !g_ascii_string_to_unsigned(args[2], 10, 0, pfnd->pci->vfs->len - 1, &index, NULL) ||
        pfnd->pci->vfs->len == 0) {
        vtReportError(VT_ERR_INVALID_ARG,
                      _("%1$s:%2$zu: '%3$s' has no VF '%4$s'"),
                      host->source, attrs->line, args[1], NULLSTR(args[2]));
        return -1;
    }
    vf = g_ptr_array_index(pfnd->pci->vfs, index);

    if (vtHostDescApplyPCIAttrs(attrs, vf) < 0)
        return -1;

    /* a VF bound to vfio-pci, or to nothing, has no netdev */
    netdevAttr = vtHostDescAttrGet(attrs, "netdev");
    if (netdevAttr) {
        if (STRNEQ(netdevAttr, "none"))
            names = g_strsplit(netdevAttr, ",", -1);
    } else if (vf->driver && STRNEQ(vf->driver, "vfio-pci")) {
        names = g_new0(char *, 2);
        if (vf->netdevs->len > 0)
            names[0] = g_strdup(g_ptr_array_index(vf->netdevs, 0));
        else
            names[0] = g_strdup_printf("%sv%u", args[1], (unsigned int)index);
    }

    if (names && names[0] && !vf->driver) {
        vtReportError(VT_ERR_INVALID_ARG,
                      _("%1$s:%2$zu: a VF with a netdev needs a driver"),
                      host->source, attrs->line);
        return -1;
    }

    /* keep the netdev when its name does not change, so set attributes stay */
    if (names && names[0] && !names[1] && vf->netdevs->len == 1 &&
        STREQ(names[0], g_ptr_array_index(vf->netdevs, 0))) {
        return vtHostDescApplyNetdevAttrs(attrs, vtHostDescFindNetdev(host, names[0]));
    }

    for (i = 0; i < vf->netdevs->len; i++)
        vtHostDescRemoveNetdev(host, g_ptr_array_index(vf->netdevs, i));
    g_ptr_array_set_size(vf->netdevs, 0);

    for (i = 0; names && names[i]; i++) {
        vtHostDescNetdev *nd;

        if (!(nd = vtHostDescAddNetdev(host, attrs->line, names[i], "vf", vf)))
            return -1;
        if (i == 0 && vtHostDescApplyNetdevAttrs(attrs, nd) < 0)
            return -1;
    }
    if (!names || !names[0]) {
        const char *keys[] = { "mac", "mtu", "operstate", "ifindex", "phys_port_id",
                               "phys_port_name", "phys_switch_id" };

        for (i = 0; i < G_N_ELEMENTS(keys); i++) {
            if (g_hash_table_contains(attrs->values, keys[i])) {
                vtReportError(VT_ERR_INVALID_ARG,
                              _("%1$s:%2$zu: '%3$s' needs a netdev"),
                              host->source, attrs->line, keys[i]);
                return -1;
            }
        }
    }
    return 0;
}


static int
vtHostDescParseNic(vtHostDesc *host, vtHostDescAttrs *attrs, char **args)
{
    vtPCIDeviceAddress addr;
    vtHostDescPCI *pci;
    vtHostDescNetdev *nd;

    if (vtHostDescAttrPCIRequired(host, attrs, args[0], &addr) < 0)
        return -1;
    if (!(pci = vtHostDescAddPCI(host, attrs->line, &addr, "e1000e")) ||
        vtHostDescApplyPCIAttrs(attrs, pci) < 0)
        return -1;
    if (!pci->driver) {
        vtReportError(VT_ERR_INVALID_ARG,
                      _("%1$s:%2$zu: a NIC with a netdev needs a driver"),
                      host->source, attrs->line);
        return -1;
    }
    if (!(nd = vtHostDescAddNetdev(host, attrs->line, args[1], args[0], pci)) ||
        vtHostDescApplyNetdevAttrs(attrs, nd) < 0)
        return -1;
    return 0;
}


/* One more netdev on a PCI function declared above (a second port, a representor). */
static int
vtHostDescParseNetdev(vtHostDesc *host, vtHostDescAttrs *attrs, char **args)
{
    vtPCIDeviceAddress addr;
    vtHostDescPCI *pci;
    vtHostDescNetdev *nd;

    if (vtHostDescAttrPCIRequired(host, attrs, args[0], &addr) < 0)
        return -1;
    if (!(pci = vtHostDescFindPCI(host, &addr)) || !pci->driver) {
        g_autofree char *bdf = vtPCIDeviceAddressAsString(&addr);

        vtReportError(VT_ERR_INVALID_ARG,
                      _("%1$s:%2$zu: no PCI function %3$s bound to a driver above"),
                      host->source, attrs->line, bdf);
        return -1;
    }
    if (!(nd = vtHostDescAddNetdev(host, attrs->line, args[1], args[0], pci)) ||
        vtHostDescApplyNetdevAttrs(attrs, nd) < 0)
        return -1;
    return 0;
}


static int
vtHostDescParseVirtual(vtHostDesc *host, vtHostDescAttrs *attrs, char **args)
{
    const char *kind = args[0];
    vtHostDescNetdev *nd;

    if (!(nd = vtHostDescAddNetdev(host, attrs->line, args[1], kind, NULL)) ||
        vtHostDescApplyNetdevAttrs(attrs, nd) < 0)
        return -1;

    if (STREQ(kind, "bridge") || STREQ(kind, "bond")) {
        nd->ports = vtHostDescAttrList(attrs, "ports");
    } else if (STREQ(kind, "vlan") || STREQ(kind, "macvtap") || STREQ(kind, "macvlan")) {
        if (vtHostDescAttrText(attrs, "link", &nd->link) <= 0) {
            vtReportError(VT_ERR_INVALID_ARG,
                          _("%1$s:%2$zu: '%3$s' needs link=IFNAME"),
                          host->source, attrs->line, kind);
            return -1;
        }
    }
    if (STREQ(kind, "vlan") &&
        vtHostDescAttrUInt(attrs, "id", 4095, &nd->vlanid) <= 0) {
        vtReportError(VT_ERR_INVALID_ARG,
                      _("%1$s:%2$zu: 'vlan' needs id=0..4095"),
                      host->source, attrs->line);
        return -1;
    }
    if (STREQ(kind, "bond")) {
        nd->mode = g_strdup("active-backup");
        if (vtHostDescAttrText(attrs, "mode", &nd->mode) < 0)
            return -1;
    }
    if (STREQ(kind, "macvtap") || STREQ(kind, "macvlan")) {
        nd->mode = g_strdup("bridge");
        if (vtHostDescAttrText(attrs, "mode", &nd->mode) < 0)
            return -1;
    }
    if (STREQ(kind, "virtual") && vtHostDescAttrText(attrs, "type", &nd->type) < 0)
        return -1;
    return 0;
}


static int
vtHostDescParseSet(vtHostDesc *host, vtHostDescAttrs *attrs, char **args)
{
    vtHostDescNetdev *nd = vtHostDescFindNetdev(host, args[1]);

    if (!nd) {
        vtReportError(VT_ERR_INVALID_ARG,
                      _("%1$s:%2$zu: unknown interface '%3$s'"),
                      host->source, attrs->line, args[1]);
        return -1;
    }
    return vtHostDescApplyNetdevAttrs(attrs, nd);
}


static int
vtHostDescParseLine(vtHostDesc *host, const char *text, size_t line)
{
    g_auto(GStrv) tokens = g_strsplit_set(text, " \t\r", -1);
    g_autoptr(GPtrArray) args = g_ptr_array_new();
    g_autoptr(GHashTable) values = g_hash_table_new(g_str_hash, g_str_equal);
    g_autoptr(GHashTable) used = g_hash_table_new(g_str_hash, g_str_equal);
    vtHostDescAttrs attrs = { host->source, line, values, used };
    GHashTableIter iter;
    gpointer key;
    size_t nargs;
    size_t i;
    int rc;

    for (i = 0; tokens[i]; i++) {
        char *eq;

        if (!*tokens[i])
            continue;
        if ((eq = strchr(tokens[i], '='))) {
            *eq = '\0';
            if (g_hash_table_contains(values, tokens[i])) {
                vtReportError(VT_ERR_INVALID_ARG,
                              _("%1$s:%2$zu: attribute '%3$s' is given twice"),
                              host->source, line, tokens[i]);
                return -1;
            }
            g_hash_table_insert(values, tokens[i], eq + 1);
        } else {
            if (g_hash_table_size(values) > 0) {
                vtReportError(VT_ERR_INVALID_ARG,
                              _("%1$s:%2$zu: '%3$s' must come before the attributes"),
                              host->source, line, tokens[i]);
                return -1;
            }
            g_ptr_array_add(args, tokens[i]);
        }
    }
    if (args->len == 0)
        return 0;
    nargs = args->len;
    g_ptr_array_add(args, NULL);

    if (nargs != (STREQ(g_ptr_array_index(args, 0), "vf") ? 3 : 2)) {
        vtReportError(VT_ERR_INVALID_ARG,
                      _("%1$s:%2$zu: wrong number of arguments to '%3$s'"),
                      host->source, line, (char *)g_ptr_array_index(args, 0));
        return -1;
    }

    if (STREQ(g_ptr_array_index(args, 0), "pf")) {
        rc = vtHostDescParsePF(host, &attrs, (char **)args->pdata);
    } else if (STREQ(g_ptr_array_index(args, 0), "vf")) {
        rc = vtHostDescParseVF(host, &attrs, (char **)args->pdata);
    } else if (STREQ(g_ptr_array_index(args, 0), "nic")) {
        rc = vtHostDescParseNic(host, &attrs, (char **)args->pdata);
    } else if (STREQ(g_ptr_array_index(args, 0), "netdev")) {
        rc = vtHostDescParseNetdev(host, &attrs, (char **)args->pdata);
    } else if (STREQ(g_ptr_array_index(args, 0), "set")) {
        rc = vtHostDescParseSet(host, &attrs, (char **)args->pdata);
    } else if (g_strv_contains((const char * const[]){ "bridge", "bond", "vlan", "macvtap",
                                                       "macvlan", "virtual", NULL },
                               g_ptr_array_index(args, 0))) {
        rc = vtHostDescParseVirtual(host, &attrs, (char **)args->pdata);
    } else {
        vtReportError(VT_ERR_INVALID_ARG,
                      _("%1$s:%2$zu: unknown keyword '%3$s'"),
                      host->source, line, (char *)g_ptr_array_index(args, 0));
        return -1;
    }
    if (rc < 0)
        return -1;

    g_hash_table_iter_init(&iter, values);
    while (g_hash_table_iter_next(&iter, &key, NULL)) {
        if (!g_hash_table_contains(used, key)) {
            vtReportError(VT_ERR_INVALID_ARG,
                          _("%1$s:%2$zu: unknown attribute '%3$s' for '%4$s'"),
                          host->source, line, (char *)key,
                          (char *)g_ptr_array_index(args, 0));
            return -1;
        }
    }
    return 0;
}


/* Connect masters and ports, then links: the upper_/lower_ pairs. */
static int
vtHostDescLink(vtHostDesc *host)
{
    size_t i;
    size_t j;

    for (i = 0; i < host->netdevs->len; i++) {
        vtHostDescNetdev *nd = g_ptr_array_index(host->netdevs, i);

        for (j = 0; nd->ports && nd->ports[j]; j++) {
            vtHostDescNetdev *port = vtHostDescFindNetdev(host, nd->ports[j]);

            if (!port || port == nd) {
                vtReportError(VT_ERR_INVALID_ARG,
                              _("%1$s:%2$zu: unknown port '%3$s' of '%4$s'"),
                              host->source, nd->line, nd->ports[j], nd->name);
                return -1;
            }
            if (port->master) {
                vtReportError(VT_ERR_INVALID_ARG,
                              _("%1$s:%2$zu: '%3$s' is already a port of '%4$s'"),
                              host->source, nd->line, port->name, port->master);
                return -1;
            }
            port->master = g_strdup(nd->name);
            g_ptr_array_add(port->uppers, g_strdup(nd->name));
            g_ptr_array_add(nd->lowers, g_strdup(port->name));
        }
    }

    for (i = 0; i < host->netdevs->len; i++) {
        vtHostDescNetdev *nd = g_ptr_array_index(host->netdevs, i);
        vtHostDescNetdev *lower;

        if (!nd->link)
            continue;
        if (!(lower = vtHostDescFindNetdev(host, nd->link)) || lower == nd) {
            vtReportError(VT_ERR_INVALID_ARG,
                          _("%1$s:%2$zu: unknown link '%3$s' of '%4$s'"),
                          host->source, nd->line, nd->link, nd->name);
            return -1;
        }
        /* the kernel refuses a macvlan on a bridge or bond port: the
         * port's receive handler is taken */
        if (lower->master && STRNEQ(nd->kind, "vlan")) {
            vtReportError(VT_ERR_INVALID_ARG,
                          _("%1$s:%2$zu: '%3$s' is a port of '%4$s' and cannot also carry %5$s '%6$s'"),
                          host->source, nd->line, lower->name, lower->master,
                          nd->kind, nd->name);
            return -1;
        }
        g_ptr_array_add(lower->uppers, g_strdup(nd->name));
        g_ptr_array_add(nd->lowers, g_strdup(lower->name));
    }
    return 0;
}


/* ---- writing the tree ---- */

static char *
vtHostDescNetdevDir(vtHostDescNetdev *nd)
{
    if (nd->pci)
        return g_strdup_printf("devices/pci%04x:00/%s/net/%s",
                               nd->pci->addr.domain, nd->pci->bdf, nd->name);
    return g_strdup_printf("devices/virtual/net/%s", nd->name);
}


/* The folder of a netdev the links were checked for (see vtHostDescLink). */
static char *
vtHostDescNetdevDirByName(const vtHostDesc *host, const char *name)
{
    vtHostDescNetdev *nd = vtHostDescFindNetdev(host, name);

    if (!nd)
        return g_strdup_printf("devices/virtual/net/%s", name);
    return vtHostDescNetdevDir(nd);
}


static char *
vtHostDescPCIDir(vtHostDescPCI *pci)
{
    return g_strdup_printf("devices/pci%04x:00/%s", pci->addr.domain, pci->bdf);
}


/* The relative target of a link in folder @from pointing at @to (both root-relative). */
static char *
vtHostDescRelative(const char *from, const char *to)
{
    g_auto(GStrv) f = g_strsplit(from, "/", -1);
    g_auto(GStrv) t = g_strsplit(to, "/", -1);
    g_autoptr(GString) str = g_string_new(NULL);
    size_t i = 0;
    size_t j;

    while (f[i] && t[i] && STREQ(f[i], t[i]))
        i++;
    for (j = i; f[j]; j++)
        g_string_append(str, "../");
    for (j = i; t[j]; j++) {
        g_string_append(str, t[j]);
        if (t[j + 1])
            g_string_append_c(str, '/');
    }
    if (str->len == 0)
        g_string_append_c(str, '.');
    return g_string_free(g_steal_pointer(&str), FALSE);
}


static int
vtHostDescMkdir(const char *outdir, const char *dir)
{
    g_autofree char *path = g_build_filename(outdir, dir, NULL);

    if (g_mkdir_with_parents(path, 0755) < 0) {
        vtReportSystemError(errno, _("Cannot create directory '%1$s'"), path);
        return -1;
    }
    return 0;
}


static int
vtHostDescWrite(const char *outdir, const char *dir, const char *file, const char *fmt, ...)
    G_GNUC_PRINTF(4, 5);

static int
vtHostDescWrite(const char *outdir, const char *dir, const char *file, const char *fmt, ...)
{
    g_autofree char *path = g_build_filename(outdir, dir, file, NULL);
    g_autofree char *content = NULL;
    g_autofree char *line = NULL;
    g_autoptr(GError) err = NULL;
    va_list ap;

    va_start(ap, fmt);
    content = g_strdup_vprintf(fmt, ap);
    va_end(ap);
    line = g_strdup_printf("%s\n", content);

    if (vtHostDescMkdir(outdir, dir) < 0)
        return -1;
    /* no fsync: a fixture is scratch data */
    if (!g_file_set_contents_full(path, line, -1, G_FILE_SET_CONTENTS_NONE, 0644, &err)) {
        vtReportError(VT_ERR_OPERATION_FAILED, "%s", err->message);
        return -1;
    }
    return 0;
}


/* An empty file, like the write-only ones of sysfs (bind, unbind, drivers_probe). */
static int
vtHostDescTouch(const char *outdir, const char *dir, const char *file)
{
    g_autofree char *path = g_build_filename(outdir, dir, file, NULL);
    g_autoptr(GError) err = NULL;

    if (vtHostDescMkdir(outdir, dir) < 0)
        return -1;
    if (g_file_test(path, G_FILE_TEST_EXISTS))
        return 0;
    if (!g_file_set_contents_full(path, "", 0, G_FILE_SET_CONTENTS_NONE, 0644, &err)) {
        vtReportError(VT_ERR_OPERATION_FAILED, "%s", err->message);
        return -1;
    }
    return 0;
}


/* Create the link @dir/@name pointing at root-relative @target. */
static int
vtHostDescSymlink(const char *outdir, const char *dir, const char *name, const char *target)
{
    g_autofree char *path = g_build_filename(outdir, dir, name, NULL);
    g_autofree char *rel = vtHostDescRelative(dir, target);

    if (vtHostDescMkdir(outdir, dir) < 0)
        return -1;
    if (symlink(rel, path) < 0) {
        vtReportSystemError(errno, _("Cannot create symbolic link '%1$s'"), path);
        return -1;
    }
    return 0;
}


static int
vtHostDescWritePCI(const char *outdir, vtHostDescPCI *pci)
{
    g_autofree char *dir = vtHostDescPCIDir(pci);
    size_t i;

    if (vtHostDescMkdir(outdir, dir) < 0 ||
        vtHostDescWrite(outdir, dir, "driver_override", "%s",
                        pci->driverOverride ? pci->driverOverride : "(null)") < 0 ||
        vtHostDescSymlink(outdir, "bus/pci/devices", pci->bdf, dir) < 0)
        return -1;

    if (pci->driver) {
        g_autofree char *drvdir = g_strdup_printf("bus/pci/drivers/%s", pci->driver);

        if (vtHostDescSymlink(outdir, dir, "driver", drvdir) < 0 ||
            vtHostDescSymlink(outdir, drvdir, pci->bdf, dir) < 0 ||
            vtHostDescTouch(outdir, drvdir, "bind") < 0 ||
            vtHostDescTouch(outdir, drvdir, "unbind") < 0)
            return -1;
    }
    if (pci->sriov) {
        if (vtHostDescWrite(outdir, dir, "sriov_totalvfs", "%u", pci->totalvfs) < 0 ||
            vtHostDescWrite(outdir, dir, "sriov_numvfs", "%u", pci->numvfs) < 0)
            return -1;
        for (i = 0; i < pci->vfs->len; i++) {
            vtHostDescPCI *vf = g_ptr_array_index(pci->vfs, i);
            g_autofree char *name = g_strdup_printf("virtfn%zu", i);
            g_autofree char *vfdir = vtHostDescPCIDir(vf);

            if (vtHostDescSymlink(outdir, dir, name, vfdir) < 0)
                return -1;
        }
    }
    if (pci->physfn) {
        g_autofree char *pfdir = vtHostDescPCIDir(pci->physfn);

        if (vtHostDescSymlink(outdir, dir, "physfn", pfdir) < 0)
            return -1;
    }
    return 0;
}


static int
vtHostDescWriteNetdev(const char *outdir, const vtHostDesc *host, vtHostDescNetdev *nd)
{
    g_autofree char *dir = vtHostDescNetdevDir(nd);
    char mac[VT_MAC_STRING_BUFLEN];
    size_t i;

    if (vtHostDescMkdir(outdir, dir) < 0 ||
        vtHostDescSymlink(outdir, "class/net", nd->name, dir) < 0 ||
        vtHostDescWrite(outdir, dir, "address", "%s", vtMacAddrFormat(&nd->mac, mac)) < 0 ||
        vtHostDescWrite(outdir, dir, "mtu", "%u", nd->mtu) < 0 ||
        vtHostDescWrite(outdir, dir, "operstate", "%s", nd->operstate) < 0 ||
        vtHostDescWrite(outdir, dir, "ifindex", "%d", nd->ifindex) < 0)
        return -1;

    if (nd->physPortId &&
        vtHostDescWrite(outdir, dir, "phys_port_id", "%s", nd->physPortId) < 0)
        return -1;
    if (nd->physPortName &&
        vtHostDescWrite(outdir, dir, "phys_port_name", "%s", nd->physPortName) < 0)
        return -1;
    if (nd->physSwitchId &&
        vtHostDescWrite(outdir, dir, "phys_switch_id", "%s", nd->physSwitchId) < 0)
        return -1;

    if (nd->pci) {
        g_autofree char *pcidir = vtHostDescPCIDir(nd->pci);

        if (vtHostDescSymlink(outdir, dir, "device", pcidir) < 0)
            return -1;
    }

    if (STREQ(nd->kind, "bridge")) {
        g_autofree char *brif = g_strdup_printf("%s/brif", dir);
        g_autofree char *bridge = g_strdup_printf("%s/bridge", dir);

        if (vtHostDescWrite(outdir, bridge, "stp_state", "0") < 0 ||
            vtHostDescMkdir(outdir, brif) < 0)
            return -1;
        for (i = 0; nd->ports && nd->ports[i]; i++) {
            g_autofree char *portdir = vtHostDescNetdevDirByName(host, nd->ports[i]);
            g_autofree char *brport = g_strdup_printf("%s/brport", portdir);

            if (vtHostDescSymlink(outdir, brif, nd->ports[i], brport) < 0)
                return -1;
        }
    } else if (STREQ(nd->kind, "bond")) {
        g_autofree char *bonding = g_strdup_printf("%s/bonding", dir);
        g_autofree char *slaves = nd->ports ? g_strjoinv(" ", nd->ports) : g_strdup("");

        if (vtHostDescWrite(outdir, bonding, "mode", "%s", nd->mode) < 0 ||
            vtHostDescWrite(outdir, bonding, "slaves", "%s", slaves) < 0)
            return -1;
    } else if (STREQ(nd->kind, "macvtap")) {
        g_autofree char *tap = g_strdup_printf("%s/macvtap/tap%d", dir, nd->ifindex);

        if (vtHostDescMkdir(outdir, tap) < 0)
            return -1;
    }

    if (nd->master) {
        vtHostDescNetdev *master = vtHostDescFindNetdev(host, nd->master);
        g_autofree char *masterdir = vtHostDescNetdevDirByName(host, nd->master);

        if (vtHostDescSymlink(outdir, dir, "master", masterdir) < 0)
            return -1;
        if (master && STREQ(master->kind, "bridge")) {
            g_autofree char *brport = g_strdup_printf("%s/brport", dir);

            if (vtHostDescWrite(outdir, brport, "state", "3") < 0)
                return -1;
        } else {
            g_autofree char *slave = g_strdup_printf("%s/bonding_slave", dir);

            if (vtHostDescWrite(outdir, slave, "state", "active") < 0)
                return -1;
        }
    }

    for (i = 0; i < nd->uppers->len; i++) {
        const char *name = g_ptr_array_index(nd->uppers, i);
        g_autofree char *link = g_strdup_printf("upper_%s", name);
        g_autofree char *target = vtHostDescNetdevDirByName(host, name);

        if (vtHostDescSymlink(outdir, dir, link, target) < 0)
            return -1;
    }
    for (i = 0; i < nd->lowers->len; i++) {
        const char *name = g_ptr_array_index(nd->lowers, i);
        g_autofree char *link = g_strdup_printf("lower_%s", name);
        g_autofree char *target = vtHostDescNetdevDirByName(host, name);

        if (vtHostDescSymlink(outdir, dir, link, target) < 0)
            return -1;
    }
    return 0;
}


static int
vtHostDescWriteTree(const vtHostDesc *host, const char *outdir)
{
    size_t i;

    if (vtHostDescMkdir(outdir, "class/net") < 0 ||
        vtHostDescMkdir(outdir, "bus/pci/devices") < 0 ||
        vtHostDescMkdir(outdir, "bus/pci/drivers") < 0 ||
        vtHostDescMkdir(outdir, "devices/virtual/net") < 0 ||
        vtHostDescTouch(outdir, "bus/pci", "drivers_probe") < 0)
        return -1;

    for (i = 0; i < host->pcis->len; i++) {
        if (vtHostDescWritePCI(outdir, g_ptr_array_index(host->pcis, i)) < 0)
            return -1;
    }
    for (i = 0; i < host->netdevs->len; i++) {
        if (vtHostDescWriteNetdev(outdir, host, g_ptr_array_index(host->netdevs, i)) < 0)
            return -1;
    }
    return 0;
}


void
vtHostDescFree(vtHostDesc *desc)
{
    if (!desc)
        return;
    g_free(desc->source);
    g_ptr_array_unref(desc->netdevs);
    g_ptr_array_unref(desc->pcis);
    g_free(desc);
}


/* Interface indexes: as given, the others in declaration order. */
static void
vtHostDescAssignIfindexes(vtHostDesc *host)
{
    int next = 1;
    size_t i;

    for (i = 0; i < host->netdevs->len; i++) {
        vtHostDescNetdev *nd = g_ptr_array_index(host->netdevs, i);

        if (nd->ifindex >= next)
            next = nd->ifindex + 1;
    }
    for (i = 0; i < host->netdevs->len; i++) {
        vtHostDescNetdev *nd = g_ptr_array_index(host->netdevs, i);

        if (nd->ifindex == 0)
            nd->ifindex = next++;
    }
}


/**
 * vtHostDescParseString:
 * @description: the text of a host description (docs/hosts.rst)
 * @source: its name, which starts every message ("SOURCE:LINE: ...")
 *
 * Parse the description and check it whole: names, addresses, values,
 * ports and links.  Nothing is written.
 *
 * Returns the model, or NULL with an error reported.
 */
vtHostDesc *
vtHostDescParseString(const char *description,
                      const char *source)
{
    g_auto(GStrv) lines = g_strsplit(description, "\n", -1);
    g_autoptr(vtHostDesc) host = g_new0(vtHostDesc, 1);
    size_t i;

    host->source = g_strdup(source);
    host->netdevs = g_ptr_array_new_with_free_func(vtHostDescNetdevFree);
    host->pcis = g_ptr_array_new_with_free_func(vtHostDescPCIFree);

    for (i = 0; lines[i]; i++) {
        char *hash = strchr(lines[i], '#');

        if (hash)
            *hash = '\0';
        if (vtHostDescParseLine(host, lines[i], i + 1) < 0)
            return NULL;
    }
    if (vtHostDescLink(host) < 0)
        return NULL;
    vtHostDescAssignIfindexes(host);

    return g_steal_pointer(&host);
}


/**
 * vtHostDescParseFile:
 * @path: a host description file
 *
 * vtHostDescParseString() of the file's content, named @path in messages.
 *
 * Returns the model, or NULL with an error reported.
 */
vtHostDesc *
vtHostDescParseFile(const char *path)
{
    g_autofree char *text = NULL;
    g_autoptr(GError) err = NULL;

    if (!g_file_get_contents(path, &text, NULL, &err)) {
        vtReportError(VT_ERR_OPERATION_FAILED, "%s", err->message);
        return NULL;
    }
    return vtHostDescParseString(text, path);
}


/**
 * vtHostDescBuild:
 * @desc: a parsed host description
 * @root: the folder to fill; created if missing, must be empty
 *
 * Write the fake sysfs tree of @desc under @root: the layout of
 * docs/hosts.rst, relative links only, and the write-only files
 * of sysfs as empty regular files.
 *
 * Returns 0, or -1 with an error reported.
 */
int
vtHostDescBuild(const vtHostDesc *desc,
                const char *root)
{
    g_autoptr(GDir) dir = NULL;

    if (g_mkdir_with_parents(root, 0755) < 0) {
        vtReportSystemError(errno, _("Cannot create directory '%1$s'"), root);
        return -1;
    }
    if (!(dir = g_dir_open(root, 0, NULL)) || g_dir_read_name(dir)) {
        vtReportError(VT_ERR_OPERATION_INVALID,
                      _("'%1$s' is not an empty directory"), root);
        return -1;
    }

    return vtHostDescWriteTree(desc, root);
}


/**
 * vtHostDescBuildString:
 * @description: the text of a host description
 * @source: its name, for messages
 * @root: the folder to fill; created if missing, must be empty
 *
 * Parse and build in one step; nothing is written when the description
 * is wrong.
 *
 * Returns 0, or -1 with an error reported.
 */
int
vtHostDescBuildString(const char *description,
                      const char *source,
                      const char *root)
{
    g_autoptr(vtHostDesc) desc = NULL;

    if (!(desc = vtHostDescParseString(description, source)))
        return -1;
    return vtHostDescBuild(desc, root);
}


/**
 * vtHostDescBuildFile:
 * @path: a host description file
 * @root: the folder to fill; created if missing, must be empty
 *
 * Parse and build in one step; nothing is written when the description
 * is wrong.
 *
 * Returns 0, or -1 with an error reported.
 */
int
vtHostDescBuildFile(const char *path,
                    const char *root)
{
    g_autoptr(vtHostDesc) desc = NULL;

    if (!(desc = vtHostDescParseFile(path)))
        return -1;
    return vtHostDescBuild(desc, root);
}
