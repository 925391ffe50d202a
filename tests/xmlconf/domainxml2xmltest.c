/*
 * domainxml2xmltest.c: <domain>, <interface> and <hostdev> golden tests
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 *
 * In tests/data/domain:
 *  - NAME.xml is parsed as inactive config and formatted; the result
 *    must be NAME.out.xml and a fixed point of parse + format;
 *  - NAME.status.xml is parsed and formatted as status XML (with
 *    <actual>) and must give NAME.status.out.xml;
 *  - NAME-invalid.xml (inactive) and NAME.status-invalid.xml (status)
 *    must fail with the full message in the .err file beside them.
 * VIR_TEST_REGENERATE_OUTPUT=1 rewrites the expected files.
 */

#include <config.h>

#include "testutils.h"
#include "domain_conf.h"
#include "vterror.h"

#define VT_TEST_MIN_CASES 30

typedef enum {
    TEST_CASE_INACTIVE,
    TEST_CASE_STATUS,
    TEST_CASE_INVALID,
    TEST_CASE_STATUS_INVALID,
} testCaseKind;

typedef struct {
    char *name;
    testCaseKind kind;
} testCase;


static void
testCaseFree(gpointer data)
{
    testCase *tc = data;

    g_free(tc->name);
    g_free(tc);
}


static int
testCompareCases(gconstpointer a, gconstpointer b)
{
    const testCase *ca = *(const testCase * const *)a;
    const testCase *cb = *(const testCase * const *)b;

    return strcmp(ca->name, cb->name);
}


static GPtrArray *
testListCases(const char *dir)
{
    g_autoptr(GDir) gdir = g_dir_open(dir, 0, NULL);
    GPtrArray *cases;
    const char *entry;

    if (!gdir)
        return NULL;

    cases = g_ptr_array_new_with_free_func(testCaseFree);
    while ((entry = g_dir_read_name(gdir))) {
        testCase *tc;
        const char *suffix;
        testCaseKind kind;

        if (g_str_has_suffix(entry, ".out.xml") ||
            !g_str_has_suffix(entry, ".xml"))
            continue;

        if (g_str_has_suffix(entry, ".status-invalid.xml")) {
            suffix = ".status-invalid.xml";
            kind = TEST_CASE_STATUS_INVALID;
        } else if (g_str_has_suffix(entry, "-invalid.xml")) {
            suffix = "-invalid.xml";
            kind = TEST_CASE_INVALID;
        } else if (g_str_has_suffix(entry, ".status.xml")) {
            suffix = ".status.xml";
            kind = TEST_CASE_STATUS;
        } else {
            suffix = ".xml";
            kind = TEST_CASE_INACTIVE;
        }

        tc = g_new0(testCase, 1);
        tc->name = g_strndup(entry, strlen(entry) - strlen(suffix));
        tc->kind = kind;
        g_ptr_array_add(cases, tc);
    }
    g_ptr_array_sort(cases, testCompareCases);
    return cases;
}


static void
testXML2XML(gconstpointer opaque)
{
    const testCase *tc = opaque;
    bool status = tc->kind == TEST_CASE_STATUS;
    unsigned int parseFlags = status ? VT_DOMAIN_DEF_PARSE_STATUS :
        VT_DOMAIN_DEF_PARSE_INACTIVE;
    unsigned int formatFlags = status ? VT_DOMAIN_DEF_FORMAT_STATUS :
        VT_DOMAIN_DEF_FORMAT_INACTIVE;
    g_autofree char *in = g_strdup_printf("domain/%s%s.xml", tc->name,
                                          status ? ".status" : "");
    g_autofree char *out = g_strdup_printf("domain/%s%s.out.xml", tc->name,
                                           status ? ".status" : "");
    g_autofree char *inPath = vtTestDataPath(in);
    g_autofree char *outPath = vtTestDataPath(out);
    g_autoptr(vtDomainDef) def = NULL;
    g_autoptr(vtDomainDef) again = NULL;
    g_autofree char *actual = NULL;
    g_autofree char *actual2 = NULL;

    vtResetLastError();
    if (!(def = vtDomainDefParseFile(inPath, parseFlags)))
        g_error("%s: %s", inPath, vtGetLastErrorMessage());
    actual = vtDomainDefFormat(def, formatFlags);
    g_assert_nonnull(actual);
    g_assert_cmpint(vtTestCompareToFile(actual, outPath), ==, 0);

    /* the output is canonical: parsing and formatting it again gives it back */
    again = vtDomainDefParseString(actual, parseFlags);
    if (!again)
        g_error("%s: output does not parse: %s", inPath, vtGetLastErrorMessage());
    actual2 = vtDomainDefFormat(again, formatFlags);
    g_assert_cmpstr(actual, ==, actual2);
}


