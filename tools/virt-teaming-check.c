/*
 * virt-teaming-check.c: validate, plan, args and migrate-check
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
#include "virt-teaming-fetch.h"
#include "virt-teaming-module.h"

#define STREQ(a, b) (strcmp(a, b) == 0)

/* validate --probe [--probe-timeout MS]: tools/virt-teaming-realize.c;
 * returns 0 when the report was probed, else the exit status */
int vtshRealizeProbe(const vtshCheckOptions *opts, const char *command,
                     virTeamingCheckReport *report, const char *timeout);


static const struct {
    const char *name;
    virTeamingCheckCommand command;
} vtshCheckCommands[] = {
    { "validate", VIR_TEAMING_CHECK_VALIDATE },
    { "plan", VIR_TEAMING_CHECK_PLAN },
    { "args", VIR_TEAMING_CHECK_ARGS },
    { "migrate-check", VIR_TEAMING_CHECK_MIGRATE },
};


/* Print the usage of @command on standard error. */
static void
vtshCheckUsage(const char *command)
{
    fprintf(stderr, _("Usage: %1$s %2$s %3$s\n"), g_get_prgname(), command,
            STREQ(command, "migrate-check") ?
            VTSH_CHECK_SYNOPSIS_MIGRATE : VTSH_CHECK_SYNOPSIS_DOMAIN);
}


/* a usage error: exit 2 */
static int
vtshCheckFailure(const vtshCheckOptions *opts,
                 const char *command,
                 int code,
                 const char *message,
                 bool usage)
{
    int ret = vtshPrintFailureMessage(opts->json, command, VTSH_EXIT_FAILURE,
                                      code, message);

    if (usage)
        vtshCheckUsage(command);
    return ret;
}


