/*
 * networkdifftest.c: our network parser against libvirt's own
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 *
 * Every valid tests/data/network/NAME.xml is defined in libvirt's test
 * driver (test:///default) through the public API and read back with
 * virNetworkGetXMLDesc(); our inactive output must be identical (a
 * generated <uuid> is masked).  Every NAME-invalid.xml must be refused
 * by libvirt too, with the same message.  The few cases where the
 * installed libvirt is older than the behaviour we follow (10.x), or
 * where the test driver lacks a feature of the network driver, are
 * skipped with the reason.
 */

#include <config.h>

#include <libvirt/libvirt.h>
#include <libvirt/virterror.h>

#include "testutils.h"
#include "difftestutils.h"
#include "network_conf.h"
#include "vterror.h"


typedef struct {
    const char *name;          /* NAME (valid) or NAME-invalid */
    unsigned long minVersion;  /* libvirt version that behaves as we do, 0: never in the test driver */
    const char *reason;
} testDiffSkip;

static const testDiffSkip testDiffSkips[] = {
    { "title-description", 9007000,
      "libvirt < 9.7 drops a network's <title> and <description>" },
    { "hostdev-pf-driver-model", 10000000,
      "libvirt < 10.0 drops <forward><driver model=...>" },
    { "forward-driver-name-invalid", 10000000,
      "libvirt < 10.0 reports an unknown <driver name> as \"Unknown forward <driver name='%s'/> in network %s\"" },
    { "forward-dev-with-pf-invalid", 10000000,
      "libvirt 9.0 writes the placeholder of this message as '%s', 10.x as '%1$s'" },
    { "forward-dev-with-address-invalid", 10000000,
      "libvirt 9.0 writes the placeholder of this message as '%s', 10.x as '%1$s'" },
    { "dnsmasq-options", 0,
      "only libvirt's network driver knows the dnsmasq namespace; the test driver drops <dnsmasq:options>" },
};


static virConnectPtr testConn;
static unsigned long testLibvirtVersion;


static const testDiffSkip *
testDiffFindSkip(const char *name)
{
    size_t i;

    for (i = 0; i < G_N_ELEMENTS(testDiffSkips); i++) {
        if (STREQ(testDiffSkips[i].name, name) &&
            (testDiffSkips[i].minVersion == 0 ||
             testLibvirtVersion < testDiffSkips[i].minVersion))
            return &testDiffSkips[i];
    }
    return NULL;
}


static void
testDiffValid(gconstpointer opaque)
{
    const char *name = opaque;
    g_autofree char *file = g_strdup_printf("network/%s.xml", name);
    g_autofree char *path = vtTestDataPath(file);
    g_autofree char *xml = vtTestLoadFile(path);
    const testDiffSkip *skip;
    bool accepted = false;

    if ((skip = testDiffFindSkip(name))) {
        g_test_skip(skip->reason);
        return;
    }

    g_assert_nonnull(xml);
    g_assert_cmpint(vtDiffNetwork(testConn, name, xml, &accepted, NULL), ==, 0);
    g_assert_true(accepted);
}


static void
testDiffInvalid(gconstpointer opaque)
{
    const char *name = opaque;
    g_autofree char *file = g_strdup_printf("network/%s.xml", name);
    g_autofree char *path = vtTestDataPath(file);
    g_autofree char *xml = vtTestLoadFile(path);
    const testDiffSkip *skip;
    bool accepted = true;

    if ((skip = testDiffFindSkip(name))) {
        g_test_skip(skip->reason);
        return;
    }

    g_assert_nonnull(xml);
    g_assert_cmpint(vtDiffNetwork(testConn, name, xml, &accepted, NULL), ==, 0);
    g_assert_false(accepted);
}


/*
 * Every combination of forward mode and pool, <bridge> attributes,
 * <mtu> and <ip>: the cross-checks between them are where a parser
 * most easily differs from libvirt's.
 */
