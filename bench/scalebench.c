/*
 * scalebench.c: does a call cost more when the host, the domain or the
 *               state grow in what the call does not touch?
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 *
 * A host with hundreds of VFs and thousands of ports held is an
 * ordinary host.  A call that checks or allocates one domain should cost
 * what that domain needs, not what the rest of the host holds.  This
 * measures, per call:
 *
 *   validate (process)   virt-teaming validate DOMAIN, as a process
 *   validate (in proc)   the same check in this process (vtCheckRunFile)
 *   alloc+release        one pair allocated and released in this process
 *                        (vtAllocatorOpen, vtAllocatorAllocate,
 *                        vtAllocatorRelease: what one command does)
 *
 * while varying one dimension at a time from the base (8 / 8 / 0):
 *
 *   VFs     8, 64, 256     the VFs of a second PF no network of the
 *                          domain uses (the domain's PF has 32 VFs)
 *   pairs   1, 8, 32       the teaming pairs of the validated domain
 *   ports   0, 100, 1000   ports held on another network (a host
 *                          bridge) in the same state directory
 *
 * Everything is on tmpfs (/dev/shm, as the state under /run is) when
 * the machine has one: the disk's latency is not what this measures.
 * Each configuration is run N times, all of them interleaved round after
 * round, so that a busy moment of the machine hits every size alike; the
 * median is kept (for alloc+release, a sample is the mean of 5 calls).
 * It prints a table and FAILS (exit status 1) when:
 *
 *   - a cost at the largest size of an untouched dimension (VFs, ports)
 *     is more than 1.5 times the cost at the smallest;
 *   - the cost per pair (median / pairs) at 32 pairs is more than twice
 *     the cost per pair at 8: the cost grows faster than the pairs.
 *
 *   scalebench VIRT-TEAMING [N]        (default 31)
 */

#include <config.h>

#include <gio/gio.h>

#include "testutils.h"
#include "benchutils.h"
#include "allocator.h"
#include "check.h"
#include "hostdesc.h"
#include "vterror.h"

#define BENCH_UNTOUCHED_LIMIT 1.5
#define BENCH_PER_PAIR_LIMIT 2.0
#define BENCH_DOMAIN_VFS 32
#define BENCH_HOLDER_PORTS 100
#define BENCH_ALLOC_REPEAT 5

enum {
    BENCH_DIM_VFS,
    BENCH_DIM_PAIRS,
    BENCH_DIM_PORTS,
    BENCH_DIM_LAST
};

static const struct {
    const char *name;
    const char *what;
    unsigned int sizes[3];
    unsigned int base;          /* index of the base size */
    bool touched;               /* by validate */
} benchDims[BENCH_DIM_LAST] = {
    [BENCH_DIM_VFS] = { "VFs", "VFs of a PF the domain does not use",
                        { 8, 64, 256 }, 0, false },
    [BENCH_DIM_PAIRS] = { "pairs", "teaming pairs in the validated domain",
                          { 1, 8, 32 }, 1, true },
    [BENCH_DIM_PORTS] = { "ports", "ports held on another network",
                          { 0, 100, 1000 }, 0, false },
};

enum {
    BENCH_M_VALIDATE_PROC,
    BENCH_M_VALIDATE,
    BENCH_M_ALLOC,
    BENCH_M_LAST
};

static const char *benchMeasures[BENCH_M_LAST] = {
    [BENCH_M_VALIDATE_PROC] = "validate (process)",
    [BENCH_M_VALIDATE] = "validate (in process)",
    [BENCH_M_ALLOC] = "alloc+release 1 pair",
};

/* What the run works on: one sysfs tree per VF count, one domain per
 * pair count, one state directory per count of ports held. */
typedef struct {
    char *tmp;
    char *netdir;
    char *onePair;
    char *sysfs[3];
    char *domain[3];
    char *state[3];
} benchSetup;


