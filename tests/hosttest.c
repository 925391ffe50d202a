/*
 * hosttest.c: the host as read from sysfs, and the host fixtures
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 *
 * Each host description is built into a fake sysfs tree, loaded, and
 * what was read is compared with a golden file in tests/data/host/
 * (VIR_TEST_REGENERATE_OUTPUT=1 rewrites them).  The other cases check
 * libvirt's VF naming rules, the refusal of links that leave the
 * root, the refusal of names that cannot be interface names, the
 * messages, and the real /sys.
 */

#include <config.h>

#include <fcntl.h>
#include <linux/audit.h>
#include <linux/filter.h>
#include <linux/seccomp.h>
#include <signal.h>
#include <stddef.h>
#include <stdlib.h>
#include <sys/inotify.h>
#include <sys/prctl.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

#include "testutils.h"
#include "libvirt-teaming/libvirt-teaming.h"
#include "hostdesc.h"
#include "host.h"
#include "vterror.h"
#include "vtsysfs.h"


/* A built fake tree, removed when the case ends. */
typedef struct {
    char *dir;      /* canonical path of the tree */
} testTree;


static void
testTreeClear(testTree *tree)
{
    if (tree->dir)
        vtTestRemoveTree(tree->dir);
    g_clear_pointer(&tree->dir, g_free);
}
G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC(testTree, testTreeClear);


/* Every tree of this run lives here; removed at the end, also when a check aborts. */
static char *testParentDir;


static void
testRemoveParent(int sig)
{
    if (testParentDir)
        vtTestRemoveTree(testParentDir);
    signal(sig, SIG_DFL);
    raise(sig);
}


static bool
testTreeMake(testTree *tree)
{
    g_autofree char *tmpl = g_build_filename(testParentDir, "tree-XXXXXX", NULL);

    if (!g_mkdtemp(tmpl))
        return false;
    tree->dir = g_steal_pointer(&tmpl);
    return true;
}


/* Build the description @relpath (relative to the source tree) into @tree. */
static bool
testTreeBuild(testTree *tree, const char *relpath)
{
    g_autofree char *desc = g_build_filename(abs_top_srcdir, relpath, NULL);

    if (!testTreeMake(tree))
        return false;
    if (vtHostDescBuildFile(desc, tree->dir) < 0) {
        g_printerr("%s: %s\n", desc, vtGetLastErrorMessage());
        return false;
    }
    return true;
}


static char *
testTreePath(testTree *tree, const char *rel)
{
    return g_build_filename(tree->dir, rel, NULL);
}


/* Replace the link @rel of the tree with one to @target. */
static void
testTreeRelink(testTree *tree, const char *rel, const char *target)
{
    g_autofree char *path = testTreePath(tree, rel);

    g_assert_cmpint(unlink(path), ==, 0);
    g_assert_cmpint(symlink(target, path), ==, 0);
}


/* The last error, with the tree's path replaced by @ROOT@. */
static char *
testLastError(testTree *tree)
{
    const char *msg = vtGetLastErrorMessage();
    g_auto(GStrv) parts = NULL;

    if (!msg)
        return g_strdup("(no error)");
    if (!tree || !tree->dir)
        return g_strdup(msg);
    parts = g_strsplit(msg, tree->dir, -1);
    return g_strjoinv("@ROOT@", parts);
}


/*
 * What was read, plus libvirt's view: the VFs of every PF netdev, the
 * PF of every VF, what every stacked netdev sits on and carries.
 */
static char *
testHostDump(const vtHost *host)
{
    g_autoptr(GString) str = g_string_new(NULL);
    g_autofree char *base = vtHostFormat(host);
    const vtHostNetdev * const *netdevs;
    const vtHostPCIFunction * const *pcis;
    size_t nnetdevs;
    size_t npcis;
    size_t i;
    size_t j;

    g_string_append(str, base);

    netdevs = vtHostGetNetdevs(host, &nnetdevs);
    pcis = vtHostGetPCIFunctions(host, &npcis);

    g_string_append(str, "# virNetDevGetVirtualFunctions\n");
    for (i = 0; i < nnetdevs; i++) {
        vtHostVF *vfs = NULL;
        size_t nvfs = 0;

        if (vtHostGetVirtualFunctions(host, netdevs[i]->name, &vfs, &nvfs) < 0) {
            g_string_append_printf(str, "vfs %s error %s\n", netdevs[i]->name,
                                   vtGetLastErrorMessage());
            continue;
        }
        if (nvfs == 0)
            continue;
        g_string_append_printf(str, "vfs %s\n", netdevs[i]->name);
        for (j = 0; j < nvfs; j++) {
            g_autofree char *bdf = vtPCIDeviceAddressAsString(&vfs[j].addr);

            g_string_append_printf(str, "  %zu %s %s\n", j, bdf,
                                   vfs[j].ifname ? vfs[j].ifname : "-");
        }
        vtHostVFListFree(vfs, nvfs);
    }

    g_string_append(str, "# virPCIGetVirtualFunctionInfo\n");
    for (i = 0; i < npcis; i++) {
        g_autofree char *bdf = NULL;
        g_autofree char *pfname = NULL;
        int vfindex;

        if (!pcis[i]->isVF)
            continue;
        bdf = vtPCIDeviceAddressAsString(&pcis[i]->addr);
        if (vtHostGetPhysicalFunction(host, &pcis[i]->addr, &pfname, &vfindex) < 0)
            g_string_append_printf(str, "physfn %s error %s\n", bdf, vtGetLastErrorMessage());
        else
            g_string_append_printf(str, "physfn %s %s %d\n", bdf, pfname, vfindex);
    }

    g_string_append(str, "# stacking\n");
    for (i = 0; i < nnetdevs; i++) {
        g_auto(GStrv) lower = NULL;
        g_auto(GStrv) upper = NULL;
        g_autofree char *l = NULL;
        g_autofree char *u = NULL;

        g_assert_cmpint(vtHostGetLowerDevices(host, netdevs[i]->name, true, &lower), ==, 0);
        g_assert_cmpint(vtHostGetUpperDevices(host, netdevs[i]->name, true, &upper), ==, 0);
        if (!lower[0] && !upper[0])
            continue;
        l = g_strjoinv(",", lower);
        u = g_strjoinv(",", upper);
        g_string_append_printf(str, "stack %s lower=%s upper=%s\n", netdevs[i]->name, l, u);
    }

    return g_string_free(g_steal_pointer(&str), FALSE);
}


typedef struct {
    const char *description;    /* relative to the source tree */
    const char *golden;         /* relative to tests/data/host */
} testGoldenData;


static void
testGolden(gconstpointer opaque)
{
    const testGoldenData *data = opaque;
    g_auto(testTree) tree = { NULL };
    g_autoptr(vtHost) host = NULL;
    g_autofree char *actual = NULL;
    g_autofree char *expected = g_build_filename(abs_srcdir, "data", "host", data->golden, NULL);

    g_assert_true(testTreeBuild(&tree, data->description));
    host = vtHostLoad(tree.dir);
    if (!host)
        g_error("%s", vtGetLastErrorMessage());
    g_assert_cmpstr(vtHostGetRoot(host), ==, tree.dir);
    actual = testHostDump(host);
    g_assert_cmpint(vtTestCompareToFile(actual, expected), ==, 0);
}


static const vtHostVF *
testFindVF(const vtHostVF *vfs, size_t nvfs, const char *bdf)
{
    size_t i;

    for (i = 0; i < nvfs; i++) {
        g_autofree char *s = vtPCIDeviceAddressAsString(&vfs[i].addr);

        if (STREQ(s, bdf))
            return &vfs[i];
    }
    return NULL;
}


static vtHost *
testLoadExample(testTree *tree)
{
    vtHost *host;

    g_assert_true(testTreeBuild(tree, "examples/hosts/example-host.txt"));
    if (!(host = vtHostLoad(tree->dir)))
        g_error("%s", vtGetLastErrorMessage());
    return host;
}