static const char *const testForwards[] = {
    "",
    "<forward/>",
    "<forward mode='nat' dev='eth0'/>",
    "<forward mode='route'><interface dev='eth0'/><interface dev='eth1'/></forward>",
    "<forward mode='open'/>",
    "<forward mode='open' dev='eth0'/>",
    "<forward mode='bridge'/>",
    "<forward mode='bridge'><interface dev='eth0'/></forward>",
    "<forward mode='bridge'><pf dev='eth0'/></forward>",
    "<forward mode='private' dev='eth0'/>",
    "<forward mode='vepa'><interface dev='eth0'/><interface dev='eth1'/></forward>",
    "<forward mode='passthrough'><pf dev='eth0'/></forward>",
    "<forward mode='hostdev' managed='yes'><address type='pci' domain='0' bus='1' slot='2' function='3'/></forward>",
    "<forward mode='hostdev'><pf dev='eth0'/></forward>",
    "<forward mode='nat'><nat><port start='1024' end='2048'/></nat></forward>",
    "<forward mode='nat'><nat ipv6='yes'/></forward>",
    "<forward mode='hostdev' managed='no'><driver name='kvm'/><interface dev='eth0'/></forward>",
    "<forward mode='passthrough'><address type='pci' domain='0' bus='1' slot='2' function='3'/><pf dev='eth0'/></forward>",
    "<forward mode='vepa' dev='eth0'><interface dev='eth0'/><interface dev='eth0'/></forward>",
    "<forward mode='route' dev='eth0'><nat/></forward>",
};

static const char *const testBridges[] = {
    "",
    "<bridge name='br7'/>",
    "<bridge name='br7' stp='off' delay='4'/>",
    "<bridge stp='on'/>",
    "<bridge zone='trusted'/>",
    "<bridge macTableManager='libvirt'/>",
};

static const char *const testMtus[] = {
    "",
    "<mtu size='9000'/>",
};

static const char *const testIPs[] = {
    "",
    "<ip address='192.168.77.1' prefix='24'/>",
};


/* sub-elements, each tried in three kinds of network */
static const char *const testShapes[] = {
    "<bridge name='virbr77'/><ip address='192.168.78.1' netmask='255.255.255.0'/>",
    "<forward mode='bridge'/><bridge name='br7'/>",
    "<forward mode='hostdev' managed='yes'><pf dev='eth0'/></forward>",
};