static void
benchSetupClear(benchSetup *s)
{
    size_t i;

    if (s->tmp)
        vtTestRemoveTree(s->tmp);
    g_free(s->tmp);
    g_free(s->netdir);
    g_free(s->onePair);
    for (i = 0; i < 3; i++) {
        g_free(s->sysfs[i]);
        g_free(s->domain[i]);
        g_free(s->state[i]);
    }
}


/* The example host with more VFs: ens1f0, the PF of the domain's
 * networks, has 32 VFs; ens1f1 has @vfs and serves no network of the
 * domain; eno1 is the port of the host bridge br0 (network 'lan'). */
static char *
benchHostDesc(unsigned int vfs)
{
    return g_strdup_printf("pf ens1f0 pci=0000:3b:00.0 totalvfs=%u numvfs=%u "
                           "driver=i40e vfdriver=iavf vfpci=0000:3c:00.0 mac=3c:fd:fe:a0:00:00\n"
                           "pf ens1f1 pci=0000:3b:00.1 totalvfs=%u numvfs=%u "
                           "driver=i40e vfdriver=iavf vfpci=0000:3d:00.0 mac=3c:fd:fe:a0:00:01\n"
                           "nic eno1 pci=0000:00:19.0 driver=e1000e mac=00:1b:21:0a:0b:0c\n"
                           "bridge br0 ports=eno1 mac=00:1b:21:0a:0b:0c\n",
                           BENCH_DOMAIN_VFS, BENCH_DOMAIN_VFS, vfs, vfs);
}


/* A domain holding @n ports on network 'lan' */
static char *
benchHolderXML(unsigned int index, unsigned int n)
{
    g_autoptr(GString) x = g_string_new(NULL);
    unsigned int i;

    g_string_append_printf(x, "<domain type='kvm'>\n"
                              "  <name>holder%u</name>\n"
                              "  <uuid>6a1c0e2f-3b4d-4e5f-8a9b-%012x</uuid>\n"
                              "  <memory unit='KiB'>1048576</memory>\n"
                              "  <os><type arch='x86_64' machine='q35'>hvm</type></os>\n"
                              "  <devices>\n", index, index);
    for (i = 0; i < n; i++)
        g_string_append_printf(x, "    <interface type='network'>\n"
                                  "      <mac address='52:54:01:%02x:%02x:%02x'/>\n"
                                  "      <source network='lan'/>\n"
                                  "      <model type='virtio'/>\n"
                                  "    </interface>\n",
                               index & 0xff, i >> 8, i & 0xff);
    g_string_append(x, "  </devices>\n</domain>\n");
    return g_string_free(g_steal_pointer(&x), false);
}


/* Allocate and release the one-pair domain once in @state: the cost of
 * one call, or -1. */
static double
benchAllocRelease(const benchSetup *s, const char *sysfs, const char *state)
{
    g_autoptr(vtAllocator) alloc = NULL;
    g_autoptr(vtDomainDef) def = NULL;
    vtAllocation *list = NULL;
    size_t n = 0;
    size_t released = 0;
    double start = benchNowMs();
    double ms;

    if (!(alloc = vtAllocatorOpen(state, s->netdir, sysfs)) ||
        !(def = vtDomainDefParseFile(s->onePair, VT_DOMAIN_DEF_PARSE_INACTIVE)) ||
        vtAllocatorAllocate(alloc, def, &list, &n) < 0 ||
        vtAllocatorRelease(alloc, def, &released) < 0) {
        g_printerr("alloc+release: %s\n", NULLSTR(vtGetLastErrorMessage()));
        vtAllocationListFree(list, n);
        return -1;
    }
    vtAllocationListFree(list, n);
    g_clear_pointer(&alloc, vtAllocatorFree);
    ms = benchNowMs() - start;
    g_strfreev(vtTakeWarnings());
    if (released != 2) {
        g_printerr("alloc+release: released %zu port(s), expected 2\n", released);
        return -1;
    }
    return ms;
}


