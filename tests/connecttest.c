/*
 * connecttest.c: virt-teaming --connect URI, against libvirt's test
 *                driver
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 *
 * A node file for test:///PATH defines the networks and domains; the
 * tool must fetch them from libvirt and give the same verdicts as on
 * files, and leave no temporary folder behind.  migrate-check
 * --to-connect takes the destination from other node files: its
 * networks and its node devices (libvirt's test driver lists the
 * <device>s of a node file, but has no network ports).
 */

#include <config.h>

#include <unistd.h>

#include <gio/gio.h>

#include "testutils.h"
#include "hostdesc.h"

static char *testDir;      /* everything this test makes */
static char *testSysfs;    /* the example host */
static char *testURI;      /* test:///.../node.xml */
static char *testTmp;      /* TMPDIR of the tool: must stay empty */
static char *testDestURI;          /* a destination with a free VF */
static char *testDestNoStandbyURI; /* ... without network failover-standby */
static char *testDestNoVFURI;      /* ... whose PF has no VF */
static char *testDestAbsentURI;    /* ... whose node file is missing */

static const char *testNode =
    "<node>\n"
    "  <network>\n"
    "    <name>failover-vfs</name>\n"
    "    <forward mode='hostdev' managed='yes'>\n"
    "      <pf dev='ens1f0'/>\n"
    "    </forward>\n"
    "  </network>\n"
    "  <network>\n"
    "    <name>failover-standby</name>\n"
    "    <forward mode='bridge'>\n"
    "      <interface dev='ens1f0'/>\n"
    "    </forward>\n"
    "  </network>\n"
    "  <network>\n"
    "    <name>natnet</name>\n"
    "    <forward mode='nat'/>\n"
    "    <bridge name='virbr7'/>\n"
    "    <ip address='192.168.77.1' netmask='255.255.255.0'/>\n"
    "  </network>\n"
    "%s%s%s%s"
    "</node>\n";

/* A destination: its networks, then its node devices as libvirt
 * formats them (PF ens1f0 with the VF addresses of the second %s, its
 * VF devices, a VF with a netdev, an on-board NIC, a bridge, which is on
 * no PCI function) */
static const char *testDestNode =
    "<node>\n"
    "  <network>\n"
    "    <name>failover-vfs</name>\n"
    "    <forward mode='hostdev' managed='yes'>\n"
    "      <pf dev='ens1f0'/>\n"
    "    </forward>\n"
    "  </network>\n"
    "%s"
    "  <device>\n"
    "    <name>pci_0000_3b_00_0</name>\n"
    "    <parent>computer</parent>\n"
    "    <capability type='pci'>\n"
    "      <domain>0</domain>\n"
    "      <bus>59</bus>\n"
    "      <slot>0</slot>\n"
    "      <function>0</function>\n"
    "      <product id='0x1572'>Ethernet Controller X710 for 10GbE SFP+</product>\n"
    "      <vendor id='0x8086'>Intel Corporation</vendor>\n"
    "      <capability type='virt_functions' maxCount='4'>\n"
    "%s"
    "      </capability>\n"
    "    </capability>\n"
    "  </device>\n"
    "%s%s"
    "  <device>\n"
    "    <name>net_ens1f0_3c_fd_fe_b0_00_00</name>\n"
    "    <parent>pci_0000_3b_00_0</parent>\n"
    "    <capability type='net'>\n"
    "      <interface>ens1f0</interface>\n"
    "      <address>3c:fd:fe:b0:00:00</address>\n"
    "      <link speed='10000' state='up'/>\n"
    "      <capability type='80203'/>\n"
    "    </capability>\n"
    "  </device>\n"
    "  <device>\n"
    "    <name>net_ens1f0v1_52_54_00_b0_01_01</name>\n"
    "    <parent>pci_0000_3b_02_1</parent>\n"
    "    <capability type='net'>\n"
    "      <interface>ens1f0v1</interface>\n"
    "      <address>52:54:00:b0:01:01</address>\n"
    "      <link state='up'/>\n"
    "      <capability type='80203'/>\n"
    "    </capability>\n"
    "  </device>\n"
    "  <device>\n"
    "    <name>pci_0000_00_19_0</name>\n"
    "    <parent>computer</parent>\n"
    "    <capability type='pci'>\n"
    "      <domain>0</domain>\n"
    "      <bus>0</bus>\n"
    "      <slot>25</slot>\n"
    "      <function>0</function>\n"
    "      <product id='0x15b8'>Ethernet Connection (2) I219-V</product>\n"
    "      <vendor id='0x8086'>Intel Corporation</vendor>\n"
    "    </capability>\n"
    "  </device>\n"
    "  <device>\n"
    "    <name>net_eno1_00_1b_21_0a_0b_0d</name>\n"
    "    <parent>pci_0000_00_19_0</parent>\n"
    "    <capability type='net'>\n"
    "      <interface>eno1</interface>\n"
    "      <address>00:1b:21:0a:0b:0d</address>\n"
    "      <link speed='1000' state='up'/>\n"
    "      <capability type='80203'/>\n"
    "    </capability>\n"
    "  </device>\n"
    "  <device>\n"
    "    <name>net_virbr0_52_54_00_b0_ff_ff</name>\n"
    "    <parent>computer</parent>\n"
    "    <capability type='net'>\n"
    "      <interface>virbr0</interface>\n"
    "      <address>52:54:00:b0:ff:ff</address>\n"
    "      <link state='down'/>\n"
    "    </capability>\n"
    "  </device>\n"
    "</node>\n";