int
vtshCheckMain(const vtshCheckOptions *opts, int argc, char **argv)
{
    g_autoptr(GError) error = NULL;
    g_autoptr(virTeamingCheckReport) report = NULL;
    g_autofree char *msg = NULL;
    virTeamingCheckHost host = { 0 };
    virTeamingCheckHost dest = { 0 };
    g_auto(vtshRemoteData) remote = { 0 };
    g_autofree char *remoteError = NULL;
    const char *toConnect = NULL;
    const char *command = argv[0];
    const char *domain = NULL;
    bool migrate = STREQ(command, "migrate-check");
    bool found = false;
    virTeamingCheckCommand cmd = VIR_TEAMING_CHECK_VALIDATE;
    bool noMoreOptions = false;
    bool probe = false;
    const char *probeTimeout = NULL;
    size_t j;
    int i;

    for (j = 0; j < G_N_ELEMENTS(vtshCheckCommands); j++) {
        if (STREQ(vtshCheckCommands[j].name, command)) {
            cmd = vtshCheckCommands[j].command;
            found = true;
        }
    }
    if (!found) {
        msg = g_strdup_printf(_("unknown command: '%1$s'"), command);
        return vtshCheckFailure(opts, command, VIR_TEAMING_ERR_INVALID_ARG, msg, false);
    }

    for (i = 1; i < argc; i++) {
        const char *arg = argv[i];
        int rc = 0;

        if (!noMoreOptions && arg[0] == '-' && arg[1] != '\0') {
            if (STREQ(arg, "--")) {
                noMoreOptions = true;
                continue;
            }
            if (migrate &&
                ((rc = vtshOptionValue(argc, argv, &i, "--to-sysfs-root", &dest.sysfsRoot)) != 0 ||
                 (rc = vtshOptionValue(argc, argv, &i, "--to-network-dir", &dest.networkDir)) != 0 ||
                 (rc = vtshOptionValue(argc, argv, &i, "--to-state-dir", &dest.stateDir)) != 0 ||
                 (rc = vtshOptionValue(argc, argv, &i, "--to-connect", &toConnect)) != 0)) {
                if (rc < 0) {
                    msg = g_strdup_printf(_("option '%1$s' requires an argument"), arg);
                    return vtshCheckFailure(opts, command, VIR_TEAMING_ERR_INVALID_ARG, msg, true);
                }
                continue;
            }
            if (cmd == VIR_TEAMING_CHECK_VALIDATE && STREQ(arg, "--probe")) {
                probe = true;
                continue;
            }
            if (cmd == VIR_TEAMING_CHECK_VALIDATE &&
                (rc = vtshOptionValue(argc, argv, &i, "--probe-timeout", &probeTimeout)) != 0) {
                if (rc < 0) {
                    msg = g_strdup_printf(_("option '%1$s' requires an argument"), arg);
                    return vtshCheckFailure(opts, command, VIR_TEAMING_ERR_INVALID_ARG, msg, true);
                }
                continue;
            }
            msg = g_strdup_printf(_("command '%1$s' doesn't support option %2$s"),
                                  command, arg);
            return vtshCheckFailure(opts, command, VIR_TEAMING_ERR_INVALID_ARG, msg, true);
        }
        if (domain) {
            msg = g_strdup_printf(_("unexpected data '%1$s'"), arg);
            return vtshCheckFailure(opts, command, VIR_TEAMING_ERR_INVALID_ARG, msg, true);
        }
        domain = arg;
    }

    if (!domain) {
        msg = g_strdup_printf(_("command '%1$s' requires <%2$s> option"),
                              command, "domain");
        return vtshCheckFailure(opts, command, VIR_TEAMING_ERR_INVALID_ARG, msg, true);
    }
    if (toConnect && (dest.sysfsRoot || dest.networkDir || dest.stateDir)) {
        msg = g_strdup(_("--to-connect and --to-sysfs-root, --to-network-dir or --to-state-dir cannot be used together"));
        return vtshCheckFailure(opts, command, VIR_TEAMING_ERR_INVALID_ARG, msg, true);
    }
    if (migrate && !toConnect && (!dest.sysfsRoot || !dest.networkDir)) {
        msg = g_strdup_printf(_("command '%1$s' requires --to-sysfs-root and --to-network-dir"),
                              command);
        return vtshCheckFailure(opts, command, VIR_TEAMING_ERR_INVALID_ARG, msg, true);
    }

    /* --to-connect: the three folders, fetched from the destination's
     * libvirt into a private folder removed on return */
    if (toConnect) {
        if (vtshModuleRemoteFetch(toConnect, &remote, &remoteError) < 0) {
            return vtshCheckFailure(opts, command, VIR_TEAMING_ERR_OPERATION_FAILED,
                                    remoteError, false);
        }
        for (j = 0; j < remote.warnings->len; j++)
            fprintf(stderr, "warning: %s\n", (char *)g_ptr_array_index(remote.warnings, j));
        dest.sysfsRoot = remote.sysfsRoot;
        dest.networkDir = remote.networkDir;
        dest.stateDir = remote.stateDir;
    }

    host.sysfsRoot = opts->sysfsRoot ? opts->sysfsRoot : VTSH_DEFAULT_SYSFS;
    host.networkDir = opts->networkDir;
    if (!host.networkDir &&
        g_file_test(VTSH_DEFAULT_NETWORK_DIR, G_FILE_TEST_IS_DIR))
        host.networkDir = VTSH_DEFAULT_NETWORK_DIR;
    host.stateDir = opts->stateDir;

    if (!(report = virTeamingCheckFile(cmd, domain, &host,
                                       migrate ? &dest : NULL, &error))) {
        g_auto(GStrv) warnings = virTeamingTakeWarnings();

        return vtshPrintFailure(opts->json, command, vtshExitStatusForError(error),
                                error, warnings);
    }

    if (probe || probeTimeout) {
        int rc = vtshRealizeProbe(opts, command, report, probeTimeout);

        if (rc != 0)
            return rc;
    }

    if (opts->json) {
        g_autofree char *json = virTeamingCheckReportGetJSON(report);

        fputs(json, stdout);
    } else {
        g_autofree char *out = virTeamingCheckReportGetOutput(report);
        g_autofree char *findings = virTeamingCheckReportGetFindings(report);

        fputs(out, stdout);
        fflush(stdout);
        fputs(findings, stderr);
    }

    return virTeamingCheckReportGetExitStatus(report);
}