static void
testInvalid(gconstpointer opaque)
{
    const testCase *tc = opaque;
    bool status = tc->kind == TEST_CASE_STATUS_INVALID;
    const char *suffix = status ? ".status-invalid" : "-invalid";
    g_autofree char *in = g_strdup_printf("domain/%s%s.xml", tc->name, suffix);
    g_autofree char *err = g_strdup_printf("domain/%s%s.err", tc->name, suffix);
    g_autofree char *inPath = vtTestDataPath(in);
    g_autofree char *errPath = vtTestDataPath(err);
    g_autoptr(vtDomainDef) def = NULL;

    vtResetLastError();
    def = vtDomainDefParseFile(inPath, status ? VT_DOMAIN_DEF_PARSE_STATUS :
                               VT_DOMAIN_DEF_PARSE_INACTIVE);
    g_assert_null(def);
    vtTestAssertLastError(errPath);
}


/* A missing <mac> is generated with libvirt's 52:54:00 prefix. */
static void
testMACGenerated(void)
{
    const char *xml = "<interface type='user'><model type='virtio'/></interface>";
    g_autoptr(vtDomainDef) a = vtDomainDefParseString(xml, VT_DOMAIN_DEF_PARSE_INACTIVE);
    g_autoptr(vtDomainDef) b = vtDomainDefParseString(xml, VT_DOMAIN_DEF_PARSE_INACTIVE);
    g_autoptr(vtDomainDef) given = NULL;
    const vtMacAddr *mac;
    g_autofree char *out = NULL;
    char macstr[VT_MAC_STRING_BUFLEN];
    size_t i;
    bool same = true;

    g_assert_nonnull(a);
    g_assert_nonnull(b);
    g_assert_cmpuint(a->nnets, ==, 1);
    g_assert_true(a->nets[0]->macGenerated);
    mac = vtDomainNetGetMAC(a->nets[0]);
    g_assert_cmpuint(mac->addr[0], ==, 0x52);
    g_assert_cmpuint(mac->addr[1], ==, 0x54);
    g_assert_cmpuint(mac->addr[2], ==, 0x00);
    g_assert_true(vtMacAddrIsUnicast(mac));

    /* the generated MAC is written out */
    out = vtDomainDefFormat(a, VT_DOMAIN_DEF_FORMAT_INACTIVE);
    g_assert_nonnull(out);
    vtMacAddrFormat(mac, macstr);
    g_assert_nonnull(strstr(out, macstr));

    /* and random: two parses (24 random bits) practically never agree */
    for (i = 3; i < VT_MAC_BUFLEN; i++)
        same = same && a->nets[0]->mac.addr[i] == b->nets[0]->mac.addr[i];
    if (same) {
        g_autoptr(vtDomainDef) c = vtDomainDefParseString(xml, VT_DOMAIN_DEF_PARSE_INACTIVE);

        g_assert_cmpint(vtMacAddrCmp(&a->nets[0]->mac, &c->nets[0]->mac), !=, 0);
    }

    given = vtDomainDefParseString("<interface type='user'><mac address='52:54:00:01:02:03'/></interface>",
                                   VT_DOMAIN_DEF_PARSE_INACTIVE);
    g_assert_nonnull(given);
    g_assert_false(given->nets[0]->macGenerated);
}