/* The bundled example: two PFs of 8 VFs, vfio-pci VFs have no netdev. */
static void
testExampleVFs(void)
{
    g_auto(testTree) tree = { NULL };
    g_autoptr(vtHost) host = testLoadExample(&tree);
    vtHostVF *vfs = NULL;
    size_t nvfs = 0;
    const vtHostNetdev *nd;
    const vtHostPCIFunction *fn;
    vtPCIDeviceAddress addr;
    g_autofree char *pfname = NULL;
    g_autofree char *msg = NULL;
    int vfindex = -1;
    size_t i;

    g_assert_cmpint(vtHostGetVirtualFunctions(host, "ens1f0", &vfs, &nvfs), ==, 0);
    g_assert_cmpuint(nvfs, ==, 8);
    for (i = 0; i < 4; i++) {
        g_autofree char *name = g_strdup_printf("ens1f0v%zu", i);
        g_autofree char *bdf = g_strdup_printf("0000:3b:10.%zu", i);

        g_assert_cmpstr(vfs[i].ifname, ==, name);
        g_assert_true(testFindVF(vfs, nvfs, bdf) == &vfs[i]);
    }
    for (i = 4; i < 8; i++)
        g_assert_null(vfs[i].ifname);
    vtHostVFListFree(vfs, nvfs);

    g_assert_cmpint(vtHostGetVirtualFunctions(host, "ens1f1", &vfs, &nvfs), ==, 0);
    g_assert_cmpuint(nvfs, ==, 8);
    g_assert_null(vfs[0].ifname);
    g_assert_null(vfs[1].ifname);
    g_assert_cmpstr(vfs[2].ifname, ==, "ens1f1v2");
    g_assert_nonnull(testFindVF(vfs, nvfs, "0000:3b:11.7"));
    vtHostVFListFree(vfs, nvfs);

    /* like libvirt, no VFs (not an error) for a plain NIC, a bridge, an unknown name */
    g_assert_cmpint(vtHostGetVirtualFunctions(host, "eno1", &vfs, &nvfs), ==, 0);
    g_assert_cmpuint(nvfs, ==, 0);
    g_assert_cmpint(vtHostGetVirtualFunctions(host, "br0", &vfs, &nvfs), ==, 0);
    g_assert_cmpuint(nvfs, ==, 0);
    g_assert_cmpint(vtHostGetVirtualFunctions(host, "ens9", &vfs, &nvfs), ==, 0);
    g_assert_cmpuint(nvfs, ==, 0);
    g_assert_null(vfs);

    /* the VF's driver and the PF */
    g_assert_cmpint(vtPCIDeviceAddressParse("0000:3b:11.2", &addr), ==, 0);
    fn = vtHostFindPCI(host, &addr);
    g_assert_nonnull(fn);
    g_assert_true(fn->isVF);
    g_assert_cmpstr(fn->driver, ==, "iavf");
    g_assert_cmpint(fn->vfIndex, ==, 2);
    g_assert_cmpint(vtHostGetPhysicalFunction(host, &addr, &pfname, &vfindex), ==, 0);
    g_assert_cmpstr(pfname, ==, "ens1f1");
    g_assert_cmpint(vfindex, ==, 2);
    g_clear_pointer(&pfname, g_free);

    g_assert_cmpint(vtPCIDeviceAddressParse("0000:3b:10.5", &addr), ==, 0);
    fn = vtHostFindPCI(host, &addr);
    g_assert_nonnull(fn);
    g_assert_cmpstr(fn->driver, ==, "vfio-pci");
    g_assert_false(fn->hasNetDir);
    g_assert_cmpint(vtHostGetPhysicalFunction(host, &addr, &pfname, &vfindex), ==, 0);
    g_assert_cmpstr(pfname, ==, "ens1f0");
    g_assert_cmpint(vfindex, ==, 5);
    g_clear_pointer(&pfname, g_free);

    /* a PF is no VF */
    g_assert_cmpint(vtPCIDeviceAddressParse("0000:3b:00.0", &addr), ==, 0);
    g_assert_cmpint(vtHostIsVirtualFunction(host, &addr), ==, 0);
    g_assert_cmpint(vtHostGetPhysicalFunction(host, &addr, &pfname, &vfindex), ==, -1);
    g_assert_null(pfname);
    msg = testLastError(&tree);
    g_assert_cmpstr(msg, ==,
                    "internal error: PCI device 0000:3b:00.0 is not an SR-IOV virtual function");
    g_clear_pointer(&msg, g_free);

    g_assert_cmpint(vtPCIDeviceAddressParse("0000:99:00.0", &addr), ==, 0);
    g_assert_cmpint(vtHostIsVirtualFunction(host, &addr), ==, -1);
    msg = testLastError(&tree);
    g_assert_cmpstr(msg, ==, "internal error: PCI device 0000:99:00.0 not found on this host");

    /* the bridge and its port, the unrelated NIC */
    nd = vtHostFindNetdev(host, "br0");
    g_assert_nonnull(nd);
    g_assert_true(nd->isBridge);
    g_assert_false(nd->hasPCIAddr);
    g_assert_cmpstr(nd->brifs[0], ==, "ens1f1");
    g_assert_null(nd->brifs[1]);
    nd = vtHostFindNetdev(host, "ens1f1");
    g_assert_nonnull(nd);
    g_assert_cmpstr(nd->master, ==, "br0");
    g_assert_true(nd->isBridgePort);
    g_assert_true(nd->hasMac);
    g_assert_cmpuint(nd->mac.addr[5], ==, 0x01);
    g_assert_cmpuint(nd->mtu, ==, 1500);
    g_assert_cmpstr(nd->operstate, ==, "up");
    g_assert_true(vtHostFindNetdevPCI(host, "ens1f1") ==
                  vtHostFindPCI(host, &nd->pciAddr));
    nd = vtHostFindNetdev(host, "eno1");
    g_assert_nonnull(nd);
    g_assert_null(nd->master);
    fn = vtHostFindNetdevPCI(host, "eno1");
    g_assert_nonnull(fn);
    g_assert_false(fn->isSRIOV);
    g_assert_cmpstr(fn->driver, ==, "e1000e");
    g_assert_null(vtHostFindNetdev(host, "ens1f0v4"));
}


/* libvirt's choice among several netdevs of one PCI function. */
static void
testPhysPort(void)
{
    g_auto(testTree) byName = { NULL };
    g_auto(testTree) byId = { NULL };
    g_autoptr(vtHost) host = NULL;
    vtHostVF *vfs = NULL;
    size_t nvfs = 0;
    vtPCIDeviceAddress addr;
    g_autofree char *pfname = NULL;
    int vfindex;

    g_assert_true(testTreeBuild(&byName, "tests/data/hosts/phys-port-name.txt"));
    host = vtHostLoad(byName.dir);
    g_assert_nonnull(host);
    g_assert_cmpint(vtHostGetVirtualFunctions(host, "ens2f0", &vfs, &nvfs), ==, 0);
    g_assert_cmpuint(nvfs, ==, 4);
    g_assert_cmpstr(vfs[0].ifname, ==, "ens2f0v0");
    g_assert_cmpstr(vfs[1].ifname, ==, "ens2f0v1b");    /* phys_port_name p1 */
    g_assert_cmpstr(vfs[2].ifname, ==, "ens2f0v2x");    /* first without one */
    g_assert_null(vfs[3].ifname);                       /* vfio-pci */
    vtHostVFListFree(vfs, nvfs);

    /* the PF's function also holds a representor, which sorts first */
    addr = (vtPCIDeviceAddress){ 0, 0x3b, 0x10, 1 };
    g_assert_cmpint(vtHostGetPhysicalFunction(host, &addr, &pfname, &vfindex), ==, 0);
    g_assert_cmpstr(pfname, ==, "ens2f0");
    g_assert_cmpint(vfindex, ==, 1);
    g_clear_pointer(&pfname, g_free);
    g_clear_pointer(&host, vtHostFree);

    g_assert_true(testTreeBuild(&byId, "tests/data/hosts/phys-port-id.txt"));
    host = vtHostLoad(byId.dir);
    g_assert_nonnull(host);
    g_assert_cmpint(vtHostGetVirtualFunctions(host, "ens4", &vfs, &nvfs), ==, 0);
    g_assert_cmpuint(nvfs, ==, 2);
    g_assert_cmpstr(vfs[0].ifname, ==, "ens4v0a");
    g_assert_cmpstr(vfs[1].ifname, ==, "ens4v1a");
    vtHostVFListFree(vfs, nvfs);
    g_assert_cmpint(vtHostGetVirtualFunctions(host, "ens4d1", &vfs, &nvfs), ==, 0);
    g_assert_cmpuint(nvfs, ==, 2);
    g_assert_cmpstr(vfs[0].ifname, ==, "ens4v0b");      /* phys_port_id of ens4d1 */
    g_assert_cmpstr(vfs[1].ifname, ==, "ens4v1a");      /* no match: the first */
    vtHostVFListFree(vfs, nvfs);
}


