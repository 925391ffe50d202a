/*
 * macvtapbench.c: create and delete macvtap links through the library,
 * and the same through "ip -batch FILE", and compare
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 *
 * Runs as root in a network namespace it makes (and deletes): a veth
 * pair, and N macvtaps in bridge mode on one end, each brought up, then
 * all deleted, three ways:
 *
 *   library, per link    one RTM_DELLINK per link (vtBackendUndo)
 *   library, link group  created in one link group and deleted with one
 *                        request (vtBackendUndoLinkGroup: what teardown
 *                        does with a domain's macvtaps and taps)
 *   ip -batch FILE       the anchor: one "link add"/"link del" per link
 *
 * Prints the times and the ratios to ip.
 *
 *   macvtapbench [N]     (default 500)
 */

#include <config.h>

#include <unistd.h>

#include "backend.h"
#include "nstest.h"
#include "testutils.h"
#include "vterror.h"


typedef struct {
    double create;  /* seconds to create and bring up every link */
    double delete;  /* seconds to delete them */
} benchTimes;


static int
benchLibrary(unsigned int n,
             bool group,
             benchTimes *t)
{
    g_autoptr(GPtrArray) recs = g_ptr_array_new_with_free_func((GDestroyNotify)vtBackendRecordFree);
    g_autoptr(GPtrArray) names = g_ptr_array_new();
    uint32_t linkGroup = 0;
    gint64 start = g_get_monotonic_time();
    gint64 mid;
    unsigned int i;

    if (group &&
        vtBackendPickLinkGroup((const unsigned char *)"macvtapbench", 12, &linkGroup) < 0) {
        g_printerr("library: %s\n", vtGetLastErrorMessage());
        return -1;
    }

    for (i = 0; i < n; i++) {
        vtMacAddr mac = { { 0x52, 0x54, 0x00, 0x01, (i >> 8) & 0xff, i & 0xff } };
        vtBackendRecord *rec = NULL;

        if (vtBackendCreateMacvtap("pf0", &mac, VT_NETDEV_MACVLAN_MODE_BRIDGE,
                                   NULL, linkGroup, &rec, NULL) < 0) {
            g_printerr("library: %s\n", vtGetLastErrorMessage());
            return -1;
        }
        g_ptr_array_add(recs, rec);
        g_ptr_array_add(names, rec->ifname);
    }
    g_ptr_array_add(names, NULL);
    mid = g_get_monotonic_time();

    if (group) {
        if (vtBackendUndoLinkGroup(linkGroup, (const char *const *)names->pdata) != 1) {
            g_printerr("library: link group %u not deleted: %s\n", linkGroup,
                       vtGetLastErrorMessage());
            return -1;
        }
    } else {
        for (i = 0; i < recs->len; i++) {
            if (vtBackendUndo(g_ptr_array_index(recs, i), NULL) < 0) {
                g_printerr("library: %s\n", vtGetLastErrorMessage());
                return -1;
            }
        }
    }
    if (vtTestCountLinks() != 3) {
        g_printerr("library: %u links left, expected lo, pf0, sw0\n", vtTestCountLinks());
        return -1;
    }

    t->create = (mid - start) / 1e6;
    t->delete = (g_get_monotonic_time() - mid) / 1e6;
    return 0;
}


static double
benchIpRun(const char *dir,
           const char *name,
           const char *content)
{
    g_autofree char *file = g_build_filename(dir, name, NULL);
    const char *argv[] = { "ip", "-batch", file, NULL };
    g_autofree char *err = NULL;
    gint64 start;
    int status;

    if (!g_file_set_contents(file, content, -1, NULL))
        return -1;

    start = g_get_monotonic_time();
    if (vtTestRunCommand(argv, NULL, NULL, &err, &status) < 0 || status != 0) {
        g_printerr("ip -batch failed: %s\n", NULLSTR(err));
        return -1;
    }
    return (g_get_monotonic_time() - start) / 1e6;
}


static int
benchIpBatch(unsigned int n,
             benchTimes *t)
{
    g_autoptr(GString) create = g_string_new(NULL);
    g_autoptr(GString) delete = g_string_new(NULL);
    g_autofree char *dir = vtTestMakeTempDir("vt-macvtapbench-XXXXXX");
    unsigned int i;
    int ret = -1;

    if (!dir)
        return -1;

    for (i = 0; i < n; i++) {
        g_string_append_printf(create,
                               "link add ipmvt%u link pf0 address 52:54:00:02:%02x:%02x type macvtap mode bridge\n",
                               i, (i >> 8) & 0xff, i & 0xff);
        g_string_append_printf(create, "link set ipmvt%u up\n", i);
        g_string_append_printf(delete, "link del ipmvt%u\n", i);
    }

    if ((t->create = benchIpRun(dir, "create", create->str)) >= 0 &&
        (t->delete = benchIpRun(dir, "delete", delete->str)) >= 0)
        ret = 0;

    vtTestRemoveTree(dir);
    return ret;
}


int
main(int argc, char **argv)
{
    g_autofree char *ns = NULL;
    const char *reason = NULL;
    unsigned int n = 500;
    benchTimes lib;
    benchTimes grp;
    benchTimes ip;
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
    if (benchLibrary(5, false, &lib) < 0 || benchLibrary(5, true, &grp) < 0 ||
        benchIpBatch(5, &ip) < 0)
        goto cleanup;

    if (benchLibrary(n, false, &lib) < 0 || benchLibrary(n, true, &grp) < 0 ||
        benchIpBatch(n, &ip) < 0)
        goto cleanup;

    g_print("macvtap create+up then delete, x%u (namespace %s)\n", n, ns);
    g_print("  %-44s %9s %9s %9s\n", "", "create", "delete", "total");
    g_print("  %-44s %8.3fs %8.3fs %8.3fs\n",
            "ip -batch FILE (anchor)", ip.create, ip.delete, ip.create + ip.delete);
    g_print("  %-44s %8.3fs %8.3fs %8.3fs\n",
            "library, one request per link", lib.create, lib.delete, lib.create + lib.delete);
    g_print("  %-44s %8.3fs %8.3fs %8.3fs\n",
            "library, link group (teardown)", grp.create, grp.delete, grp.create + grp.delete);
    g_print("  %-44s %8.3f  %8.3f  %8.3f\n",
            "ratio per link / ip", lib.create / ip.create, lib.delete / ip.delete,
            (lib.create + lib.delete) / (ip.create + ip.delete));
    g_print("  %-44s %8.3f  %8.3f  %8.3f\n",
            "ratio link group / ip", grp.create / ip.create, grp.delete / ip.delete,
            (grp.create + grp.delete) / (ip.create + ip.delete));
    ret = 0;

 cleanup:
    vtTestNsDelete(ns);
    return ret;
}
