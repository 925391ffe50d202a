/*
 * pooltest.c: a network's device pool made from its PF, with libvirt's
 *             networkCreateInterfacePool() semantics
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 *
 * Every tests/data/alloc/pool/NAME.xml network is given a pool on the
 * fake host tests/data/alloc/host-sriov.txt; NAME.out holds the network
 * in status form (or the error) and the warnings.  More cases check the
 * no-op rules directly.
 */

#include <config.h>

#include "testutils.h"
#include "hostdesc.h"
#include "pool.h"
#include "vterror.h"

static char *testTmp;
static vtHost *testHost;


static char *
testPoolOutput(vtNetworkDef *def)
{
    g_autoptr(GString) out = g_string_new("");
    g_auto(GStrv) warnings = NULL;
    size_t i;

    if (vtNetworkCreateInterfacePool(def, testHost) < 0) {
        g_string_append_printf(out, "error: %s\n", vtGetLastErrorMessage());
        vtResetLastError();
    } else {
        g_autofree char *xml = vtNetworkDefFormat(def, VT_NETWORK_XML_STATUS);

        g_assert_nonnull(xml);
        g_string_append(out, xml);
    }

    warnings = vtTakeWarnings();
    for (i = 0; warnings && warnings[i]; i++)
        g_string_append_printf(out, "warning: %s\n", warnings[i]);

    return g_string_free(g_steal_pointer(&out), false);
}


static void
testPoolFile(gconstpointer data)
{
    const char *name = data;
    g_autofree char *rel = g_strdup_printf("alloc/pool/%s.xml", name);
    g_autofree char *outrel = g_strdup_printf("alloc/pool/%s.out", name);
    g_autofree char *path = vtTestDataPath(rel);
    g_autofree char *expected = vtTestDataPath(outrel);
    g_autoptr(vtNetworkDef) def = NULL;
    g_autofree char *out = NULL;

    if (!(def = vtNetworkDefParseFile(path, 0)))
        g_error("%s: %s", path, vtGetLastErrorMessage());

    out = testPoolOutput(def);
    if (vtTestCompareToFile(out, expected) < 0)
        g_test_fail();
}


/* No <pf>: nothing to do, and the host is never looked at. */
static void
testPoolNoPF(void)
{
    g_autofree char *path = vtTestDataPath("alloc/pool/private-explicit.xml");
    g_autoptr(vtNetworkDef) def = vtNetworkDefParseFile(path, 0);

    g_assert_nonnull(def);
    g_assert_cmpuint(def->forward.nifs, ==, 2);
    g_assert_cmpint(vtNetworkCreateInterfacePool(def, NULL), ==, 0);
    g_assert_cmpuint(def->forward.nifs, ==, 2);
    g_assert_false(vtNetworkPoolNeedsHost(def));
}


/* A pool made once is not made again: a <pf> with entries is a no-op,
 * and the connection counts survive. */
static void
testPoolIdempotent(void)
{
    g_autofree char *path = vtTestDataPath("alloc/pool/hostdev-pf.xml");
    g_autoptr(vtNetworkDef) def = vtNetworkDefParseFile(path, 0);
    vtNetworkForwardIfDef *dev;
    vtPCIDeviceAddress addr = { 0, 3, 0x10, 3 };

    g_assert_nonnull(def);
    g_assert_true(vtNetworkPoolNeedsHost(def));
    g_assert_cmpint(vtNetworkCreateInterfacePool(def, testHost), ==, 0);
    g_assert_cmpuint(def->forward.nifs, ==, 4);
    def->forward.ifs[1].connections = 1;

    g_assert_false(vtNetworkPoolNeedsHost(def));
    g_assert_cmpint(vtNetworkCreateInterfacePool(def, NULL), ==, 0);
    g_assert_cmpuint(def->forward.nifs, ==, 4);
    g_assert_cmpuint(def->forward.ifs[1].connections, ==, 1);

    /* the vfio-bound VF is in a hostdev pool */
    g_assert_nonnull((dev = vtNetworkPoolFindPCI(def, &addr)));
    g_assert_cmpint(dev->type, ==, VT_NETWORK_FORWARD_HOSTDEV_DEVICE_PCI);
    g_assert_null(vtNetworkPoolFindNetdev(def, "vf0a"));

    vtNetworkPoolResetConnections(def);
    g_assert_cmpuint(def->forward.ifs[1].connections, ==, 0);
}


