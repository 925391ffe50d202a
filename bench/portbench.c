/*
 * portbench.c: a network port created and deleted, here and by
 *              libvirt's own network driver
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 *
 * libvirt's network driver creates a port (virNetworkPortCreateXML) for
 * every <interface type='network'> of a domain that starts, and deletes
 * it (virNetworkPortDelete) when the domain stops; this project keeps
 * the same books in the same layout.  On one network of the shape
 * libvirt's daemon gets from tests/libvirtd-netns.sh (a hostdev network
 * on PF uplink0 with 8 VFs, managed), each round creates a port on every
 * VF, one by one, then deletes them, one by one, timing each:
 *
 *   libvirtd        virNetworkPortCreateXML / virNetworkPortDelete over
 *                   libvirt's API, to a private libvirtd with only its
 *                   network driver (tests/libvirtd-netns.sh), its state
 *                   (/run/libvirt/network) on disk, and on tmpfs
 *   in process      vtAllocatorPortCreate / vtAllocatorPortDelete on an
 *                   allocator kept open, as the daemon keeps its driver,
 *                   the state on disk, and on tmpfs
 *   processes       virt-teaming allocate / release of a domain with one
 *                   interface on that network, one process per port
 *   sync floor      the port's file written as the state's contract
 *                   requires (a temporary file, its data synced, renamed)
 *                   and unlinked, nothing else: what no port operation
 *                   that keeps the contract can cost less than
 *
 * "On disk" is a folder under the build directory, "on tmpfs" one under
 * /dev/shm.  All of them run in every round, so that a busy moment of
 * the machine hits them alike.  It prints the median per port of each
 * operation and its ratio to libvirtd's on the same medium.  Without
 * root, libvirtd, its network driver or /dev/shm, the rows that need
 * them print "skipped: REASON"; the others still run.  It asserts
 * nothing about speed.
 *
 *   portbench VIRT-TEAMING [ROUNDS]       (default 20)
 */

#include <config.h>

#include <gio/gio.h>
#include <unistd.h>

#ifdef WITH_LIBVIRT
# include <libvirt/libvirt.h>
# include <libvirt/virterror.h>
#endif

#include "testutils.h"
#include "benchutils.h"
#include "allocator.h"
#include "hostdesc.h"
#include "vterror.h"
#include "vtfile.h"

#define BENCH_VFS 8
#define BENCH_LIBVIRTD "/usr/sbin/libvirtd"
#define BENCH_NETWORK_DRIVER \
    "/usr/lib/x86_64-linux-gnu/libvirt/connection-driver/libvirt_driver_network.so"

static const char *benchNetworkXML =
    "<network>\n"
    "  <name>hd</name>\n"
    "  <forward mode='hostdev' managed='yes'>\n"
    "    <pf dev='uplink0'/>\n"
    "  </forward>\n"
    "</network>\n";

typedef enum {
    BENCH_KIND_LIBVIRTD,
    BENCH_KIND_IN_PROCESS,
    BENCH_KIND_PROCESSES,
    BENCH_KIND_FLOOR,
} benchKind;

typedef struct {
    benchKind kind;
    const char *name;
    const char *medium;
    char *skipped;          /* why it does not run, or NULL */
    char *dir;              /* its folder, removed at the end */
    /* libvirtd */
    char *script;
#ifdef WITH_LIBVIRT
    virConnectPtr conn;
    virNetworkPtr net;
#endif
    /* this project */
    char *sysfs;
    char *netdir;
    char *state;
    char *domains[BENCH_VFS];
    vtAllocator *alloc;
    const char *tool;
    /* the times, per port */
    GArray *create;
    GArray *delete;
} benchVariant;


static char *
benchPortXML(unsigned int k)
{
    return g_strdup_printf("<networkport>\n"
                           "  <uuid>00000000-0000-4000-8000-%012x</uuid>\n"
                           "  <owner>\n"
                           "    <name>guest%u</name>\n"
                           "    <uuid>c7a5fdbd-cdaf-9455-926a-%012x</uuid>\n"
                           "  </owner>\n"
                           "  <mac address='52:54:00:00:10:%02x'/>\n"
                           "</networkport>\n", k, k, k, k & 0xff);
}