static void
testStacking(void)
{
    g_auto(testTree) tree = { NULL };
    g_autoptr(vtHost) host = NULL;
    g_auto(GStrv) devs = NULL;
    g_autofree char *joined = NULL;
    g_autofree char *msg = NULL;

    g_assert_true(testTreeBuild(&tree, "tests/data/hosts/stacking.txt"));
    host = vtHostLoad(tree.dir);
    g_assert_nonnull(host);

    g_assert_cmpint(vtHostGetLowerDevices(host, "br0", false, &devs), ==, 0);
    joined = g_strjoinv(",", devs);
    g_assert_cmpstr(joined, ==, "bond0");
    g_clear_pointer(&devs, g_strfreev);
    g_clear_pointer(&joined, g_free);

    g_assert_cmpint(vtHostGetLowerDevices(host, "br0", true, &devs), ==, 0);
    joined = g_strjoinv(",", devs);
    g_assert_cmpstr(joined, ==, "bond0,ens3f0,ens3f1");
    g_clear_pointer(&devs, g_strfreev);
    g_clear_pointer(&joined, g_free);

    g_assert_cmpint(vtHostGetLowerDevices(host, "br100", true, &devs), ==, 0);
    joined = g_strjoinv(",", devs);
    g_assert_cmpstr(joined, ==, "bond0.100,bond0,ens3f0,ens3f1");
    g_clear_pointer(&devs, g_strfreev);
    g_clear_pointer(&joined, g_free);

    g_assert_cmpint(vtHostGetUpperDevices(host, "ens3f1", true, &devs), ==, 0);
    joined = g_strjoinv(",", devs);
    g_assert_cmpstr(joined, ==, "bond0,br0,bond0.100,br100");
    g_clear_pointer(&devs, g_strfreev);
    g_clear_pointer(&joined, g_free);

    g_assert_cmpint(vtHostGetUpperDevices(host, "ens3f0v0", false, &devs), ==, 0);
    joined = g_strjoinv(",", devs);
    g_assert_cmpstr(joined, ==, "macvtap0");
    g_clear_pointer(&devs, g_strfreev);

    g_assert_cmpint(vtHostGetUpperDevices(host, "nosuch0", false, &devs), ==, -1);
    g_assert_null(devs);
    msg = testLastError(&tree);
    g_assert_cmpstr(msg, ==, "Unable to find network device 'nosuch0': No such device");
}


/*
 * A case run with each way of resolving paths: openat2(2) where the
 * kernel has it, and the component walk of kernels without it.
 */
typedef struct {
    gconstpointer data;
    bool walk;
} testResolveData;


static void
testResolveEnd(gpointer opaque G_GNUC_UNUSED)
{
    vtSysfsForceComponentWalk(false);
}


/* Force the walk for one case; the end of the case restores openat2(2). */
static void
testResolveBegin(const testResolveData *rd)
{
    vtSysfsForceComponentWalk(rd->walk);
    g_test_queue_destroy(testResolveEnd, NULL);
    if (rd->walk)
        g_assert_false(vtSysfsUsesOpenat2());
}


typedef struct {
    const char *link;       /* relative to the tree */
    const char *target;     /* "@ROOT@" is replaced by the tree */
    const char *message;    /* NULL: the host reads as before */
} testLinkData;


/*
 * Replace one link of the example host and read all of it.  A link
 * that cannot be followed fails the reading, not the opening, of the
 * host: the host is read lazily.
 */
static void
testLink(gconstpointer opaque)
{
    const testResolveData *rd = opaque;
    const testLinkData *data = rd->data;
    g_auto(testTree) tree = { NULL };
    g_autoptr(vtHost) host = NULL;
    g_autofree char *target = NULL;
    g_auto(GStrv) parts = NULL;

    testResolveBegin(rd);
    g_assert_true(testTreeBuild(&tree, "examples/hosts/example-host.txt"));
    parts = g_strsplit(data->target, "@ROOT@", -1);
    target = g_strjoinv(tree.dir, parts);
    testTreeRelink(&tree, data->link, target);

    vtResetLastError();
    host = vtHostLoad(tree.dir);
    if (!host)
        g_error("%s", vtGetLastErrorMessage());
    if (data->message) {
        g_autofree char *text = vtHostFormat(host);
        g_autofree char *msg = testLastError(&tree);

        g_assert_null(text);
        g_assert_cmpstr(msg, ==, data->message);
    } else {
        g_autofree char *actual = NULL;
        g_autofree char *expected = g_build_filename(abs_srcdir, "data", "host",
                                                     "example-host.txt", NULL);

        if (!host)
            g_error("%s", vtGetLastErrorMessage());
        actual = testHostDump(host);
        g_assert_cmpint(vtTestCompareToFile(actual, expected), ==, 0);
    }
}


/* Overwrite a file of the example host and load it. */
typedef struct {
    const char *file;
    const char *content;
    const char *message;
} testFileData;


static void
testBadFile(gconstpointer opaque)
{
    const testResolveData *rd = opaque;
    const testFileData *data = rd->data;
    g_auto(testTree) tree = { NULL };
    g_autoptr(vtHost) host = NULL;
    g_autofree char *path = NULL;
    g_autofree char *msg = NULL;
    g_autofree char *text = NULL;

    testResolveBegin(rd);
    g_assert_true(testTreeBuild(&tree, "examples/hosts/example-host.txt"));
    path = testTreePath(&tree, data->file);
    g_assert_true(g_file_set_contents(path, data->content, -1, NULL));

    host = vtHostLoad(tree.dir);
    g_assert_nonnull(host);
    text = vtHostFormat(host);
    g_assert_null(text);
    msg = testLastError(&tree);
    g_assert_cmpstr(msg, ==, data->message);
}


/* A VF whose "net/" folder is empty: libvirt's message, at lookup time. */
static void
testEmptyNetDir(void)
{
    g_auto(testTree) tree = { NULL };
    g_autoptr(vtHost) host = NULL;
    g_autofree char *netdev = NULL;
    g_autofree char *classlink = NULL;
    g_autofree char *msg = NULL;
    vtHostVF *vfs = NULL;
    size_t nvfs = 0;

    g_assert_true(testTreeBuild(&tree, "examples/hosts/example-host.txt"));
    netdev = testTreePath(&tree, "devices/pci0000:00/0000:3b:10.0/net/ens1f0v0");
    classlink = testTreePath(&tree, "class/net/ens1f0v0");
    g_assert_cmpint(vtTestRemoveTree(netdev), ==, 0);
    g_assert_cmpint(unlink(classlink), ==, 0);

    host = vtHostLoad(tree.dir);
    g_assert_nonnull(host);
    g_assert_cmpint(vtHostGetVirtualFunctions(host, "ens1f0", &vfs, &nvfs), ==, -1);
    g_assert_null(vfs);
    msg = testLastError(&tree);
    g_assert_cmpstr(msg, ==,
                    "internal error: Could not find any network device under PCI device at @ROOT@/bus/pci/devices/0000:3b:10.0");
}


/* Files beside the netdev links (bonding_masters) and stray names are skipped. */
static void
testStrayEntries(void)
{
    g_auto(testTree) tree = { NULL };
    g_autoptr(vtHost) host = NULL;
    g_autofree char *file = NULL;
    g_autofree char *link = NULL;
    g_auto(GStrv) warnings = NULL;
    size_t n;

    g_assert_true(testTreeBuild(&tree, "examples/hosts/example-host.txt"));
    file = testTreePath(&tree, "class/net/bonding_masters");
    g_assert_true(g_file_set_contents(file, "\n", -1, NULL));
    link = testTreePath(&tree, "bus/pci/devices/not-a-bdf");
    g_assert_cmpint(symlink("../../../devices/virtual", link), ==, 0);

    g_strfreev(vtTakeWarnings());
    host = vtHostLoad(tree.dir);
    g_assert_nonnull(host);
    g_assert_null(vtHostFindNetdev(host, "bonding_masters"));
    vtHostGetNetdevs(host, &n);
    g_assert_cmpuint(n, ==, 14);
    vtHostGetPCIFunctions(host, &n);
    g_assert_cmpuint(n, ==, 19);
    warnings = vtTakeWarnings();
    g_assert_nonnull(warnings);
    g_assert_cmpstr(warnings[0], ==,
                    "Ignoring PCI device with invalid address 'not-a-bdf' in sysfs");
    g_assert_null(warnings[1]);
}