/* An inactive parse drops an alias that is not "ua-" + [A-Za-z0-9_-]
 * silently but keeps it queryable; live and status parses keep it. */
static void
testAliasDropped(void)
{
    const char *xml =
        "<domain type='test'><name>a</name><devices>"
        "<interface type='user'><mac address='52:54:00:01:02:03'/>"
        "<alias name='ua-bad.alias'/></interface>"
        "<hostdev mode='subsystem' type='pci'><source>"
        "<address domain='0' bus='3' slot='7' function='1'/></source>"
        "<alias name='hostdev0'/></hostdev>"
        "<interface type='user'><mac address='52:54:00:01:02:04'/>"
        "<alias name='ua-good'/></interface>"
        "</devices></domain>";
    g_autoptr(vtDomainDef) inactive = vtDomainDefParseString(xml, VT_DOMAIN_DEF_PARSE_INACTIVE);
    g_autoptr(vtDomainDef) status = vtDomainDefParseString(xml, VT_DOMAIN_DEF_PARSE_STATUS);
    g_autoptr(vtDomainDef) live = vtDomainDefParseString(xml, 0);

    g_assert_nonnull(inactive);
    g_assert_null(vtDomainNetGetAlias(inactive->nets[0]));
    g_assert_cmpstr(vtDomainNetGetDroppedAlias(inactive->nets[0]), ==, "ua-bad.alias");
    g_assert_null(vtDomainHostdevGetAlias(inactive->hostdevs[0]));
    g_assert_cmpstr(vtDomainHostdevGetDroppedAlias(inactive->hostdevs[0]), ==, "hostdev0");
    g_assert_cmpstr(vtDomainNetGetAlias(inactive->nets[1]), ==, "ua-good");
    g_assert_null(vtDomainNetGetDroppedAlias(inactive->nets[1]));
    g_assert_true(vtDomainDefFindNetByAlias(inactive, "ua-good") == inactive->nets[1]);
    g_assert_null(vtDomainDefFindNetByAlias(inactive, "ua-bad.alias"));

    g_assert_nonnull(status);
    g_assert_cmpstr(vtDomainNetGetAlias(status->nets[0]), ==, "ua-bad.alias");
    g_assert_cmpstr(vtDomainHostdevGetAlias(status->hostdevs[0]), ==, "hostdev0");
    g_assert_true(vtDomainDefFindHostdevByAlias(status, "hostdev0") == status->hostdevs[0]);
    g_assert_nonnull(live);
    g_assert_cmpstr(vtDomainNetGetAlias(live->nets[0]), ==, "ua-bad.alias");

    g_assert_true(vtDomainDeviceAliasIsUserAlias("ua-a_b-9"));
    g_assert_false(vtDomainDeviceAliasIsUserAlias("ua-a.b"));
    g_assert_false(vtDomainDeviceAliasIsUserAlias("net0"));
    g_assert_false(vtDomainDeviceAliasIsUserAlias("ua-a b"));
    g_assert_false(vtDomainDeviceAliasIsUserAlias(NULL));
}


/* <actual> is read only from status XML and written only with the
 * status flag; the accessors see through it. */
