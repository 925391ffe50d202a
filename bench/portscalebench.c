/*
 * portscalebench.c: the cost of one port create and one port delete
 *                   against the number of ports already held
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 *
 * In one process, on a bridge network (no host needed) whose state
 * directory already holds 0, 100 and 1000 ports, time
 * vtAllocatorPortCreate() and vtAllocatorPortDelete() of one more port,
 * N times each, and print the medians.  The ports held are written
 * straight into the state (as libvirt would have left them), so the
 * set-up costs the same whatever the allocator does; one untimed
 * create and delete then reads them, as the first operation on such a
 * host does.
 *
 * The anchor, measured in the same run in the same directory, is the
 * read of one port file (vtNetworkPortDefParseFile): the ratios to it
 * say how many port reads an operation is worth, and are what compare
 * between runs and machines.
 *
 *   portscalebench [DIR [N [HELD]]]   (DIR: where the state goes,
 *                                      default the temporary folder;
 *                                      N: default 200; HELD: only this
 *                                      number of ports held, e.g. for
 *                                      counting instructions with
 *                                      callgrind --toggle-collect)
 *
 * It asserts nothing about speed.
 */

#include <config.h>

#include <unistd.h>

#include "testutils.h"
#include "allocator.h"
#include "netstate.h"
#include "vterror.h"

static const unsigned int benchHeld[] = { 0, 100, 1000 };

#define BENCH_NETWORK \
    "<network>\n" \
    "  <name>br</name>\n" \
    "  <uuid>5a6b0a34-1c2d-4e5f-8a9b-0c1d2e3f4a5b</uuid>\n" \
    "  <forward mode='bridge'/>\n" \
    "  <bridge name='br0'/>\n" \
    "</network>\n"


static char *
benchPortXML(unsigned int n, bool plugged)
{
    return g_strdup_printf("<networkport>\n"
                           "  <uuid>00000000-0000-4000-8000-%012x</uuid>\n"
                           "  <owner>\n"
                           "    <name>guest%u</name>\n"
                           "    <uuid>c7a5fdbd-cdaf-9455-926a-%012x</uuid>\n"
                           "  </owner>\n"
                           "  <mac address='52:54:00:%02x:%02x:%02x'/>\n"
                           "%s"
                           "</networkport>\n",
                           n, n, n,
                           (n >> 16) & 0xff, (n >> 8) & 0xff, n & 0xff,
                           plugged ? "  <plug type='bridge' bridge='br0'/>\n" : "");
}


static int
benchCompare(gconstpointer a, gconstpointer b)
{
    gint64 x = *(const gint64 *)a;
    gint64 y = *(const gint64 *)b;

    return x < y ? -1 : x > y ? 1 : 0;
}


static double
benchMedian(GArray *times)
{
    g_array_sort(times, benchCompare);
    return g_array_index(times, gint64, times->len / 2);
}


/* The anchor: reading one port file, the unit of what a port
 * operation reads */
static double
benchAnchor(const char *dir, unsigned int n)
{
    g_autoptr(GArray) r = g_array_new(false, false, sizeof(gint64));
    g_autofree char *xml = benchPortXML(1, true);
    g_autofree char *path = g_strdup_printf("%s/anchor.xml", dir);
    unsigned int i;

    if (!g_file_set_contents(path, xml, -1, NULL))
        g_error("cannot write '%s'", path);
    for (i = 0; i < n; i++) {
        gint64 t0 = g_get_monotonic_time();
        g_autoptr(vtNetworkPortDef) port = vtNetworkPortDefParseFile(path);

        if (!port)
            g_error("%s", vtGetLastErrorMessage());
        g_array_append_val(r, (gint64){ g_get_monotonic_time() - t0 });
    }
    unlink(path);
    return benchMedian(r);
}