typedef struct {
    const char *name;
    const char *rule;
} testNameData;

/* Names a lookup refuses, each with the rule it breaks.  From the root's
 * class/net, "../../../x" is the folder beside the tree: the decoy. */
static const testNameData badNames[] = {
    { "../../../x", "it contains '/'" },
    { "../../../../../x", "it is longer than 15 bytes" },     /* 16 bytes */
    { "abcdefghijklmnop", "it is longer than 15 bytes" },
    { "", "it is empty" },
    { ".", "it is '.' or '..'" },
    { "..", "it is '.' or '..'" },
    { "ens1f0:0", "it contains ':'" },
    { "ens1f0 ", "it contains whitespace" },
};


static void
testAssertNameError(const char *name, const char *rule)
{
    const GError *err = vtGetLastError();
    g_autofree char *expected = NULL;

    expected = g_strdup_printf("unsupported configuration: '%s' cannot be a network interface name: %s",
                               name, rule);
    g_assert_nonnull(err);
    g_assert_error(err, VT_ERROR, VT_ERR_CONFIG_UNSUPPORTED);
    g_assert_cmpstr(err->message, ==, expected);
    vtResetLastError();
}


/* Watch @path for being opened or read; returns the watch's fd. */
static int
testWatch(const char *path)
{
    g_autofree char *real = realpath(path, NULL);
    int fd = inotify_init1(IN_NONBLOCK | IN_CLOEXEC);

    g_assert_nonnull(real);
    g_assert_cmpint(fd, >=, 0);
    g_assert_cmpint(inotify_add_watch(fd, real, IN_OPEN | IN_ACCESS), >=, 0);
    return fd;
}


/* Returns true when the watch saw something, and forgets it. */
static bool
testWatchFired(int fd)
{
    char buf[4096] __attribute__((aligned(__alignof__(struct inotify_event))));
    bool fired = false;

    while (read(fd, buf, sizeof(buf)) > 0)
        fired = true;
    g_assert_cmpint(errno, ==, EAGAIN);
    return fired;
}


/*
 * Every lookup by netdev name refuses a name that cannot be an interface
 * name, with the rule it breaks, before anything else: nothing outside
 * the root is read, even where such a name would lead to a PF.
 */
static void
testInvalidNames(void)
{
    g_auto(testTree) tree = { NULL };
    g_auto(testTree) decoy = { NULL };
    g_autoptr(vtHost) host = testLoadExample(&tree);
    g_autoptr(vtHost) decoyHost = NULL;
    g_autofree char *decoyLink = NULL;
    g_autofree char *decoyNetdev = NULL;
    g_autofree char *decoyPCI = NULL;
    g_autofree char *escaped = NULL;
    vtPCIDeviceAddress vf;
    vtHostVF *vfs = NULL;
    size_t nvfs = 0;
    int watchNetdev;
    int watchPCI;
    size_t i;

    /* the decoy: a PF with VFs outside the root, where the root's
     * class/net/../../../x leads */
    g_assert_true(testTreeMake(&decoy));
    g_assert_cmpint(vtHostDescBuildString("pf ens9 pci=0000:9f:00.0 totalvfs=2 numvfs=2 vfpci=0000:9f:10.0\n",
                                       "decoy.txt", decoy.dir), ==, 0);
    decoyNetdev = testTreePath(&decoy, "class/net/ens9");
    decoyPCI = testTreePath(&decoy, "bus/pci/devices/0000:9f:00.0");
    decoyLink = g_build_filename(testParentDir, "x", NULL);
    g_assert_cmpint(symlink(decoyNetdev, decoyLink), ==, 0);
    escaped = g_build_filename(tree.dir, "class/net", badNames[0].name, "device/sriov_totalvfs", NULL);
    g_assert_true(g_file_test(escaped, G_FILE_TEST_IS_REGULAR));
    decoyHost = vtHostLoad(decoy.dir);
    g_assert_nonnull(decoyHost);
    g_assert_cmpint(vtHostGetVirtualFunctions(decoyHost, "ens9", &vfs, &nvfs), ==, 0);
    g_assert_cmpuint(nvfs, ==, 2);
    vtHostVFListFree(vfs, nvfs);

    watchNetdev = testWatch(decoyNetdev);
    watchPCI = testWatch(decoyPCI);
    g_assert_cmpint(vtPCIDeviceAddressParse("0000:3b:02.0", &vf), ==, 0);

    vtResetLastError();
    for (i = 0; i < G_N_ELEMENTS(badNames); i++) {
        const char *name = badNames[i].name;
        const char *rule = badNames[i].rule;
        g_auto(GStrv) devs = NULL;
        g_autofree char *ifname = NULL;

        g_assert_null(vtHostFindNetdev(host, name));
        testAssertNameError(name, rule);
        g_assert_null(vtHostFindNetdevPCI(host, name));
        testAssertNameError(name, rule);

        vfs = NULL;
        nvfs = 1;
        g_assert_cmpint(vtHostGetVirtualFunctions(host, name, &vfs, &nvfs), ==, -1);
        g_assert_null(vfs);
        g_assert_cmpuint(nvfs, ==, 0);
        testAssertNameError(name, rule);

        g_assert_cmpint(vtHostGetVFNetdev(host, &vf, name, &ifname), ==, -1);
        g_assert_null(ifname);
        testAssertNameError(name, rule);

        g_assert_cmpint(vtHostGetLowerDevices(host, name, true, &devs), ==, -1);
        g_assert_null(devs);
        testAssertNameError(name, rule);
        g_assert_cmpint(vtHostGetUpperDevices(host, name, false, &devs), ==, -1);
        g_assert_null(devs);
        testAssertNameError(name, rule);
    }

    /* nothing of the decoy was opened or read ... */
    g_assert_false(testWatchFired(watchNetdev));
    g_assert_false(testWatchFired(watchPCI));
    /* ... which the watches would have seen */
    g_assert_true(g_file_test(escaped, G_FILE_TEST_IS_REGULAR));
    {
        g_autofree char *content = NULL;

        g_assert_true(g_file_get_contents(escaped, &content, NULL, NULL));
    }
    g_assert_true(testWatchFired(watchPCI));
    close(watchNetdev);
    close(watchPCI);

    /* a name that can be one but is not on the host: NULL, no error */
    g_assert_null(vtHostFindNetdev(host, "ens9"));
    g_assert_null(vtHostFindNetdev(host, NULL));
    g_assert_null(vtGetLastError());
    g_assert_cmpint(vtHostGetVirtualFunctions(host, "ens9", &vfs, &nvfs), ==, 0);
    g_assert_cmpuint(nvfs, ==, 0);
    g_assert_null(vtGetLastError());
    /* and the longest name is one */
    g_assert_null(vtHostFindNetdev(host, "abcdefghijklmno"));
    g_assert_null(vtGetLastError());

    g_assert_cmpint(unlink(decoyLink), ==, 0);
}


/* Two PFs of 64 VFs each: the host of the laziness cases. */
#define TEST_LAZY_HOST \
    "pf ensa pci=0000:3b:00.0 totalvfs=64 numvfs=64 driver=i40e vfdriver=iavf vfpci=0000:3c:00.0\n" \
    "pf ensb pci=0000:3b:00.1 totalvfs=64 numvfs=64 driver=i40e vfdriver=iavf vfpci=0000:3d:00.0\n" \
    "macvtap mva0 link=ensa\n"


/*
 * A lookup reads only what it needs.  Every device of PF B is made
 * unreadable (links out of the root, a bad value) before the host is
 * opened: lookups on PF A, its VFs and what sits on it still answer
 * as on an intact host, and never open a file of B's; B's lookups fail
 * with the reason, and reading the whole host fails on B.  A host read
 * whole, the old way, fails on B at once.
 */
