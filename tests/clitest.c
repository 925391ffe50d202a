/*
 * clitest.c: the virt-teaming command line contract (DESIGN.md section 5)
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 *
 * Runs the built virt-teaming binary (its path comes in $VIRT_TEAMING)
 * and checks, for each command: the exit status (0 ok, 1 the
 * configuration is wrong, 2 could not run), stdout, the "error: "
 * lines on stderr, the --json shape and the usage errors.  The /api
 * cases call the public library the tool is built on.
 */

#include <config.h>

#include "testutils.h"
#include "libvirt-teaming/libvirt-teaming.h"

typedef struct {
    int status;
    char *out;
    char *err;
} testResult;


static void
testResultClear(testResult *res)
{
    g_free(res->out);
    g_free(res->err);
}
G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC(testResult, testResultClear);


static const char *
testBinary(void)
{
    return g_getenv("VIRT_TEAMING");
}


/* Run virt-teaming with the NULL-terminated arguments. */
static void
testRun(testResult *res, ...)
{
    g_autoptr(GPtrArray) argv = g_ptr_array_new();
    const char *arg;
    va_list ap;

    g_ptr_array_add(argv, (char *)testBinary());
    va_start(ap, res);
    while ((arg = va_arg(ap, const char *)))
        g_ptr_array_add(argv, (char *)arg);
    va_end(ap);
    g_ptr_array_add(argv, NULL);

    g_assert_cmpint(vtTestRunCommand((const char * const *)argv->pdata, NULL,
                                     &res->out, &res->err, &res->status), ==, 0);
    /* nothing printed comes back as NULL */
    if (!res->out)
        res->out = g_strdup("");
    if (!res->err)
        res->err = g_strdup("");
    /* -1: killed by a signal */
    g_assert_cmpint(res->status, >=, 0);
}


static char *
testData(const char *name)
{
    g_autofree char *rel = g_build_filename("cli", name, NULL);

    return vtTestDataPath(rel);
}


/* Exactly one line on stderr, "error: @message" (or starting with
 * "error: @message" when @prefixOnly). */
static void
testAssertOneError(const char *err, const char *message, bool prefixOnly)
{
    g_autofree char *expected = g_strdup_printf("error: %s", message);
    g_autofree char *first = NULL;
    const char *nl = strchr(err, '\n');

    g_assert_nonnull(nl);
    g_assert_cmpstr(nl + 1, ==, "");
    first = g_strndup(err, nl - err);
    if (prefixOnly)
        g_assert_true(g_str_has_prefix(first, expected));
    else
        g_assert_cmpstr(first, ==, expected);
}


static void
testPortFormat(void)
{
    g_autofree char *in = testData("port.xml");
    g_autofree char *expected = testData("port.out.xml");
    g_auto(testResult) res = { 0 };
    g_auto(testResult) status = { 0 };

    testRun(&res, "port-format", in, NULL);
    g_assert_cmpint(res.status, ==, 0);
    g_assert_cmpstr(res.err, ==, "");
    g_assert_cmpint(vtTestCompareToFile(res.out, expected), ==, 0);

    /* a port has a single form: --status prints the same */
    testRun(&status, "port-format", "--status", in, NULL);
    g_assert_cmpint(status.status, ==, 0);
    g_assert_cmpstr(status.out, ==, res.out);
}


static void
testPortFormatInvalid(void)
{
    g_autofree char *in = testData("port-invalid.xml");
    g_auto(testResult) res = { 0 };

    testRun(&res, "port-format", in, NULL);
    g_assert_cmpint(res.status, ==, 1);
    g_assert_cmpstr(res.out, ==, "");
    testAssertOneError(res.err, "internal error: network port has no mac", false);
}


static void
testMalformed(void)
{
    g_autofree char *in = testData("malformed.xml");
    g_auto(testResult) res = { 0 };

    testRun(&res, "port-format", in, NULL);
    g_assert_cmpint(res.status, ==, 2);
    g_assert_cmpstr(res.out, ==, "");
    testAssertOneError(res.err, in, true);
}