static char *
benchDomainOneXML(unsigned int k)
{
    return g_strdup_printf("<domain type='kvm'>\n"
                           "  <name>guest%u</name>\n"
                           "  <uuid>c7a5fdbd-cdaf-9455-926a-%012x</uuid>\n"
                           "  <memory unit='KiB'>1048576</memory>\n"
                           "  <os><type arch='x86_64' machine='q35'>hvm</type></os>\n"
                           "  <devices>\n"
                           "    <interface type='network'>\n"
                           "      <mac address='52:54:00:00:10:%02x'/>\n"
                           "      <source network='hd'/>\n"
                           "    </interface>\n"
                           "  </devices>\n"
                           "</domain>\n", k, k, k & 0xff);
}


/* The folder of a variant: under the build directory ("disk") or under
 * /dev/shm ("tmpfs"). */
static char *
benchMakeDir(const char *medium, const char *name)
{
    g_autofree char *tmpl = NULL;

    if (STREQ(medium, "tmpfs"))
        tmpl = g_strdup_printf("/dev/shm/portbench-%s-XXXXXX", name);
    else
        tmpl = g_strdup_printf("%s/bench/portbench-%s-XXXXXX", abs_top_builddir, name);
    if (!g_mkdtemp(tmpl)) {
        g_printerr("cannot create %s: %s\n", tmpl, g_strerror(errno));
        return NULL;
    }
    return g_steal_pointer(&tmpl);
}


/* This project's side: the same host as a sysfs tree, the network, the
 * state; for the processes, one domain per port. */
static int
benchProjectPrepare(benchVariant *v)
{
    g_autoptr(GString) desc = g_string_new(NULL);
    g_autofree char *descPath = NULL;
    g_autofree char *netPath = NULL;
    unsigned int k;

    if (!(v->dir = benchMakeDir(v->medium, v->kind == BENCH_KIND_PROCESSES ?
                                "processes" :
                                v->kind == BENCH_KIND_FLOOR ? "floor" : "inprocess")))
        return -1;
    if (v->kind == BENCH_KIND_FLOOR)
        return 0;
    v->sysfs = g_build_filename(v->dir, "sys", NULL);
    v->netdir = g_build_filename(v->dir, "networks", NULL);
    v->state = g_build_filename(v->dir, "state", NULL);
    descPath = g_build_filename(v->dir, "host.txt", NULL);
    netPath = g_build_filename(v->netdir, "hd.xml", NULL);

    /* tests/libvirtd-netns.sh's host: VF N at 0000:03:10.N, netdev vfNa */
    g_string_append_printf(desc, "pf uplink0 pci=0000:03:00.0 totalvfs=%u numvfs=%u "
                                 "vfpci=0000:03:10.0\n", BENCH_VFS, BENCH_VFS);
    for (k = 0; k < BENCH_VFS; k++)
        g_string_append_printf(desc, "vf uplink0 %u netdev=vf%ua\n", k, k);

    if (!g_file_set_contents(descPath, desc->str, -1, NULL) ||
        g_mkdir(v->netdir, 0755) < 0 ||
        !g_file_set_contents(netPath, benchNetworkXML, -1, NULL) ||
        vtHostDescBuildFile(descPath, v->sysfs) < 0 ||
        !(v->alloc = vtAllocatorOpen(v->state, v->netdir, v->sysfs)) ||
        vtAllocatorNetworkStart(v->alloc, "hd") < 0) {
        g_printerr("%s (%s): set-up: %s\n", v->name, v->medium,
                   NULLSTR(vtGetLastErrorMessage()));
        return -1;
    }
    g_strfreev(vtTakeWarnings());

    if (v->kind == BENCH_KIND_PROCESSES) {
        g_clear_pointer(&v->alloc, vtAllocatorFree);
        for (k = 0; k < BENCH_VFS; k++) {
            g_autofree char *xml = benchDomainOneXML(k);

            v->domains[k] = g_strdup_printf("%s/guest%u.xml", v->dir, k);
            if (!g_file_set_contents(v->domains[k], xml, -1, NULL))
                return -1;
        }
    }
    return 0;
}


