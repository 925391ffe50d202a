/*
 * virt-teaming-ports.c: allocate, release and status
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 *
 * Only the public API of libvirt-teaming is used.
 */

#include <config.h>

#include <stdio.h>
#include <string.h>

#include <glib.h>
#ifdef WITH_NLS
# include <glib/gi18n-lib.h>
#else
# define _(str) (str)
#endif

#include "libvirt-teaming/libvirt-teaming.h"
#include "virt-teaming-check.h"
#include "virt-teaming-common.h"

#define STREQ(a, b) (strcmp(a, b) == 0)

/* Print a failure: stderr lines, or one JSON document on stdout. */
static int
vtshPortsFailure(const vtshCheckOptions *opts,
                 const char *command,
                 int status,
                 const GError *error,
                 bool usage)
{
    g_auto(GStrv) warnings = virTeamingTakeWarnings();

    vtshPrintFailure(opts->json, command, status, error, warnings);
    if (usage) {
        fprintf(stderr, _("Usage: %1$s %2$s%3$s\n"), g_get_prgname(), command,
                STREQ(command, "status") ? "" : " DOMAIN");
    }
    return status;
}


static int G_GNUC_PRINTF(4, 5)
vtshPortsUsageError(const vtshCheckOptions *opts,
                    const char *command,
                    int code,
                    const char *fmt, ...)
{
    g_autoptr(GError) error = NULL;
    va_list ap;

    va_start(ap, fmt);
    error = g_error_new_valist(VIR_TEAMING_ERROR, code, fmt, ap);
    va_end(ap);

    return vtshPortsFailure(opts, command, VTSH_EXIT_FAILURE, error,
                            code == VIR_TEAMING_ERR_INVALID_ARG);
}


/* status found no network: say where it looked */
static void
vtshPortsPrintNothing(const virTeamingCheckHost *host)
{
    if (host->networkDir) {
        printf(_("no networks: none is defined in %1$s (--network-dir) and none is active in %2$s (--state-dir)\n"),
               host->networkDir, host->stateDir);
    } else {
        printf(_("no networks: the network directory %1$s does not exist (--network-dir) and none is active in %2$s (--state-dir)\n"),
               VTSH_DEFAULT_NETWORK_DIR, host->stateDir);
    }
}


/*
 * Run "allocate", "release" or "status": @argv[0] is the command name.
 * Returns the exit status: 0 done, 1 the network driver refused (nothing
 * of this call is recorded), 2 the command could not run.
 */
int vtshPortsMain(const vtshCheckOptions *opts, int argc, char **argv);

int
vtshPortsMain(const vtshCheckOptions *opts,
              int argc,
              char **argv)
{
    g_autoptr(virTeamingPortsReport) report = NULL;
    g_autoptr(GError) error = NULL;
    virTeamingCheckHost host = { 0 };
    const char *command = argv[0];
    const char *domain = NULL;
    bool status = STREQ(command, "status");
    bool noMoreOptions = false;
    int i;

    for (i = 1; i < argc; i++) {
        const char *arg = argv[i];

        if (!noMoreOptions && arg[0] == '-' && arg[1] != '\0') {
            if (STREQ(arg, "--")) {
                noMoreOptions = true;
                continue;
            }
            return vtshPortsUsageError(opts, command, VIR_TEAMING_ERR_INVALID_ARG,
                                       _("command '%1$s' doesn't support option %2$s"),
                                       command, arg);
        }
        if (domain || status)
            return vtshPortsUsageError(opts, command, VIR_TEAMING_ERR_INVALID_ARG,
                                       _("unexpected data '%1$s'"), arg);
        domain = arg;
    }

    if (!domain && !status)
        return vtshPortsUsageError(opts, command, VIR_TEAMING_ERR_INVALID_ARG,
                                   _("command '%1$s' requires <%2$s> option"),
                                   command, "domain");
    host.sysfsRoot = opts->sysfsRoot;
    host.networkDir = opts->networkDir;
    if (!host.networkDir &&
        g_file_test(VTSH_DEFAULT_NETWORK_DIR, G_FILE_TEST_IS_DIR))
        host.networkDir = VTSH_DEFAULT_NETWORK_DIR;
    host.stateDir = opts->stateDir ? opts->stateDir : VTSH_DEFAULT_STATE_DIR;

    if (status)
        report = virTeamingStatus(&host, &error);
    else if (STREQ(command, "allocate"))
        report = virTeamingAllocateFile(domain, &host, &error);
    else
        report = virTeamingReleaseFile(domain, &host, &error);

    if (!report)
        return vtshPortsFailure(opts, command, vtshExitStatusForError(error),
                                error, false);

    if (opts->json) {
        g_autofree char *json = virTeamingPortsReportGetJSON(report);

        fputs(json, stdout);
    } else {
        g_autofree char *out = virTeamingPortsReportGetOutput(report);
        g_autofree char *findings = virTeamingPortsReportGetFindings(report);

        fputs(out, stdout);
        if (status && virTeamingPortsReportGetCount(report) == 0)
            vtshPortsPrintNothing(&host);
        fflush(stdout);
        fputs(findings, stderr);
    }
    return VTSH_EXIT_OK;
}
