/*
 * testutils.c: helpers shared by the test programs
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 *
 * Golden files work as in libvirt: an expected output lives beside its
 * input, a difference fails the test and shows a unified diff, and
 * VIR_TEST_REGENERATE_OUTPUT=1 also rewrites the expected file with the
 * actual output; the test still fails, so a regeneration is never taken
 * for a passing run (review such changes before committing them).
 */

#include <config.h>

#include <ftw.h>
#include <unistd.h>

#include "testutils.h"
#include "vterror.h"


char *
vtTestDataPath(const char *relative)
{
    return g_build_filename(abs_srcdir, "data", relative, NULL);
}


char *
vtTestLoadFile(const char *path)
{
    g_autofree char *content = NULL;
    g_autoptr(GError) err = NULL;

    if (!g_file_get_contents(path, &content, NULL, &err)) {
        g_printerr("cannot read %s: %s\n", path, err->message);
        return NULL;
    }
    return g_steal_pointer(&content);
}


bool
vtTestRegenerate(void)
{
    const char *env = g_getenv("VIR_TEST_REGENERATE_OUTPUT");

    return env && STREQ(env, "1");
}


static void
vtTestShowDiff(const char *expected, const char *actual, const char *expectedPath)
{
    g_autofree char *tmp = NULL;
    const char *argv[] = { "diff", "-u", expectedPath, NULL, NULL };
    g_autofree char *out = NULL;
    int status;

    tmp = g_build_filename(g_get_tmp_dir(), "vt-actual-XXXXXX", NULL);
    {
        int fd = g_mkstemp(tmp);
        if (fd < 0)
            return;
        close(fd);
    }
    if (!g_file_set_contents(tmp, actual, -1, NULL))
        return;
    argv[3] = tmp;
    if (g_spawn_sync(NULL, (char **)argv, NULL, G_SPAWN_SEARCH_PATH, NULL, NULL,
                     &out, NULL, &status, NULL))
        g_printerr("%s", out);
    else
        g_printerr("expected:\n%s\nactual:\n%s\n", expected, actual);
    unlink(tmp);
}


/**
 * vtTestCompareToFile:
 *
 * Returns 0 when @actual equals the content of @expectedPath (after
 * adding a final newline to @actual if it lacks one), -1 otherwise.
 *
 * With VIR_TEST_REGENERATE_OUTPUT=1, a difference (or a missing file)
 * also rewrites @expectedPath with @actual, and the comparison still
 * fails, as in libvirt: a run that regenerated anything is never green,
 * the change must be reviewed and the test run again.
 */
int
vtTestCompareToFile(const char *actual, const char *expectedPath)
{
    g_autofree char *expected = NULL;
    g_autofree char *fixed = NULL;
    g_autoptr(GError) err = NULL;
    bool regenerate = vtTestRegenerate();

    if (!actual)
        actual = "";
    if (*actual && actual[strlen(actual) - 1] != '\n')
        actual = fixed = g_strdup_printf("%s\n", actual);

    if (regenerate && !g_file_test(expectedPath, G_FILE_TEST_EXISTS)) {
        if (!g_file_set_contents(expectedPath, actual, -1, &err)) {
            g_printerr("cannot write %s: %s\n", expectedPath, err->message);
            return -1;
        }
        g_printerr("%s did not exist and was regenerated from the actual output: "
                   "review it, then run the test again\n", expectedPath);
        return -1;
    }

    if (!(expected = vtTestLoadFile(expectedPath)))
        return -1;

    if (STREQ(expected, actual))
        return 0;

    g_printerr("output differs from %s:\n", expectedPath);
    vtTestShowDiff(expected, actual, expectedPath);

    if (regenerate) {
        if (!g_file_set_contents(expectedPath, actual, -1, &err)) {
            g_printerr("cannot write %s: %s\n", expectedPath, err->message);
            return -1;
        }
        g_printerr("%s was regenerated from the actual output: "
                   "review the change, then run the test again\n", expectedPath);
    }
    return -1;
}


/**
 * vtTestConformanceDir:
 *
 * Returns the folder of libvirt's own test data beside the project
 * (../shared/conformance/libvirt-10.7.0), or NULL when it is absent:
 * the data is read from there and never copied into the project.
 */
const char *
vtTestConformanceDir(void)
{
    static char *dir;
    const char *env;

    if (dir)
        return dir;

    if ((env = g_getenv("VT_CONFORMANCE_DIR")))
        dir = g_strdup(env);
    else
        dir = g_build_filename(abs_top_srcdir, "..", "shared", "conformance",
                               "libvirt-10.7.0", NULL);

    if (!g_file_test(dir, G_FILE_TEST_IS_DIR)) {
        g_clear_pointer(&dir, g_free);
        return NULL;
    }
    return dir;
}


char *
vtTestMakeTempDir(const char *tmpl)
{
    g_autoptr(GError) err = NULL;
    char *dir = g_dir_make_tmp(tmpl, &err);

    if (!dir)
        g_printerr("cannot make a temporary folder: %s\n", err->message);
    return dir;
}


static int
vtTestRemoveOne(const char *path,
                const struct stat *sb G_GNUC_UNUSED,
                int typeflag G_GNUC_UNUSED,
                struct FTW *ftwbuf G_GNUC_UNUSED)
{
    return remove(path);
}


