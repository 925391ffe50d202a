/*
 * domaindifftest.c: our <interface>/<hostdev> parser against libvirt's
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 *
 * Every valid inactive input of tests/data/domain (a single device is
 * wrapped in a minimal test domain) is defined in libvirt's test driver
 * (test:///default) and read back with VIR_DOMAIN_XML_INACTIVE; the
 * <interface> and <hostdev> elements of libvirt's output must be
 * identical to ours.  Every invalid input whose rule is generic must
 * fail in libvirt with the same message; the QEMU driver's rules are
 * not applied by the test driver and are skipped with a reason.
 *
 * The comparison (difftestutils.c) allows for the test driver's own
 * <target dev='testnetN'/> of every interface.
 */

#include <config.h>

#include <libvirt/libvirt.h>
#include <libvirt/virterror.h>

#include "testutils.h"
#include "difftestutils.h"
#include "domain_conf.h"
#include "vterror.h"

#define VT_TEST_MIN_CASES 30

static virConnectPtr conn;


/* The document as a whole domain: a single device is wrapped in a
 * minimal test domain named after the case. */
static char *
testWrapDocument(const char *name, const char *content)
{
    const char *p = content;

    while (*p == ' ' || *p == '\n' || *p == '\t')
        p++;
    if (g_str_has_prefix(p, "<interface") || g_str_has_prefix(p, "<hostdev")) {
        return g_strdup_printf("<domain type='test'>\n"
                               "  <name>vtdiff-%s</name>\n"
                               "  <memory unit='KiB'>1048576</memory>\n"
                               "  <os>\n"
                               "    <type>hvm</type>\n"
                               "  </os>\n"
                               "  <devices>\n"
                               "%s"
                               "  </devices>\n"
                               "</domain>\n", name, content);
    }
    return g_strdup(content);
}


static void
testValid(gconstpointer opaque)
{
    const char *name = opaque;
    g_autofree char *rel = g_strdup_printf("domain/%s.xml", name);
    g_autofree char *path = vtTestDataPath(rel);
    g_autofree char *content = vtTestLoadFile(path);
    g_autofree char *xml = NULL;
    g_autoptr(vtDomainDef) def = NULL;
    g_autofree char *ours = NULL;
    g_autofree char *theirs = NULL;
    g_autofree char *oursDevices = NULL;
    g_autofree char *theirsDevices = NULL;
    g_autofree char *errmsg = NULL;

    if (!content) {
        g_printerr("cannot read %s\n", path);
        g_test_fail();
        return;
    }
    xml = testWrapDocument(name, content);

    vtResetLastError();
    if (!(def = vtDomainDefParseString(xml, VT_DOMAIN_DEF_PARSE_INACTIVE)) ||
        !(ours = vtDomainDefFormat(def, VT_DOMAIN_DEF_FORMAT_INACTIVE))) {
        g_printerr("%s: %s\n", name, vtGetLastErrorMessage());
        g_test_fail();
        return;
    }

    if (!(theirs = vtDiffDefineDomain(conn, xml, &errmsg))) {
        g_printerr("%s: libvirt refuses it: %s\n", name, NULLSTR(errmsg));
        g_test_fail();
        return;
    }

    oursDevices = vtDiffExtractDevices(ours);
    theirsDevices = vtDiffExtractDevices(theirs);
    if (STRNEQ(oursDevices, theirsDevices)) {
        g_printerr("%s: devices differ\n--- libvirt\n%s--- ours\n%s",
                   name, theirsDevices, oursDevices);
    }
    g_assert_cmpstr(oursDevices, ==, theirsDevices);
}


/* the messages of the QEMU driver's define-time rules, and the rule */
static const struct {
    const char *message;
    const char *rule;
} testQemuOnlyRules[] = {
    { "virtio-net teaming", "qemuValidateDomainDeviceDefNetwork" },
    { "rx_queue_size has to be a power of two", "qemuValidateDomainDeviceDefNetwork" },
    { "tx_queue_size has to be a power of two", "qemuValidateDomainDeviceDefNetwork" },
    { "This QEMU binary doesn't support zPCI", "qemuValidateDomainDeviceDefAddress" },
};


