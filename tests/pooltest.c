/*
 * pooltest.c: a network's device pool made from its PF, with libvirt's
 *             networkCreateInterfacePool() semantics
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 *
 * Every tests/data/alloc/pool/NAME.xml network is given a pool on the
 * fake host tests/data/alloc/host-sriov.txt; NAME.out holds the network
 * in status form (or the error) and the warnings.  More cases check the
 * no-op rules, a PF the host lacks and names that cannot be interface
 * names directly.
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


/* A network in forward mode @mode (NULL: no <forward>) whose pool is
 * @pool, the elements inside <forward>. */
static vtNetworkDef *
testPoolNetwork(const char *mode, const char *pool)
{
    g_autofree char *xml = NULL;
    vtNetworkDef *def;

    xml = g_strdup_printf("<network><name>pool</name>"
                          "<uuid>7e1f0000-0000-4000-8000-0000000000aa</uuid>"
                          "<forward mode='%s'>%s</forward></network>",
                          mode, pool);
    if (!(def = vtNetworkDefParseString(xml, 0)))
        g_error("%s: %s", xml, vtGetLastErrorMessage());
    return def;
}


typedef struct {
    const char *mode;
    const char *pf;
    int code;               /* of the error */
    bool missing;           /* vtNetworkPoolErrorIsMissingPF() */
} testMissingCase;


/* Fails as libvirt's network driver does (measured: libvirt 9.0,
 * net-start), with the code telling a PF the host lacks from a PF
 * without usable VFs, and leaves the pool empty. */
static void
testPoolMissingPFOn(const vtHost *host, const testMissingCase *tc)
{
    g_autofree char *pfxml = g_strdup_printf("<pf dev='%s'/>", tc->pf);
    g_autoptr(vtNetworkDef) def = testPoolNetwork(tc->mode, pfxml);
    g_autofree char *expected = NULL;
    g_auto(GStrv) warnings = NULL;
    const GError *err;

    vtResetLastError();
    g_assert_cmpint(vtNetworkCreateInterfacePool(def, host), ==, -1);
    g_assert_nonnull((err = vtGetLastError()));
    expected = g_strdup_printf("internal error: No usable Vf's present on SRIOV PF %s",
                               tc->pf);
    g_assert_cmpstr(err->message, ==, expected);
    g_assert_error(err, VT_ERROR, tc->code);
    g_assert_cmpint(vtNetworkPoolErrorIsMissingPF(err), ==, tc->missing);
    g_assert_cmpuint(def->forward.nifs, ==, 0);
    g_assert_null(def->forward.ifs);
    vtResetLastError();
    warnings = vtTakeWarnings();
}


static const testMissingCase missingCases[] = {
    { "hostdev", "ens4f0", VT_ERR_NO_DEVICE, true },
    { "bridge", "ens4f0", VT_ERR_NO_DEVICE, true },
    { "private", "ens4f0", VT_ERR_NO_DEVICE, true },
    { "passthrough", "ens4f0", VT_ERR_NO_DEVICE, true },
    /* present, but no usable VF: libvirt's internal error */
    { "hostdev", "nosriov0", VT_ERR_INTERNAL_ERROR, false },
    { "bridge", "nosriov0", VT_ERR_INTERNAL_ERROR, false },
    { "bridge", "alldown0", VT_ERR_INTERNAL_ERROR, false },
    { "hostdev", "br0", VT_ERR_INTERNAL_ERROR, false },
};


static void
testPoolMissingPF(void)
{
    size_t i;

    for (i = 0; i < G_N_ELEMENTS(missingCases); i++)
        testPoolMissingPFOn(testHost, &missingCases[i]);

    g_assert_false(vtNetworkPoolErrorIsMissingPF(NULL));
}


/* A host with no PF at all: only its loopback device. */
static void
testPoolMissingPFEmptyHost(void)
{
    g_autofree char *sysfs = g_build_filename(testTmp, "empty-sys", NULL);
    g_autoptr(vtHost) host = NULL;
    g_autofree char *hostdesc = NULL;

    if (vtHostDescBuildString("virtual lo\n", "empty-host", sysfs) < 0)
        g_error("%s", vtGetLastErrorMessage());
    if (!(host = vtHostLoad(sysfs)))
        g_error("%s: %s", sysfs, vtGetLastErrorMessage());
    hostdesc = vtHostFormat(host);
    g_assert_null(strstr(hostdesc, "pci "));

    testPoolMissingPFOn(host, &missingCases[0]);
    testPoolMissingPFOn(host, &missingCases[1]);
}


typedef struct {
    const char *mode;
    const char *pool;
    const char *message;
} testNameCase;

#define TEST_NAME_PREFIX "unsupported configuration: "

static const testNameCase nameCases[] = {
    { "hostdev", "<pf dev='../../../../../sys'/>",
      TEST_NAME_PREFIX "'../../../../../sys' cannot be a network interface name: it is longer than 15 bytes" },
    { "hostdev", "<pf dev='../../etc'/>",
      TEST_NAME_PREFIX "'../../etc' cannot be a network interface name: it contains '/'" },
    { "bridge", "<pf dev='..'/>",
      TEST_NAME_PREFIX "'..' cannot be a network interface name: it is '.' or '..'" },
    { "hostdev", "<pf dev='abcdefghijklmnop'/>",
      TEST_NAME_PREFIX "'abcdefghijklmnop' cannot be a network interface name: it is longer than 15 bytes" },
    { "vepa", "<pf dev='eth0:1'/>",
      TEST_NAME_PREFIX "'eth0:1' cannot be a network interface name: it contains ':'" },
    { "private", "<interface dev='eth1'/><interface dev='eth 2'/>",
      TEST_NAME_PREFIX "'eth 2' cannot be a network interface name: it contains whitespace" },
    { "passthrough", "<interface dev='../eth1'/>",
      TEST_NAME_PREFIX "'../eth1' cannot be a network interface name: it contains '/'" },
};


/* A pool never looks a name up that cannot be an interface name: it
 * fails with the rule the name breaks, with or without a host. */
static void
testPoolInvalidName(gconstpointer opaque)
{
    const testNameCase *tc = opaque;
    g_autoptr(vtNetworkDef) def = testPoolNetwork(tc->mode, tc->pool);
    size_t nifs = def->forward.nifs;
    const GError *err;

    vtResetLastError();
    g_assert_cmpint(vtNetworkCreateInterfacePool(def, testHost), ==, -1);
    g_assert_nonnull((err = vtGetLastError()));
    g_assert_error(err, VT_ERROR, VT_ERR_CONFIG_UNSUPPORTED);
    g_assert_cmpstr(err->message, ==, tc->message);
    g_assert_false(vtNetworkPoolErrorIsMissingPF(err));
    g_assert_cmpuint(def->forward.nifs, ==, nifs);

    vtResetLastError();
    g_assert_cmpint(vtNetworkCreateInterfacePool(def, NULL), ==, -1);
    g_assert_cmpstr(vtGetLastErrorMessage(), ==, tc->message);
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
    g_test_add_func("/pool/missing-pf", testPoolMissingPF);
    g_test_add_func("/pool/missing-pf-empty-host", testPoolMissingPFEmptyHost);
    for (i = 0; i < G_N_ELEMENTS(nameCases); i++) {
        g_autofree char *path = g_strdup_printf("/pool/invalid-name/%zu", i);

        g_test_add_data_func(path, &nameCases[i], testPoolInvalidName);
    }

    ret = g_test_run();

    vtHostFree(testHost);
    vtTestRemoveTree(testTmp);
    g_free(testTmp);
    return ret;
}