static void
testLazy(gconstpointer opaque)
{
    const testResolveData *rd = opaque;
    g_auto(testTree) tree = { NULL };
    g_autoptr(vtHost) host = NULL;
    g_autofree char *pfb = NULL;
    g_autofree char *msg = NULL;
    g_autofree char *pfname = NULL;
    g_autofree char *text = NULL;
    g_auto(GStrv) devs = NULL;
    const vtHostNetdev *nd;
    const vtHostPCIFunction *fn;
    vtPCIDeviceAddress addr;
    vtHostVF *vfs = NULL;
    size_t nvfs = 0;
    int vfindex = -1;
    int watch;
    size_t i;

    testResolveBegin(rd);
    g_assert_true(testTreeMake(&tree));
    g_assert_cmpint(vtHostDescBuildString(TEST_LAZY_HOST, "lazy.txt", tree.dir), ==, 0);

    testTreeRelink(&tree, "class/net/ensb", "../../../../../../etc");
    testTreeRelink(&tree, "devices/pci0000:00/0000:3b:00.1/virtfn0", "../../../../..");
    for (i = 0; i < 64; i++) {
        g_autofree char *physfn = g_strdup_printf("devices/pci0000:00/0000:3d:%02zx.%zu/physfn",
                                                  i / 8, i % 8);
        g_autofree char *mtu = g_strdup_printf("class/net/ensbv%zu/mtu", i);
        g_autofree char *mtuPath = testTreePath(&tree, mtu);

        testTreeRelink(&tree, physfn, "../../../../..");
        g_assert_true(g_file_set_contents(mtuPath, "bad\n", -1, NULL));
    }
    pfb = testTreePath(&tree, "devices/pci0000:00/0000:3b:00.1");
    watch = testWatch(pfb);

    vtResetLastError();
    host = vtHostLoad(tree.dir);
    if (!host)
        g_error("%s", vtGetLastErrorMessage());

    /* PF A's pool, as pool.c asks for it */
    g_assert_cmpint(vtHostGetVirtualFunctions(host, "ensa", &vfs, &nvfs), ==, 0);
    g_assert_cmpuint(nvfs, ==, 64);
    for (i = 0; i < nvfs; i++) {
        g_autofree char *name = g_strdup_printf("ensav%zu", i);
        vtPCIDeviceAddress want = { 0, 0x3c, i / 8, i % 8 };

        g_assert_cmpstr(vfs[i].ifname, ==, name);
        g_assert_true(vtPCIDeviceAddressEqual(&vfs[i].addr, &want));
    }
    vtHostVFListFree(vfs, nvfs);

    /* a VF of A, its PF, its netdev, what sits on A */
    addr = (vtPCIDeviceAddress){ 0, 0x3c, 0x05, 3 };
    g_assert_cmpint(vtHostIsVirtualFunction(host, &addr), ==, 1);
    g_assert_cmpint(vtHostGetPhysicalFunction(host, &addr, &pfname, &vfindex), ==, 0);
    g_assert_cmpstr(pfname, ==, "ensa");
    g_assert_cmpint(vfindex, ==, 43);
    g_assert_nonnull((fn = vtHostFindNetdevPCI(host, "ensav43")));
    g_assert_true(vtPCIDeviceAddressEqual(&fn->addr, &addr));
    g_assert_cmpstr(fn->driver, ==, "iavf");
    g_assert_nonnull((nd = vtHostFindNetdev(host, "ensav43")));
    g_assert_cmpuint(nd->mtu, ==, 1500);
    g_assert_cmpint(vtHostGetUpperDevices(host, "ensa", true, &devs), ==, 0);
    g_assert_cmpstr(devs[0], ==, "mva0");
    g_assert_null(devs[1]);
    g_clear_pointer(&devs, g_strfreev);
    g_assert_cmpint(vtHostGetLowerDevices(host, "mva0", true, &devs), ==, 0);
    g_assert_cmpstr(devs[0], ==, "ensa");
    g_assert_null(devs[1]);
    g_clear_pointer(&devs, g_strfreev);
    g_assert_null(vtGetLastError());

    /* nothing of PF B was opened */
    g_assert_false(testWatchFired(watch));

    /* what was read is kept, and so is what is not there: */
    g_assert_null(vtHostFindNetdev(host, "ens9"));
    {
        g_autofree char *ens9 = testTreePath(&tree, "class/net/ens9");
        g_autofree char *pfa = testTreePath(&tree, "devices/pci0000:00/0000:3b:00.0");

        g_assert_cmpint(g_mkdir(ens9, 0755), ==, 0);
        g_assert_null(vtHostFindNetdev(host, "ens9"));
        /* PF A's tree gone, its lookups answer as before */
        g_assert_cmpint(vtTestRemoveTree(pfa), ==, 0);
    }
    g_assert_nonnull((fn = vtHostFindNetdevPCI(host, "ensa")));
    g_assert_cmpuint(fn->nvfs, ==, 64);
    g_assert_true(vtHostFindPCI(host, &addr) == vtHostFindNetdevPCI(host, "ensav43"));
    g_assert_null(vtGetLastError());

    /* B's lookups fail, each with the reason */
    g_assert_null(vtHostFindNetdev(host, "ensb"));
    msg = testLastError(&tree);
    g_assert_cmpstr(msg, ==,
                    "operation forbidden: Symbolic link '@ROOT@/class/net/ensb' points outside the sysfs root '@ROOT@'");
    g_clear_pointer(&msg, g_free);
    g_assert_cmpint(vtHostGetVirtualFunctions(host, "ensb", &vfs, &nvfs), ==, -1);
    g_assert_null(vfs);
    addr = (vtPCIDeviceAddress){ 0, 0x3d, 0x00, 1 };
    g_assert_cmpint(vtHostIsVirtualFunction(host, &addr), ==, -1);
    msg = testLastError(&tree);
    g_assert_cmpstr(msg, ==,
                    "operation forbidden: Symbolic link '@ROOT@/devices/pci0000:00/0000:3d:00.1/physfn' points outside the sysfs root '@ROOT@'");
    g_clear_pointer(&msg, g_free);
    g_assert_null(vtHostFindNetdev(host, "ensbv1"));
    msg = testLastError(&tree);
    g_assert_cmpstr(msg, ==, "internal error: Unrecognized value in @ROOT@/class/net/ensbv1/mtu: bad");
    g_clear_pointer(&msg, g_free);

    /* reading the whole host fails on B, as the whole-host load did */
    g_clear_pointer(&host, vtHostFree);
    host = vtHostLoad(tree.dir);
    g_assert_nonnull(host);
    text = vtHostFormat(host);
    g_assert_null(text);
    msg = testLastError(&tree);
    g_assert_cmpstr(msg, ==,
                    "operation forbidden: Symbolic link '@ROOT@/class/net/ensb' points outside the sysfs root '@ROOT@'");
    close(watch);
}


#if defined(__x86_64__)
# define TEST_AUDIT_ARCH AUDIT_ARCH_X86_64
#elif defined(__aarch64__)
# define TEST_AUDIT_ARCH AUDIT_ARCH_AARCH64
#endif

#if defined(TEST_AUDIT_ARCH) && defined(SYS_openat2)
/* The child of testNoOpenat2, after its filter: 0 when the host reads as
 * @expected says with the walk alone. */
static int
testNoOpenat2Child(const char *dir,
                   const char *expected)
{
    g_autoptr(vtHost) host = NULL;
    g_autofree char *actual = NULL;

    /* openat2 may already be known to be missing (under valgrind, which
     * does not know the call): the host must read the same */
    if (!(host = vtHostLoad(dir)))
        return 4;
    if (!(actual = testHostDump(host)))
        return 4;
    if (vtSysfsUsesOpenat2())
        return 5;
    return vtTestCompareToFile(actual, expected) == 0 ? 0 : 6;
}
#endif


/*
 * A kernel without openat2(2): in a child whose openat2 fails with
 * ENOSYS (a seccomp filter), the first path turns the fast path off and
 * the host reads as the golden file says, links and all.
 */
