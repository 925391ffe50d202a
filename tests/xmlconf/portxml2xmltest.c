/*
 * portxml2xmltest.c: <networkport> parse/format golden tests
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 *
 * Like libvirt's virnetworkportxml2xmltest: every NAME.xml in
 * tests/data/port is parsed and formatted and must give NAME.xml back
 * (or NAME.out.xml when the input is not canonical); NAME-invalid.xml
 * must fail with the message in NAME-invalid.err.  libvirt's own port
 * files must round-trip byte for byte.  The status files are written
 * and removed as libvirt's network driver does.
 */

#include <config.h>

#include <fcntl.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "testutils.h"
#include "port_conf.h"
#include "vterror.h"
#include "vtfile.h"

#define VT_TEST_MIN_CASES 15


/* Format @path and compare with @expectedPath; the result must also
 * be a fixed point of parse + format. */
static int
testRoundTrip(const char *path, const char *expectedPath)
{
    g_autoptr(vtNetworkPortDef) def = NULL;
    g_autoptr(vtNetworkPortDef) again = NULL;
    g_autofree char *actual = NULL;
    g_autofree char *actual2 = NULL;

    if (!(def = vtNetworkPortDefParseFile(path))) {
        g_printerr("%s: %s\n", path, vtGetLastErrorMessage());
        return -1;
    }
    if (!(actual = vtNetworkPortDefFormat(def)))
        return -1;
    if (vtTestCompareToFile(actual, expectedPath) < 0)
        return -1;

    if (!(again = vtNetworkPortDefParseString(actual)) ||
        !(actual2 = vtNetworkPortDefFormat(again))) {
        g_printerr("%s: output does not parse: %s\n", path,
                   vtGetLastErrorMessage());
        return -1;
    }
    if (STRNEQ(actual, actual2)) {
        g_printerr("%s: formatting is not idempotent\n", path);
        return -1;
    }
    return 0;
}


static void
testXML2XML(gconstpointer opaque)
{
    const char *name = opaque;
    g_autofree char *in = g_strdup_printf("port/%s.xml", name);
    g_autofree char *out = g_strdup_printf("port/%s.out.xml", name);
    g_autofree char *inPath = vtTestDataPath(in);
    g_autofree char *outPath = vtTestDataPath(out);

    if (!g_file_test(outPath, G_FILE_TEST_EXISTS))
        g_clear_pointer(&outPath, g_free);

    g_assert_cmpint(testRoundTrip(inPath, outPath ? outPath : inPath), ==, 0);
}


static void
testInvalid(gconstpointer opaque)
{
    const char *name = opaque;
    g_autofree char *in = g_strdup_printf("port/%s-invalid.xml", name);
    g_autofree char *err = g_strdup_printf("port/%s-invalid.err", name);
    g_autofree char *inPath = vtTestDataPath(in);
    g_autofree char *errPath = vtTestDataPath(err);
    g_autoptr(vtNetworkPortDef) def = NULL;

    vtResetLastError();
    def = vtNetworkPortDefParseFile(inPath);
    g_assert_null(def);
    vtTestAssertLastError(errPath);
}


static void
testConformance(gconstpointer opaque)
{
    const char *path = opaque;

    g_assert_cmpint(testRoundTrip(path, path), ==, 0);
}


static void
testConformanceMissing(void)
{
    g_test_skip("libvirt's virnetworkportxml2xmldata is not beside the project "
                "(../shared/conformance/libvirt-10.7.0): conformance not checked");
}