/* a VF of ens1f0: function %d of slot 2 */
static const char *testDestVF =
    "  <device>\n"
    "    <name>pci_0000_3b_02_%d</name>\n"
    "    <parent>pci_0000_3b_00_0</parent>\n"
    "    <capability type='pci'>\n"
    "      <domain>0</domain>\n"
    "      <bus>59</bus>\n"
    "      <slot>2</slot>\n"
    "      <function>%d</function>\n"
    "      <product id='0x154c'>Ethernet Virtual Function 700 Series</product>\n"
    "      <vendor id='0x8086'>Intel Corporation</vendor>\n"
    "      <capability type='phys_function'>\n"
    "        <address domain='0x0000' bus='0x3b' slot='0x00' function='0x0'/>\n"
    "      </capability>\n"
    "    </capability>\n"
    "  </device>\n";

static const char *testDestStandby =
    "  <network>\n"
    "    <name>failover-standby</name>\n"
    "    <forward mode='bridge'>\n"
    "      <interface dev='ens1f0'/>\n"
    "    </forward>\n"
    "  </network>\n";

static const char *testDestVFs =
    "        <address domain='0x0000' bus='0x3b' slot='0x02' function='0x0'/>\n"
    "        <address domain='0x0000' bus='0x3b' slot='0x02' function='0x1'/>\n";

static const char *testDomain =
    "  <domain type='test'>\n"
    "    <name>%s</name>\n"
    "    <memory>1048576</memory>\n"
    "    <os><type>hvm</type></os>\n"
    "    <devices>\n"
    "      <interface type='network'>\n"
    "        <mac address='52:54:00:6d:90:02'/>\n"
    "        <source network='%s'/>\n"
    "        <model type='virtio'/>\n"
    "        <teaming type='persistent'/>\n"
    "        <alias name='ua-failover0'/>\n"
    "      </interface>\n"
    "      <interface type='network'>\n"
    "        <mac address='52:54:00:6d:90:02'/>\n"
    "        <source network='failover-vfs'/>\n"
    "        <teaming type='transient' persistent='ua-failover0'/>\n"
    "      </interface>\n"
    "    </devices>\n"
    "  </domain>\n";