static void
testNoOpenat2(void)
{
#if defined(TEST_AUDIT_ARCH) && defined(SYS_openat2)
    g_auto(testTree) tree = { NULL };
    g_autofree char *expected = g_build_filename(abs_srcdir, "data", "host",
                                                 "example-host.txt", NULL);
    bool had = vtSysfsUsesOpenat2();
    int status = -1;
    pid_t pid;

    g_assert_true(testTreeBuild(&tree, "examples/hosts/example-host.txt"));
    /* an absolute link, re-rooted by the walk */
    testTreeRelink(&tree, "class/net/br0", "/sys/devices/virtual/net/br0");

    if ((pid = fork()) == 0) {
        struct sock_filter filter[] = {
            BPF_STMT(BPF_LD | BPF_W | BPF_ABS, offsetof(struct seccomp_data, arch)),
            BPF_JUMP(BPF_JMP | BPF_JEQ | BPF_K, TEST_AUDIT_ARCH, 1, 0),
            BPF_STMT(BPF_RET | BPF_K, SECCOMP_RET_ALLOW),
            BPF_STMT(BPF_LD | BPF_W | BPF_ABS, offsetof(struct seccomp_data, nr)),
            BPF_JUMP(BPF_JMP | BPF_JEQ | BPF_K, SYS_openat2, 0, 1),
            BPF_STMT(BPF_RET | BPF_K, SECCOMP_RET_ERRNO | ENOSYS),
            BPF_STMT(BPF_RET | BPF_K, SECCOMP_RET_ALLOW),
        };
        struct sock_fprog prog = { G_N_ELEMENTS(filter), filter };
        int code;

        /* the parent removes the trees */
        signal(SIGABRT, SIG_DFL);
        signal(SIGSEGV, SIG_DFL);
        if (prctl(PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0) < 0 ||
            prctl(PR_SET_SECCOMP, SECCOMP_MODE_FILTER, &prog) < 0)
            _exit(3);
        code = testNoOpenat2Child(tree.dir, expected);
        /* what the parent's cleanup would free: nothing leaks at _exit */
        g_clear_pointer(&expected, g_free);
        g_clear_pointer(&tree.dir, g_free);
        _exit(code);
    }
    g_assert_cmpint(pid, >, 0);
    g_assert_cmpint(waitpid(pid, &status, 0), ==, pid);
    g_assert_true(WIFEXITED(status));
    g_assert_cmpint(WEXITSTATUS(status), ==, 0);
    /* the parent's way is its own */
    g_assert_true(vtSysfsUsesOpenat2() == had);
    if (!had)
        g_test_message("openat2(2) was unavailable before the filter: "
                       "the child read the host with the component walk only");
#else
    g_test_skip("no seccomp filter for this architecture");
#endif
}


/* The generic helpers of vtsysfs. */
static void
testSysfsHelpers(gconstpointer opaque)
{
    const testResolveData *rd = opaque;
    g_auto(testTree) tree = { NULL };
    g_autoptr(vtSysfs) sysfs = NULL;
    g_autofree char *big = g_strnfill(VT_SYSFS_MAX_FILE_SIZE + 1, 'x');
    g_autofree char *path = NULL;
    g_autofree char *str = NULL;
    g_autofree char *msg = NULL;
    g_auto(GStrv) names = NULL;
    unsigned int u;
    int i;

    testResolveBegin(rd);
    g_assert_true(testTreeMake(&tree));
    path = testTreePath(&tree, "a/b");
    g_assert_cmpint(g_mkdir_with_parents(path, 0755), ==, 0);
    g_clear_pointer(&path, g_free);
#define WRITE(rel, text) \
    do { \
        g_autofree char *p = testTreePath(&tree, rel); \
        g_assert_true(g_file_set_contents(p, text, -1, NULL)); \
    } while (0)
    WRITE("a/b/num", "42\n");
    WRITE("a/b/neg", "-3\n");
    WRITE("a/b/hex", "0x1f\n");
    WRITE("a/b/text", "up\n");
    WRITE("a/b/two", "one\ntwo\n");
    WRITE("a/b/bad", "4 2\n");
    WRITE("a/b/big", big);
#undef WRITE
    path = testTreePath(&tree, "a/link");
    g_assert_cmpint(symlink("b/../b/num", path), ==, 0);
    g_clear_pointer(&path, g_free);

    sysfs = vtSysfsOpen(tree.dir);
    g_assert_nonnull(sysfs);
    g_assert_cmpstr(vtSysfsGetRoot(sysfs), ==, tree.dir);

    g_assert_cmpint(vtSysfsReadUInt(sysfs, "a/b/num", &u), ==, 1);
    g_assert_cmpuint(u, ==, 42);
    g_assert_cmpint(vtSysfsReadUInt(sysfs, "a/link", &u), ==, 1);
    g_assert_cmpuint(u, ==, 42);
    g_assert_cmpint(vtSysfsReadInt(sysfs, "a/b/neg", &i), ==, 1);
    g_assert_cmpint(i, ==, -3);
    g_assert_cmpint(vtSysfsReadHex(sysfs, "a/b/hex", &u), ==, 1);
    g_assert_cmpuint(u, ==, 0x1f);
    g_assert_cmpint(vtSysfsReadUInt(sysfs, "a/b/neg", &u), ==, -1);
    msg = testLastError(&tree);
    g_assert_cmpstr(msg, ==, "internal error: Unrecognized value in @ROOT@/a/b/neg: -3");
    g_clear_pointer(&msg, g_free);
    g_assert_cmpint(vtSysfsReadUInt(sysfs, "a/b/bad", &u), ==, -1);
    g_assert_cmpint(vtSysfsReadUInt(sysfs, "a/b/missing", &u), ==, 0);

    g_assert_cmpint(vtSysfsReadFile(sysfs, "a/b/text", 0, &str), ==, 1);
    g_assert_cmpstr(str, ==, "up");
    g_clear_pointer(&str, g_free);
    g_assert_cmpint(vtSysfsReadFile(sysfs, "a/b/two", 0, &str), ==, 1);
    g_assert_cmpstr(str, ==, "one\ntwo");
    g_clear_pointer(&str, g_free);
    g_assert_cmpint(vtSysfsReadFile(sysfs, "a/b/big", 0, &str), ==, -1);
    g_assert_null(str);
    msg = testLastError(&tree);
    g_assert_cmpstr(msg, ==, "internal error: File '@ROOT@/a/b/big' is larger than 4096 bytes");
    g_clear_pointer(&msg, g_free);
    g_assert_cmpint(vtSysfsReadFile(sysfs, "a/b", 0, &str), ==, -1);
    g_assert_cmpint(vtSysfsReadFile(sysfs, "a/b/num/x", 0, &str), ==, 0);

    g_assert_cmpint(vtSysfsExists(sysfs, "a/link"), ==, 1);
    g_assert_cmpint(vtSysfsExists(sysfs, "a/nope"), ==, 0);
    g_assert_cmpint(vtSysfsIsDir(sysfs, "a/b"), ==, 1);
    g_assert_cmpint(vtSysfsIsDir(sysfs, "a/link"), ==, 0);
    g_assert_cmpint(vtSysfsIsLink(sysfs, "a/link"), ==, 1);
    g_assert_cmpint(vtSysfsIsLink(sysfs, "a/b/num"), ==, 0);

    g_assert_cmpint(vtSysfsLinkBasename(sysfs, "a/link", &str), ==, 1);
    g_assert_cmpstr(str, ==, "num");
    g_clear_pointer(&str, g_free);
    g_assert_cmpint(vtSysfsResolve(sysfs, "a/link", &str), ==, 1);
    g_assert_cmpstr(str, ==, "a/b/num");
    g_clear_pointer(&str, g_free);
    g_assert_cmpint(vtSysfsResolve(sysfs, "a/..", &str), ==, 1);
    g_assert_cmpstr(str, ==, "");
    g_clear_pointer(&str, g_free);
    g_assert_cmpint(vtSysfsResolve(sysfs, "..", &str), ==, -1);
    g_assert_cmpint(vtSysfsResolve(sysfs, "/etc", &str), ==, -1);
    msg = testLastError(&tree);
    g_assert_cmpstr(msg, ==,
                    "operation forbidden: Path '/etc' points outside the sysfs root '@ROOT@'");
    g_clear_pointer(&msg, g_free);

    g_assert_cmpint(vtSysfsListDir(sysfs, "a/b", &names), ==, 1);
    str = g_strjoinv(",", names);
    g_assert_cmpstr(str, ==, "bad,big,hex,neg,num,text,two");
    g_clear_pointer(&str, g_free);
    g_clear_pointer(&names, g_strfreev);
    g_assert_cmpint(vtSysfsListDir(sysfs, "a/none", &names), ==, 0);
    g_assert_null(names);

    g_assert_true(vtSysfsIfnameIsValid("eth0"));
    g_assert_true(vtSysfsIfnameIsValid("bond0.100"));
    g_assert_true(vtSysfsIfnameIsValid("abcdefghijklmno"));
    g_assert_false(vtSysfsIfnameIsValid("abcdefghijklmnop"));
    g_assert_false(vtSysfsIfnameIsValid(""));
    g_assert_false(vtSysfsIfnameIsValid("."));
    g_assert_false(vtSysfsIfnameIsValid(".."));
    g_assert_false(vtSysfsIfnameIsValid("a/b"));
    g_assert_false(vtSysfsIfnameIsValid("a b"));
    g_assert_false(vtSysfsIfnameIsValid("a:b"));
    g_assert_false(vtSysfsIfnameIsValid(NULL));

    g_clear_pointer(&sysfs, vtSysfsFree);
    path = testTreePath(&tree, "nonexistent");
    g_assert_null(vtSysfsOpen(path));
    g_clear_pointer(&msg, g_free);
    msg = testLastError(&tree);
    g_assert_cmpstr(msg, ==,
                    "Cannot access sysfs root '@ROOT@/nonexistent': No such file or directory");
}