static void
testActualAccessors(void)
{
    g_autofree char *path = vtTestDataPath("domain/actual-hostdev.status.xml");
    g_autofree char *dpath = vtTestDataPath("domain/actual-direct.status.xml");
    g_autofree char *bpath = vtTestDataPath("domain/actual-bridge.status.xml");
    g_autoptr(vtDomainDef) status = vtDomainDefParseFile(path, VT_DOMAIN_DEF_PARSE_STATUS);
    g_autoptr(vtDomainDef) inactive = vtDomainDefParseFile(path, VT_DOMAIN_DEF_PARSE_INACTIVE);
    g_autoptr(vtDomainDef) direct = vtDomainDefParseFile(dpath, VT_DOMAIN_DEF_PARSE_STATUS);
    g_autoptr(vtDomainDef) bridge = vtDomainDefParseFile(bpath, VT_DOMAIN_DEF_PARSE_STATUS);
    g_autofree char *noActual = NULL;
    const vtPCIDeviceAddress *addr;
    const vtNetDevVlan *vlan;
    const vtDomainNetTeamingInfo *teaming;
    vtDomainNetDef *net;

    g_assert_nonnull(status);
    net = status->nets[0];
    g_assert_cmpint(vtDomainNetGetActualType(net), ==, VT_DOMAIN_NET_TYPE_HOSTDEV);
    g_assert_cmpstr(vtDomainNetGetNetworkName(net), ==, "hostdev-pool");
    addr = vtDomainNetGetActualHostdevAddress(net);
    g_assert_nonnull(addr);
    g_assert_cmpuint(addr->bus, ==, 3);
    g_assert_cmpuint(addr->slot, ==, 0x10);
    g_assert_cmpuint(addr->function, ==, 1);
    vlan = vtDomainNetGetActualVlan(net);
    g_assert_nonnull(vlan);
    g_assert_cmpuint(vlan->nTags, ==, 1);
    g_assert_cmpuint(vlan->tag[0], ==, 42);
    teaming = vtDomainNetGetTeaming(net);
    g_assert_nonnull(teaming);
    g_assert_cmpint(teaming->type, ==, VT_DOMAIN_NET_TEAMING_TYPE_TRANSIENT);
    g_assert_cmpstr(teaming->persistent, ==, "ua-standby0");
    g_assert_cmpint(vtDomainNetDefValidateActual(net), ==, 0);

    /* inactive: no <actual>, the device's own type */
    g_assert_nonnull(inactive);
    g_assert_null(inactive->nets[0]->actual);
    g_assert_cmpint(vtDomainNetGetActualType(inactive->nets[0]), ==, VT_DOMAIN_NET_TYPE_NETWORK);
    g_assert_null(vtDomainNetGetActualHostdevAddress(inactive->nets[0]));

    /* a status definition formatted as inactive config has no <actual> */
    noActual = vtDomainDefFormat(status, VT_DOMAIN_DEF_FORMAT_INACTIVE);
    g_assert_nonnull(noActual);
    g_assert_null(strstr(noActual, "<actual"));

    g_assert_nonnull(direct);
    g_assert_cmpint(vtDomainNetGetActualType(direct->nets[0]), ==, VT_DOMAIN_NET_TYPE_DIRECT);
    g_assert_cmpstr(vtDomainNetGetActualDirectDev(direct->nets[0]), ==, "enp3s0f0");
    g_assert_cmpint(vtDomainNetGetActualDirectMode(direct->nets[0]), ==, VT_NETDEV_MACVLAN_MODE_BRIDGE);
    g_assert_nonnull(vtDomainNetGetActualVirtPortProfile(direct->nets[0]));
    g_assert_true(vtDomainNetIsVirtioModel(direct->nets[0]));

    g_assert_nonnull(bridge);
    g_assert_cmpstr(vtDomainNetGetActualBridgeName(bridge->nets[0]), ==, "br-uplink");
    g_assert_cmpstr(vtDomainNetGetPortGroup(bridge->nets[0]), ==, "web");
    g_assert_cmpstr(vtDomainNetGetModelString(bridge->nets[0]), ==, "virtio");

    /* replacing the actual changes what the accessors see */
    vtDomainNetSetActual(bridge->nets[0], NULL);
    g_assert_cmpint(vtDomainNetGetActualType(bridge->nets[0]), ==, VT_DOMAIN_NET_TYPE_NETWORK);
    g_assert_null(vtDomainNetGetActualBridgeName(bridge->nets[0]));
}


