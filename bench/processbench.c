/*
 * processbench.c: virt-teaming's commands as processes, against
 *                 /bin/true and "xmllint --noout" of the same file
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 *
 * Every command of virt-teaming is a process of its own, started by a
 * person, a script or a management layer: its wall time includes
 * starting the process, loading its libraries and reading the host.
 * This runs, each N times, in one run and interleaved (one of each per
 * round, so that a busy moment of the machine hits them all alike):
 *
 *   true         /bin/true                     (the cost of a process)
 *   xmllint      xmllint --noout DOMAIN        (reading the XML at all)
 *   validate     virt-teaming validate DOMAIN  (8 pairs)
 *   plan         virt-teaming plan DOMAIN      (8 pairs)
 *   net-format   virt-teaming net-format NETWORK  (a small <network>)
 *   allocate     virt-teaming allocate ONE-PAIR
 *   release      virt-teaming release ONE-PAIR (after each allocate)
 *
 * on the example host (examples/hosts/example-host.txt built into a
 * sysfs tree: 2 PFs of 8 VFs) with the recommended macvtap layout
 * (examples/layout-macvtap), everything in a temporary folder on tmpfs
 * (/dev/shm, as the state under /run is) when there is one.  It prints
 * the median of each, its ratio to true and to xmllint, and its process
 * cost: median(X) - median(true).  It asserts nothing about speed.
 *
 *   processbench VIRT-TEAMING [N]      (default 100)
 */

#include <config.h>

#include <gio/gio.h>

#include "testutils.h"
#include "benchutils.h"
#include "hostdesc.h"
#include "vterror.h"

#define BENCH_PAIRS 8

enum {
    BENCH_TRUE,
    BENCH_XMLLINT,
    BENCH_VALIDATE,
    BENCH_PLAN,
    BENCH_NET_FORMAT,
    BENCH_ALLOCATE,
    BENCH_RELEASE,
    BENCH_LAST
};


int
main(int argc, char **argv)
{
    g_autofree char *tmp = NULL;
    g_autofree char *sysfs = NULL;
    g_autofree char *netdir = NULL;
    g_autofree char *statedir = NULL;
    g_autofree char *domain = NULL;
    g_autofree char *onePair = NULL;
    g_autofree char *network = NULL;
    g_autofree char *host = NULL;
    g_autofree char *xmlDomain = benchDomainXML("bench", BENCH_PAIRS);
    g_autofree char *xmlOnePair = benchDomainXML("bench1", 1);
    const char *tool;
    unsigned int n = 100;
    struct {
        const char *name;
        const char *what;
        double *times;
        double ms;
    } r[BENCH_LAST] = {
        [BENCH_TRUE] = { "true", "/bin/true" },
        [BENCH_XMLLINT] = { "xmllint", "xmllint --noout DOMAIN (8 pairs)" },
        [BENCH_VALIDATE] = { "validate", "virt-teaming validate DOMAIN, 8 pairs" },
        [BENCH_PLAN] = { "plan", "virt-teaming plan DOMAIN, 8 pairs" },
        [BENCH_NET_FORMAT] = { "net-format", "virt-teaming net-format, a small <network>" },
        [BENCH_ALLOCATE] = { "allocate", "virt-teaming allocate, one pair" },
        [BENCH_RELEASE] = { "release", "virt-teaming release, one pair" },
    };
    size_t i;
    unsigned int round;
    int ret = EXIT_FAILURE;

    if (argc < 2 || argc > 3) {
        g_printerr("usage: %s VIRT-TEAMING [N]\n", argv[0]);
        return EXIT_FAILURE;
    }
    tool = argv[1];
    if (argc == 3 && (n = g_ascii_strtoull(argv[2], NULL, 10)) == 0)
        n = 100;

    if (!(tmp = benchMakeTempDir("processbench-XXXXXX")))
        return EXIT_FAILURE;
    sysfs = g_build_filename(tmp, "sys", NULL);
    netdir = g_build_filename(tmp, "networks", NULL);
    statedir = g_build_filename(tmp, "state", NULL);
    domain = g_build_filename(tmp, "domain.xml", NULL);
    onePair = g_build_filename(tmp, "domain-1.xml", NULL);
    network = g_build_filename(netdir, "failover-vfs.xml", NULL);
    host = g_build_filename(abs_top_srcdir, "examples", "hosts", "example-host.txt", NULL);

    if (vtHostDescBuildFile(host, sysfs) < 0) {
        g_printerr("set-up: %s\n", NULLSTR(vtGetLastErrorMessage()));
        goto cleanup;
    }
    if (benchWriteExampleLayout(netdir) < 0 ||
        !g_file_set_contents(domain, xmlDomain, -1, NULL) ||
        !g_file_set_contents(onePair, xmlOnePair, -1, NULL))
        goto cleanup;

    for (i = 0; i < BENCH_LAST; i++)
        r[i].times = g_new0(double, n);

    {
        const char *trueArgv[] = { "/bin/true", NULL };
        const char *xmllintArgv[] = { "xmllint", "--noout", domain, NULL };
        const char *validateArgv[] = { tool, "--sysfs-root", sysfs, "--network-dir", netdir,
                                       "--state-dir", statedir, "validate", domain, NULL };
        const char *planArgv[] = { tool, "--sysfs-root", sysfs, "--network-dir", netdir,
                                   "--state-dir", statedir, "plan", domain, NULL };
        const char *netFormatArgv[] = { tool, "net-format", network, NULL };
        const char *allocateArgv[] = { tool, "--sysfs-root", sysfs, "--network-dir", netdir,
                                       "--state-dir", statedir, "allocate", onePair, NULL };
        const char *releaseArgv[] = { tool, "--sysfs-root", sysfs, "--network-dir", netdir,
                                      "--state-dir", statedir, "release", onePair, NULL };
        const char * const *argvs[BENCH_LAST] = {
            trueArgv, xmllintArgv, validateArgv, planArgv, netFormatArgv,
            allocateArgv, releaseArgv,
        };

        /* the networks started once, as on a host in use */
        if (benchRunOnce(allocateArgv, NULL, 0) < 0 ||
            benchRunOnce(releaseArgv, NULL, 0) < 0)
            goto cleanup;

        for (round = 0; round < n; round++) {
            for (i = 0; i < BENCH_LAST; i++) {
                if ((r[i].times[round] = benchRunOnce(argvs[i], NULL, 0)) < 0)
                    goto cleanup;
            }
        }
    }

    for (i = 0; i < BENCH_LAST; i++)
        r[i].ms = benchMedian(r[i].times, n);

    printf("processbench: median wall time of %u runs each, interleaved, as processes\n", n);
    printf("  %-10s %9s %9s %9s %14s\n", "", "median", "/true", "/xmllint", "process cost");
    for (i = 0; i < BENCH_LAST; i++)
        printf("  %-10s %6.3f ms %8.2fx %8.2fx %11.3f ms   %s\n",
               r[i].name, r[i].ms, r[i].ms / r[BENCH_TRUE].ms,
               r[i].ms / r[BENCH_XMLLINT].ms, r[i].ms - r[BENCH_TRUE].ms, r[i].what);
    printf("  (process cost) = median(X) - median(true)\n");
    ret = EXIT_SUCCESS;

 cleanup:
    for (i = 0; i < BENCH_LAST; i++)
        g_free(r[i].times);
    vtTestRemoveTree(tmp);
    return ret;
}