typedef struct {
    const char *description;
    const char *message;
} testDescData;


/* Mistakes in a host description are reported with the line. */
static void
testBadDescription(gconstpointer opaque)
{
    const testDescData *data = opaque;
    g_auto(testTree) tree = { NULL };

    g_assert_true(testTreeMake(&tree));
    g_assert_cmpint(vtHostDescBuildString(data->description, "test.txt", tree.dir), ==, -1);
    g_assert_cmpstr(vtGetLastErrorMessage(), ==, data->message);
}


/* The standalone builder gives the same tree as the library. */
static void
testTool(void)
{
    g_auto(testTree) tree = { NULL };
    g_autoptr(vtHost) host = NULL;
    g_autofree char *tool = g_build_filename(abs_top_builddir, "tools",
                                             "virt-teaming-fakehost", NULL);
    g_autofree char *desc = g_build_filename(abs_top_srcdir, "examples", "hosts",
                                             "example-host.txt", NULL);
    g_autofree char *outdir = NULL;
    g_autofree char *out = NULL;
    g_autofree char *err = NULL;
    g_autofree char *actual = NULL;
    g_autofree char *expected = g_build_filename(abs_srcdir, "data", "host",
                                                 "example-host.txt", NULL);
    int status = -1;

    if (!g_file_test(tool, G_FILE_TEST_IS_EXECUTABLE)) {
        g_test_skip("tools/virt-teaming-fakehost is not built");
        return;
    }
    g_assert_true(testTreeMake(&tree));
    outdir = testTreePath(&tree, "sys");
    {
        const char *argv[] = { tool, desc, outdir, NULL };

        g_assert_cmpint(vtTestRunCommand(argv, NULL, &out, &err, &status), ==, 0);
    }
    g_assert_cmpstr(NULLSTR_EMPTY(err), ==, "");
    g_assert_cmpint(status, ==, 0);

    host = vtHostLoad(outdir);
    g_assert_nonnull(host);
    actual = testHostDump(host);
    g_assert_cmpint(vtTestCompareToFile(actual, expected), ==, 0);

    /* a second run refuses to write into a full folder */
    g_clear_pointer(&err, g_free);
    g_clear_pointer(&out, g_free);
    {
        const char *argv[] = { tool, desc, outdir, NULL };

        g_assert_cmpint(vtTestRunCommand(argv, NULL, &out, &err, &status), ==, 0);
    }
    g_assert_cmpint(status, ==, 2);
    g_assert_nonnull(err);
    g_assert_true(g_str_has_prefix(err, "error: Requested operation is not valid: "));
    g_assert_nonnull(strstr(err, "is not an empty directory"));
}


/* The builder through the public API: the same tree, the same messages. */
static void
testPublicAPI(void)
{
    g_auto(testTree) tree = { NULL };
    g_autoptr(vtHost) host = NULL;
    g_autoptr(GError) error = NULL;
    g_autofree char *desc = g_build_filename(abs_top_srcdir, "examples", "hosts",
                                             "example-host.txt", NULL);
    g_autofree char *expected = g_build_filename(abs_srcdir, "data", "host",
                                                 "example-host.txt", NULL);
    g_autofree char *outdir = NULL;
    g_autofree char *bad = NULL;
    g_autofree char *actual = NULL;

    g_assert_true(testTreeMake(&tree));
    outdir = testTreePath(&tree, "sys");
    g_assert_cmpint(virTeamingHostBuild(desc, outdir, &error), ==, 0);
    g_assert_no_error(error);
    host = vtHostLoad(outdir);
    g_assert_nonnull(host);
    actual = testHostDump(host);
    g_assert_cmpint(vtTestCompareToFile(actual, expected), ==, 0);

    /* a wrong description names its line and writes nothing */
    bad = testTreePath(&tree, "bad");
    g_assert_cmpint(virTeamingHostBuildString("virtual eth0\nfoo eth1\n", bad, &error), ==, -1);
    g_assert_error(error, VIR_TEAMING_ERROR, VIR_TEAMING_ERR_INVALID_ARG);
    g_assert_cmpstr(error->message, ==,
                    "invalid argument: description:2: unknown keyword 'foo'");
    g_assert_false(g_file_test(bad, G_FILE_TEST_EXISTS));
    g_clear_error(&error);

    /* a full folder is refused */
    g_assert_cmpint(virTeamingHostBuild(desc, outdir, &error), ==, -1);
    g_assert_error(error, VIR_TEAMING_ERROR, VIR_TEAMING_ERR_OPERATION_INVALID);
    g_clear_error(&error);

    g_assert_cmpint(virTeamingHostBuild(desc, NULL, &error), ==, -1);
    g_assert_error(error, VIR_TEAMING_ERROR, VIR_TEAMING_ERR_INVALID_ARG);
    g_clear_error(&error);
    g_assert_cmpint(virTeamingHostBuildString(NULL, bad, &error), ==, -1);
    g_assert_error(error, VIR_TEAMING_ERROR, VIR_TEAMING_ERR_INVALID_ARG);
    g_clear_error(&error);

    /* an unreadable file */
    g_assert_cmpint(virTeamingHostBuild(bad, outdir, &error), ==, -1);
    g_assert_nonnull(error);
    g_assert_false(g_file_test(bad, G_FILE_TEST_EXISTS));
}


/* The same code reads the real /sys. */
static void
testRealSys(void)
{
    g_autoptr(vtHost) host = NULL;
    const vtHostNetdev *lo;

    if (!g_file_test("/sys/class/net/lo", G_FILE_TEST_EXISTS)) {
        g_test_skip("/sys is not mounted (no /sys/class/net/lo)");
        return;
    }
    host = vtHostLoad(NULL);
    if (!host)
        g_error("%s", vtGetLastErrorMessage());
    g_assert_cmpstr(vtHostGetRoot(host), ==, "/sys");
    lo = vtHostFindNetdev(host, "lo");
    g_assert_nonnull(lo);
    g_assert_false(lo->hasPCIAddr);
    g_assert_cmpint(lo->ifindex, >, 0);
    g_assert_cmpuint(lo->mtu, >, 0);
    g_assert_nonnull(lo->operstate);
}


