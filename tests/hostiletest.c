/*
 * hostiletest.c: hostile XML documents against the virt-teaming CLI
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 *
 * Each document is generated at run time in a temporary folder and
 * given to `virt-teaming net-format`, `domain-format`, `port-format`,
 * and, as a domain, to `validate` and `allocate` (on an empty host of
 * that folder).  Every case asserts:
 *   - the process exits (no signal: no crash, no CPU-limit kill) with
 *     status 2 (the input could not be used);
 *   - stderr is exactly one line, starting "error: ";
 *   - stdout is empty;
 *   - memory stays bounded: the child runs under RLIMIT_AS = 512 MiB
 *     (not under AddressSanitizer, whose shadow memory needs terabytes
 *     of address space) and its peak RSS, from wait4(), is below
 *     200 MiB (512 MiB under AddressSanitizer).
 * Some cases assert more, named in the table below (e.g. that the
 * content of a file named by an external entity never shows up).
 */

#include <config.h>

#include <fcntl.h>
#include <sys/resource.h>
#include <sys/time.h>
#include <sys/wait.h>
#include <unistd.h>

#include "testutils.h"

#if defined(__SANITIZE_ADDRESS__)
# define TEST_ASAN 1
#elif defined(__has_feature)
# if __has_feature(address_sanitizer)
#  define TEST_ASAN 1
# endif
#endif

#define TEST_MIB (1024 * 1024)
#ifdef TEST_ASAN
# define TEST_MAX_RSS_KIB (512 * 1024)
#else
# define TEST_MAX_RSS_KIB (200 * 1024)
# define TEST_RLIMIT_AS (512UL * TEST_MIB)
#endif
#define TEST_RLIMIT_CPU 60

/* A marker that must never be printed: the content of the file that
 * the external entities point at. */
#define TEST_SECRET "vt-hostile-secret-5b0e5a1e53b84c43"

/* the file the external entities name, in the current test's folder */
static char *testSecretPath;

typedef void (*testWriter)(FILE *fp, const char *root);

typedef struct {
    const char *name;
    testWriter write;
    bool checkSecret;   /* also: the secret file's content is not printed */
} testCase;


static void
writeExternalEntity(FILE *fp, const char *root)
{
    fprintf(fp, "<?xml version='1.0'?>\n"
                "<!DOCTYPE %1$s [\n"
                "  <!ENTITY e SYSTEM \"file://%2$s\">\n"
                "]>\n"
                "<%1$s><name>&e;</name><uuid>&e;</uuid></%1$s>\n",
            root, testSecretPath);
}


static void
writeExternalEntityHostname(FILE *fp, const char *root)
{
    fprintf(fp, "<!DOCTYPE x [<!ENTITY e SYSTEM \"file:///etc/hostname\">]>\n"
                "<%1$s><name>&e;</name></%1$s>\n", root);
}


static void
writeExternalParameterEntity(FILE *fp, const char *root)
{
    fprintf(fp, "<!DOCTYPE %1$s [\n"
                "  <!ENTITY %% p SYSTEM \"file://%2$s\">\n"
                "  %%p;\n"
                "]>\n"
                "<%1$s><name>x</name></%1$s>\n", root, testSecretPath);
}


static void
writeExternalDTD(FILE *fp, const char *root)
{
    /* nothing listens there: a fetch would show as a delay or an error */
    fprintf(fp, "<!DOCTYPE %1$s SYSTEM \"http://127.0.0.1:9/evil.dtd\">\n"
                "<%1$s><name>x</name></%1$s>\n", root);
}


static void
writeBillionLaughs(FILE *fp, const char *root)
{
    size_t i;

    fprintf(fp, "<?xml version='1.0'?>\n<!DOCTYPE %s [\n", root);
    fprintf(fp, "  <!ENTITY lol0 \"lol\">\n");
    for (i = 1; i < 10; i++)
        fprintf(fp, "  <!ENTITY lol%zu \"&lol%zu;&lol%zu;&lol%zu;&lol%zu;&lol%zu;"
                    "&lol%zu;&lol%zu;&lol%zu;&lol%zu;&lol%zu;\">\n",
                i, i - 1, i - 1, i - 1, i - 1, i - 1, i - 1, i - 1, i - 1, i - 1, i - 1);
    fprintf(fp, "]>\n<%1$s><name>&lol9;</name></%1$s>\n", root);
}


static void
writeHuge(FILE *fp, const char *root)
{
    g_autofree char *chunk = g_strnfill(TEST_MIB, 'a');
    size_t i;

    fprintf(fp, "<%s><name>big</name><description>", root);
    for (i = 0; i < 50; i++)
        fwrite(chunk, 1, TEST_MIB, fp);
    fprintf(fp, "</description></%s>\n", root);
}


