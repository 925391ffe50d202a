/*
 * networkconformancetest.c: libvirt's own networkxml2xml cases
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 *
 * Every networkxml2xmlin/NAME.xml of libvirt's test suite (read from
 * vtTestConformanceDir(), never copied into the project) must format
 * byte for byte as networkxml2xmlout/NAME.xml; an input without an
 * output file is a parse error case and must fail.  As libvirt's
 * networkxml2xmltest does, the *-pf cases are formatted with the
 * INACTIVE flag, the others in the live form.  Nothing is masked: the
 * service elements (<ip>, <dns>, <route>) must match too.
 */

#include <config.h>

#include "testutils.h"
#include "network_conf.h"
#include "vterror.h"


typedef struct {
    char *name;
    char *inPath;
    char *outPath;   /* NULL for a parse error case */
} testConformanceCase;


static void
testConformanceCaseFree(gpointer opaque)
{
    testConformanceCase *tc = opaque;

    g_free(tc->name);
    g_free(tc->inPath);
    g_free(tc->outPath);
    g_free(tc);
}


static void
testConformance(gconstpointer opaque)
{
    const testConformanceCase *tc = opaque;
    g_autofree char *xml = vtTestLoadFile(tc->inPath);
    g_autoptr(vtNetworkDef) def = NULL;
    g_autofree char *actual = NULL;
    g_autofree char *expected = NULL;
    unsigned int flags = 0;

    g_assert_nonnull(xml);
    vtResetLastError();
    def = vtNetworkDefParseString(xml, 0);

    if (!tc->outPath) {
        if (def) {
            g_printerr("%s: libvirt refuses this input, we accepted it\n",
                       tc->name);
        }
        g_assert_null(def);
        g_assert_nonnull(vtGetLastError());
        g_test_message("%s: %s", tc->name, vtGetLastErrorMessage());
        return;
    }

    if (!def)
        g_printerr("%s: %s\n", tc->name, vtGetLastErrorMessage());
    g_assert_nonnull(def);

    if (g_str_has_suffix(tc->name, "-pf"))
        flags = VT_NETWORK_XML_INACTIVE;

    actual = vtNetworkDefFormat(def, flags);
    g_assert_nonnull(actual);
    expected = vtTestLoadFile(tc->outPath);
    g_assert_nonnull(expected);
    if (STRNEQ(actual, expected))
        g_printerr("%s: ours:\n%s\nlibvirt's:\n%s\n", tc->name, actual, expected);
    g_assert_cmpstr(actual, ==, expected);
}


static void
testConformanceMissing(void)
{
    g_test_skip("libvirt's networkxml2xml data is not beside the project "
                "(../shared/conformance/libvirt-10.7.0): conformance not checked");
}


static gint
testCompareCases(gconstpointer a, gconstpointer b)
{
    const testConformanceCase *ta = *(testConformanceCase * const *)a;
    const testConformanceCase *tb = *(testConformanceCase * const *)b;

    return strcmp(ta->name, tb->name);
}


int
main(int argc, char **argv)
{
    g_autoptr(GPtrArray) cases = g_ptr_array_new_with_free_func(testConformanceCaseFree);
    g_autofree char *inDir = NULL;
    g_autofree char *outDir = NULL;
    g_autoptr(GDir) gdir = NULL;
    const char *base;
    const char *entry;
    size_t i;

    g_test_init(&argc, &argv, NULL);

    if (!(base = vtTestConformanceDir())) {
        g_test_add_func("/network/conformance", testConformanceMissing);
        return g_test_run();
    }

    inDir = g_build_filename(base, "networkxml2xmlin", NULL);
    outDir = g_build_filename(base, "networkxml2xmlout", NULL);
    if (!(gdir = g_dir_open(inDir, 0, NULL))) {
        g_test_add_func("/network/conformance", testConformanceMissing);
        return g_test_run();
    }

    while ((entry = g_dir_read_name(gdir))) {
        testConformanceCase *tc;

        if (!g_str_has_suffix(entry, ".xml"))
            continue;
        tc = g_new0(testConformanceCase, 1);
        tc->name = g_strndup(entry, strlen(entry) - strlen(".xml"));
        tc->inPath = g_build_filename(inDir, entry, NULL);
        tc->outPath = g_build_filename(outDir, entry, NULL);
        if (!g_file_test(tc->outPath, G_FILE_TEST_EXISTS))
            g_clear_pointer(&tc->outPath, g_free);
        g_ptr_array_add(cases, tc);
    }
    g_ptr_array_sort(cases, testCompareCases);

    if (cases->len == 0) {
        g_printerr("no cases in %s\n", inDir);
        return EXIT_FAILURE;
    }

    for (i = 0; i < cases->len; i++) {
        testConformanceCase *tc = g_ptr_array_index(cases, i);
        g_autofree char *testname = g_strdup_printf("/network/conformance/%s%s",
                                                    tc->name,
                                                    tc->outPath ? "" : "-parse-error");

        g_test_add_data_func(testname, tc, testConformance);
    }

    return g_test_run();
}