static int
benchProjectRound(benchVariant *v)
{
    unsigned int k;
    double start;
    double ms;

    for (k = 0; k < BENCH_VFS; k++) {
        if (v->kind == BENCH_KIND_PROCESSES) {
            const char *argv[] = { v->tool, "--sysfs-root", v->sysfs,
                                   "--network-dir", v->netdir, "--state-dir", v->state,
                                   "allocate", v->domains[k], NULL };

            if ((ms = benchRunOnce(argv, NULL, 0)) < 0)
                return -1;
        } else if (v->kind == BENCH_KIND_FLOOR) {
            g_autofree char *xml = benchPortXML(k);
            g_autofree char *path = g_strdup_printf("%s/%u.xml", v->dir, k);

            start = benchNowMs();
            if (vtFileWriteAtomic(path, xml, 0600) < 0) {
                g_printerr("floor: %s\n", vtGetLastErrorMessage());
                return -1;
            }
            ms = benchNowMs() - start;
        } else {
            g_autofree char *xml = benchPortXML(k);
            g_autoptr(vtNetworkPortDef) port = NULL;

            start = benchNowMs();
            if (!(port = vtNetworkPortDefParseString(xml)) ||
                vtAllocatorPortCreate(v->alloc, "hd", port, 0) < 0) {
                g_printerr("port create: %s\n", vtGetLastErrorMessage());
                return -1;
            }
            ms = benchNowMs() - start;
        }
        g_array_append_val(v->create, ms);
    }

    for (k = 0; k < BENCH_VFS; k++) {
        if (v->kind == BENCH_KIND_PROCESSES) {
            const char *argv[] = { v->tool, "--sysfs-root", v->sysfs,
                                   "--network-dir", v->netdir, "--state-dir", v->state,
                                   "release", v->domains[k], NULL };

            if ((ms = benchRunOnce(argv, NULL, 0)) < 0)
                return -1;
        } else if (v->kind == BENCH_KIND_FLOOR) {
            g_autofree char *path = g_strdup_printf("%s/%u.xml", v->dir, k);

            start = benchNowMs();
            if (unlink(path) < 0) {
                g_printerr("floor: cannot delete %s\n", path);
                return -1;
            }
            ms = benchNowMs() - start;
        } else {
            g_autofree char *xml = benchPortXML(k);
            g_autoptr(vtNetworkPortDef) port = vtNetworkPortDefParseString(xml);

            start = benchNowMs();
            if (!port || vtAllocatorPortDelete(v->alloc, "hd", port->uuid) < 0) {
                g_printerr("port delete: %s\n", vtGetLastErrorMessage());
                return -1;
            }
            ms = benchNowMs() - start;
        }
        g_array_append_val(v->delete, ms);
    }
    g_strfreev(vtTakeWarnings());
    return 0;
}


#ifdef WITH_LIBVIRT
static void
benchQuietError(void *opaque G_GNUC_UNUSED,
                virErrorPtr err G_GNUC_UNUSED)
{
}


/* libvirt's side: its daemon with the network driver, the network
 * defined and started.  Returns -1 on a failure, 0 when it runs or is
 * skipped (v->skipped says why). */
static int
benchLibvirtdPrepare(benchVariant *v)
{
    g_autofree char *out = NULL;
    g_autofree char *err = NULL;
    g_autofree char *ipPath = NULL;
    g_autofree char *unsharePath = NULL;
    int status = 0;

    if (geteuid() != 0) {
        v->skipped = g_strdup("needs root (network and mount namespaces)");
        return 0;
    }
    if (access(BENCH_LIBVIRTD, X_OK) < 0 || access(BENCH_NETWORK_DRIVER, R_OK) < 0) {
        v->skipped = g_strdup("libvirtd or its network driver is not installed (libvirt-daemon)");
        return 0;
    }
    if (!(ipPath = g_find_program_in_path("ip")) ||
        !(unsharePath = g_find_program_in_path("unshare"))) {
        v->skipped = g_strdup("'ip' or 'unshare' is missing");
        return 0;
    }

    if (!(v->dir = benchMakeDir(v->medium, "libvirtd")))
        return -1;
    v->script = g_build_filename(abs_top_srcdir, "tests", "libvirtd-netns.sh", NULL);
    {
        g_autofree char *nvfs = g_strdup_printf("%u", BENCH_VFS);
        const char *argv[] = { v->script, "start", v->dir, nvfs, NULL };

        if (vtTestRunCommand(argv, NULL, &out, &err, &status) < 0 || status != 0) {
            v->skipped = g_strdup_printf("libvirtd did not start: %s",
                                         err ? g_strstrip(err) : "");
            return 0;
        }
    }

    virSetErrorFunc(NULL, benchQuietError);
    if (!(v->conn = virConnectOpen(g_strstrip(out))) ||
        !(v->net = virNetworkDefineXML(v->conn, benchNetworkXML)) ||
        virNetworkCreate(v->net) < 0) {
        g_printerr("libvirtd (%s): %s\n", v->medium, NULLSTR(virGetLastErrorMessage()));
        return -1;
    }
    return 0;
}