static const char *const testSnippets[] = {
    "<vlan><tag id='0'/></vlan>",
    "<vlan><tag id=' 12'/></vlan>",
    "<vlan><tag id='0x10'/></vlan>",
    "<vlan><tag id='-1'/></vlan>",
    "<vlan trunk='Yes'><tag id='5' nativeMode='untagged'/></vlan>",
    "<vlan trunk='No'><tag id='5'/></vlan>",
    "<vlan><tag id='5'/><tag id='5'/></vlan>",
    "<vlan><tag id='5' nativeMode=''/></vlan>",
    "<virtualport type='802.1Qbg'/>",
    "<virtualport type='802.1Qbg'><parameters managerid='010' typeid=' 7' typeidversion='0xff'/></virtualport>",
    "<virtualport type='802.1Qbg'><parameters managerid='' /></virtualport>",
    "<virtualport type='802.1Qbh'><parameters profileid='012345678901234567890123456789012345678'/></virtualport>",
    "<virtualport type='openvswitch'><parameters interfaceid='09b11c538b5c4eeb8f00d84eaa0aaa4f' profileid='a-b'/></virtualport>",
    "<virtualport type='midonet'><parameters/></virtualport>",
    "<virtualport type=''/>",
    "<virtualport type='OpenVSwitch'/>",
    "<bandwidth><inbound average='1' peak='2' burst='3'/><outbound average='4' peak='5' burst='6'/></bandwidth>",
    "<bandwidth><inbound average='18446744073709551615'/></bandwidth>",
    "<bandwidth><inbound average='18446744073709551616'/></bandwidth>",
    "<bandwidth><inbound average=''/></bandwidth>",
    "<bandwidth><inbound floor='5'/></bandwidth>",
    "<bandwidth><outbound floor='5'/></bandwidth>",
    "<bandwidth/>",
    "<port isolated='no'/>",
    "<port isolated=''/>",
    "<mac address='52:54:00:aa:bb:cc'/>",
    "<mac address='2:54:0:a:b:c'/>",
    "<mac address='52-54-00-aa-bb-cc'/>",
    "<mac address='ff:ff:ff:ff:ff:ff'/>",
    "<portgroup name='a'><virtualport type='openvswitch'/></portgroup>",
    "<portgroup name='a' default='Yes'><vlan trunk='yes'><tag id='1'/><tag id='2' nativeMode='tagged'/></vlan></portgroup>",
    "<portgroup name='a' trustGuestRxFilters='no'><bandwidth><outbound average='3'/></bandwidth></portgroup>",
    "<portgroup name=''/>",
    "<portgroup name='a' trustGuestRxFilters='x'/>",
    "<portgroup name='a'><virtualport type='802.1Qbg'><parameters profileid='x'/></virtualport></portgroup>",
    "<portgroup name='a'><vlan/></portgroup>",
    "<metadata><x:a xmlns:x='urn:x'><x:b/></x:a></metadata>",
    "<metadata/>",
    "<domain name='d.example' localOnly='no'/>",
    "<domain localOnly='yes'/>",
    "<ip address='192.168.79.1' netmask='255.255.0.0'><dhcp><range start='192.168.79.10' end='192.168.79.20'/></dhcp></ip>",
    "<ip family='ipv6' address='2001:DB8:0:0::1' prefix='64'/>",
    "<ip address='10.1.1.1' prefix='0'/>",
    "<ip address='172.16.1.1'/>",
    "<ip address='224.0.0.1'/>",
    "<dns enable='no'/>",
    "<dns><forwarder domain='example.org'/></dns>",
    "<route address='10.99.0.0' prefix='16' gateway='192.168.78.5'/>",
    "<route address='10.99.0.0' prefix='16' gateway='10.0.0.5'/>",
    "<ip address='192.168.80.1' prefix='24' localPtr='no'><tftp root='/srv/tftp'/><dhcp><range start='192.168.80.2' end='192.168.80.9'><lease expiry='0'/></range><host mac='52:54:00:00:00:01' name='h1' ip='192.168.80.5'><lease expiry='30' unit='minutes'/></host><bootp file='pxe.0'/></dhcp></ip>",
    "<ip family='ipv6' address='fd00:80::1' prefix='64'><dhcp><range start='fd00:80::100' end='fd00:80::1ff'/><host id='0:1:0:1:18:aa:62:fe:0:16:3e:44:55:66' name='h6' ip='fd00:80::20'/></dhcp></ip>",
    "<dns><txt name='t' value='v'/><host ip='192.168.78.9'><hostname>a</hostname><hostname>b</hostname></host><forwarder addr='2001:DB8::53'/></dns>",
    "<dns enable='yes' forwardPlainNames='yes'><srv service='ldap' protocol='tcp'/></dns>",
    "<route family='ipv4' address='10.98.0.0' netmask='255.255.0.0' gateway='192.168.78.6' metric='3'/>",
    "<ip address='192.168.81.1' prefix='24'><dhcp><range start='192.168.81.2' end='192.168.81.9'><lease expiry='30'/></range><host name='n' ip='192.168.81.3'><lease expiry='0x78' unit='seconds'/></host></dhcp></ip>",
    "<ip address='10.2' prefix='16'/>",
    "<dns><forwarder addr='8.8.8'/></dns>",
    "<ip family='ipv6' address='fd00:82::1' prefix='64'><dhcp><range start='fd00:82::1:0' end='fd00:82::2:5'/></dhcp></ip>",
    "<ip family='ipv6' address='fd00:82::1' prefix='64'><dhcp><range start='fd00:82::1:0:0' end='fd00:82::2:5'/></dhcp></ip>",
};


