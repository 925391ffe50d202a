/*
 * networkxml2xmltest.c: <network> parse/validate/format golden tests
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 *
 * Like libvirt's networkxml2xmltest: every tests/data/network/NAME.xml
 * is parsed and formatted in the inactive form and must equal
 * NAME.out.xml; when NAME.status.xml exists, the definition is also
 * given connection counts (and, for a <pf>, an expanded VF pool, as the
 * network driver does at start) and formatted in the status form.
 * NAME-invalid.xml must fail with exactly the message in
 * NAME-invalid.err (networkdifftest checks these messages against
 * libvirt's own).  Set VIR_TEST_REGENERATE_OUTPUT=1 to rewrite the
 * expected files (then review them).
 */

#include <config.h>

#include "testutils.h"
#include "network_conf.h"
#include "vterror.h"

#define VT_TEST_MIN_CASES 40


/* Give @def the counts a running network would have: 2 connections per
 * pool entry in use; a <pf> pool is expanded into three VFs first. */
static void
testFakeLiveState(vtNetworkDef *def)
{
    vtNetworkForwardDef *fwd = &def->forward;
    size_t i;

    if (fwd->npfs > 0 && fwd->nifs == 0) {
        fwd->ifs = g_new0(vtNetworkForwardIfDef, 3);
        for (i = 0; i < 3; i++) {
            if (fwd->type == VT_NETWORK_FORWARD_HOSTDEV) {
                fwd->ifs[i].type = VT_NETWORK_FORWARD_HOSTDEV_DEVICE_PCI;
                fwd->ifs[i].device.pci.bus = 0x3b;
                fwd->ifs[i].device.pci.slot = 0x02;
                fwd->ifs[i].device.pci.function = i;
            } else {
                fwd->ifs[i].type = VT_NETWORK_FORWARD_HOSTDEV_DEVICE_NETDEV;
                fwd->ifs[i].device.dev = g_strdup_printf("%sv%zu",
                                                         fwd->pfs[0].dev, i);
            }
        }
        fwd->nifs = 3;
    }

    for (i = 0; i < fwd->nifs; i++) {
        fwd->ifs[i].connections = i == 1 ? 0 : 1;
        def->connections += fwd->ifs[i].connections;
    }
    if (fwd->nifs == 0)
        def->connections = 4;
}


static int
testFormatCompare(const vtNetworkDef *def,
                  unsigned int flags,
                  const char *expectedPath)
{
    g_autofree char *actual = NULL;
    g_autoptr(vtNetworkDef) again = NULL;
    g_autofree char *actual2 = NULL;

    if (!(actual = vtNetworkDefFormat(def, flags))) {
        g_printerr("format failed: %s\n", vtGetLastErrorMessage());
        return -1;
    }
    if (vtTestCompareToFile(actual, expectedPath) < 0)
        return -1;

    /* the output is a fixed point */
    if (!(again = vtNetworkDefParseString(actual, 0))) {
        g_printerr("%s: output does not parse: %s\n", expectedPath,
                   vtGetLastErrorMessage());
        return -1;
    }
    /* libvirt writes <outbound average='0'/> as an empty <bandwidth>,
     * which reads back as no bandwidth: not a fixed point there either */
    if ((flags & VT_NETWORK_XML_INACTIVE) &&
        !g_str_has_suffix(expectedPath, "/bandwidth-zero.out.xml")) {
        if (!(actual2 = vtNetworkDefFormat(again, flags)))
            return -1;
        if (STRNEQ(actual, actual2)) {
            g_printerr("%s: formatting is not idempotent\n", expectedPath);
            return -1;
        }
    }
    return 0;
}