int
main(int argc, char **argv)
{
    static const testGoldenData golden[] = {
        { "examples/hosts/example-host.txt", "example-host.txt" },
        { "tests/data/hosts/no-sriov.txt", "no-sriov.txt" },
        { "tests/data/hosts/phys-port-name.txt", "phys-port-name.txt" },
        { "tests/data/hosts/phys-port-id.txt", "phys-port-id.txt" },
        { "tests/data/hosts/stacking.txt", "stacking.txt" },
    };
    static const testLinkData links[] = {
        /* relative links that leave the root */
        { "class/net/br0", "../../../../../../../../../etc",
          "operation forbidden: Symbolic link '@ROOT@/class/net/br0' points outside the sysfs root '@ROOT@'" },
        { "devices/pci0000:00/0000:3b:00.0/virtfn0", "../../../..",
          "operation forbidden: Symbolic link '@ROOT@/devices/pci0000:00/0000:3b:00.0/virtfn0' points outside the sysfs root '@ROOT@'" },
        { "devices/pci0000:00/0000:3b:00.0/driver", "../../../../bus/pci/drivers/i40e",
          "operation forbidden: Symbolic link '@ROOT@/devices/pci0000:00/0000:3b:00.0/driver' points outside the sysfs root '@ROOT@'" },
        /* an absolute link climbing above "/" of the re-rooted tree */
        { "class/net/eno1", "/../../etc",
          "operation forbidden: Symbolic link '@ROOT@/class/net/eno1' points outside the sysfs root '@ROOT@'" },
        /* a loop */
        { "class/net/br0", "br0",
          "Cannot resolve '@ROOT@/class/net/br0': Too many levels of symbolic links" },
        /* a virtfn link to something that is no PCI function */
        { "devices/pci0000:00/0000:3b:00.0/virtfn0", "../../virtual",
          "internal error: Failed to get SRIOV function from device link '@ROOT@/bus/pci/devices/0000:3b:00.0/virtfn0'" },
        /* absolute links, re-rooted: they read as the relative ones */
        { "class/net/br0", "/sys/devices/virtual/net/br0", NULL },
        { "class/net/eno1", "/devices/pci0000:00/0000:00:19.0/net/eno1", NULL },
        { "class/net/ens1f0", "@ROOT@/devices/pci0000:00/0000:3b:00.0/net/ens1f0", NULL },
        { "bus/pci/devices/0000:3b:00.1", "/sys/bus/../devices/pci0000:00/0000:3b:00.1", NULL },
        /* relative links written differently */
        { "class/net/ens1f1", "../../devices/virtual/../pci0000:00/./0000:3b:00.1/net/ens1f1", NULL },
    };
    static const testFileData files[] = {
        { "devices/pci0000:00/0000:3b:00.0/sriov_totalvfs", "eight\n",
          "internal error: Unrecognized value in @ROOT@/bus/pci/devices/0000:3b:00.0/sriov_totalvfs: eight" },
        { "devices/virtual/net/br0/mtu", "1500x\n",
          "internal error: Unrecognized value in @ROOT@/class/net/br0/mtu: 1500x" },
    };
    static const testDescData descs[] = {
        { "foo eth0\n", "invalid argument: test.txt:1: unknown keyword 'foo'" },
        { "nic eth0\n", "invalid argument: test.txt:1: 'nic' needs pci=DDDD:BB:SS.F" },
        { "nic eth0 pci=0000:00:19.9\n",
          "invalid argument: test.txt:1: invalid PCI address '0000:00:19.9' (expected DDDD:BB:SS.F)" },
        { "# two\n\nvirtual eth0\nvirtual eth0\n",
          "invalid argument: test.txt:4: interface 'eth0' is declared twice" },
        { "virtual this-name-is-too-long\n",
          "invalid argument: test.txt:1: invalid interface name 'this-name-is-too-long'" },
        { "virtual ../../x\n", "invalid argument: test.txt:1: invalid interface name '../../x'" },
        { "virtual eth0 colour=red\n",
          "invalid argument: test.txt:1: unknown attribute 'colour' for 'virtual'" },
        { "virtual eth0 mac=52:54:00:zz:00:01\n",
          "invalid argument: test.txt:1: invalid MAC address '52:54:00:zz:00:01'" },
        { "pf ens1 pci=0000:3b:00.0 totalvfs=2\nvf ens1 2 driver=vfio-pci\n",
          "invalid argument: test.txt:2: 'ens1' has no VF '2'" },
        { "nic eth0 pci=0000:00:19.0 driver=../x\n",
          "invalid argument: test.txt:1: invalid driver name '../x'" },
        { "pf ens1 pci=0000:3b:00.0\nnic eth0 pci=0000:3b:10.1\n",
          "invalid argument: test.txt:2: PCI address 0000:3b:10.1 is used twice" },
        { "virtual eth0\nbridge br0 ports=eth0\nmacvtap mv0 link=eth0\n",
          "invalid argument: test.txt:3: 'eth0' is a port of 'br0' and cannot also carry macvtap 'mv0'" },
        { "virtual eth0\nbridge br0 ports=eth0\nbond bond0 ports=eth0\n",
          "invalid argument: test.txt:3: 'eth0' is already a port of 'br0'" },
        { "bridge br0 ports=eth9\n",
          "invalid argument: test.txt:1: unknown port 'eth9' of 'br0'" },
        { "vlan v0 link=eth0\n", "invalid argument: test.txt:1: 'vlan' needs id=0..4095" },
        { "netdev eth1 pci=0000:00:19.0\n",
          "invalid argument: test.txt:1: no PCI function 0000:00:19.0 bound to a driver above" },
        { "pf ens1 pci=0000:3b:00.0 driver=none\n",
          "invalid argument: test.txt:1: a PF with a netdev needs a driver" },
        { "pf ens1 pci=0000:3b:00.0 numvfs=9\n",
          "invalid argument: test.txt:1: invalid value '9' of 'numvfs'" },
        { "pf ens1 pci=0000:3b:00.0\nvf ens1 0 driver=none netdev=x0\n",
          "invalid argument: test.txt:2: a VF with a netdev needs a driver" },
        { "virtual a b\n", "invalid argument: test.txt:1: wrong number of arguments to 'virtual'" },
    };
    static testResolveData resolveLinks[G_N_ELEMENTS(links) * 2];
    static testResolveData resolveFiles[G_N_ELEMENTS(files) * 2];
    static const testResolveData resolveOpenat2 = { NULL, false };
    static const testResolveData resolveWalk = { NULL, true };
    size_t i;

    g_autofree char *tmp = NULL;
    char *canon;
    int ret;

    g_test_init(&argc, &argv, NULL);

    /* canonical, so that the paths in messages are the ones expected */
    if (!(tmp = vtTestMakeTempDir("hosttest-XXXXXX")))
        return EXIT_FAILURE;
    if (!(canon = realpath(tmp, NULL))) {
        vtTestRemoveTree(tmp);
        return EXIT_FAILURE;
    }
    testParentDir = g_strdup(canon);
    free(canon);
    signal(SIGABRT, testRemoveParent);
    signal(SIGSEGV, testRemoveParent);

    for (i = 0; i < G_N_ELEMENTS(golden); i++) {
        g_autofree char *name = g_strdup_printf("/host/golden/%s", golden[i].golden);

        g_test_add_data_func(name, &golden[i], testGolden);
    }
    g_test_add_func("/host/example-vfs", testExampleVFs);
    g_test_add_func("/host/phys-port", testPhysPort);
    g_test_add_func("/host/stacking", testStacking);
    for (i = 0; i < G_N_ELEMENTS(links) * 2; i++) {
        const char *how = i % 2 ? "walk" : "openat2";
        g_autofree char *name = g_strdup_printf("/host/link/%s/%zu", how, i / 2);

        resolveLinks[i] = (testResolveData){ &links[i / 2], i % 2 };
        g_test_add_data_func(name, &resolveLinks[i], testLink);
    }
    for (i = 0; i < G_N_ELEMENTS(files) * 2; i++) {
        const char *how = i % 2 ? "walk" : "openat2";
        g_autofree char *name = g_strdup_printf("/host/bad-file/%s/%zu", how, i / 2);

        resolveFiles[i] = (testResolveData){ &files[i / 2], i % 2 };
        g_test_add_data_func(name, &resolveFiles[i], testBadFile);
    }
    g_test_add_func("/host/empty-net-dir", testEmptyNetDir);
    g_test_add_func("/host/stray-entries", testStrayEntries);
    g_test_add_func("/host/invalid-names", testInvalidNames);
    g_test_add_data_func("/host/lazy/openat2", &resolveOpenat2, testLazy);
    g_test_add_data_func("/host/lazy/walk", &resolveWalk, testLazy);
    g_test_add_func("/host/no-openat2", testNoOpenat2);
    g_test_add_data_func("/sysfs/helpers/openat2", &resolveOpenat2, testSysfsHelpers);
    g_test_add_data_func("/sysfs/helpers/walk", &resolveWalk, testSysfsHelpers);
    for (i = 0; i < G_N_ELEMENTS(descs); i++) {
        g_autofree char *name = g_strdup_printf("/fixture/bad-description/%zu", i);

        g_test_add_data_func(name, &descs[i], testBadDescription);
    }
    g_test_add_func("/fixture/tool", testTool);
    g_test_add_func("/fixture/public-api", testPublicAPI);
    g_test_add_func("/host/real-sys", testRealSys);

    ret = g_test_run();
    vtTestRemoveTree(testParentDir);
    g_clear_pointer(&testParentDir, g_free);
    return ret;
}
