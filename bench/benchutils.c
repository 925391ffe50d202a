/*
 * benchutils.c: what the benchmarks share: timing processes and calls,
 *               medians, the example host and its teaming domains
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#include <config.h>

#include <errno.h>

#include <gio/gio.h>

#include "benchutils.h"
#include "testutils.h"


static int
benchCompare(gconstpointer a, gconstpointer b)
{
    double x = *(const double *)a;
    double y = *(const double *)b;

    return x < y ? -1 : x > y;
}


/* A temporary folder on tmpfs (/dev/shm) when the machine has one, as
 * libvirt's and this project's state is (under /run); else under
 * TMPDIR.  @tmpl ends in XXXXXX. */
char *
benchMakeTempDir(const char *tmpl)
{
    g_autofree char *path = NULL;

    if (!g_file_test("/dev/shm", G_FILE_TEST_IS_DIR))
        return vtTestMakeTempDir(tmpl);
    path = g_build_filename("/dev/shm", tmpl, NULL);
    if (!g_mkdtemp(path)) {
        g_printerr("cannot create %s: %s\n", path, g_strerror(errno));
        return NULL;
    }
    return g_steal_pointer(&path);
}


/* The median of @values (sorted in place); -1 if any is negative (a
 * failed run). */
double
benchMedian(double *values, size_t n)
{
    size_t i;

    if (n == 0)
        return -1;
    for (i = 0; i < n; i++) {
        if (values[i] < 0)
            return -1;
    }
    qsort(values, n, sizeof(double), benchCompare);
    if (n % 2)
        return values[n / 2];
    return (values[n / 2 - 1] + values[n / 2]) / 2;
}


double
benchNowMs(void)
{
    return g_get_monotonic_time() / 1000.0;
}


/* The wall time, in milliseconds, of one run of @argv with @input (a
 * file, or NULL for /dev/null) on stdin; -1 when it cannot run or does
 * not exit with @status (unless BENCH_ANY_STATUS). */
double
benchRunOnce(const char * const *argv, const char *input, int status)
{
    g_autoptr(GSubprocessLauncher) launcher = NULL;
    g_autoptr(GSubprocess) proc = NULL;
    g_autoptr(GError) err = NULL;
    double start;
    double ms;

    launcher = g_subprocess_launcher_new(G_SUBPROCESS_FLAGS_STDOUT_SILENCE |
                                         G_SUBPROCESS_FLAGS_STDERR_SILENCE);
    g_subprocess_launcher_set_stdin_file_path(launcher, input ? input : "/dev/null");
    start = benchNowMs();
    if (!(proc = g_subprocess_launcher_spawnv(launcher, argv, &err)) ||
        !g_subprocess_wait(proc, NULL, &err)) {
        g_printerr("%s: %s\n", argv[0], err->message);
        return -1;
    }
    ms = benchNowMs() - start;
    if (status != BENCH_ANY_STATUS &&
        (!g_subprocess_get_if_exited(proc) ||
         g_subprocess_get_exit_status(proc) != status)) {
        g_printerr("%s %s: exit status %d, expected %d\n", argv[0],
                   argv[1] ? argv[1] : "",
                   g_subprocess_get_if_exited(proc) ?
                   g_subprocess_get_exit_status(proc) : -1, status);
        return -1;
    }
    return ms;
}


/* The median wall time of @n runs of benchRunOnce(); -1 on a failure */
double
benchRunMedian(const char * const *argv, const char *input,
               int status, unsigned int n)
{
    g_autofree double *times = g_new0(double, n);
    unsigned int i;

    for (i = 0; i < n; i++) {
        if ((times[i] = benchRunOnce(argv, input, status)) < 0)
            return -1;
    }
    return benchMedian(times, n);
}


/* A domain named @name with @pairs teaming pairs in the recommended
 * macvtap layout: a virtio standby on failover-standby, a VF primary
 * on failover-vfs. */
char *
benchDomainXML(const char *name, size_t pairs)
{
    g_autoptr(GString) x = g_string_new(NULL);
    g_autofree char *uuid = g_uuid_string_random();
    size_t i;

    g_string_append_printf(x, "<domain type='kvm'>\n"
                              "  <name>%s</name>\n"
                              "  <uuid>%s</uuid>\n"
                              "  <memory unit='KiB'>1048576</memory>\n"
                              "  <vcpu>1</vcpu>\n"
                              "  <os>\n    <type arch='x86_64' machine='q35'>hvm</type>\n  </os>\n"
                              "  <devices>\n", name, uuid);
    for (i = 0; i < pairs; i++) {
        g_string_append_printf(x,
                               "    <interface type='network'>\n"
                               "      <mac address='52:54:00:6d:%02zx:%02zx'/>\n"
                               "      <source network='failover-standby'/>\n"
                               "      <model type='virtio'/>\n"
                               "      <teaming type='persistent'/>\n"
                               "      <alias name='ua-backup%zu'/>\n"
                               "    </interface>\n"
                               "    <interface type='network'>\n"
                               "      <mac address='52:54:00:6d:%02zx:%02zx'/>\n"
                               "      <source network='failover-vfs'/>\n"
                               "      <teaming type='transient' persistent='ua-backup%zu'/>\n"
                               "    </interface>\n",
                               i >> 8, i & 0xff, i, i >> 8, i & 0xff, i);
    }
    g_string_append(x, "  </devices>\n</domain>\n");
    return g_string_free(g_steal_pointer(&x), false);
}


/* Copy the networks of the macvtap layout (examples/layout-macvtap)
 * into @networkDir, which is created. */
int
benchWriteExampleLayout(const char *networkDir)
{
    const char *layout[] = { "failover-standby.xml", "failover-vfs.xml" };
    size_t i;

    if (g_mkdir_with_parents(networkDir, 0755) < 0) {
        g_printerr("cannot create %s\n", networkDir);
        return -1;
    }
    for (i = 0; i < G_N_ELEMENTS(layout); i++) {
        g_autofree char *src = g_build_filename(abs_top_srcdir, "examples",
                                                "layout-macvtap", "networks",
                                                layout[i], NULL);
        g_autofree char *dst = g_build_filename(networkDir, layout[i], NULL);
        g_autofree char *text = vtTestLoadFile(src);

        if (!text || !g_file_set_contents(dst, text, -1, NULL)) {
            g_printerr("cannot copy %s\n", src);
            return -1;
        }
    }
    return 0;
}