static void
testMissingFile(void)
{
    g_autofree char *in = testData("no-such-file.xml");
    g_autofree char *msg = g_strdup_printf("Failed to open file '%s': No such file or directory", in);
    g_auto(testResult) res = { 0 };

    testRun(&res, "port-format", in, NULL);
    g_assert_cmpint(res.status, ==, 2);
    g_assert_cmpstr(res.out, ==, "");
    testAssertOneError(res.err, msg, false);
}


static void
testDirectory(void)
{
    g_autofree char *in = testData("");
    g_auto(testResult) res = { 0 };

    testRun(&res, "port-format", in, NULL);
    g_assert_cmpint(res.status, ==, 2);
    g_assert_cmpstr(res.out, ==, "");
    testAssertOneError(res.err, "Failed to read file", true);
}


static void
testJSON(void)
{
    g_autofree char *in = testData("port.xml");
    g_autofree char *expected = testData("port.json");
    g_auto(testResult) res = { 0 };

    testRun(&res, "--json", "port-format", in, NULL);
    g_assert_cmpint(res.status, ==, 0);
    g_assert_cmpstr(res.err, ==, "");
    g_assert_cmpint(vtTestCompareToFile(res.out, expected), ==, 0);
}


static void
testJSONInvalid(void)
{
    g_autofree char *in = testData("port-invalid.xml");
    g_auto(testResult) res = { 0 };

    testRun(&res, "--json", "port-format", in, NULL);
    g_assert_cmpint(res.status, ==, 1);
    g_assert_cmpstr(res.err, ==, "");
    g_assert_cmpstr(res.out, ==,
                    "{\"errors\": [{\"severity\": \"error\", \"code\": \"INTERNAL_ERROR\", "
                    "\"message\": \"internal error: network port has no mac\"}]}\n");
}


static void
testJSONMalformed(void)
{
    g_autofree char *in = testData("malformed.xml");
    g_autofree char *prefix = NULL;
    g_auto(testResult) res = { 0 };

    testRun(&res, "--json", "port-format", in, NULL);
    g_assert_cmpint(res.status, ==, 2);
    g_assert_cmpstr(res.err, ==, "");
    prefix = g_strdup_printf("{\"errors\": [{\"severity\": \"error\", \"code\": \"XML_DETAIL\", "
                             "\"message\": \"%s:", in);
    g_assert_true(g_str_has_prefix(res.out, prefix));
    g_assert_true(g_str_has_suffix(res.out, "\"}]}\n"));
    /* one line: the message's own line breaks are escaped */
    g_assert_cmpstr(strchr(res.out, '\n'), ==, "\n");
}


static void
testGlobalOptions(void)
{
    g_autofree char *in = testData("port.xml");
    g_autofree char *expected = testData("port.out.xml");
    g_auto(testResult) res = { 0 };
    g_auto(testResult) eq = { 0 };

    /* --connect has tests of its own (connecttest): it does not apply
     * to the commands that read a file */
    testRun(&res, "--sysfs-root", "/nonexistent/sys", "--network-dir", "/nonexistent/net",
            "--state-dir", "/nonexistent/state", "port-format", in, NULL);
    g_assert_cmpint(res.status, ==, 0);
    g_assert_cmpstr(res.err, ==, "");
    g_assert_cmpint(vtTestCompareToFile(res.out, expected), ==, 0);

    testRun(&eq, "--sysfs-root=/nonexistent/sys", "--state-dir=/nonexistent/state",
            "--", "port-format", "--", in, NULL);
    g_assert_cmpint(eq.status, ==, 0);
    g_assert_cmpstr(eq.out, ==, res.out);
}


static void
testHelpVersion(void)
{
    g_auto(testResult) help = { 0 };
    g_auto(testResult) version = { 0 };
    g_autofree char *expectedVersion = g_strdup_printf("virt-teaming %s\n", PACKAGE_VERSION);
    const char *options[] = { "--sysfs-root", "--network-dir", "--state-dir",
                              "--connect", "--json", "port-format" };
    size_t i;

    testRun(&help, "--help", NULL);
    g_assert_cmpint(help.status, ==, 0);
    g_assert_cmpstr(help.err, ==, "");
    g_assert_true(g_str_has_prefix(help.out, "Usage: virt-teaming [GLOBAL OPTIONS] COMMAND [ARGS]\n"));
    for (i = 0; i < G_N_ELEMENTS(options); i++)
        g_assert_nonnull(strstr(help.out, options[i]));

    testRun(&version, "--version", NULL);
    g_assert_cmpint(version.status, ==, 0);
    g_assert_cmpstr(version.out, ==, expectedVersion);
}