/* a domain with its standby only: the primary is hotplugged */
static const char *testLoneDomain =
    "  <domain type='test'>\n"
    "    <name>%s</name>\n"
    "    <memory>1048576</memory>\n"
    "    <os><type>hvm</type></os>\n"
    "    <devices>\n"
    "      <interface type='network'>\n"
    "        <mac address='52:54:00:6d:90:02'/>\n"
    "        <source network='%s'/>\n"
    "        <model type='virtio'/>\n"
    "        <teaming type='persistent'/>\n"
    "        <alias name='ua-failover0'/>\n"
    "      </interface>\n"
    "    </devices>\n"
    "  </domain>\n";

static const char *testPrimary =
    "<interface type='network'>\n"
    "  <mac address='52:54:00:6d:90:02'/>\n"
    "  <source network='failover-vfs'/>\n"
    "  <teaming type='transient' persistent='ua-failover0'/>\n"
    "</interface>\n";


/* Run virt-teaming with @args; @moduleDir, when not NULL, is where it
 * looks for its libvirt module instead of the build tree. */
static int
testRunWithModuleDir(const char *moduleDir, const char * const *args,
                     char **out, char **err)
{
    g_autoptr(GSubprocessLauncher) launcher = NULL;
    g_autoptr(GSubprocess) proc = NULL;
    g_autoptr(GError) error = NULL;
    g_autoptr(GPtrArray) argv = g_ptr_array_new();
    size_t i;

    g_ptr_array_add(argv, (gpointer)g_getenv("VIRT_TEAMING"));
    for (i = 0; args[i]; i++)
        g_ptr_array_add(argv, (gpointer)args[i]);
    g_ptr_array_add(argv, NULL);

    launcher = g_subprocess_launcher_new(G_SUBPROCESS_FLAGS_STDOUT_PIPE |
                                         G_SUBPROCESS_FLAGS_STDERR_PIPE);
    g_subprocess_launcher_setenv(launcher, "TMPDIR", testTmp, TRUE);
    if (moduleDir)
        g_subprocess_launcher_setenv(launcher, "VIRT_TEAMING_MODULE_DIR", moduleDir, TRUE);
    proc = g_subprocess_launcher_spawnv(launcher,
                                        (const char * const *)argv->pdata, &error);
    g_assert_no_error(error);
    g_assert_true(g_subprocess_communicate_utf8(proc, NULL, NULL, out, err, &error));
    g_assert_no_error(error);
    g_assert_true(g_subprocess_get_if_exited(proc));
    return g_subprocess_get_exit_status(proc);
}


static int
testRun(const char * const *args, char **out, char **err)
{
    return testRunWithModuleDir(NULL, args, out, err);
}


/* The tool removed what it fetched. */
static void
testAssertNothingLeft(void)
{
    g_autoptr(GDir) dir = g_dir_open(testTmp, 0, NULL);

    g_assert_nonnull(dir);
    g_assert_null(g_dir_read_name(dir));
}


static void
testValidateSame(void)
{
    const char *args[] = { "--connect", testURI, "--sysfs-root", testSysfs,
                           "validate", "guest-ok", NULL };
    g_autofree char *out = NULL;
    g_autofree char *err = NULL;

    g_assert_cmpint(testRun(args, &out, &err), ==, 0);
    g_assert_cmpstr(out, ==, "pair standby ua-failover0 + primary of ua-failover0, MAC 52:54:00:6d:90:02: same segment\n");
    g_assert_cmpstr(err, ==, "");
    testAssertNothingLeft();
}


static void
testValidateNAT(void)
{
    const char *args[] = { "--connect", testURI, "--sysfs-root", testSysfs,
                           "validate", "guest-nat", NULL };
    g_autofree char *out = NULL;
    g_autofree char *err = NULL;

    g_assert_cmpint(testRun(args, &out, &err), ==, 1);
    g_assert_true(g_str_has_prefix(err,
                                   "error: standby ua-failover0: the standby is on network 'natnet' (a NAT network)"));
    g_assert_nonnull(strstr(err, "192.168.77.0/24"));
    testAssertNothingLeft();
}