/* A macvtap pool names netdevs, found by name only. */
static void
testPoolFindNetdev(void)
{
    g_autofree char *path = vtTestDataPath("alloc/pool/bridge-pf.xml");
    g_autoptr(vtNetworkDef) def = vtNetworkDefParseFile(path, 0);
    g_auto(GStrv) warnings = NULL;
    vtPCIDeviceAddress addr = { 0, 3, 0x10, 0 };

    g_assert_nonnull(def);
    g_assert_cmpint(vtNetworkCreateInterfacePool(def, testHost), ==, 0);
    warnings = vtTakeWarnings();
    g_assert_nonnull(warnings);
    g_assert_cmpuint(g_strv_length(warnings), ==, 1);
    g_assert_cmpuint(def->forward.nifs, ==, 3);
    g_assert_nonnull(vtNetworkPoolFindNetdev(def, "vf2a"));
    g_assert_null(vtNetworkPoolFindNetdev(def, "uplink0"));
    g_assert_null(vtNetworkPoolFindNetdev(def, NULL));
    g_assert_null(vtNetworkPoolFindPCI(def, &addr));
}


/* Without a host a <pf> pool cannot be made. */
static void
testPoolNoHost(void)
{
    g_autofree char *path = vtTestDataPath("alloc/pool/hostdev-pf.xml");
    g_autoptr(vtNetworkDef) def = vtNetworkDefParseFile(path, 0);

    g_assert_nonnull(def);
    g_assert_cmpint(vtNetworkCreateInterfacePool(def, NULL), ==, -1);
    g_assert_cmpstr(vtGetLastErrorMessage(), ==,
                    "internal error: Could not get Virtual functions on uplink0");
    g_assert_cmpuint(def->forward.nifs, ==, 0);
    g_assert_null(def->forward.ifs);
    vtResetLastError();
}


int
main(int argc, char **argv)
{
    g_autofree char *hostfile = NULL;
    g_autofree char *dir = NULL;
    g_autofree char *sysfs = NULL;
    g_autoptr(GDir) d = NULL;
    g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func(g_free);
    const char *ent;
    size_t i;
    int ret;

    g_test_init(&argc, &argv, NULL);

    testTmp = vtTestMakeTempDir("vt-pooltest-XXXXXX");
    g_assert_nonnull(testTmp);
    sysfs = g_build_filename(testTmp, "sys", NULL);
    hostfile = vtTestDataPath("alloc/host-sriov.txt");
    if (vtHostDescBuildFile(hostfile, sysfs) < 0)
        g_error("%s: %s", hostfile, vtGetLastErrorMessage());
    if (!(testHost = vtHostLoad(sysfs)))
        g_error("%s: %s", sysfs, vtGetLastErrorMessage());

    dir = vtTestDataPath("alloc/pool");
    d = g_dir_open(dir, 0, NULL);
    g_assert_nonnull(d);
    while ((ent = g_dir_read_name(d))) {
        if (g_str_has_suffix(ent, ".xml"))
            g_ptr_array_add(names, g_strndup(ent, strlen(ent) - 4));
    }
    g_ptr_array_sort(names, vtTestCompareNames);

    for (i = 0; i < names->len; i++) {
        const char *n = g_ptr_array_index(names, i);
        g_autofree char *path = g_strdup_printf("/pool/file/%s", n);

        g_test_add_data_func(path, n, testPoolFile);
    }
    g_test_add_func("/pool/no-pf", testPoolNoPF);
    g_test_add_func("/pool/idempotent", testPoolIdempotent);
    g_test_add_func("/pool/find-netdev", testPoolFindNetdev);
    g_test_add_func("/pool/no-host", testPoolNoHost);

    ret = g_test_run();

    vtHostFree(testHost);
    vtTestRemoveTree(testTmp);
    g_free(testTmp);
    return ret;
}