typedef struct {
    const char *name;
    const char *args[6];
    const char *error;       /* the first line of stderr */
} testUsageCase;

static const testUsageCase usageCases[] = {
    { "no-command", { NULL }, "error: no command given" },
    { "unknown-command", { "frobnicate", NULL }, "error: unknown command: 'frobnicate'" },
    { "unknown-option", { "--frob", "port-format", "x.xml", NULL },
      "error: unknown option '--frob'" },
    { "missing-value", { "--state-dir", NULL },
      "error: option '--state-dir' requires an argument" },
    { "missing-file", { "port-format", NULL },
      "error: command 'port-format' requires <file> option" },
    { "extra-argument", { "port-format", "a.xml", "b.xml", NULL },
      "error: unexpected data 'b.xml'" },
    { "unknown-command-option", { "port-format", "--frob", "a.xml", NULL },
      "error: command 'port-format' doesn't support option --frob" },
    { "option-after-command", { "port-format", "--json", "a.xml", NULL },
      "error: command 'port-format' doesn't support option --json" },
};


static void
testUsage(gconstpointer opaque)
{
    const testUsageCase *tc = opaque;
    g_autoptr(GPtrArray) argv = g_ptr_array_new();
    g_auto(testResult) res = { 0 };
    g_auto(GStrv) lines = NULL;
    size_t i;

    g_ptr_array_add(argv, (char *)testBinary());
    for (i = 0; tc->args[i]; i++)
        g_ptr_array_add(argv, (char *)tc->args[i]);
    g_ptr_array_add(argv, NULL);

    g_assert_cmpint(vtTestRunCommand((const char * const *)argv->pdata, NULL,
                                     &res.out, &res.err, &res.status), ==, 0);
    g_assert_cmpint(res.status, ==, 2);
    g_assert_cmpstr(NULLSTR_EMPTY(res.out), ==, "");
    g_assert_nonnull(res.err);
    lines = g_strsplit(res.err, "\n", -1);
    g_assert_cmpstr(lines[0], ==, tc->error);
    /* followed by the usage */
    g_assert_nonnull(lines[1]);
    g_assert_true(g_str_has_prefix(lines[1], "Usage: virt-teaming "));
}


static void
testNetFormat(void)
{
    g_autofree char *in = testData("net.xml");
    g_autofree char *expected = testData("net.out.xml");
    g_auto(testResult) res = { 0 };


    /* the expected output is what virsh net-dumpxml prints */
    testRun(&res, "net-format", in, NULL);
    g_assert_cmpstr(res.err, ==, "");
    g_assert_cmpint(res.status, ==, 0);
    g_assert_cmpint(vtTestCompareToFile(res.out, expected), ==, 0);
}


static void
testNetFormatInvalid(void)
{
    g_autofree char *in = testData("net-invalid.xml");
    g_auto(testResult) res = { 0 };


    testRun(&res, "net-format", in, NULL);
    g_assert_cmpint(res.status, ==, 1);
    g_assert_cmpstr(res.out, ==, "");
    testAssertOneError(res.err,
                       "XML error: Missing required dev attribute in <pf> element of network 'x'",
                       false);
}


static void
testNetFormatWrongRoot(void)
{
    g_autofree char *in = testData("port.xml");
    g_auto(testResult) res = { 0 };


    testRun(&res, "net-format", in, NULL);
    g_assert_cmpint(res.status, ==, 1);
    g_assert_cmpstr(res.out, ==, "");
    testAssertOneError(res.err, "XML error: ", true);
}


static void
testDomainFormat(void)
{
    g_autofree char *in = testData("domain.xml");
    g_autofree char *expected = testData("domain.out.xml");
    g_auto(testResult) res = { 0 };


    testRun(&res, "domain-format", in, NULL);
    g_assert_cmpstr(res.err, ==, "");
    g_assert_cmpint(res.status, ==, 0);
    g_assert_cmpint(vtTestCompareToFile(res.out, expected), ==, 0);
}


