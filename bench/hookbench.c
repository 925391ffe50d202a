/*
 * hookbench.c: the wall time of libvirt-teaming-hook per libvirt event,
 *              against /bin/true and "xmllint --noout" of the same input
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 *
 * libvirtd runs the hook synchronously, holding its locks, at every
 * start, port allocation and incoming migration: its time is libvirt's.
 * This runs, each N times as a process with its input on stdin (as
 * libvirtd does), in one run:
 *
 *   true       /bin/true                      (the cost of a process)
 *   xmllint    xmllint --noout DOMAIN         (reading the XML at all)
 *   prepare    the hook, qemu prepare begin,  an 8-pair domain
 *   port       the hook, network port-created begin, the last VF port
 *              of that domain, its standby's port recorded
 *   migrate    the hook, qemu migrate begin,  the same domain arriving
 *              on a host with no ports recorded
 *
 * on the example host (examples/hosts/example-host.txt: 2 PFs of 8 VFs)
 * with the recommended macvtap layout, in libvirt's state layout.  It
 * prints the median of each and the ratios to xmllint and true.  It
 * asserts nothing about speed.
 *
 *   hookbench HOOK [N]      (default 200)
 */

#include <config.h>

#include <gio/gio.h>
#include <unistd.h>

#include "testutils.h"
#include "allocator.h"
#include "hostdesc.h"
#include "vterror.h"
#include "benchutils.h"

#define BENCH_PAIRS 8


/* Record the domain's ports in @stateDir (libvirt's layout), take the
 * last VF port back out as libvirt calls port-created before it writes
 * it, and return the hook's input for that port. */
static char *
benchPortInput(const char *domainPath,
               const char *networkDir,
               const char *stateDir,
               const char *sysfs)
{
    g_autoptr(vtAllocator) alloc = NULL;
    g_autoptr(vtDomainDef) def = NULL;
    vtAllocation *list = NULL;
    size_t n = 0;
    char *ret = NULL;
    size_t i;

    if (!(def = vtDomainDefParseFile(domainPath, VT_DOMAIN_DEF_PARSE_INACTIVE)) ||
        !(alloc = vtAllocatorOpen(stateDir, networkDir, sysfs)) ||
        vtAllocatorAllocate(alloc, def, &list, &n) < 0) {
        g_printerr("cannot allocate: %s\n", vtGetLastErrorMessage());
        return NULL;
    }
    g_strfreev(vtTakeWarnings());

    for (i = n; i-- > 0 && !ret;) {
        vtNetworkPortDef *port = list[i].port;
        char uuid[VT_UUID_STRING_BUFLEN];
        g_autofree char *file = NULL;
        g_autofree char *netPath = NULL;
        g_autofree char *netxml = NULL;
        g_autofree char *portxml = NULL;

        if (port->plugtype != VT_NETWORK_PORT_PLUG_TYPE_HOSTDEV_PCI)
            continue;
        file = g_strdup_printf("%s/%s/ports/%s.xml", stateDir, list[i].network,
                               vtUUIDFormat(port->uuid, uuid));
        netPath = g_strdup_printf("%s/%s.xml", networkDir, list[i].network);
        if (unlink(file) < 0 ||
            !(netxml = vtTestLoadFile(netPath)) ||
            !(portxml = vtNetworkPortDefFormat(port)))
            break;
        ret = g_strdup_printf("<hookData>\n%s%s</hookData>\n", netxml, portxml);
    }
    vtAllocationListFree(list, n);

    /* libvirt's own state folder has no lock file of ours */
    {
        g_autofree char *lock = g_strdup_printf("%s/.virt-teaming.lock", stateDir);

        unlink(lock);
    }
    return ret;
}