/* The QEMU rules are part of vtDomainNetDefValidate only. */
static void
testValidateGenericVsQemu(void)
{
    g_autoptr(vtDomainDef) def = NULL;

    def = vtDomainDefParseString("<interface type='user'><mac address='52:54:00:01:02:03'/>"
                                 "<model type='e1000'/><teaming type='persistent'/></interface>",
                                 VT_DOMAIN_DEF_PARSE_INACTIVE |
                                 VT_DOMAIN_DEF_PARSE_SKIP_VALIDATE);
    g_assert_nonnull(def);
    g_assert_cmpint(vtDomainNetDefValidateGeneric(def->nets[0]), ==, 0);
    vtResetLastError();
    g_assert_cmpint(vtDomainNetDefValidate(def->nets[0], NULL), ==, -1);
    g_assert_cmpint(vtGetLastErrorCode(), ==, VT_ERR_CONFIG_UNSUPPORTED);
    vtResetLastError();
    g_assert_cmpint(vtDomainDefValidate(def), ==, -1);
    g_assert_cmpint(vtGetLastErrorCode(), ==, VT_ERR_CONFIG_UNSUPPORTED);
}


/* Documents that are neither a domain nor a device are refused. */
static void
testWrongRoot(void)
{
    g_autoptr(vtDomainDef) def = NULL;

    vtResetLastError();
    def = vtDomainDefParseString("<network><name>x</name></network>",
                                 VT_DOMAIN_DEF_PARSE_INACTIVE);
    g_assert_null(def);
    g_assert_cmpint(vtGetLastErrorCode(), ==, VT_ERR_XML_ERROR);
    g_assert_cmpstr(vtGetLastErrorMessage(), ==,
                    "XML error: unexpected root element <network>, expecting <domain>, <interface> or <hostdev>");

    vtResetLastError();
    def = vtDomainDefParseString("<interface type='user'><mac address='52:54:00:01:02:03'/>",
                                 VT_DOMAIN_DEF_PARSE_INACTIVE);
    g_assert_null(def);
    /* not well formed: libvirt's XML_DETAIL text, a code of its own */
    g_assert_cmpint(vtGetLastErrorCode(), ==, VT_ERR_XML_MALFORMED);
}


int
main(int argc, char **argv)
{
    g_autofree char *dataDir = vtTestDataPath("domain");
    g_autoptr(GPtrArray) cases = NULL;
    size_t i;

    g_test_init(&argc, &argv, NULL);

    if (!(cases = testListCases(dataDir))) {
        g_printerr("cannot read %s\n", dataDir);
        return EXIT_FAILURE;
    }
    if (cases->len < VT_TEST_MIN_CASES) {
        g_printerr("only %u cases found in %s\n", cases->len, dataDir);
        return EXIT_FAILURE;
    }

    for (i = 0; i < cases->len; i++) {
        testCase *tc = g_ptr_array_index(cases, i);
        g_autofree char *testname = NULL;

        switch (tc->kind) {
        case TEST_CASE_INACTIVE:
            testname = g_strdup_printf("/domain/xml2xml/%s", tc->name);
            g_test_add_data_func(testname, tc, testXML2XML);
            break;
        case TEST_CASE_STATUS:
            testname = g_strdup_printf("/domain/status/%s", tc->name);
            g_test_add_data_func(testname, tc, testXML2XML);
            break;
        case TEST_CASE_INVALID:
            testname = g_strdup_printf("/domain/invalid/%s", tc->name);
            g_test_add_data_func(testname, tc, testInvalid);
            break;
        case TEST_CASE_STATUS_INVALID:
            testname = g_strdup_printf("/domain/status-invalid/%s", tc->name);
            g_test_add_data_func(testname, tc, testInvalid);
            break;
        }
    }

    g_test_add_func("/domain/mac-generated", testMACGenerated);
    g_test_add_func("/domain/alias-dropped", testAliasDropped);
    g_test_add_func("/domain/actual-accessors", testActualAccessors);
    g_test_add_func("/domain/validate-generic-vs-qemu", testValidateGenericVsQemu);
    g_test_add_func("/domain/wrong-root", testWrongRoot);

    return g_test_run();
}