static void
testDomainFormatInvalid(void)
{
    g_autofree char *in = testData("domain-invalid.xml");
    g_auto(testResult) res = { 0 };


    testRun(&res, "domain-format", in, NULL);
    g_assert_cmpint(res.status, ==, 1);
    g_assert_cmpstr(res.out, ==, "");
    testAssertOneError(res.err,
                       "unsupported configuration: teaming persistent attribute must be set if teaming type is 'transient'",
                       false);
}


static void
testDomainFormatMalformed(void)
{
    g_autofree char *in = testData("malformed.xml");
    g_auto(testResult) res = { 0 };


    testRun(&res, "domain-format", in, NULL);
    g_assert_cmpint(res.status, ==, 2);
    g_assert_cmpstr(res.out, ==, "");
    testAssertOneError(res.err, in, true);
}


/* ---- the public API under the tool ------------------------------------ */

static void
testAPIPortString(void)
{
    g_autofree char *in = testData("port.xml");
    g_autofree char *expected = testData("port.out.xml");
    g_autofree char *xml = vtTestLoadFile(in);
    g_autofree char *out = NULL;
    g_autoptr(GError) error = NULL;
    g_auto(GStrv) warnings = NULL;

    out = virTeamingPortFormatString(xml, 0, &error);
    g_assert_no_error(error);
    g_assert_cmpint(vtTestCompareToFile(out, expected), ==, 0);

    warnings = virTeamingTakeWarnings();
    g_assert_nonnull(warnings);
    g_assert_null(warnings[0]);
}


typedef struct {
    const char *name;
    const char *xml;
    unsigned int flags;
    int code;
    const char *message;
} testAPIErrorCase;

static const testAPIErrorCase apiErrorCases[] = {
    { "invalid", "<networkport><uuid>5d744f21-ba4a-4d6e-bdb2-30a35ff3207d</uuid></networkport>",
      0, VIR_TEAMING_ERR_INTERNAL_ERROR, "internal error: network port has no owner name" },
    { "wrong-root", "<network/>", 0, VIR_TEAMING_ERR_XML_ERROR,
      "XML error: expecting root element of 'networkport', not 'network'" },
    { "malformed", "<networkport>", 0, VIR_TEAMING_ERR_XML_DETAIL, NULL },
    /* refused by the reader as an XML_ERROR, reported as not acceptable input */
    { "doctype", "<!DOCTYPE networkport><networkport/>", 0, VIR_TEAMING_ERR_XML_DETAIL,
      "XML error: (networkport_definition): a document type declaration (<!DOCTYPE>) is not allowed, remove it" },
    { "null", NULL, 0, VIR_TEAMING_ERR_INVALID_ARG,
      "invalid argument: no XML document was given" },
    { "unknown-flag", "<networkport/>", 1 << 5, VIR_TEAMING_ERR_INVALID_ARG,
      "invalid argument: unsupported flags (0x20) in function virTeamingPortFormatString" },
    { "both-flags", "<networkport/>",
      VIR_TEAMING_FORMAT_INACTIVE | VIR_TEAMING_FORMAT_STATUS, VIR_TEAMING_ERR_INVALID_ARG,
      "invalid argument: Flags 'inactive' and 'status' are mutually exclusive in function virTeamingPortFormatString" },
};


static void
testAPIPortError(gconstpointer opaque)
{
    const testAPIErrorCase *tc = opaque;
    g_autoptr(GError) error = NULL;
    g_autofree char *out = NULL;

    out = virTeamingPortFormatString(tc->xml, tc->flags, &error);
    g_assert_null(out);
    g_assert_error(error, VIR_TEAMING_ERROR, tc->code);
    if (tc->message)
        g_assert_cmpstr(error->message, ==, tc->message);
}