static void
writeDeep(FILE *fp, const char *root)
{
    size_t i;

    fprintf(fp, "<%s><name>deep</name>", root);
    for (i = 0; i < 100000; i++)
        fputs("<a>", fp);
    for (i = 0; i < 100000; i++)
        fputs("</a>", fp);
    fprintf(fp, "</%s>\n", root);
}


static void
writeInvalidUTF8(FILE *fp, const char *root)
{
    fprintf(fp, "<%1$s><name>bad\xff\xfe\xc3</name></%1$s>\n", root);
}


static void
writeNulByte(FILE *fp, const char *root)
{
    fprintf(fp, "<%s><name>nul", root);
    fputc('\0', fp);
    fprintf(fp, "byte</name></%s>\n", root);
}


static void
writeEmpty(FILE *fp G_GNUC_UNUSED, const char *root G_GNUC_UNUSED)
{
}


static void
writeTruncated(FILE *fp, const char *root)
{
    fprintf(fp, "<%s>\n  <name>trunc</name>\n  <uuid>5b0e5a1e-53b8-4c43-9d8f", root);
}


static const testCase testCases[] = {
    { "external-entity", writeExternalEntity, true },
    { "external-entity-hostname", writeExternalEntityHostname, false },
    { "external-parameter-entity", writeExternalParameterEntity, true },
    { "external-dtd", writeExternalDTD, false },
    { "billion-laughs", writeBillionLaughs, false },
    { "50MB", writeHuge, false },
    { "deep-nesting", writeDeep, false },
    { "invalid-utf8", writeInvalidUTF8, false },
    { "nul-byte", writeNulByte, false },
    { "empty", writeEmpty, false },
    { "truncated", writeTruncated, false },
};

typedef struct {
    const char *command;
    const char *root;
    bool host;          /* give it a sysfs root, network and state folders */
} testCommand;

static const testCommand testCommands[] = {
    { "net-format", "network", false },
    { "domain-format", "domain", false },
    { "port-format", "networkport", false },
    { "validate", "domain", true },
    { "allocate", "domain", true },
};

typedef struct {
    const testCase *tc;
    const testCommand *cmd;
} testData;


/* Run @argv with stdout/stderr in files, under the limits; returns the
 * wait status and the peak RSS in KiB. */
static void
testRunLimited(const char * const *argv, const char *outPath, const char *errPath,
               int *wstatus, long *maxrssKiB)
{
    struct rusage ru = { 0 };
    pid_t pid;

    pid = fork();
    g_assert_cmpint(pid, >=, 0);

    if (pid == 0) {
        struct rlimit cpu = { TEST_RLIMIT_CPU, TEST_RLIMIT_CPU };
        int outfd = open(outPath, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);
        int errfd = open(errPath, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);
#ifdef TEST_RLIMIT_AS
        struct rlimit as = { TEST_RLIMIT_AS, TEST_RLIMIT_AS };

        if (setrlimit(RLIMIT_AS, &as) < 0)
            _exit(127);
#endif
        if (outfd < 0 || errfd < 0 ||
            setrlimit(RLIMIT_CPU, &cpu) < 0 ||
            dup2(outfd, STDOUT_FILENO) < 0 ||
            dup2(errfd, STDERR_FILENO) < 0)
            _exit(127);
        execv(argv[0], (char * const *)argv);
        _exit(127);
    }

    g_assert_cmpint(wait4(pid, wstatus, 0, &ru), ==, pid);
    *maxrssKiB = ru.ru_maxrss;
}