static void
testDiffSnippets(void)
{
    size_t sh, sn;
    size_t n = 0;
    size_t nAccepted = 0;
    int failures = 0;

    for (sh = 0; sh < G_N_ELEMENTS(testShapes); sh++) {
        for (sn = 0; sn < G_N_ELEMENTS(testSnippets); sn++) {
            g_autofree char *name = g_strdup_printf("snippet-%zu-%zu", sh, sn);
            g_autofree char *xml = NULL;
            bool accepted = false;

            xml = g_strdup_printf("<network>\n  <name>%s</name>\n"
                                  "  <uuid>5a1e4a2c-1d3b-4e8f-9b2a-%012zx</uuid>\n"
                                  "  %s\n  %s\n</network>\n",
                                  name, 0x1000 + n, testShapes[sh], testSnippets[sn]);
            if (vtDiffNetwork(testConn, name, xml, &accepted, NULL) < 0)
                failures++;
            if (accepted)
                nAccepted++;
            n++;
        }
    }

    g_test_message("%zu documents, %zu accepted by both, %d differences",
                   n, nAccepted, failures);
    g_assert_cmpuint(nAccepted, >, 0);
    g_assert_cmpuint(nAccepted, <, n);
    g_assert_cmpint(failures, ==, 0);
}


static void
testDiffCombinations(void)
{
    size_t f, b, m, i;
    size_t n = 0;
    size_t nAccepted = 0;
    int failures = 0;

    for (f = 0; f < G_N_ELEMENTS(testForwards); f++) {
        for (b = 0; b < G_N_ELEMENTS(testBridges); b++) {
            for (m = 0; m < G_N_ELEMENTS(testMtus); m++) {
                for (i = 0; i < G_N_ELEMENTS(testIPs); i++) {
                    g_autofree char *name = g_strdup_printf("combo-%zu-%zu-%zu-%zu",
                                                            f, b, m, i);
                    g_autofree char *xml = NULL;
                    bool accepted = false;

                    xml = g_strdup_printf("<network>\n  <name>%s</name>\n"
                                          "  <uuid>5a1e4a2c-1d3b-4e8f-9b2a-%012zx</uuid>\n"
                                          "  %s\n  %s\n  %s\n  %s\n</network>\n",
                                          name, n, testForwards[f], testBridges[b],
                                          testMtus[m], testIPs[i]);
                    if (vtDiffNetwork(testConn, name, xml, &accepted, NULL) < 0)
                        failures++;
                    if (accepted)
                        nAccepted++;
                    n++;
                }
            }
        }
    }

    g_test_message("%zu combinations, %zu accepted by both, %d differences",
                   n, nAccepted, failures);
    /* both outcomes are exercised */
    g_assert_cmpuint(nAccepted, >, 0);
    g_assert_cmpuint(nAccepted, <, n);
    g_assert_cmpint(failures, ==, 0);
}


int
main(int argc, char **argv)
{
    g_autofree char *dataDir = vtTestDataPath("network");
    static const char *const exclude[] = { ".out.xml", ".status.xml", NULL };
    g_autoptr(GPtrArray) names = NULL;
    size_t i;
    int ret;

    g_test_init(&argc, &argv, NULL);

    virSetErrorFunc(NULL, vtDiffQuietErrorFunc);
    if (!(testConn = virConnectOpen("test:///default"))) {
        g_printerr("cannot open test:///default: %s\n", virGetLastErrorMessage());
        return EXIT_FAILURE;
    }
    if (virConnectGetLibVersion(testConn, &testLibvirtVersion) < 0) {
        g_printerr("cannot get libvirt's version: %s\n", virGetLastErrorMessage());
        virConnectClose(testConn);
        return EXIT_FAILURE;
    }
    g_test_message("libvirt %lu", testLibvirtVersion);

    if (!(names = vtTestListCases(dataDir, ".xml", exclude))) {
        g_printerr("cannot read %s\n", dataDir);
        virConnectClose(testConn);
        return EXIT_FAILURE;
    }

    for (i = 0; i < names->len; i++) {
        const char *name = g_ptr_array_index(names, i);
        g_autofree char *testname = g_strdup_printf("/network/diff/%s", name);

        if (g_str_has_suffix(name, "-invalid"))
            g_test_add_data_func(testname, name, testDiffInvalid);
        else
            g_test_add_data_func(testname, name, testDiffValid);
    }

    g_test_add_func("/network/diff-combinations", testDiffCombinations);
    g_test_add_func("/network/diff-snippets", testDiffSnippets);

    ret = g_test_run();
    virConnectClose(testConn);
    return ret;
}
