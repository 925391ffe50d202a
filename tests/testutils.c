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

#include <fcntl.h>
#include <ftw.h>
#include <signal.h>
#include <sys/resource.h>
#include <sys/wait.h>
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


/**
 * vtTestMakeLocale:
 * @dir: the folder to compile it into, for LOCPATH
 * @locale: the locale's source, e.g. "de_DE"; compiled as LOCALE.UTF-8
 * @reason: set to why it cannot be made here, when 1 is returned
 *
 * Compile a locale with localedef(1) into @dir, so that a test needs no
 * locale installed on the machine: the program it runs gets
 * LOCPATH=@dir and LANG=LOCALE.UTF-8.
 *
 * Returns 0 when done, 1 when it cannot be made here (localedef or the
 * locale's sources are missing: a case to skip), -1 when localedef
 * failed (printed).
 */
int
vtTestMakeLocale(const char *dir, const char *locale, char **reason)
{
    g_autofree char *localedef = g_find_program_in_path("localedef");
    const char *i18n = g_getenv("I18NPATH") ? g_getenv("I18NPATH") : "/usr/share/i18n";
    g_autofree char *source = g_build_filename(i18n, "locales", locale, NULL);
    g_autofree char *name = g_strdup_printf("%s.UTF-8", locale);
    g_autofree char *target = g_build_filename(dir, name, NULL);
    g_autofree char *messages = g_build_filename(target, "LC_MESSAGES", NULL);
    g_autofree char *err = NULL;
    const char *argv[] = { NULL, "-i", locale, "-f", "UTF-8", target, NULL };
    int status;

    if (!localedef) {
        *reason = g_strdup_printf("localedef(1) is not installed: it compiles the locale %s "
                                  "(Debian: libc-bin)", name);
        return 1;
    }
    if (!g_file_test(source, G_FILE_TEST_IS_REGULAR)) {
        *reason = g_strdup_printf("the locale's source %s is missing "
                                  "(Debian: install the 'locales' package)", source);
        return 1;
    }

    argv[0] = localedef;
    if (vtTestRunCommand(argv, NULL, NULL, &err, &status) < 0)
        return -1;
    /* 1: warnings, the locale is written */
    if ((status != 0 && status != 1) || !g_file_test(messages, G_FILE_TEST_IS_DIR)) {
        g_printerr("localedef -i %s -f UTF-8 %s exited with %d:\n%s\n",
                   locale, target, status, NULLSTR(err));
        return -1;
    }
    return 0;
}


/* A temporary file for a program's stdin, stdout or stderr; with
 * @content, that is written to it.  Returns its descriptor. */
static int
vtTestProcFile(char **path, const char *content)
{
    g_autoptr(GError) error = NULL;
    int fd;

    if ((fd = g_file_open_tmp("vt-proc-XXXXXX", path, &error)) < 0) {
        g_printerr("cannot create a temporary file: %s\n", error->message);
        return -1;
    }
    if (!content)
        return fd;
    /* written anew (g_file_set_contents() renames a new file over the
     * path), then opened for the program to read */
    close(fd);
    if (!g_file_set_contents(*path, content, -1, &error)) {
        g_printerr("cannot write %s: %s\n", *path, error->message);
        return -1;
    }
    if ((fd = open(*path, O_RDONLY | O_CLOEXEC)) < 0)
        g_printerr("cannot open %s: %s\n", *path, g_strerror(errno));
    return fd;
}


/**
 * vtTestProcStart:
 * @proc: zero-filled, cleared with vtTestProcClear()
 * @argv: the program (a path, or a name searched in PATH) and its arguments
 * @input: its standard input, or NULL for none
 *
 * Start a program in the background, its standard input read from a
 * file (it may exit without reading all of it, as libvirt's hooks
 * may), its output collected in files.  Wait for it with
 * vtTestProcWait().
 *
 * Returns 0, or -1 when it could not be started.
 */
int
vtTestProcStart(vtTestProc *proc, const char * const *argv, const char *input)
{
    g_autofree char *program = g_find_program_in_path(argv[0]);
    g_autoptr(GPtrArray) args = g_ptr_array_new();
    VT_AUTOCLOSE in = -1;
    VT_AUTOCLOSE out = -1;
    VT_AUTOCLOSE err = -1;
    size_t i;

    proc->name = g_strdup(argv[0]);
    proc->status = -1;
    if (!program) {
        g_printerr("cannot run %s: not found\n", argv[0]);
        return -1;
    }
    if (proc->measureRSS) {
        const char *helper = g_getenv("VT_RUSAGE_HELPER");
        int fd;

        if (!helper) {
            g_printerr("VT_RUSAGE_HELPER must name the built rusagehelper\n");
            return -1;
        }
        if ((fd = vtTestProcFile(&proc->rssPath, NULL)) < 0)
            return -1;
        close(fd);
        g_ptr_array_add(args, (char *)helper);
        g_ptr_array_add(args, proc->rssPath);
    }
    g_ptr_array_add(args, program);
    for (i = 1; argv[i]; i++)
        g_ptr_array_add(args, (char *)argv[i]);
    g_ptr_array_add(args, NULL);
    if (input) {
        if ((in = vtTestProcFile(&proc->inPath, input)) < 0)
            return -1;
    } else if ((in = open("/dev/null", O_RDONLY | O_CLOEXEC)) < 0) {
        return -1;
    }
    if ((out = vtTestProcFile(&proc->outPath, NULL)) < 0 ||
        (err = vtTestProcFile(&proc->errPath, NULL)) < 0)
        return -1;

    proc->started = g_get_monotonic_time();
    if ((proc->pid = fork()) < 0) {
        g_printerr("cannot fork: %s\n", g_strerror(errno));
        return -1;
    }
    if (proc->pid == 0) {
        /* only async-signal-safe calls until exec */
        if (dup2(in, STDIN_FILENO) < 0 || dup2(out, STDOUT_FILENO) < 0 ||
            dup2(err, STDERR_FILENO) < 0)
            _exit(127);
        execv(args->pdata[0], (char * const *)args->pdata);
        _exit(127);
    }
    return 0;
}