static void
testXML2XML(gconstpointer opaque)
{
    const char *name = opaque;
    g_autofree char *in = g_strdup_printf("network/%s.xml", name);
    g_autofree char *out = g_strdup_printf("network/%s.out.xml", name);
    g_autofree char *status = g_strdup_printf("network/%s.status.xml", name);
    g_autofree char *inPath = vtTestDataPath(in);
    g_autofree char *outPath = vtTestDataPath(out);
    g_autofree char *statusPath = vtTestDataPath(status);
    g_autoptr(vtNetworkDef) def = NULL;

    vtResetLastError();
    if (!(def = vtNetworkDefParseFile(inPath, 0)))
        g_printerr("%s: %s\n", inPath, vtGetLastErrorMessage());
    g_assert_nonnull(def);

    g_assert_cmpint(testFormatCompare(def, VT_NETWORK_XML_INACTIVE, outPath), ==, 0);

    if (g_file_test(statusPath, G_FILE_TEST_EXISTS)) {
        g_autofree char *statusXML = NULL;
        g_autofree char *again = NULL;
        g_autoptr(vtNetworkDef) live = NULL;
        g_autoptr(vtNetworkDef) plain = NULL;

        testFakeLiveState(def);
        g_assert_cmpint(testFormatCompare(def, VT_NETWORK_XML_STATUS, statusPath), ==, 0);

        /* a status document reads back with its counts with the STATUS
         * flag; as in libvirt, a <pf> beside its expanded VFs is
         * dropped (the VFs are the pool) */
        statusXML = vtTestLoadFile(statusPath);
        g_assert_nonnull(statusXML);
        live = vtNetworkDefParseString(statusXML, VT_NETWORK_XML_STATUS);
        g_assert_nonnull(live);
        g_assert_cmpuint(live->connections, ==, def->connections);
        g_assert_cmpuint(live->forward.nifs, ==, def->forward.nifs);
        if (def->forward.npfs > 0) {
            g_assert_cmpuint(live->forward.npfs, ==, 0);
        } else {
            again = vtNetworkDefFormat(live, VT_NETWORK_XML_STATUS);
            g_assert_cmpstr(again, ==, statusXML);
        }

        /* without it, as libvirt: no counts */
        plain = vtNetworkDefParseString(statusXML, 0);
        g_assert_nonnull(plain);
        g_assert_cmpuint(plain->connections, ==, 0);
    }
}


static void
testInvalid(gconstpointer opaque)
{
    const char *name = opaque;
    g_autofree char *in = g_strdup_printf("network/%s-invalid.xml", name);
    g_autofree char *err = g_strdup_printf("network/%s-invalid.err", name);
    g_autofree char *inPath = vtTestDataPath(in);
    g_autofree char *errPath = vtTestDataPath(err);
    g_autoptr(vtNetworkDef) def = NULL;
    g_autofree char *xml = vtTestLoadFile(inPath);

    /* parsed from a string, as virsh net-define does, so that a parser
     * message names "(network_definition)" rather than a local path */
    g_assert_nonnull(xml);
    vtResetLastError();
    def = vtNetworkDefParseString(xml, 0);
    g_assert_null(def);
    vtTestAssertLastError(errPath);
}


/* the model carries what the allocator and the checker need */
static void
testModel(void)
{
    g_autofree char *path = vtTestDataPath("network/nat-subnets.xml");
    g_autoptr(vtNetworkDef) def = vtNetworkDefParseFile(path, 0);
    const vtNetworkIPDef *ip4;
    const vtNetworkIPDef *ip6;

    g_assert_nonnull(def);
    g_assert_cmpint(def->forward.type, ==, VT_NETWORK_FORWARD_NAT);
    g_assert_true(vtNetworkDefForwardUsesIP(def));
    g_assert_false(vtNetworkDefForwardIsMacvtap(def));

    ip4 = vtNetworkDefGetIPByFamily(def, AF_INET);
    g_assert_nonnull(ip4);
    g_assert_cmpstr(ip4->network, ==, "192.168.122.0/24");
    g_assert_cmpstr(ip4->address, ==, "192.168.122.1");
    g_assert_cmpuint(ip4->prefix, ==, 24);

    ip6 = vtNetworkDefGetIPByFamily(def, AF_INET6);
    g_assert_nonnull(ip6);
    g_assert_cmpstr(ip6->network, ==, "2001:db8:ca2:2::/64");

    /* an address with neither prefix nor netmask has its natural one */
    g_assert_cmpuint(def->nips, ==, 3);
    g_assert_cmpstr(def->ips[2].network, ==, "10.0.0.0/8");
}