static void
testPlan(void)
{
    const char *args[] = { "--connect", testURI, "--sysfs-root", testSysfs,
                           "plan", "guest-ok", NULL };
    g_autofree char *out = NULL;
    g_autofree char *err = NULL;

    g_assert_cmpint(testRun(args, &out, &err), ==, 0);
    g_assert_nonnull(strstr(out, "backend: macvtap on ens1f0 in mode bridge"));
    g_assert_nonnull(strstr(out, "VF 0 of ens1f0"));
    testAssertNothingLeft();
}


typedef struct {
    const char *name;
    const char *args[8];
    const char *error;      /* the first line of stderr starts with this */
} testFailure;

static const testFailure testFailures[] = {
    { "missing-domain", { "validate", "nosuch", NULL },
      "error: cannot find domain 'nosuch': Domain not found" },
    { "with-network-dir", { "--network-dir", "/nonexistent", "validate", "guest-ok", NULL },
      "error: --connect and --network-dir cannot be used together" },
    { "file-command", { "net-format", "x.xml", NULL },
      "error: --connect does not apply to 'net-format', which reads a file" },
    { "to-connect-with-dir", { "migrate-check", "guest-ok", "--to-connect", "test:///default",
                               "--to-network-dir", "/nonexistent", NULL },
      "error: --to-connect and --to-sysfs-root, --to-network-dir or --to-state-dir cannot be used together" },
};


static void
testFailureCase(gconstpointer opaque)
{
    const testFailure *c = opaque;
    g_autoptr(GPtrArray) args = g_ptr_array_new();
    g_autofree char *out = NULL;
    g_autofree char *err = NULL;
    size_t i;

    g_ptr_array_add(args, (gpointer)"--connect");
    g_ptr_array_add(args, testURI);
    for (i = 0; c->args[i]; i++)
        g_ptr_array_add(args, (gpointer)c->args[i]);
    g_ptr_array_add(args, NULL);

    g_assert_cmpint(testRun((const char * const *)args->pdata, &out, &err), ==, 2);
    g_assert_true(g_str_has_prefix(err, c->error));
    g_assert_cmpstr(out, ==, "");
    testAssertNothingLeft();
}


static char *
testWriteFile(const char *name, const char *text)
{
    char *path = g_build_filename(testDir, name, NULL);

    g_assert_true(g_file_set_contents(path, text, -1, NULL));
    return path;
}


/* net-define: libvirt's rules first, then libvirt defines it */
static void
testNetDefine(void)
{
    g_autofree char *good = testWriteFile("net-good.xml",
                                          "<network>\n  <name>newvfs</name>\n"
                                          "  <forward mode='hostdev' managed='yes'>\n"
                                          "    <pf dev='ens1f0'/>\n  </forward>\n</network>\n");
    g_autofree char *bad = testWriteFile("net-bad.xml",
                                         "<network>\n  <name>badvfs</name>\n"
                                         "  <forward mode='hostdev'>\n"
                                         "    <pf/>\n  </forward>\n</network>\n");
    const char *defineGood[] = { "--connect", testURI, "net-define", good, NULL };
    const char *defineBad[] = { "--connect", testURI, "net-define", bad, NULL };
    const char *noConnect[] = { "net-define", good, NULL };
    g_autofree char *expected = g_strdup_printf("Network newvfs defined from %s\n", good);
    g_autofree char *out = NULL;
    g_autofree char *err = NULL;
    g_autofree char *out2 = NULL;
    g_autofree char *err2 = NULL;
    g_autofree char *out3 = NULL;
    g_autofree char *err3 = NULL;

    g_assert_cmpint(testRun(defineGood, &out, &err), ==, 0);
    g_assert_cmpstr(out, ==, expected);
    g_assert_cmpstr(err, ==, "");

    g_assert_cmpint(testRun(defineBad, &out2, &err2), ==, 1);
    g_assert_cmpstr(err2, ==, "error: XML error: Missing required dev attribute in <pf> element of network 'badvfs'\n");
    g_assert_cmpstr(out2, ==, "");

    g_assert_cmpint(testRun(noConnect, &out3, &err3), ==, 2);
    g_assert_true(g_str_has_prefix(err3, "error: 'net-define' needs --connect URI"));
    testAssertNothingLeft();
}