static int
benchLibvirtdRound(benchVariant *v)
{
    virNetworkPortPtr ports[BENCH_VFS] = { 0 };
    unsigned int k;
    int ret = -1;

    for (k = 0; k < BENCH_VFS; k++) {
        g_autofree char *xml = benchPortXML(k);
        double start = benchNowMs();
        double ms;

        if (!(ports[k] = virNetworkPortCreateXML(v->net, xml, 0))) {
            g_printerr("libvirtd: port create: %s\n", NULLSTR(virGetLastErrorMessage()));
            goto cleanup;
        }
        ms = benchNowMs() - start;
        g_array_append_val(v->create, ms);
    }
    for (k = 0; k < BENCH_VFS; k++) {
        double start = benchNowMs();
        double ms;

        if (virNetworkPortDelete(ports[k], 0) < 0) {
            g_printerr("libvirtd: port delete: %s\n", NULLSTR(virGetLastErrorMessage()));
            goto cleanup;
        }
        ms = benchNowMs() - start;
        g_array_append_val(v->delete, ms);
        virNetworkPortFree(ports[k]);
        ports[k] = NULL;
    }
    ret = 0;

 cleanup:
    for (k = 0; k < BENCH_VFS; k++) {
        if (ports[k])
            virNetworkPortFree(ports[k]);
    }
    return ret;
}
#endif /* WITH_LIBVIRT */


static void
benchVariantClear(benchVariant *v)
{
    size_t k;

#ifdef WITH_LIBVIRT
    if (v->net)
        virNetworkFree(v->net);
    if (v->conn)
        virConnectClose(v->conn);
#endif
    if (v->script && v->dir) {
        const char *argv[] = { v->script, "stop", v->dir, NULL };
        g_autofree char *out = NULL;
        g_autofree char *err = NULL;
        int status = 0;

        if (vtTestRunCommand(argv, NULL, &out, &err, &status) < 0 || status != 0)
            g_printerr("stopping libvirtd failed: %s\n", NULLSTR(err));
    }
    vtAllocatorFree(v->alloc);
    if (v->dir && g_file_test(v->dir, G_FILE_TEST_EXISTS))
        vtTestRemoveTree(v->dir);
    g_free(v->skipped);
    g_free(v->dir);
    g_free(v->script);
    g_free(v->sysfs);
    g_free(v->netdir);
    g_free(v->state);
    for (k = 0; k < BENCH_VFS; k++)
        g_free(v->domains[k]);
    if (v->create)
        g_array_unref(v->create);
    if (v->delete)
        g_array_unref(v->delete);
}


static double
benchArrayMedian(GArray *a)
{
    return benchMedian((double *)(void *)a->data, a->len);
}


