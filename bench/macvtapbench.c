/*
 * macvtapbench.c: create and delete macvtap links through the library,
 * and the same through "ip -batch FILE", and compare
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 *
 * Runs as root in a network namespace it makes (and deletes): a veth
 * pair, and N macvtaps in bridge mode on one end, each brought up, then
 * all deleted.  Prints both times and the ratio library / ip.
 *
 *   macvtapbench [N]     (default 500)
 */

#include <config.h>

#include <unistd.h>

#include "backend.h"
#include "nstest.h"
#include "testutils.h"
#include "vterror.h"


static double
benchLibrary(unsigned int n)
{
    g_autoptr(GPtrArray) recs = g_ptr_array_new_with_free_func((GDestroyNotify)vtBackendRecordFree);
    gint64 start = g_get_monotonic_time();
    unsigned int i;

    for (i = 0; i < n; i++) {
        vtMacAddr mac = { { 0x52, 0x54, 0x00, 0x01, (i >> 8) & 0xff, i & 0xff } };
        vtBackendRecord *rec = NULL;

        if (vtBackendCreateMacvtap("pf0", &mac, VT_BACKEND_MACVLAN_MODE_BRIDGE,
                                   NULL, &rec, NULL) < 0) {
            g_printerr("library: %s\n", vtGetLastErrorMessage());
            return -1;
        }
        g_ptr_array_add(recs, rec);
    }

    for (i = 0; i < recs->len; i++) {
        if (vtBackendUndo(g_ptr_array_index(recs, i), NULL) < 0) {
            g_printerr("library: %s\n", vtGetLastErrorMessage());
            return -1;
        }
    }

    return (g_get_monotonic_time() - start) / 1e6;
}


static double
benchIpBatch(unsigned int n)
{
    g_autoptr(GString) batch = g_string_new(NULL);
    g_autofree char *dir = vtTestMakeTempDir("vt-macvtapbench-XXXXXX");
    g_autofree char *file = NULL;
    const char *argv[] = { "ip", "-batch", NULL, NULL };
    g_autofree char *err = NULL;
    gint64 start;
    double elapsed;
    unsigned int i;
    int status;

    if (!dir)
        return -1;
    file = g_build_filename(dir, "batch", NULL);

    for (i = 0; i < n; i++) {
        g_string_append_printf(batch,
                               "link add ipmvt%u link pf0 address 52:54:00:02:%02x:%02x type macvtap mode bridge\n",
                               i, (i >> 8) & 0xff, i & 0xff);
        g_string_append_printf(batch, "link set ipmvt%u up\n", i);
    }
    for (i = 0; i < n; i++)
        g_string_append_printf(batch, "link del ipmvt%u\n", i);

    if (!g_file_set_contents(file, batch->str, batch->len, NULL)) {
        vtTestRemoveTree(dir);
        return -1;
    }

    argv[2] = file;
    start = g_get_monotonic_time();
    if (vtTestRunCommand(argv, NULL, NULL, &err, &status) < 0 || status != 0) {
        g_printerr("ip -batch failed: %s\n", NULLSTR(err));
        vtTestRemoveTree(dir);
        return -1;
    }
    elapsed = (g_get_monotonic_time() - start) / 1e6;

    vtTestRemoveTree(dir);
    return elapsed;
}


int
main(int argc, char **argv)
{
    g_autofree char *ns = NULL;
    const char *reason = NULL;
    unsigned int n = 500;
    double lib = -1;
    double ip = -1;
    int ret = 1;

    if (argc > 1)
        n = strtoul(argv[1], NULL, 10);
    if (n == 0 || n > 5000) {
        g_printerr("usage: %s [COUNT (1-5000)]\n", argv[0]);
        return 2;
    }

    if (!vtTestNsAvailable(&reason)) {
        g_print("macvtapbench: skipped: %s\n", reason);
        return 77;
    }

    ns = g_strdup_printf("vt-bench-%ld", (long)getpid());
    if (vtTestNsCreate(ns) < 0)
        return 1;

    if (vtTestNsRun(ns, NULL, "link add pf0 type veth peer name sw0") < 0 ||
        vtTestNsRun(ns, NULL, "link set pf0 up") < 0 ||
        vtTestNsRun(ns, NULL, "link set sw0 up") < 0 ||
        vtTestNsEnter(ns) < 0)
        goto cleanup;

    /* warm up both paths once, so the first run pays no one-off cost */
    if (benchLibrary(5) < 0 || benchIpBatch(5) < 0)
        goto cleanup;

    if ((lib = benchLibrary(n)) < 0 || (ip = benchIpBatch(n)) < 0)
        goto cleanup;

    g_print("macvtap create+up+delete x%u (namespace %s)\n", n, ns);
    g_print("  library (netlink, one socket per request): %.3f s  (%.1f us per link)\n",
            lib, lib * 1e6 / n);
    g_print("  ip -batch FILE (one process, one socket):  %.3f s  (%.1f us per link)\n",
            ip, ip * 1e6 / n);
    g_print("  ratio library / ip: %.2f\n", lib / ip);
    ret = 0;

 cleanup:
    vtTestNsDelete(ns);
    return ret;
}