static double
benchValidate(const benchSetup *s, const char *sysfs, const char *domain,
              const char *state)
{
    g_autoptr(vtCheckReport) report = NULL;
    vtCheckSource src = { sysfs, s->netdir, state };
    double start = benchNowMs();
    double ms;

    if (!(report = vtCheckRunFile(VT_CHECK_COMMAND_VALIDATE, domain, &src, NULL))) {
        g_printerr("validate: %s\n", NULLSTR(vtGetLastErrorMessage()));
        return -1;
    }
    g_clear_pointer(&report, vtCheckReportFree);
    ms = benchNowMs() - start;
    g_strfreev(vtTakeWarnings());
    return ms;
}


static int
benchPrepare(benchSetup *s)
{
    const char *lan = "<network>\n"
                      "  <name>lan</name>\n"
                      "  <forward mode='bridge'/>\n"
                      "  <bridge name='br0'/>\n"
                      "</network>\n";
    g_autofree char *lanPath = NULL;
    g_autofree char *one = benchDomainXML("bench1", 1);
    size_t i;

    if (!(s->tmp = benchMakeTempDir("scalebench-XXXXXX")))
        return -1;
    s->netdir = g_build_filename(s->tmp, "networks", NULL);
    s->onePair = g_build_filename(s->tmp, "domain-1pair.xml", NULL);
    lanPath = g_build_filename(s->netdir, "lan.xml", NULL);
    if (benchWriteExampleLayout(s->netdir) < 0 ||
        !g_file_set_contents(lanPath, lan, -1, NULL) ||
        !g_file_set_contents(s->onePair, one, -1, NULL))
        return -1;

    for (i = 0; i < 3; i++) {
        unsigned int vfs = benchDims[BENCH_DIM_VFS].sizes[i];
        unsigned int pairs = benchDims[BENCH_DIM_PAIRS].sizes[i];
        g_autofree char *desc = benchHostDesc(vfs);
        g_autofree char *name = g_strdup_printf("bench%u", pairs);
        g_autofree char *xml = benchDomainXML(name, pairs);
        g_autofree char *descPath = g_strdup_printf("%s/host-%u.txt", s->tmp, vfs);

        s->sysfs[i] = g_strdup_printf("%s/sys-%u", s->tmp, vfs);
        s->domain[i] = g_strdup_printf("%s/domain-%u.xml", s->tmp, pairs);
        s->state[i] = g_strdup_printf("%s/state-%u", s->tmp,
                                      benchDims[BENCH_DIM_PORTS].sizes[i]);
        if (!g_file_set_contents(descPath, desc, -1, NULL) ||
            vtHostDescBuildFile(descPath, s->sysfs[i]) < 0) {
            g_printerr("host of %u VFs: %s\n", vfs, NULLSTR(vtGetLastErrorMessage()));
            return -1;
        }
        if (!g_file_set_contents(s->domain[i], xml, -1, NULL))
            return -1;
    }

    /* the ports held, by domains of 100 ports each; then the networks
     * of the domain started, as on a host in use */
    for (i = 0; i < 3; i++) {
        unsigned int held = benchDims[BENCH_DIM_PORTS].sizes[i];
        g_autoptr(vtAllocator) alloc = NULL;
        unsigned int d;

        if (!(alloc = vtAllocatorOpen(s->state[i], s->netdir, s->sysfs[0])))
            goto error;
        for (d = 0; d * BENCH_HOLDER_PORTS < held; d++) {
            g_autofree char *xml = benchHolderXML(d, BENCH_HOLDER_PORTS);
            g_autoptr(vtDomainDef) def = NULL;
            vtAllocation *list = NULL;
            size_t n = 0;

            if (!(def = vtDomainDefParseString(xml, VT_DOMAIN_DEF_PARSE_INACTIVE)) ||
                vtAllocatorAllocate(alloc, def, &list, &n) < 0)
                goto error;
            vtAllocationListFree(list, n);
        }
        g_clear_pointer(&alloc, vtAllocatorFree);
        if (benchAllocRelease(s, s->sysfs[0], s->state[i]) < 0)
            return -1;

        /* what is measured is what is said */
        if (held > 0) {
            g_autofree char *ports = g_build_filename(s->state[i], "lan", "ports", NULL);
            g_autoptr(GDir) dir = g_dir_open(ports, 0, NULL);
            unsigned int count = 0;

            while (dir && g_dir_read_name(dir))
                count++;
            if (count != held) {
                g_printerr("%s holds %u port file(s), expected %u\n", ports, count, held);
                return -1;
            }
        }
    }
    g_strfreev(vtTakeWarnings());
    return 0;

 error:
    g_printerr("holding ports: %s\n", NULLSTR(vtGetLastErrorMessage()));
    return -1;
}