static void
testStatusFiles(void)
{
    const char *tmp = g_getenv("VT_TEST_TMPDIR");
    g_autofree char *dir = NULL;
    g_autofree char *inPath = vtTestDataPath("port/plug-hostdev-pci-driver.xml");
    g_autofree char *statusPath = NULL;
    g_autofree char *content = NULL;
    g_autofree char *expected = NULL;
    g_autofree char *reformatted = NULL;
    g_autofree char *input = NULL;
    g_autoptr(vtNetworkPortDef) def = NULL;
    g_autoptr(vtNetworkPortDef) loaded = NULL;
    g_autoptr(GDir) gdir = NULL;
    const char *entry;
    size_t nentries = 0;
    struct stat sb;

    g_assert_nonnull(tmp);
    dir = g_build_filename(tmp, "hostnet", "ports", NULL);
    statusPath = g_build_filename(dir, "5d744f21-ba4a-4d6e-bdb2-30a35ff3207d.xml", NULL);

    def = vtNetworkPortDefParseFile(inPath);
    g_assert_nonnull(def);

    /* the ports directory is created */
    g_assert_cmpint(vtNetworkPortDefSaveStatus(def, dir), ==, 0);
    /* and saving again replaces the file */
    g_assert_cmpint(vtNetworkPortDefSaveStatus(def, dir), ==, 0);

    g_assert_cmpint(stat(statusPath, &sb), ==, 0);
    g_assert_cmpint(sb.st_mode & 0777, ==, 0600);

    /* libvirt's virXMLSaveFile layout: the warning, then the port */
    content = vtTestLoadFile(statusPath);
    expected = g_strdup_printf("<!--\n"
                               "WARNING: THIS IS AN AUTO-GENERATED FILE. CHANGES TO IT ARE LIKELY TO BE\n"
                               "OVERWRITTEN AND LOST. Changes to this xml configuration should be made using:\n"
                               "  virsh net-port-create 5d744f21-ba4a-4d6e-bdb2-30a35ff3207d\n"
                               "or other application using the libvirt API.\n"
                               "-->\n\n%s",
                               (input = vtTestLoadFile(inPath)));
    g_assert_cmpstr(content, ==, expected);

    /* no temporary file is left behind */
    gdir = g_dir_open(dir, 0, NULL);
    g_assert_nonnull(gdir);
    while ((entry = g_dir_read_name(gdir))) {
        g_assert_cmpstr(entry, ==, "5d744f21-ba4a-4d6e-bdb2-30a35ff3207d.xml");
        nentries++;
    }
    g_assert_cmpuint(nentries, ==, 1);

    /* the file reads back */
    loaded = vtNetworkPortDefParseFile(statusPath);
    g_assert_nonnull(loaded);
    reformatted = vtNetworkPortDefFormat(loaded);
    g_assert_cmpstr(reformatted, ==, content + strlen(content) - strlen(reformatted));

    g_assert_cmpint(vtNetworkPortDefDeleteStatus(def, dir), ==, 0);
    g_assert_false(g_file_test(statusPath, G_FILE_TEST_EXISTS));
    /* deleting a port that has no file is not an error */
    g_assert_cmpint(vtNetworkPortDefDeleteStatus(def, dir), ==, 0);

    /* a directory that cannot be created is reported */
    {
        g_autofree char *file = g_build_filename(tmp, "plain", NULL);
        g_autofree char *below = g_build_filename(file, "ports", NULL);

        g_assert_true(g_file_set_contents(file, "x", -1, NULL));
        vtResetLastError();
        g_assert_cmpint(vtNetworkPortDefSaveStatus(def, below), ==, -1);
        g_assert_cmpint(vtGetLastErrorCode(), ==, VT_ERR_SYSTEM_ERROR);
    }

}


static void
testFileWriteAtomic(void)
{
    const char *tmp = g_getenv("VT_TEST_TMPDIR");
    g_autofree char *path = NULL;
    g_autofree char *content = NULL;
    g_autofree char *missing = NULL;
    struct stat sb;

    g_assert_nonnull(tmp);
    path = g_build_filename(tmp, "state.xml", NULL);

    g_assert_cmpint(vtFileWriteAtomic(path, "first\n", 0644), ==, 0);
    g_assert_cmpint(vtFileWriteAtomic(path, "second\n", 0600), ==, 0);
    content = vtTestLoadFile(path);
    g_assert_cmpstr(content, ==, "second\n");
    g_assert_cmpint(stat(path, &sb), ==, 0);
    g_assert_cmpint(sb.st_mode & 0777, ==, 0600);

    /* a missing directory fails with a system error and leaves nothing */
    missing = g_build_filename(tmp, "no", "such", "file.xml", NULL);
    vtResetLastError();
    g_assert_cmpint(vtFileWriteAtomic(missing, "x", 0600), ==, -1);
    g_assert_cmpint(vtGetLastErrorCode(), ==, VT_ERR_SYSTEM_ERROR);

}


/* In a child: can the lock on @path be taken without waiting? */
static int
testLockIsFree(const char *path)
{
    pid_t pid;
    int status;

    if ((pid = fork()) < 0)
        return -1;
    if (pid == 0) {
        struct flock fl = { .l_type = F_WRLCK, .l_whence = SEEK_SET };
        int fd = open(path, O_RDWR | O_CLOEXEC);

        if (fd < 0)
            _exit(3);
        _exit(fcntl(fd, F_OFD_SETLK, &fl) == 0 ? 0 : 1);
    }
    if (waitpid(pid, &status, 0) < 0 || !WIFEXITED(status))
        return -1;
    return WEXITSTATUS(status) == 0 ? 1 : WEXITSTATUS(status) == 1 ? 0 : -1;
}