static void
benchRun(const char *base, unsigned int held, unsigned int n,
         double *create, double *delete)
{
    g_autofree char *dir = g_strdup_printf("%s/held%u", base, held);
    g_autofree char *netdir = g_strdup_printf("%s/networks", dir);
    g_autofree char *state = g_strdup_printf("%s/state", dir);
    g_autofree char *netfile = g_strdup_printf("%s/br.xml", netdir);
    g_autofree char *ports = NULL;
    g_autoptr(vtAllocator) alloc = NULL;
    g_autoptr(GArray) c = g_array_new(false, false, sizeof(gint64));
    g_autoptr(GArray) d = g_array_new(false, false, sizeof(gint64));
    unsigned int i;

    if (g_mkdir_with_parents(netdir, 0700) < 0 ||
        !g_file_set_contents(netfile, BENCH_NETWORK, -1, NULL))
        g_error("cannot write '%s'", netfile);

    if (!(alloc = vtAllocatorOpen(state, netdir, NULL)) ||
        vtAllocatorNetworkStart(alloc, "br") < 0)
        g_error("%s", vtGetLastErrorMessage());

    /* the ports held, written as a libvirtd would have left them */
    ports = vtNetworkPortsDir(state, "br");
    if (g_mkdir_with_parents(ports, 0755) < 0)
        g_error("cannot create '%s'", ports);
    for (i = 0; i < held; i++) {
        g_autofree char *xml = benchPortXML(0x10000 + i, true);
        g_autofree char *path = g_strdup_printf("%s/00000000-0000-4000-8000-%012x.xml",
                                                ports, 0x10000 + i);

        if (!g_file_set_contents(path, xml, -1, NULL))
            g_error("cannot write '%s'", path);
    }

    /* one operation first, untimed: the first after the ports were
     * written by hand reads them all (and writes the port index), as
     * on a host where libvirtd left them */
    {
        g_autofree char *xml = benchPortXML(1, false);
        g_autoptr(vtNetworkPortDef) port = vtNetworkPortDefParseString(xml);

        if (!port ||
            vtAllocatorPortCreate(alloc, "br", port, 0) < 0 ||
            vtAllocatorPortDelete(alloc, "br", port->uuid) < 0)
            g_error("%s", vtGetLastErrorMessage());
    }

    for (i = 0; i < n; i++) {
        g_autofree char *xml = benchPortXML(1, false);
        g_autoptr(vtNetworkPortDef) port = vtNetworkPortDefParseString(xml);
        gint64 t0;
        gint64 t1;

        if (!port)
            g_error("%s", vtGetLastErrorMessage());
        t0 = g_get_monotonic_time();
        if (vtAllocatorPortCreate(alloc, "br", port, 0) < 0)
            g_error("%s", vtGetLastErrorMessage());
        t1 = g_get_monotonic_time();
        if (vtAllocatorPortDelete(alloc, "br", port->uuid) < 0)
            g_error("%s", vtGetLastErrorMessage());
        g_array_append_val(c, (gint64){ t1 - t0 });
        g_array_append_val(d, (gint64){ g_get_monotonic_time() - t1 });
    }
    *create = benchMedian(c);
    *delete = benchMedian(d);
}


int
main(int argc, char **argv)
{
    g_autofree char *base = NULL;
    unsigned int n = 200;
    double anchor;
    int only = -1;
    size_t i;

    if (argc > 4) {
        g_printerr("usage: %s [DIR [N [HELD]]]\n", argv[0]);
        return EXIT_FAILURE;
    }
    if (argc > 3)
        only = atoi(argv[3]);
    if (argc > 2)
        n = MAX(1, atoi(argv[2]));
    if (argc > 1) {
        base = g_build_filename(argv[1], "vt-portscalebench-XXXXXX", NULL);
        if (!g_mkdtemp(base))
            g_error("cannot create a folder in '%s'", argv[1]);
    } else {
        base = vtTestMakeTempDir("vt-portscalebench-XXXXXX");
    }

    anchor = benchAnchor(base, n);
    printf("anchor: one port file read %.1f us (median of %u)\n", anchor, n);
    printf("%6s %12s %12s %10s %10s\n",
           "held", "create us", "delete us", "create/a", "delete/a");
    for (i = 0; i < G_N_ELEMENTS(benchHeld); i++) {
        double c;
        double d;

        if (only >= 0 && benchHeld[i] != (unsigned int)only)
            continue;
        benchRun(base, benchHeld[i], n, &c, &d);
        printf("%6u %12.0f %12.0f %10.1f %10.1f\n",
               benchHeld[i], c, d, c / anchor, d / anchor);
    }

    vtTestRemoveTree(base);
    return EXIT_SUCCESS;
}
