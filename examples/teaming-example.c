/*
 * teaming-example.c: the libvirt-teaming API from a program of your own
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 *
 * teaming-example EXAMPLESDIR WORKDIR
 *
 * On the bundled example host (EXAMPLESDIR/hosts/example-host.txt) and
 * the recommended macvtap layout (EXAMPLESDIR/layout-macvtap), it
 *
 *   1. builds the host's fake sysfs tree in WORKDIR/sys,
 *   2. formats each network as libvirt would print it,
 *   3. checks the domain's failover pair and lists the findings,
 *   4. allocates the domain's network ports, recording them in the
 *      state directory WORKDIR/state, and shows who holds what,
 *   5. releases the ports again.
 *
 * WORKDIR must be missing or empty; what the program made is left there
 * to look at.  Only the installed public API is used:
 *
 *   cc teaming-example.c -o teaming-example \
 *      $(pkg-config --cflags --libs libvirt-teaming)
 *
 * A real program would translate its messages; this one prints plain
 * English so that it builds with nothing but the library.  Every call
 * that fails returns a GError of the VIR_TEAMING_ERROR domain, whose
 * message says what is wrong and how to fix it (docs/api.rst).
 */

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <glib.h>

#include <libvirt-teaming/libvirt-teaming.h>


/* Print an error and its code name, as virsh prints libvirt's. */
static int
exampleFail(const char *what, const GError *error)
{
    fprintf(stderr, "teaming-example: %s: %s (%s)\n", what, error->message,
            error->domain == VIR_TEAMING_ERROR ?
            virTeamingErrorCodeName(error->code) : "not a libvirt-teaming error");
    return EXIT_FAILURE;
}


/* Print the warnings the last call left, if any. */
static void
examplePrintWarnings(void)
{
    g_auto(GStrv) warnings = virTeamingTakeWarnings();
    size_t i;

    for (i = 0; warnings[i]; i++)
        printf("warning: %s\n", warnings[i]);
}


/* g_ptr_array_sort() passes pointers to the elements */
static int
exampleCompareNames(gconstpointer a,
                    gconstpointer b)
{
    return strcmp(*(const char *const *)a, *(const char *const *)b);
}


/* Step 2: every *.xml of @networkDir, in libvirt's canonical form. */
static int
exampleFormatNetworks(const char *networkDir)
{
    g_autoptr(GError) error = NULL;
    g_autoptr(GDir) dir = NULL;
    g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func(g_free);
    const char *name;
    size_t i;

    if (!(dir = g_dir_open(networkDir, 0, &error)))
        return exampleFail(networkDir, error);
    while ((name = g_dir_read_name(dir))) {
        if (g_str_has_suffix(name, ".xml"))
            g_ptr_array_add(names, g_strdup(name));
    }
    g_ptr_array_sort(names, exampleCompareNames);

    for (i = 0; i < names->len; i++) {
        g_autofree char *path = g_build_filename(networkDir, names->pdata[i], NULL);
        g_autofree char *xml = NULL;

        if (!(xml = virTeamingNetworkFormatFile(path, VIR_TEAMING_FORMAT_INACTIVE,
                                                &error)))
            return exampleFail(path, error);
        printf("== network %s\n%s", (const char *)names->pdata[i], xml);
        examplePrintWarnings();
    }
    return EXIT_SUCCESS;
}