int
main(int argc, char **argv)
{
    benchSetup s = { 0 };
    const char *tool;
    unsigned int n = 31;
    /* times[dim][size][measure][round]; the base configuration is
     * measured once per dimension, like every other size */
    double *times[BENCH_DIM_LAST][3][BENCH_M_LAST] = { 0 };
    double med[BENCH_DIM_LAST][3][BENCH_M_LAST];
    unsigned int round;
    size_t d, z, m;
    int failures = 0;
    int ret = EXIT_FAILURE;

    if (argc < 2 || argc > 3) {
        g_printerr("usage: %s VIRT-TEAMING [N]\n", argv[0]);
        return EXIT_FAILURE;
    }
    tool = argv[1];
    if (argc == 3 && (n = g_ascii_strtoull(argv[2], NULL, 10)) == 0)
        n = 31;

    if (benchPrepare(&s) < 0)
        goto cleanup;

    for (d = 0; d < BENCH_DIM_LAST; d++)
        for (z = 0; z < 3; z++)
            for (m = 0; m < BENCH_M_LAST; m++)
                times[d][z][m] = g_new0(double, n);

    for (round = 0; round < n; round++) {
        for (d = 0; d < BENCH_DIM_LAST; d++) {
            for (z = 0; z < 3; z++) {
                /* the base everywhere but in dimension d */
                const char *sysfs = s.sysfs[d == BENCH_DIM_VFS ? z : benchDims[BENCH_DIM_VFS].base];
                const char *domain = s.domain[d == BENCH_DIM_PAIRS ? z : benchDims[BENCH_DIM_PAIRS].base];
                const char *state = s.state[d == BENCH_DIM_PORTS ? z : benchDims[BENCH_DIM_PORTS].base];
                const char *validateArgv[] = { tool, "--sysfs-root", sysfs,
                                               "--network-dir", s.netdir,
                                               "--state-dir", state,
                                               "validate", domain, NULL };

                if ((times[d][z][BENCH_M_VALIDATE_PROC][round] =
                     benchRunOnce(validateArgv, NULL, 0)) < 0 ||
                    (times[d][z][BENCH_M_VALIDATE][round] =
                     benchValidate(&s, sysfs, domain, state)) < 0)
                    goto cleanup;
                /* one pair whatever the pairs of the validated domain;
                 * a call of about a millisecond: the mean of a few, so
                 * that one scheduling hiccup is not a sample */
                if (d != BENCH_DIM_PAIRS) {
                    double sum = 0;
                    unsigned int k;

                    for (k = 0; k < BENCH_ALLOC_REPEAT; k++) {
                        double ms = benchAllocRelease(&s, sysfs, state);

                        if (ms < 0)
                            goto cleanup;
                        sum += ms;
                    }
                    times[d][z][BENCH_M_ALLOC][round] = sum / BENCH_ALLOC_REPEAT;
                }
            }
        }
    }

    for (d = 0; d < BENCH_DIM_LAST; d++)
        for (z = 0; z < 3; z++)
            for (m = 0; m < BENCH_M_LAST; m++)
                med[d][z][m] = benchMedian(times[d][z][m], n);

    printf("scalebench: median ms per call of %u runs, sizes interleaved; "
           "base: %u VFs, %u pairs, %u ports held\n", n,
           benchDims[BENCH_DIM_VFS].sizes[0], benchDims[BENCH_DIM_PAIRS].sizes[1],
           benchDims[BENCH_DIM_PORTS].sizes[0]);
    printf("  %-6s %5s  %20s %22s %22s\n", "dim", "size",
           benchMeasures[0], benchMeasures[1], benchMeasures[2]);
    for (d = 0; d < BENCH_DIM_LAST; d++) {
        for (z = 0; z < 3; z++) {
            printf("  %-6s %5u ", benchDims[d].name, benchDims[d].sizes[z]);
            for (m = 0; m < BENCH_M_LAST; m++) {
                if (d == BENCH_DIM_PAIRS && m == BENCH_M_ALLOC)
                    printf(" %22s", "-");
                else if (d == BENCH_DIM_PAIRS)
                    printf(" %10.3f (%6.3f/pair)", med[d][z][m],
                           med[d][z][m] / benchDims[d].sizes[z]);
                else
                    printf(" %22.3f", med[d][z][m]);
            }
            printf("\n");
        }
    }

    for (d = 0; d < BENCH_DIM_LAST; d++) {
        for (m = 0; m < BENCH_M_LAST; m++) {
            if (d == BENCH_DIM_PAIRS && m == BENCH_M_ALLOC)
                continue;
            if (benchDims[d].touched) {
                double per8 = med[d][1][m] / benchDims[d].sizes[1];
                double per32 = med[d][2][m] / benchDims[d].sizes[2];
                double ratio = per32 / per8;

                printf("  %-22s per pair at %u / at %u pairs: %5.2fx (limit %.1fx)%s\n",
                       benchMeasures[m], benchDims[d].sizes[2], benchDims[d].sizes[1],
                       ratio, BENCH_PER_PAIR_LIMIT,
                       ratio > BENCH_PER_PAIR_LIMIT ? "  FAIL" : "");
                fflush(stdout);
                if (ratio > BENCH_PER_PAIR_LIMIT) {
                    g_printerr("FAIL: %s grows faster than the pairs: the cost per pair "
                               "at %u pairs is %.2fx the cost per pair at %u\n",
                               benchMeasures[m], benchDims[d].sizes[2], ratio,
                               benchDims[d].sizes[1]);
                    failures++;
                }
            } else {
                double ratio = med[d][2][m] / med[d][0][m];

                printf("  %-22s %s %u / %u: %5.2fx (limit %.1fx)%s\n",
                       benchMeasures[m], benchDims[d].name, benchDims[d].sizes[2],
                       benchDims[d].sizes[0], ratio, BENCH_UNTOUCHED_LIMIT,
                       ratio > BENCH_UNTOUCHED_LIMIT ? "  FAIL" : "");
                fflush(stdout);
                if (ratio > BENCH_UNTOUCHED_LIMIT) {
                    g_printerr("FAIL: %s costs %.2fx more with %u %s than with %u, "
                               "which it does not touch (%s)\n",
                               benchMeasures[m], ratio, benchDims[d].sizes[2],
                               benchDims[d].name, benchDims[d].sizes[0], benchDims[d].what);
                    failures++;
                }
            }
        }
    }

    if (failures)
        g_printerr("scalebench: %d cost(s) grow with what the call does not touch, "
                   "or faster than what it does\n", failures);
    else
        ret = EXIT_SUCCESS;

 cleanup:
    for (d = 0; d < BENCH_DIM_LAST; d++)
        for (z = 0; z < 3; z++)
            for (m = 0; m < BENCH_M_LAST; m++)
                g_free(times[d][z][m]);
    benchSetupClear(&s);
    return ret;
}
