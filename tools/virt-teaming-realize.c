/*
 * virt-teaming-realize.c: apply and teardown
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 *
 * Only the public API of libvirt-teaming is used.
 */

#include <config.h>

#include <stdio.h>
#include <string.h>
#include <unistd.h>

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

#define VTSH_REALIZE_DEFAULT_STATE_DIR VTSH_DEFAULT_STATE_DIR


/* The result of apply or teardown: @output on success, else the failure
 * (@code a virTeamingErrorCode, @message). */
static int
vtshRealizeReport(const vtshCheckOptions *opts,
                  const char *command,
                  int status,
                  const char *output,
                  int code,
                  const char *message,
                  bool usage)
{
    if (message) {
        vtshPrintFailureMessage(opts->json, command, status, code, message);
    } else if (opts->json) {
        g_autofree char *doc = virTeamingFormatResultJSON(command, status, "output",
                                                          output, NULL, NULL);

        fputs(doc, stdout);
    } else {
        fputs(output, stdout);
    }
    if (usage)
        fprintf(stderr, _("Usage: %1$s %2$s DOMAIN\n"), g_get_prgname(), command);
    return status;
}


/*
 * Run "apply" or "teardown": @argv[0] is the command name.  Returns the
 * exit status: 0 done, 1 the host could not be made to match the
 * configuration (nothing of it is left), 2 the command could not run.
 */
int vtshRealizeMain(const vtshCheckOptions *opts, int argc, char **argv);

int
vtshRealizeMain(const vtshCheckOptions *opts,
                int argc,
                char **argv)
{
    g_autoptr(GError) error = NULL;
    g_autofree char *msg = NULL;
    g_autofree char *output = NULL;
    virTeamingCheckHost host = { 0 };
    const char *command = argv[0];
    const char *domain = NULL;
    bool apply = STREQ(command, "apply");
    bool noMoreOptions = false;
    int i;

    for (i = 1; i < argc; i++) {
        const char *arg = argv[i];

        if (!noMoreOptions && arg[0] == '-' && arg[1] != '\0') {
            if (STREQ(arg, "--")) {
                noMoreOptions = true;
                continue;
            }
            msg = g_strdup_printf(_("command '%1$s' doesn't support option %2$s"),
                                  command, arg);
            return vtshRealizeReport(opts, command, 2, NULL, VIR_TEAMING_ERR_INVALID_ARG, msg, true);
        }
        if (domain) {
            msg = g_strdup_printf(_("unexpected data '%1$s'"), arg);
            return vtshRealizeReport(opts, command, 2, NULL, VIR_TEAMING_ERR_INVALID_ARG, msg, true);
        }
        domain = arg;
    }

    if (!domain) {
        msg = g_strdup_printf(_("command '%1$s' requires <%2$s> option"),
                              command, "domain");
        return vtshRealizeReport(opts, command, 2, NULL, VIR_TEAMING_ERR_INVALID_ARG, msg, true);
    }
    if (geteuid() != 0) {
        msg = g_strdup_printf(_("command '%1$s' must be run as root: it creates network devices"),
                              command);
        return vtshRealizeReport(opts, command, 2, NULL, VIR_TEAMING_ERR_OPERATION_DENIED, msg, false);
    }
    if (!g_file_test(domain, G_FILE_TEST_IS_REGULAR)) {
        msg = g_strdup_printf(_("Failed to open file '%1$s': %2$s"), domain,
                              g_strerror(ENOENT));
        return vtshRealizeReport(opts, command, 2, NULL, VIR_TEAMING_ERR_SYSTEM_ERROR, msg, false);
    }

    host.sysfsRoot = opts->sysfsRoot ? opts->sysfsRoot : VTSH_DEFAULT_SYSFS;
    host.networkDir = opts->networkDir ? opts->networkDir : VTSH_DEFAULT_NETWORK_DIR;
    host.stateDir = opts->stateDir ? opts->stateDir : VTSH_REALIZE_DEFAULT_STATE_DIR;

    if (apply)
        output = virTeamingApplyFile(domain, &host, &error);
    else
        output = virTeamingTeardownFile(domain, &host, &error);

    if (!output) {
        int status = vtshExitStatusForError(error);

        /* the exit statuses of every command, but for one case: the
         * domain file was found above, so a system error is the kernel
         * refusing a change, a host that cannot be made to match the
         * configuration */
        if (error->domain == VIR_TEAMING_ERROR &&
            error->code == VIR_TEAMING_ERR_SYSTEM_ERROR)
            status = VTSH_EXIT_INVALID;
        return vtshRealizeReport(opts, command, status, NULL, error->code,
                                 error->message, false);
    }

    return vtshRealizeReport(opts, command, 0, output, 0, NULL, false);
}


/*
 * validate --probe: send frames between the standby's backend and the
 * PF for the pairs the configuration cannot prove.  Returns 0 when
 * @report was probed, else the exit status (2: could not run).
 */
int vtshRealizeProbe(const vtshCheckOptions *opts, const char *command,
                     virTeamingCheckReport *report, const char *timeout);

int
vtshRealizeProbe(const vtshCheckOptions *opts,
                 const char *command,
                 virTeamingCheckReport *report,
                 const char *timeout)
{
    g_autoptr(GError) error = NULL;
    g_autofree char *msg = NULL;
    guint64 ms = 0;

    if (timeout &&
        (!g_ascii_string_to_unsigned(timeout, 10, 1, 60000, &ms, NULL))) {
        msg = g_strdup_printf(_("invalid value '%1$s' for --probe-timeout: expected milliseconds, 1 to 60000"),
                              timeout);
        return vtshRealizeReport(opts, command, 2, NULL, VIR_TEAMING_ERR_INVALID_ARG, msg, false);
    }
    if (geteuid() != 0) {
        msg = g_strdup_printf(_("command '%1$s' with --probe must be run as root: it creates network devices and packet sockets"),
                              command);
        return vtshRealizeReport(opts, command, 2, NULL, VIR_TEAMING_ERR_OPERATION_DENIED, msg, false);
    }

    if (virTeamingCheckReportProbe(report, (unsigned int)ms, &error) < 0) {
        msg = g_strdup_printf(_("the probe could not run: %1$s"), error->message);
        return vtshRealizeReport(opts, command, 2, NULL, error->code, msg, false);
    }
    return 0;
}