int
main(int argc, char **argv)
{
    g_autofree char *tmp = NULL;
    g_autofree char *sysfs = NULL;
    g_autofree char *netdir = NULL;
    g_autofree char *statedir = NULL;
    g_autofree char *emptyState = NULL;
    g_autofree char *domain = NULL;
    g_autofree char *portInput = NULL;
    g_autofree char *portFile = NULL;
    g_autofree char *conf = NULL;
    g_autofree char *host = NULL;
    g_autofree char *xmlDomain = benchDomainXML("bench", BENCH_PAIRS);
    const char *hook;
    unsigned int n = 200;
    struct {
        const char *name;
        const char *what;
        double ms;
    } r[5] = {
        { "true", "/bin/true" },
        { "xmllint", "xmllint --noout DOMAIN" },
        { "prepare", "hook: qemu prepare begin, 8 pairs" },
        { "port", "hook: network port-created begin, a VF port" },
        { "migrate", "hook: qemu migrate begin, 8 pairs" },
    };
    size_t i;
    int ret = EXIT_FAILURE;

    if (argc < 2 || argc > 3) {
        g_printerr("usage: %s HOOK [N]\n", argv[0]);
        return EXIT_FAILURE;
    }
    hook = argv[1];
    if (argc == 3 && (n = g_ascii_strtoull(argv[2], NULL, 10)) == 0)
        n = 200;

    if (!(tmp = vtTestMakeTempDir("hookbench-XXXXXX")))
        return EXIT_FAILURE;
    sysfs = g_build_filename(tmp, "sys", NULL);
    netdir = g_build_filename(tmp, "networks", NULL);
    statedir = g_build_filename(tmp, "state", NULL);
    emptyState = g_build_filename(tmp, "state-destination", NULL);
    domain = g_build_filename(tmp, "domain.xml", NULL);
    portFile = g_build_filename(tmp, "port.xml", NULL);
    conf = g_build_filename(tmp, "hook.conf", NULL);
    host = g_build_filename(abs_top_srcdir, "examples", "hosts", "example-host.txt", NULL);

    if (vtHostDescBuildFile(host, sysfs) < 0 ||
        !g_file_set_contents(domain, xmlDomain, -1, NULL) ||
        !g_file_set_contents(conf, "mode = enforce\n", -1, NULL)) {
        g_printerr("set-up: %s\n", NULLSTR(vtGetLastErrorMessage()));
        goto cleanup;
    }
    if (benchWriteExampleLayout(netdir) < 0)
        goto cleanup;
    if (!(portInput = benchPortInput(domain, netdir, statedir, sysfs)) ||
        !g_file_set_contents(portFile, portInput, -1, NULL))
        goto cleanup;

    {
        const char *trueArgv[] = { "/bin/true", NULL };
        const char *xmllintArgv[] = { "xmllint", "--noout", domain, NULL };
        const char *prepareArgv[] = { hook, "--config", conf, "--sysfs-root", sysfs,
                                      "--network-dir", netdir, "--state-dir", statedir,
                                      "bench", "prepare", "begin", "-", NULL };
        const char *portArgv[] = { hook, "--config", conf, "--sysfs-root", sysfs,
                                   "--network-dir", netdir, "--state-dir", statedir,
                                   "failover-vfs", "port-created", "begin", "-", NULL };
        /* a destination with no ports recorded yet */
        const char *migrateArgv[] = { hook, "--config", conf, "--sysfs-root", sysfs,
                                      "--network-dir", netdir, "--state-dir", emptyState,
                                      "bench", "migrate", "begin", "-", NULL };

        r[0].ms = benchRunMedian(trueArgv, domain, 0, n);
        r[1].ms = benchRunMedian(xmllintArgv, domain, 0, n);
        r[2].ms = benchRunMedian(prepareArgv, domain, 0, n);
        r[3].ms = benchRunMedian(portArgv, portFile, 0, n);
        r[4].ms = benchRunMedian(migrateArgv, domain, 0, n);
    }

    for (i = 0; i < G_N_ELEMENTS(r); i++) {
        if (r[i].ms < 0)
            goto cleanup;
    }

    printf("hookbench: median wall time of %u runs each, as processes with the input on stdin\n", n);
    for (i = 0; i < G_N_ELEMENTS(r); i++)
        printf("  %-8s %8.3f ms  %5.2fx xmllint  %5.2fx true   %s\n",
               r[i].name, r[i].ms, r[i].ms / r[1].ms, r[i].ms / r[0].ms, r[i].what);
    ret = EXIT_SUCCESS;

 cleanup:
    vtTestRemoveTree(tmp);
    return ret;
}