/* attach-device: a primary whose standby is on a NAT network is
 * refused before libvirt is asked; a good one reaches libvirt (whose
 * test driver cannot hotplug, which proves the call was made) */
static void
testAttachDevice(void)
{
    g_autofree char *dev = testWriteFile("primary.xml", testPrimary);
    const char *refused[] = { "--connect", testURI, "--sysfs-root", testSysfs,
                              "attach-device", "lone-nat", dev, "--config", NULL };
    const char *passed[] = { "--connect", testURI, "--sysfs-root", testSysfs,
                             "attach-device", "lone-ok", dev, "--config", NULL };
    g_autofree char *out = NULL;
    g_autofree char *err = NULL;
    g_autofree char *out2 = NULL;
    g_autofree char *err2 = NULL;

    g_assert_cmpint(testRun(refused, &out, &err), ==, 1);
    g_assert_true(g_str_has_prefix(err, "error: standby ua-failover0: the standby is on network 'natnet' (a NAT network)"));
    g_assert_nonnull(strstr(err, "error: not attaching "));
    g_assert_cmpstr(out, ==, "");

    g_assert_cmpint(testRun(passed, &out2, &err2), ==, 1);
    g_assert_true(g_str_has_prefix(err2, "error: Failed to attach device from "));
    g_assert_nonnull(strstr(err2, "virDomainAttachDeviceFlags"));
    g_assert_cmpstr(out2, ==, "");
    testAssertNothingLeft();
}


/* attach-device: a device file that is not well formed is named with
 * its own line, not a line of the domain it would be inserted into */
static void
testAttachDeviceMalformed(void)
{
    g_autofree char *dev = testWriteFile("broken.xml",
                                         "<interface type='network'>\n"
                                         "  <source network='natnet'/>\n"
                                         "  <mac address='52:54:00:6d:90:02'>\n"
                                         "</interface>\n");
    const char *args[] = { "--connect", testURI, "--sysfs-root", testSysfs,
                           "attach-device", "lone-ok", dev, "--config", NULL };
    g_autofree char *expected = g_strdup_printf("error: %s:4: ", dev);
    g_autofree char *out = NULL;
    g_autofree char *err = NULL;

    g_assert_cmpint(testRun(args, &out, &err), ==, 2);
    g_assert_true(g_str_has_prefix(err, expected));
    g_assert_null(strstr(err, "[inline data]"));
    g_assert_cmpstr(out, ==, "");
    testAssertNothingLeft();
}


/* migrate-check guest-ok --to-connect @uri */
static int
testMigrateRun(const char *uri, bool json, char **out, char **err)
{
    const char *args[] = { "--connect", testURI, "--sysfs-root", testSysfs,
                           "migrate-check", "guest-ok", "--to-connect", uri, NULL, NULL };
    int status;

    if (json) {
        memmove(args + 1, args, sizeof(args) - 2 * sizeof(args[0]));
        args[0] = "--json";
    }
    status = testRun(args, out, err);
    testAssertNothingLeft();
    return status;
}


typedef struct {
    const char *name;
    char **uri;
    int status;
    const char *out;
    const char *error;      /* a line of stderr */
} testMigrate;

static const testMigrate testMigrates[] = {
    { "ready", &testDestURI, 0,
      "pair standby ua-failover0 + primary of ua-failover0, MAC 52:54:00:6d:90:02: ready\n", NULL },
    { "network-missing", &testDestNoStandbyURI, 1,
      "pair standby ua-failover0 + primary of ua-failover0, MAC 52:54:00:6d:90:02: not-ready\n",
      "error: standby ua-failover0: network 'failover-standby' is not defined on the destination\n" },
    /* the destination's PF has no VF: what a full pool gives when
     * libvirt can list ports (its test driver cannot) */
    { "no-free-vf", &testDestNoVFURI, 1,
      "pair standby ua-failover0 + primary of ua-failover0, MAC 52:54:00:6d:90:02: not-ready\n",
      "error: primary of ua-failover0: on the destination: internal error: "
      "No usable Vf's present on SRIOV PF ens1f0\n" },
    /* libxml2, inside libvirt's test driver, warns first */
    { "bad-uri", &testDestAbsentURI, 2, "", "error: cannot connect to 'test://" },
};


