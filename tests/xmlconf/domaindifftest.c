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
 * fail in libvirt with the same message; one whose rule is the QEMU
 * driver's must be accepted by the test driver and refused with the
 * message by libvirt's QEMU driver run in-process (qemu:///embed, see
 * difftestutils.c), or be skipped when the emulator is missing.
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
static GHashTable *qemuCases;   /* NAME of NAME-invalid -> vtDiffQemuCase */


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


static void
testQemuCaseFree(gpointer opaque)
{
    vtDiffQemuCase *qc = opaque;

    vtDiffQemuCaseClear(qc);
    g_free((char *)qc->xml);
    g_free(qc);
}


/* GLib's g_string_replace() is younger than the GLib the project needs */
static void
testReplaceFirst(GString *str, const char *find, const char *replace)
{
    const char *at = strstr(str->str, find);

    if (!at)
        return;
    g_string_erase(str, at - str->str, strlen(find));
    g_string_insert(str, at - str->str, replace);
}


/* The document as a domain for the QEMU driver: a single device goes
 * into a minimal x86 domain, a test domain becomes a QEMU one. */
static char *
testWrapQemuDocument(const char *name, const char *content)
{
    g_autofree char *test = testWrapDocument(name, content);
    g_autoptr(GString) xml = g_string_new(test);

    testReplaceFirst(xml, "<domain type='test'>", "<domain type='qemu'>");
    testReplaceFirst(xml, "<devices>\n",
                     "<devices>\n    <emulator>" VT_DIFF_QEMU_EMULATOR "</emulator>\n");
    testReplaceFirst(xml, "<type>hvm</type>",
                     "<type arch='x86_64' machine='pc'>hvm</type>");
    return g_string_free(g_steal_pointer(&xml), FALSE);
}


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


/* Every invalid case of a QEMU driver rule, defined in the QEMU driver. */
static int
testQemuAsk(GPtrArray *invalid)
{
    g_autofree vtDiffQemuCase *cases = NULL;
    g_autoptr(GPtrArray) names = g_ptr_array_new();
    size_t i;

    qemuCases = g_hash_table_new_full(g_str_hash, g_str_equal, NULL, testQemuCaseFree);
    for (i = 0; i < invalid->len; i++) {
        const char *name = g_ptr_array_index(invalid, i);
        g_autofree char *rel = g_strdup_printf("domain/%s-invalid.xml", name);
        g_autofree char *relErr = g_strdup_printf("domain/%s-invalid.err", name);
        g_autofree char *path = vtTestDataPath(rel);
        g_autofree char *errPath = vtTestDataPath(relErr);
        g_autofree char *content = vtTestLoadFile(path);
        g_autofree char *expected = vtTestLoadFile(errPath);
        g_autofree char *vtname = g_strdup_printf("%s-invalid", name);

        if (!content || !expected || !testQemuOnlyRule(expected))
            continue;
        g_ptr_array_add(names, (gpointer)name);
        g_hash_table_insert(qemuCases, (gpointer)name, g_new0(vtDiffQemuCase, 1));
        ((vtDiffQemuCase *)g_hash_table_lookup(qemuCases, name))->xml =
            testWrapQemuDocument(vtname, content);
    }

    cases = g_new0(vtDiffQemuCase, names->len);
    for (i = 0; i < names->len; i++) {
        vtDiffQemuCase *qc = g_hash_table_lookup(qemuCases, g_ptr_array_index(names, i));

        cases[i].xml = qc->xml;
        cases[i].emulator = VT_DIFF_QEMU_EMULATOR;
    }
    if (names->len > 0 && vtDiffQemuDefine(cases, names->len) < 0)
        return -1;
    for (i = 0; i < names->len; i++) {
        vtDiffQemuCase *qc = g_hash_table_lookup(qemuCases, g_ptr_array_index(names, i));

        qc->verdict = cases[i].verdict;
        qc->message = g_steal_pointer(&cases[i].message);
    }
    return 0;
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
     * it must accept the input (else the rule is not QEMU-only), and the
     * QEMU driver must refuse it with the message */
    if ((rule = testQemuOnlyRule(expected))) {
        vtDiffQemuCase *qc = g_hash_table_lookup(qemuCases, name);

        if (!theirs) {
            g_printerr("%s: the test driver refuses a QEMU-only case: %s\n",
                       name, NULLSTR(errmsg));
            g_test_fail();
            return;
        }
        if (!qc || qc->verdict == VT_DIFF_QEMU_NO_EMULATOR ||
            qc->verdict == VT_DIFF_QEMU_NO_DRIVER) {
            reason = g_strdup_printf("QEMU driver rule (%s), not compared: %s",
                                     rule, qc ? qc->message : "not asked");
            g_test_skip(reason);
            return;
        }
        if (qc->verdict == VT_DIFF_QEMU_ACCEPTED) {
            g_printerr("%s: libvirt's QEMU driver accepts it\n", name);
            g_test_fail();
            return;
        }
        g_assert_cmpstr(qc->message, ==, expected);
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


    /* the QEMU driver first: no libvirt connection may be open in the
     * process that forks */
    if (testQemuAsk(invalid) < 0) {
        g_printerr("cannot run libvirt's QEMU driver\n");
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
    g_hash_table_unref(qemuCases);
    return ret;
}