/* @proc ended (the wait4() status and usage): what it gave */
static void
vtTestProcCollect(vtTestProc *proc, int status, const struct rusage *usage)
{
    proc->pid = 0;
    proc->seconds = (g_get_monotonic_time() - proc->started) / 1e6;
    proc->maxRSSKiB = usage->ru_maxrss;
    if (proc->rssPath) {
        g_autofree char *rss = NULL;

        /* the helper's figure, when it lived to write it */
        if (g_file_get_contents(proc->rssPath, &rss, NULL, NULL) && *rss)
            proc->maxRSSKiB = strtol(rss, NULL, 10);
    }
    proc->status = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
    if (!g_file_get_contents(proc->outPath, &proc->out, NULL, NULL))
        proc->out = g_strdup("");
    if (!g_file_get_contents(proc->errPath, &proc->err, NULL, NULL))
        proc->err = g_strdup("");
}


/**
 * vtTestProcDone:
 * @proc: a started program
 *
 * Whether @proc has ended (or was never started), without waiting:
 * once it has, its results are set as by vtTestProcWait().
 */
bool
vtTestProcDone(vtTestProc *proc)
{
    struct rusage usage = { 0 };
    int status = 0;
    pid_t got;

    if (proc->pid <= 0)
        return true;
    while ((got = wait4(proc->pid, &status, WNOHANG, &usage)) < 0 && errno == EINTR)
        ;
    if (got < 0) {
        g_printerr("cannot wait for %s: %s\n", proc->name, g_strerror(errno));
        proc->pid = 0;
        return true;
    }
    if (got == 0)
        return false;
    vtTestProcCollect(proc, status, &usage);
    return true;
}


/**
 * vtTestProcWait:
 * @proc: a started program
 * @deadline: g_get_monotonic_time() by which it must have ended
 *
 * Wait for @proc until @deadline, then kill it (SIGKILL, by its PID).
 * Sets its exit status, time, peak resident size and output.
 *
 * Returns 0 when it ended by itself, -1 when it had to be killed.
 */
int
vtTestProcWait(vtTestProc *proc, gint64 deadline)
{
    while (!vtTestProcDone(proc)) {
        if (g_get_monotonic_time() >= deadline && !proc->timedOut) {
            proc->timedOut = true;
            kill(proc->pid, SIGKILL);
        }
        g_usleep(2000);
    }
    return proc->timedOut ? -1 : 0;
}


/* Kill @proc when it is still running, and remove its files. */
void
vtTestProcClear(vtTestProc *proc)
{
    if (proc->pid > 0) {
        kill(proc->pid, SIGKILL);
        waitpid(proc->pid, NULL, 0);
    }
    if (proc->inPath)
        unlink(proc->inPath);
    if (proc->rssPath)
        unlink(proc->rssPath);
    if (proc->outPath)
        unlink(proc->outPath);
    if (proc->errPath)
        unlink(proc->errPath);
    g_free(proc->name);
    g_free(proc->inPath);
    g_free(proc->rssPath);
    g_free(proc->outPath);
    g_free(proc->errPath);
    g_free(proc->out);
    g_free(proc->err);
    memset(proc, 0, sizeof(*proc));
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


void
vtTestResultClear(vtTestResult *res)
{
    g_clear_pointer(&res->out, g_free);
    g_clear_pointer(&res->err, g_free);
}


/**
 * vtTestRunArgs:
 * @res: filled with what the command printed ("" for nothing) and its
 *       exit status
 * @argv: the command and its first arguments (no NULL at the end)
 * @ap: more arguments, up to a NULL
 *
 * Run the command, as the tests of the programs do: it must run and not
 * be killed by a signal (asserted).
 */
void
vtTestRunArgs(vtTestResult *res, GPtrArray *argv, va_list ap)
{
    const char *arg;

    while ((arg = va_arg(ap, const char *)))
        g_ptr_array_add(argv, (char *)arg);
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