static void
testMigrateCase(gconstpointer opaque)
{
    const testMigrate *c = opaque;
    g_autofree char *out = NULL;
    g_autofree char *err = NULL;
    /* the test driver cannot list network ports */
    g_autofree char *warning = g_strdup_printf("warning: '%s' cannot list network ports: "
                                               "the ports taken on the destination are not counted\n",
                                               *c->uri);

    g_assert_cmpint(testMigrateRun(*c->uri, false, &out, &err), ==, c->status);
    g_assert_cmpstr(out, ==, c->out);
    if (c->status != 2)
        g_assert_true(g_str_has_prefix(err, warning));
    if (c->error)
        g_assert_nonnull(strstr(err, c->error));
    else
        g_assert_cmpstr(err, ==, warning);
}


/* the VF is the destination's first, at the address its node device
 * gives, not one of the source's */
static void
testMigrateJSON(void)
{
    g_autofree char *out = NULL;
    g_autofree char *err = NULL;

    g_assert_cmpint(testMigrateRun(testDestURI, true, &out, &err), ==, 0);
    g_assert_nonnull(strstr(out, "\"migration\": \"ready\""));
    g_assert_nonnull(strstr(out, "\"pci\": \"0000:3b:02.0\""));
    g_assert_nonnull(strstr(out, "\"dev\": \"ens1f0\""));
}


static void
testBadURI(void)
{
    g_autofree char *uri = g_strdup_printf("test:///%s/absent.xml", testDir);
    const char *args[] = { "--connect", uri, "validate", "guest-ok", NULL };
    g_autofree char *out = NULL;
    g_autofree char *err = NULL;
    g_autofree char *prefix = g_strdup_printf("error: cannot connect to '%s'", uri);

    g_assert_cmpint(testRun(args, &out, &err), ==, 2);
    g_assert_nonnull(strstr(err, prefix));
    testAssertNothingLeft();
}


/* virt-teaming links no libvirt: without its libvirt module, every
 * command that needs libvirt fails (exit 2) naming the module and how
 * to get it, and every other command works. */
static void
testModuleMissing(void)
{
    g_autofree char *empty = g_build_filename(testDir, "modules-empty", NULL);
    g_autofree char *module = g_build_filename(empty, "virt-teaming-libvirt.so", NULL);
    g_autofree char *dev = testWriteFile("module-missing.xml", testPrimary);
    g_autofree char *net = testWriteFile("module-missing-net.xml",
                                         "<network>\n  <name>newvfs</name>\n"
                                         "  <forward mode='hostdev' managed='yes'>\n"
                                         "    <pf dev='ens1f0'/>\n  </forward>\n</network>\n");
    const char *validate[] = { "--connect", testURI, "--sysfs-root", testSysfs,
                               "validate", "guest-ok", NULL };
    const char *migrate[] = { "--json", "--sysfs-root", testSysfs, "--network-dir", testDir,
                              "migrate-check", "x.xml", "--to-connect", testDestURI, NULL };
    const char *define[] = { "--connect", testURI, "net-define", net, NULL };
    const char *noConnect[] = { "domain-format", dev, NULL };
    g_autofree char *expected = g_strdup_printf("error: cannot connect to '%s': "
                                                "virt-teaming's libvirt module %s is missing: "
                                                "install the package that ships it, or set "
                                                "VIRT_TEAMING_MODULE_DIR to the folder that holds it\n",
                                                testURI, module);
    g_autofree char *expectedDest = g_strdup_printf("cannot connect to '%s': "
                                                    "virt-teaming's libvirt module %s is missing",
                                                    testDestURI, module);
    g_autofree char *out = NULL;
    g_autofree char *err = NULL;
    g_autofree char *out2 = NULL;
    g_autofree char *err2 = NULL;
    g_autofree char *out3 = NULL;
    g_autofree char *err3 = NULL;
    g_autofree char *out4 = NULL;
    g_autofree char *err4 = NULL;

    g_assert_cmpint(g_mkdir(empty, 0700), ==, 0);

    g_assert_cmpint(testRunWithModuleDir(empty, validate, &out, &err), ==, 2);
    g_assert_cmpstr(err, ==, expected);
    g_assert_cmpstr(out, ==, "");

    g_assert_cmpint(testRunWithModuleDir(empty, migrate, &out2, &err2), ==, 2);
    g_assert_nonnull(strstr(out2, "\"code\": \"OPERATION_FAILED\""));
    g_assert_nonnull(strstr(out2, expectedDest));

    g_assert_cmpint(testRunWithModuleDir(empty, define, &out3, &err3), ==, 2);
    g_assert_cmpstr(err3, ==, expected);
    g_assert_cmpstr(out3, ==, "");

    g_assert_cmpint(testRunWithModuleDir(empty, noConnect, &out4, &err4), ==, 0);
    g_assert_cmpstr(err4, ==, "");
    g_assert_nonnull(strstr(out4, "<teaming type='transient' persistent='ua-failover0'/>"));
    testAssertNothingLeft();
}