/* Remove @path and everything below it, without following links. */
int
vtTestRemoveTree(const char *path)
{
    if (!path || !g_file_test(path, G_FILE_TEST_EXISTS | G_FILE_TEST_IS_SYMLINK))
        return 0;
    return nftw(path, vtTestRemoveOne, 16, FTW_DEPTH | FTW_PHYS);
}


/**
 * vtTestRunCommand:
 * @argv: the program and its arguments (searched in PATH)
 * @input: written to the program's stdin, or NULL
 * @out, @err: if non-NULL, set to what it printed
 * @status: set to its exit status (or -1 when killed)
 *
 * Returns 0 when the program ran, -1 when it could not be started.
 */
int
vtTestRunCommand(const char * const *argv, const char *input,
                 char **out, char **err, int *status)
{
    g_autoptr(GSubprocessLauncher) launcher = NULL;
    g_autoptr(GSubprocess) proc = NULL;
    g_autoptr(GError) error = NULL;
    g_autoptr(GBytes) outbytes = NULL;
    g_autoptr(GBytes) errbytes = NULL;
    g_autofree char *inputPath = NULL;
    int ret = -1;

    launcher = g_subprocess_launcher_new(G_SUBPROCESS_FLAGS_STDOUT_PIPE |
                                         G_SUBPROCESS_FLAGS_STDERR_PIPE);
    /* the input comes from a file, as a program may exit without
     * reading it all (libvirt's hooks do): no pipe to break */
    if (input) {
        int fd = g_file_open_tmp("vt-input-XXXXXX", &inputPath, &error);

        if (fd >= 0)
            close(fd);
        if (fd < 0 || !g_file_set_contents(inputPath, input, -1, &error)) {
            g_printerr("cannot write the input of %s: %s\n", argv[0], error->message);
            goto cleanup;
        }
        g_subprocess_launcher_set_stdin_file_path(launcher, inputPath);
    }

    if (!(proc = g_subprocess_launcher_spawnv(launcher, argv, &error))) {
        g_printerr("cannot run %s: %s\n", argv[0], error->message);
        goto cleanup;
    }
    if (!g_subprocess_communicate(proc, NULL, NULL, &outbytes, &errbytes, &error)) {
        g_printerr("cannot talk to %s: %s\n", argv[0], error->message);
        goto cleanup;
    }

    if (out)
        *out = g_strndup(g_bytes_get_data(outbytes, NULL), g_bytes_get_size(outbytes));
    if (err)
        *err = g_strndup(g_bytes_get_data(errbytes, NULL), g_bytes_get_size(errbytes));
    if (g_subprocess_get_if_exited(proc))
        *status = g_subprocess_get_exit_status(proc);
    else
        *status = -1;
    ret = 0;

 cleanup:
    if (inputPath)
        unlink(inputPath);
    return ret;
}


/* For g_ptr_array_sort() of an array of strings. */
int
vtTestCompareNames(gconstpointer a, gconstpointer b)
{
    return strcmp(*(const char * const *)a, *(const char * const *)b);
}


/**
 * vtTestListCases:
 * @dir: a data folder
 * @suffix: the ending of a case's file name, e.g. ".xml"
 * @exclude: NULL, or a NULL-terminated list of endings to pass over
 *
 * Returns the names of the files in @dir that end in @suffix and in none
 * of @exclude, with @suffix removed, sorted; NULL when @dir cannot be
 * read.
 */
GPtrArray *
vtTestListCases(const char *dir,
                const char *suffix,
                const char *const *exclude)
{
    g_autoptr(GDir) gdir = g_dir_open(dir, 0, NULL);
    GPtrArray *names;
    const char *entry;

    if (!gdir)
        return NULL;

    names = g_ptr_array_new_with_free_func(g_free);
    while ((entry = g_dir_read_name(gdir))) {
        bool skip = false;
        size_t i;

        if (!g_str_has_suffix(entry, suffix))
            continue;
        for (i = 0; exclude && exclude[i]; i++) {
            if (g_str_has_suffix(entry, exclude[i]))
                skip = true;
        }
        if (skip)
            continue;
        g_ptr_array_add(names, g_strndup(entry, strlen(entry) - strlen(suffix)));
    }
    g_ptr_array_sort(names, vtTestCompareNames);
    return names;
}


/**
 * vtTestAssertLastError:
 * @errPath: the expected message file of an -invalid case
 *
 * Asserts that an error was reported and that its message, followed by
 * a newline, is the content of @errPath.
 */
void
vtTestAssertLastError(const char *errPath)
{
    g_autofree char *msg = NULL;

    g_assert_nonnull(vtGetLastError());

    msg = g_strdup_printf("%s\n", vtGetLastErrorMessage());
    g_assert_cmpint(vtTestCompareToFile(msg, errPath), ==, 0);
}


/**
 * vtTestAddCases:
 * @names: case names, e.g. from vtTestListCases(); they must outlive
 *         g_test_run()
 * @prefix: the test path before the name, e.g. "/network/invalid"
 * @func: the test, given the name
 *
 * Registers @func as PREFIX/NAME for every name of @names.
 */
void
vtTestAddCases(GPtrArray *names,
               const char *prefix,
               GTestDataFunc func)
{
    size_t i;

    for (i = 0; i < names->len; i++) {
        const char *name = g_ptr_array_index(names, i);
        g_autofree char *testname = g_strdup_printf("%s/%s", prefix, name);

        g_test_add_data_func(testname, name, func);
    }
}