int
main(int argc, char **argv)
{
    benchVariant v[] = {
        { .kind = BENCH_KIND_LIBVIRTD, .name = "libvirtd", .medium = "disk" },
        { .kind = BENCH_KIND_LIBVIRTD, .name = "libvirtd", .medium = "tmpfs" },
        { .kind = BENCH_KIND_IN_PROCESS, .name = "in process", .medium = "disk" },
        { .kind = BENCH_KIND_IN_PROCESS, .name = "in process", .medium = "tmpfs" },
        { .kind = BENCH_KIND_PROCESSES, .name = "processes", .medium = "disk" },
        { .kind = BENCH_KIND_PROCESSES, .name = "processes", .medium = "tmpfs" },
        { .kind = BENCH_KIND_FLOOR, .name = "sync floor", .medium = "disk" },
        { .kind = BENCH_KIND_FLOOR, .name = "sync floor", .medium = "tmpfs" },
    };
    unsigned int rounds = 20;
    unsigned int round;
    g_autofree char *watch = g_strdup_printf("%d", (int)getpid());
    size_t i;
    int ret = EXIT_FAILURE;

    if (argc < 2 || argc > 3) {
        g_printerr("usage: %s VIRT-TEAMING [ROUNDS]\n", argv[0]);
        return EXIT_FAILURE;
    }
    if (argc == 3 && (rounds = g_ascii_strtoull(argv[2], NULL, 10)) == 0)
        rounds = 20;

    /* the daemons are stopped once this process is gone, however it
     * ends (tests/libvirtd-netns.sh) */
    g_setenv("VT_WATCH_PID", watch, true);

    for (i = 0; i < G_N_ELEMENTS(v); i++) {
        v[i].tool = argv[1];
        v[i].create = g_array_new(false, false, sizeof(double));
        v[i].delete = g_array_new(false, false, sizeof(double));
    }

    for (i = 0; i < G_N_ELEMENTS(v); i++) {
        if (STREQ(v[i].medium, "tmpfs") && !g_file_test("/dev/shm", G_FILE_TEST_IS_DIR)) {
            v[i].skipped = g_strdup("no /dev/shm (tmpfs)");
            continue;
        }
        if (v[i].kind == BENCH_KIND_LIBVIRTD) {
#ifdef WITH_LIBVIRT
            if (benchLibvirtdPrepare(&v[i]) < 0)
                goto cleanup;
#else
            v[i].skipped = g_strdup("built without libvirt's client library (libvirt-dev)");
#endif
        } else if (benchProjectPrepare(&v[i]) < 0) {
            goto cleanup;
        }
    }

    for (round = 0; round < rounds; round++) {
        for (i = 0; i < G_N_ELEMENTS(v); i++) {
            int rc;

            if (v[i].skipped)
                continue;
#ifdef WITH_LIBVIRT
            if (v[i].kind == BENCH_KIND_LIBVIRTD)
                rc = benchLibvirtdRound(&v[i]);
            else
#endif
                rc = benchProjectRound(&v[i]);
            if (rc < 0)
                goto cleanup;
        }
    }

    printf("portbench: median ms per port of %u rounds, each creating a port on each of "
           "%u VFs, then deleting them; all interleaved\n", rounds, BENCH_VFS);
    printf("  %-11s %-6s %10s %10s %12s %14s\n", "", "", "create", "delete",
           "create+del", "/libvirtd same");
    for (i = 0; i < G_N_ELEMENTS(v); i++) {
        const benchVariant *anchor = NULL;
        double c;
        double d;
        size_t j;

        if (v[i].skipped) {
            printf("  %-11s %-6s skipped: %s\n", v[i].name, v[i].medium, v[i].skipped);
            continue;
        }
        for (j = 0; j < G_N_ELEMENTS(v); j++) {
            if (v[j].kind == BENCH_KIND_LIBVIRTD && !v[j].skipped &&
                STREQ(v[j].medium, v[i].medium))
                anchor = &v[j];
        }
        c = benchArrayMedian(v[i].create);
        d = benchArrayMedian(v[i].delete);
        printf("  %-11s %-6s %7.3f ms %7.3f ms %9.3f ms", v[i].name, v[i].medium, c, d, c + d);
        if (anchor) {
            double ac = benchArrayMedian(anchor->create);
            double ad = benchArrayMedian(anchor->delete);

            printf(" %13.2fx\n", (c + d) / (ac + ad));
        } else {
            printf(" %14s\n", "-");
        }
    }
    printf("  libvirtd: virNetworkPortCreateXML/Delete to a private daemon; in process: "
           "vtAllocatorPortCreate/Delete;\n"
           "  processes: virt-teaming allocate/release of a one-interface domain;\n"
           "  sync floor: what the state's contract alone costs, the port's file written\n"
           "  atomically with its data synced (vtFileWriteAtomic), then unlinked\n");
    ret = EXIT_SUCCESS;

 cleanup:
    for (i = 0; i < G_N_ELEMENTS(v); i++)
        benchVariantClear(&v[i]);
    return ret;
}