/* a module that cannot be loaded, or that is not virt-teaming's */
static void
testModuleBroken(void)
{
    g_autofree char *broken = g_build_filename(testDir, "modules-broken", NULL);
    g_autofree char *brokenModule = g_build_filename(broken, "virt-teaming-libvirt.so", NULL);
    g_autofree char *other = g_build_filename(testDir, "modules-other", NULL);
    g_autofree char *otherModule = g_build_filename(other, "virt-teaming-libvirt.so", NULL);
    g_autofree char *library = g_build_filename(abs_top_builddir, "src", "libvirt-teaming.so.0", NULL);
    const char *validate[] = { "--connect", testURI, "--sysfs-root", testSysfs,
                               "validate", "guest-ok", NULL };
    g_autofree char *prefix = g_strdup_printf("error: cannot connect to '%s': "
                                              "cannot load virt-teaming's libvirt module: ",
                                              testURI);
    g_autofree char *expectedOther = g_strdup_printf("error: cannot connect to '%s': "
                                                     "%s is not virt-teaming's libvirt module: "
                                                     "it has no vtshLibvirtModule; install the "
                                                     "module of the same build as virt-teaming\n",
                                                     testURI, otherModule);
    g_autofree char *out = NULL;
    g_autofree char *err = NULL;
    g_autofree char *out2 = NULL;
    g_autofree char *err2 = NULL;

    g_assert_cmpint(g_mkdir(broken, 0700), ==, 0);
    g_assert_true(g_file_set_contents(brokenModule, "", 0, NULL));
    g_assert_cmpint(testRunWithModuleDir(broken, validate, &out, &err), ==, 2);
    g_assert_true(g_str_has_prefix(err, prefix));
    g_assert_nonnull(strstr(err, "install libvirt's client library (libvirt.so.0)"));
    g_assert_cmpstr(out, ==, "");

    /* a shared object, without the module's entry point */
    g_assert_cmpint(g_mkdir(other, 0700), ==, 0);
    g_assert_cmpint(symlink(library, otherModule), ==, 0);
    g_assert_cmpint(testRunWithModuleDir(other, validate, &out2, &err2), ==, 2);
    g_assert_cmpstr(err2, ==, expectedOther);
    g_assert_cmpstr(out2, ==, "");
    testAssertNothingLeft();
}