static void
testFileLock(void)
{
    const char *tmp = g_getenv("VT_TEST_TMPDIR");
    g_autofree char *path = NULL;
    g_autofree char *bad = NULL;
    int fd;

    g_assert_nonnull(tmp);
    path = g_build_filename(tmp, "lock", NULL);

    fd = vtFileLock(path);
    g_assert_cmpint(fd, >=, 0);
    g_assert_cmpint(testLockIsFree(path), ==, 0);
    vtFileUnlock(fd);
    g_assert_cmpint(testLockIsFree(path), ==, 1);
    vtFileUnlock(-1);

    bad = g_build_filename(tmp, "missing", "lock", NULL);
    vtResetLastError();
    g_assert_cmpint(vtFileLock(bad), ==, -1);
    g_assert_cmpint(vtGetLastErrorCode(), ==, VT_ERR_SYSTEM_ERROR);

}


/*
 * Run @opaque (a GTestFunc) in a subprocess with $VT_TEST_TMPDIR set to
 * a new temporary folder, which is removed afterwards whether the body
 * passed or failed.
 */
typedef struct {
    GTestFunc body;
} testTempDirData;

static void
testInTempDir(gconstpointer opaque)
{
    const testTempDirData *data = opaque;
    g_autofree char *tmp = NULL;

    if (g_test_subprocess()) {
        data->body();
        return;
    }

    tmp = vtTestMakeTempDir("vt-porttest-XXXXXX");
    g_assert_nonnull(tmp);
    g_setenv("VT_TEST_TMPDIR", tmp, TRUE);
    g_test_trap_subprocess(NULL, 0,
                           G_TEST_SUBPROCESS_INHERIT_STDOUT |
                           G_TEST_SUBPROCESS_INHERIT_STDERR);
    g_unsetenv("VT_TEST_TMPDIR");
    g_assert_cmpint(vtTestRemoveTree(tmp), ==, 0);
    g_test_trap_assert_passed();
}


int
main(int argc, char **argv)
{
    static const char *const validExclude[] = { "-invalid.xml", NULL };
    g_autofree char *dataDir = vtTestDataPath("port");
    g_autoptr(GPtrArray) valid = NULL;
    g_autoptr(GPtrArray) invalid = NULL;
    g_autoptr(GPtrArray) conformance = NULL;
    g_autofree char *confDir = NULL;
    static const testTempDirData statusFiles = { testStatusFiles };
    static const testTempDirData writeAtomic = { testFileWriteAtomic };
    static const testTempDirData fileLock = { testFileLock };
    const char *base;
    size_t i;

    g_test_init(&argc, &argv, NULL);

    /* NAME.xml, but neither NAME.out.xml nor NAME-invalid.xml */
    valid = vtTestListCases(dataDir, ".xml", validExclude);
    invalid = vtTestListCases(dataDir, "-invalid.xml", NULL);
    if (!valid || !invalid) {
        g_printerr("cannot read %s\n", dataDir);
        return EXIT_FAILURE;
    }
    for (i = 0; i < valid->len; i++) {
        const char *name = g_ptr_array_index(valid, i);
        g_autofree char *testname = NULL;

        if (g_str_has_suffix(name, ".out"))
            continue;
        testname = g_strdup_printf("/port/xml2xml/%s", name);
        g_test_add_data_func(testname, name, testXML2XML);
    }
    vtTestAddCases(invalid, "/port/invalid", testInvalid);
    if (valid->len + invalid->len < VT_TEST_MIN_CASES) {
        g_printerr("only %u cases found in %s\n", valid->len + invalid->len, dataDir);
        return EXIT_FAILURE;
    }

    if ((base = vtTestConformanceDir()) &&
        (confDir = g_build_filename(base, "virnetworkportxml2xmldata", NULL)) &&
        (conformance = vtTestListCases(confDir, ".xml", NULL)) &&
        conformance->len > 0) {
        for (i = 0; i < conformance->len; i++) {
            const char *name = g_ptr_array_index(conformance, i);
            g_autofree char *testname = g_strdup_printf("/port/conformance/%s", name);
            g_autofree char *file = g_strdup_printf("%s.xml", name);

            g_ptr_array_index(conformance, i) = g_build_filename(confDir, file, NULL);
            g_free((char *)name);
            g_test_add_data_func(testname, g_ptr_array_index(conformance, i),
                                 testConformance);
        }
    } else {
        g_test_add_func("/port/conformance", testConformanceMissing);
    }

    g_test_add_data_func("/port/status-files", &statusFiles, testInTempDir);
    g_test_add_data_func("/util/file/write-atomic", &writeAtomic, testInTempDir);
    g_test_add_data_func("/util/file/lock", &fileLock, testInTempDir);

    return g_test_run();
}