static const char *
testQemuOnlyRule(const char *message)
{
    size_t i;

    for (i = 0; i < G_N_ELEMENTS(testQemuOnlyRules); i++) {
        if (strstr(message, testQemuOnlyRules[i].message))
            return testQemuOnlyRules[i].rule;
    }
    return NULL;
}


static void
testInvalid(gconstpointer opaque)
{
    const char *name = opaque;
    g_autofree char *rel = g_strdup_printf("domain/%s-invalid.xml", name);
    g_autofree char *relErr = g_strdup_printf("domain/%s-invalid.err", name);
    g_autofree char *path = vtTestDataPath(rel);
    g_autofree char *errPath = vtTestDataPath(relErr);
    g_autofree char *content = vtTestLoadFile(path);
    g_autofree char *expected = vtTestLoadFile(errPath);
    g_autofree char *xml = NULL;
    g_autofree char *theirs = NULL;
    g_autofree char *errmsg = NULL;
    g_autofree char *vtname = g_strdup_printf("%s-invalid", name);
    g_autofree char *reason = NULL;
    const char *rule;

    if (!content || !expected) {
        g_printerr("cannot read %s or %s\n", path, errPath);
        g_test_fail();
        return;
    }
    g_strchomp(expected);

    xml = testWrapDocument(vtname, content);
    theirs = vtDiffDefineDomain(conn, xml, &errmsg);

    /* qemu_validate.c rules: libvirt's test driver does not run them, so
     * it must accept the input (else the rule is not QEMU-only) and the
     * message cannot be compared here (corpustest compares them with the
     * QEMU driver) */
    if ((rule = testQemuOnlyRule(expected))) {
        if (!theirs) {
            g_printerr("%s: the test driver refuses a QEMU-only case: %s\n",
                       name, NULLSTR(errmsg));
            g_test_fail();
            return;
        }
        reason = g_strdup_printf("QEMU driver rule (%s): not applied by libvirt's "
                                 "test driver, message not compared", rule);
        g_test_skip(reason);
        return;
    }

    if (theirs) {
        g_printerr("%s: libvirt accepts it\n", name);
        g_test_fail();
        return;
    }
    g_assert_cmpstr(errmsg, ==, expected);
}


int
main(int argc, char **argv)
{
    static const char *const validExclude[] = {
        ".out.xml", "-invalid.xml", ".status.xml", NULL
    };
    /* status XML (<actual>) is not what virDomainDefineXML takes */
    static const char *const invalidExclude[] = {
        ".status-invalid.xml", NULL
    };
    g_autofree char *dataDir = vtTestDataPath("domain");
    g_autoptr(GPtrArray) valid = NULL;
    g_autoptr(GPtrArray) invalid = NULL;
    int ret;

    g_test_init(&argc, &argv, NULL);
    /* report every case, not only the first that differs */
    g_test_set_nonfatal_assertions();

    valid = vtTestListCases(dataDir, ".xml", validExclude);
    invalid = vtTestListCases(dataDir, "-invalid.xml", invalidExclude);
    if (!valid || !invalid) {
        g_printerr("cannot read %s\n", dataDir);
        return EXIT_FAILURE;
    }
    if (valid->len + invalid->len < VT_TEST_MIN_CASES) {
        g_printerr("only %u cases found in %s\n", valid->len + invalid->len, dataDir);
        return EXIT_FAILURE;
    }

    virSetErrorFunc(NULL, vtDiffQuietErrorFunc);
    if (!(conn = virConnectOpen("test:///default"))) {
        g_printerr("cannot open test:///default: %s\n", virGetLastErrorMessage());
        return EXIT_FAILURE;
    }

    vtTestAddCases(valid, "/domain/diff/valid", testValid);
    vtTestAddCases(invalid, "/domain/diff/invalid", testInvalid);

    ret = g_test_run();
    virConnectClose(conn);
    return ret;
}