static void
testModelPool(void)
{
    g_autofree char *hostdev = vtTestDataPath("network/hostdev-pci-pool.xml");
    g_autofree char *pf = vtTestDataPath("network/passthrough-pf.xml");
    g_autofree char *pg = vtTestDataPath("network/portgroups.xml");
    g_autoptr(vtNetworkDef) def = NULL;
    g_autoptr(vtNetworkDef) pfdef = NULL;
    g_autoptr(vtNetworkDef) pgdef = NULL;
    vtPortGroupDef *group;

    def = vtNetworkDefParseFile(hostdev, 0);
    g_assert_nonnull(def);
    g_assert_cmpint(def->forward.type, ==, VT_NETWORK_FORWARD_HOSTDEV);
    g_assert_true(def->forward.managed);
    g_assert_cmpint(def->forward.driverName, ==, VT_DEVICE_HOSTDEV_PCI_DRIVER_NAME_VFIO);
    g_assert_cmpuint(def->forward.nifs, ==, 3);
    g_assert_cmpint(def->forward.ifs[2].type, ==, VT_NETWORK_FORWARD_HOSTDEV_DEVICE_PCI);
    g_assert_cmpuint(def->forward.ifs[2].device.pci.bus, ==, 0x3b);
    g_assert_cmpuint(def->forward.ifs[2].device.pci.slot, ==, 0x10);
    g_assert_cmpuint(def->forward.ifs[2].device.pci.function, ==, 4);
    g_assert_false(vtNetworkDefForwardUsesIP(def));
    g_assert_false(vtNetworkDefForwardIsMacvtap(def));

    pfdef = vtNetworkDefParseFile(pf, 0);
    g_assert_nonnull(pfdef);
    g_assert_cmpuint(pfdef->forward.npfs, ==, 1);
    g_assert_cmpstr(pfdef->forward.pfs[0].dev, ==, "enp59s0f0");
    g_assert_cmpuint(pfdef->forward.nifs, ==, 0);
    g_assert_true(vtNetworkDefForwardIsMacvtap(pfdef));

    pgdef = vtNetworkDefParseFile(pg, 0);
    g_assert_nonnull(pgdef);
    group = vtPortGroupFindByName(pgdef, NULL);
    g_assert_nonnull(group);
    g_assert_cmpstr(group->name, ==, "engineering");
    group = vtPortGroupFindByName(pgdef, "sales");
    g_assert_nonnull(group);
    g_assert_cmpuint(group->vlan.nTags, ==, 1);
    g_assert_cmpuint(group->vlan.tag[0], ==, 20);
    g_assert_null(vtPortGroupFindByName(pgdef, "nosuch"));
}


/* a missing <uuid> is generated, a fresh one each time */
static void
testUUIDGenerated(void)
{
    const char *xml = "<network><name>nouuid</name></network>";
    g_autoptr(vtNetworkDef) a = vtNetworkDefParseString(xml, 0);
    g_autoptr(vtNetworkDef) b = vtNetworkDefParseString(xml, 0);

    g_assert_nonnull(a);
    g_assert_nonnull(b);
    g_assert_false(a->uuid_specified);
    g_assert_true(vtUUIDIsValid(a->uuid));
    g_assert_true(memcmp(a->uuid, b->uuid, VT_UUID_BUFLEN) != 0);
}


static void
testNotNetwork(void)
{
    g_autoptr(vtNetworkDef) def = NULL;

    vtResetLastError();
    def = vtNetworkDefParseString("<domain><name>x</name></domain>", 0);
    g_assert_null(def);
    g_assert_cmpstr(vtGetLastErrorMessage(), ==,
                    "XML error: expecting root element of 'network', not 'domain'");
}


int
main(int argc, char **argv)
{
    g_autofree char *dataDir = vtTestDataPath("network");
    const char *const validExclude[] = { "-invalid.xml", ".out.xml",
                                         ".status.xml", NULL };
    g_autoptr(GPtrArray) valid = NULL;
    g_autoptr(GPtrArray) invalid = NULL;

    g_test_init(&argc, &argv, NULL);

    valid = vtTestListCases(dataDir, ".xml", validExclude);
    invalid = vtTestListCases(dataDir, "-invalid.xml", NULL);
    if (!valid || !invalid) {
        g_printerr("cannot read %s\n", dataDir);
        return EXIT_FAILURE;
    }
    if (valid->len + invalid->len < VT_TEST_MIN_CASES) {
        g_printerr("only %u cases found in %s\n", valid->len + invalid->len, dataDir);
        return EXIT_FAILURE;
    }

    vtTestAddCases(valid, "/network/xml2xml", testXML2XML);
    vtTestAddCases(invalid, "/network/invalid", testInvalid);

    g_test_add_func("/network/model/subnets", testModel);
    g_test_add_func("/network/model/pool", testModelPool);
    g_test_add_func("/network/model/uuid-generated", testUUIDGenerated);
    g_test_add_func("/network/model/not-network", testNotNetwork);

    return g_test_run();
}