static void
testAPIFiles(void)
{
    g_autofree char *missing = testData("no-such-file.xml");
    g_autofree char *net = testData("net.xml");
    g_autofree char *netOut = testData("net.out.xml");
    g_autofree char *dom = testData("domain-invalid.xml");
    g_autoptr(GError) errMissing = NULL;
    g_autoptr(GError) errDomain = NULL;
    g_autoptr(GError) errNet = NULL;
    g_autofree char *out = NULL;
    g_autofree char *netXML = NULL;

    g_assert_null(virTeamingPortFormatFile(missing, 0, &errMissing));
    g_assert_error(errMissing, VIR_TEAMING_ERROR, VIR_TEAMING_ERR_SYSTEM_ERROR);

    g_assert_null(virTeamingDomainFormatFile(dom, VIR_TEAMING_FORMAT_INACTIVE, &errDomain));
    g_assert_error(errDomain, VIR_TEAMING_ERROR, VIR_TEAMING_ERR_CONFIG_UNSUPPORTED);

    netXML = vtTestLoadFile(net);
    out = virTeamingNetworkFormatString(netXML, 0, &errNet);
    g_assert_no_error(errNet);
    g_assert_cmpint(vtTestCompareToFile(out, netOut), ==, 0);
}


static void
testAPIErrorCodeName(void)
{
    g_assert_cmpstr(virTeamingErrorCodeName(VIR_TEAMING_ERR_XML_ERROR), ==, "XML_ERROR");
    g_assert_cmpstr(virTeamingErrorCodeName(VIR_TEAMING_ERR_CONFIG_UNSUPPORTED), ==,
                    "CONFIG_UNSUPPORTED");
    g_assert_cmpstr(virTeamingErrorCodeName(VIR_TEAMING_ERR_ARGUMENT_UNSUPPORTED), ==,
                    "ARGUMENT_UNSUPPORTED");
    g_assert_cmpstr(virTeamingErrorCodeName(VIR_TEAMING_ERR_NO_DEVICE), ==, "NO_DEVICE");
    g_assert_cmpstr(virTeamingErrorCodeName(-1), ==, "UNKNOWN");
    g_assert_cmpstr(virTeamingErrorCodeName(VIR_TEAMING_ERR_NO_DEVICE + 1), ==,
                    "UNKNOWN");
}


int
main(int argc, char **argv)
{
    size_t i;

    g_test_init(&argc, &argv, NULL);

    if (!testBinary() || !g_file_test(testBinary(), G_FILE_TEST_IS_EXECUTABLE)) {
        g_printerr("VIRT_TEAMING must name the built virt-teaming binary\n");
        return EXIT_FAILURE;
    }

    g_test_add_func("/cli/port-format/ok", testPortFormat);
    g_test_add_func("/cli/port-format/invalid", testPortFormatInvalid);
    g_test_add_func("/cli/port-format/malformed", testMalformed);
    g_test_add_func("/cli/port-format/missing-file", testMissingFile);
    g_test_add_func("/cli/port-format/directory", testDirectory);
    g_test_add_func("/cli/json/ok", testJSON);
    g_test_add_func("/cli/json/invalid", testJSONInvalid);
    g_test_add_func("/cli/json/malformed", testJSONMalformed);
    g_test_add_func("/cli/global-options", testGlobalOptions);
    g_test_add_func("/cli/help-version", testHelpVersion);
    for (i = 0; i < G_N_ELEMENTS(usageCases); i++) {
        g_autofree char *name = g_strdup_printf("/cli/usage/%s", usageCases[i].name);
        g_test_add_data_func(name, &usageCases[i], testUsage);
    }
    g_test_add_func("/cli/net-format/ok", testNetFormat);
    g_test_add_func("/cli/net-format/invalid", testNetFormatInvalid);
    g_test_add_func("/cli/net-format/wrong-root", testNetFormatWrongRoot);
    g_test_add_func("/cli/domain-format/ok", testDomainFormat);
    g_test_add_func("/cli/domain-format/invalid", testDomainFormatInvalid);
    g_test_add_func("/cli/domain-format/malformed", testDomainFormatMalformed);

    g_test_add_func("/api/port-string", testAPIPortString);
    for (i = 0; i < G_N_ELEMENTS(apiErrorCases); i++) {
        g_autofree char *name = g_strdup_printf("/api/port-error/%s", apiErrorCases[i].name);
        g_test_add_data_func(name, &apiErrorCases[i], testAPIPortError);
    }
    g_test_add_func("/api/files", testAPIFiles);
    g_test_add_func("/api/error-code-name", testAPIErrorCodeName);

    return g_test_run();
}