/* Step 3: validate the domain's pairs and walk the findings. */
static int
exampleCheckDomain(const char *domainPath,
                   const virTeamingCheckHost *host)
{
    g_autoptr(GError) error = NULL;
    g_autoptr(virTeamingCheckReport) report = NULL;
    g_autofree char *output = NULL;
    size_t nfindings;
    size_t i;

    if (!(report = virTeamingCheckFile(VIR_TEAMING_CHECK_VALIDATE, domainPath,
                                       host, NULL, &error)))
        return exampleFail(domainPath, error);

    output = virTeamingCheckReportGetOutput(report);
    nfindings = virTeamingCheckReportNFindings(report);
    printf("== validate\n%s", output);
    printf("findings: %zu, exit status %d\n", nfindings,
           virTeamingCheckReportGetExitStatus(report));

    for (i = 0; i < nfindings; i++) {
        virTeamingCheckSeverity severity;
        const char *code;
        const char *device;
        const char *message;
        const char *why;
        const char *hint;

        if (virTeamingCheckReportGetFinding(report, i, &severity, &code, &device,
                                            &message, &why, &hint) < 0)
            continue;
        printf("  %s %s on %s: %s\n",
               severity == VIR_TEAMING_CHECK_ERROR ? "error" :
               severity == VIR_TEAMING_CHECK_WARNING ? "warning" : "info",
               code, device ? device : "the domain", message);
        if (hint)
            printf("    fix: %s\n", hint);
    }
    return virTeamingCheckReportGetExitStatus(report) == 0 ?
        EXIT_SUCCESS : EXIT_FAILURE;
}


/* Step 4 and 5: allocate the ports, show the state, release them. */
static int
examplePorts(const char *domainPath,
             const virTeamingCheckHost *host)
{
    g_autoptr(GError) error = NULL;
    g_autoptr(virTeamingPortsReport) allocated = NULL;
    g_autoptr(virTeamingPortsReport) status = NULL;
    g_autoptr(virTeamingPortsReport) released = NULL;
    g_autofree char *allocOutput = NULL;
    g_autofree char *statusOutput = NULL;

    if (!(allocated = virTeamingAllocateFile(domainPath, host, &error)))
        return exampleFail("allocate", error);
    allocOutput = virTeamingPortsReportGetOutput(allocated);
    printf("== allocate: %zu ports\n%s",
           virTeamingPortsReportGetCount(allocated), allocOutput);

    if (!(status = virTeamingStatus(host, &error)))
        return exampleFail("status", error);
    statusOutput = virTeamingPortsReportGetOutput(status);
    printf("== status: %zu networks\n%s",
           virTeamingPortsReportGetCount(status), statusOutput);

    if (!(released = virTeamingReleaseFile(domainPath, host, &error)))
        return exampleFail("release", error);
    printf("== release: %zu ports\n", virTeamingPortsReportGetCount(released));
    return EXIT_SUCCESS;
}


int
main(int argc, char **argv)
{
    g_autoptr(GError) error = NULL;
    g_autofree char *hostDescription = NULL;
    g_autofree char *layout = NULL;
    g_autofree char *networkDir = NULL;
    g_autofree char *domainPath = NULL;
    g_autofree char *sysfsRoot = NULL;
    g_autofree char *stateDir = NULL;
    virTeamingCheckHost host = { 0 };

    if (argc != 3) {
        fprintf(stderr, "usage: %s EXAMPLESDIR WORKDIR\n", argv[0]);
        return EXIT_FAILURE;
    }

    hostDescription = g_build_filename(argv[1], "hosts", "example-host.txt", NULL);
    layout = g_build_filename(argv[1], "layout-macvtap", NULL);
    networkDir = g_build_filename(layout, "networks", NULL);
    domainPath = g_build_filename(layout, "domain.xml", NULL);
    sysfsRoot = g_build_filename(argv[2], "sys", NULL);
    stateDir = g_build_filename(argv[2], "state", NULL);

    printf("libvirt-teaming %s\n", virTeamingVersion());

    /* 1. the host: two SR-IOV PFs with 8 VFs each, a bridge, a NIC */
    if (virTeamingHostBuild(hostDescription, sysfsRoot, &error) < 0)
        return exampleFail(hostDescription, error);

    /* 2. to 5. */
    host.sysfsRoot = sysfsRoot;
    host.networkDir = networkDir;
    host.stateDir = stateDir;
    if (exampleFormatNetworks(networkDir) != EXIT_SUCCESS ||
        exampleCheckDomain(domainPath, &host) != EXIT_SUCCESS ||
        examplePorts(domainPath, &host) != EXIT_SUCCESS)
        return EXIT_FAILURE;

    printf("== done\n");
    return EXIT_SUCCESS;
}