static void
testHostile(gconstpointer opaque)
{
    const testData *data = opaque;
    const char *binary = g_getenv("VIRT_TEAMING");
    g_autofree char *base = g_strdup_printf("%s-%s", data->cmd->root, data->tc->name);
    g_autofree char *docPath = NULL;
    g_autofree char *outPath = NULL;
    g_autofree char *errPath = NULL;
    g_autofree char *out = NULL;
    g_autofree char *err = NULL;
    g_autofree char *hostname = NULL;
    g_autofree char *dir = NULL;
    g_autofree char *sysfsOpt = NULL;
    g_autofree char *networkOpt = NULL;
    g_autofree char *stateOpt = NULL;
    const char *argv[7];
    size_t argc = 0;
    FILE *fp = NULL;
    bool written;
    bool read = false;
    int wstatus = 0;
    long maxrss = 0;

    /* everything lives in a folder of this test, removed before the
     * checks so that a failing check leaves nothing behind */
    dir = vtTestMakeTempDir("vt-hostile-XXXXXX");
    g_assert_nonnull(dir);
    testSecretPath = g_build_filename(dir, "secret.txt", NULL);
    docPath = g_strdup_printf("%s/%s.xml", dir, base);
    outPath = g_strdup_printf("%s/%s.out", dir, base);
    errPath = g_strdup_printf("%s/%s.err", dir, base);

    written = g_file_set_contents(testSecretPath, TEST_SECRET "\n", -1, NULL);
    if (written && (fp = fopen(docPath, "w"))) {
        data->tc->write(fp, data->cmd->root);
        written = fclose(fp) == 0;
    } else {
        written = false;
    }

    if (written) {
        argv[argc++] = binary;
        if (data->cmd->host) {
            /* an empty host, so that only the document can be refused */
            static const char *const dirs[] = {
                "sys/class/net", "sys/bus/pci/devices", "networks",
            };
            size_t i;

            for (i = 0; i < G_N_ELEMENTS(dirs); i++) {
                g_autofree char *sub = g_build_filename(dir, dirs[i], NULL);

                written = written && g_mkdir_with_parents(sub, 0700) == 0;
            }
            sysfsOpt = g_strdup_printf("--sysfs-root=%s/sys", dir);
            networkOpt = g_strdup_printf("--network-dir=%s/networks", dir);
            stateOpt = g_strdup_printf("--state-dir=%s/state", dir);
            argv[argc++] = sysfsOpt;
            argv[argc++] = networkOpt;
            argv[argc++] = stateOpt;
        }
        argv[argc++] = data->cmd->command;
        argv[argc++] = docPath;
        argv[argc] = NULL;
        testRunLimited(argv, outPath, errPath, &wstatus, &maxrss);

        read = g_file_get_contents(outPath, &out, NULL, NULL) &&
            g_file_get_contents(errPath, &err, NULL, NULL);
    }

    vtTestRemoveTree(dir);
    g_clear_pointer(&testSecretPath, g_free);
    g_assert_true(written);
    g_assert_true(read);

    /* no signal (a crash, an abort, or the CPU limit), exit status 2 */
    if (!WIFEXITED(wstatus))
        g_printerr("%s %s: killed by signal %d; stderr: %s\n",
                   data->cmd->command, data->tc->name, WTERMSIG(wstatus), err);
    g_assert_true(WIFEXITED(wstatus));
    g_assert_cmpint(WEXITSTATUS(wstatus), ==, 2);

    /* nothing on stdout; exactly one line on stderr, "error: ..." */
    g_assert_cmpstr(out, ==, "");
    g_assert_true(g_str_has_prefix(err, "error: "));
    g_assert_nonnull(strchr(err, '\n'));
    g_assert_cmpstr(strchr(err, '\n'), ==, "\n");

    /* bounded memory */
    g_assert_cmpint(maxrss, <, TEST_MAX_RSS_KIB);

    /* what an external entity points at is never read into the output */
    if (data->tc->checkSecret) {
        g_assert_null(strstr(out, TEST_SECRET));
        g_assert_null(strstr(err, TEST_SECRET));
    }
    if (g_file_get_contents("/etc/hostname", &hostname, NULL, NULL) &&
        *g_strstrip(hostname) &&
        g_str_has_prefix(data->tc->name, "external-entity-hostname")) {
        g_assert_null(strstr(out, hostname));
        g_assert_null(strstr(err, hostname));
    }
}


int
main(int argc, char **argv)
{
    g_autoptr(GPtrArray) data = g_ptr_array_new_with_free_func(g_free);
    const char *binary = g_getenv("VIRT_TEAMING");
    size_t i;
    size_t j;

    g_test_init(&argc, &argv, NULL);

    if (!binary || !g_file_test(binary, G_FILE_TEST_IS_EXECUTABLE)) {
        g_printerr("VIRT_TEAMING must name the built virt-teaming binary\n");
        return EXIT_FAILURE;
    }

    for (i = 0; i < G_N_ELEMENTS(testCommands); i++) {
        for (j = 0; j < G_N_ELEMENTS(testCases); j++) {
            testData *d = g_new0(testData, 1);
            g_autofree char *name = g_strdup_printf("/hostile/%s/%s",
                                                    testCommands[i].command,
                                                    testCases[j].name);

            d->tc = &testCases[j];
            d->cmd = &testCommands[i];
            g_ptr_array_add(data, d);
            g_test_add_data_func(name, d, testHostile);
        }
    }

    return g_test_run();
}