int
main(int argc, char **argv)
{
    g_autofree char *host = NULL;
    g_autofree char *node = NULL;
    g_autofree char *domains = NULL;
    g_autofree char *nodePath = NULL;
    size_t i;
    int ret;

    g_test_init(&argc, &argv, NULL);

    if (!g_getenv("VIRT_TEAMING")) {
        g_printerr("VIRT_TEAMING must name the virt-teaming binary (meson test sets it)\n");
        return EXIT_FAILURE;
    }
    if (!(testDir = vtTestMakeTempDir("connecttest-XXXXXX")))
        return EXIT_FAILURE;
    testSysfs = g_build_filename(testDir, "sysfs", NULL);
    testTmp = g_build_filename(testDir, "tmp", NULL);
    nodePath = g_build_filename(testDir, "node.xml", NULL);
    testURI = g_strdup_printf("test://%s", nodePath);

    host = g_build_filename(abs_top_srcdir, "examples", "hosts", "example-host.txt", NULL);
    domains = g_strdup_printf(testDomain, "guest-ok", "failover-standby");
    {
        g_autofree char *nat = g_strdup_printf(testDomain, "guest-nat", "natnet");
        g_autofree char *loneNat = g_strdup_printf(testLoneDomain, "lone-nat", "natnet");
        g_autofree char *loneOk = g_strdup_printf(testLoneDomain, "lone-ok", "failover-standby");

        node = g_strdup_printf(testNode, domains, nat, loneNat, loneOk);
    }
    {
        struct {
            char **uri;
            const char *file;
            const char *standby;
            const char *vfs;
        } dests[] = {
            { &testDestURI, "dest.xml", testDestStandby, testDestVFs },
            { &testDestNoStandbyURI, "dest-no-standby.xml", "", testDestVFs },
            { &testDestNoVFURI, "dest-no-vf.xml", testDestStandby, "" },
        };

        for (i = 0; i < G_N_ELEMENTS(dests); i++) {
            g_autofree char *path = g_build_filename(testDir, dests[i].file, NULL);
            g_autofree char *vf0 = g_strdup_printf(testDestVF, 0, 0);
            g_autofree char *vf1 = g_strdup_printf(testDestVF, 1, 1);
            g_autofree char *text = g_strdup_printf(testDestNode, dests[i].standby,
                                                    dests[i].vfs, vf0, vf1);

            *dests[i].uri = g_strdup_printf("test://%s", path);
            if (!g_file_set_contents(path, text, -1, NULL)) {
                vtTestRemoveTree(testDir);
                return EXIT_FAILURE;
            }
        }
    }
    testDestAbsentURI = g_strdup_printf("test://%s/absent-dest.xml", testDir);
    if (vtHostDescBuildFile(host, testSysfs) < 0 ||
        g_mkdir(testTmp, 0700) < 0 ||
        !g_file_set_contents(nodePath, node, -1, NULL)) {
        vtTestRemoveTree(testDir);
        return EXIT_FAILURE;
    }

    g_test_add_func("/connect/validate-same", testValidateSame);
    g_test_add_func("/connect/validate-nat", testValidateNAT);
    g_test_add_func("/connect/plan", testPlan);
    g_test_add_func("/connect/bad-uri", testBadURI);
    g_test_add_func("/connect/net-define", testNetDefine);
    g_test_add_func("/connect/attach-device", testAttachDevice);
    g_test_add_func("/connect/attach-device-malformed", testAttachDeviceMalformed);
    for (i = 0; i < G_N_ELEMENTS(testMigrates); i++) {
        g_autofree char *path = g_strdup_printf("/connect/migrate/%s", testMigrates[i].name);
        g_test_add_data_func(path, &testMigrates[i], testMigrateCase);
    }
    g_test_add_func("/connect/migrate/json", testMigrateJSON);
    g_test_add_func("/connect/module/missing", testModuleMissing);
    g_test_add_func("/connect/module/broken", testModuleBroken);
    for (i = 0; i < G_N_ELEMENTS(testFailures); i++) {
        g_autofree char *path = g_strdup_printf("/connect/fails/%s", testFailures[i].name);
        g_test_add_data_func(path, &testFailures[i], testFailureCase);
    }

    ret = g_test_run();

    vtTestRemoveTree(testDir);
    g_free(testDir);
    g_free(testSysfs);
    g_free(testTmp);
    g_free(testURI);
    g_free(testDestURI);
    g_free(testDestNoStandbyURI);
    g_free(testDestNoVFURI);
    g_free(testDestAbsentURI);
    return ret;
}
