/*
 * libvirt-teaming-check.h: public API of the teaming checker
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 *
 * Check the net failover pairs of a domain against libvirt's rules,
 * the pair rules and the host (are both NICs on one Ethernet segment?),
 * show what each device would get from its network, the QEMU
 * arguments, and whether a destination host can take the pairs.
 * Included by libvirt-teaming.h.
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

/**
 * virTeamingCheckCommand:
 * @VIR_TEAMING_CHECK_VALIDATE: check every pair (rules, same segment)
 * @VIR_TEAMING_CHECK_PLAN: what each device of each pair would get
 *     (its <actual> and its backend), recording nothing
 * @VIR_TEAMING_CHECK_ARGS: QEMU's -netdev / -device arguments of the
 *     teaming devices, in libvirt's JSON syntax
 * @VIR_TEAMING_CHECK_MIGRATE: can the pairs come up on the destination?
 */
typedef enum {
    VIR_TEAMING_CHECK_VALIDATE,
    VIR_TEAMING_CHECK_PLAN,
    VIR_TEAMING_CHECK_ARGS,
    VIR_TEAMING_CHECK_MIGRATE,
} virTeamingCheckCommand;

/**
 * virTeamingCheckHost:
 * @sysfsRoot: the host's sysfs tree ("/sys"), or NULL: no host facts
 * @networkDir: a folder whose *.xml files are the <network>s, or NULL
 * @stateDir: the network driver's state (connection counts), or NULL
 */
typedef struct _virTeamingCheckHost virTeamingCheckHost;
struct _virTeamingCheckHost {
    const char *sysfsRoot;
    const char *networkDir;
    const char *stateDir;
};

/**
 * virTeamingCheckSeverity: the severity of a finding
 */
typedef enum {
    VIR_TEAMING_CHECK_ERROR,
    VIR_TEAMING_CHECK_WARNING,
    VIR_TEAMING_CHECK_INFO,
} virTeamingCheckSeverity;

typedef struct _virTeamingCheckReport virTeamingCheckReport;

/*
 * Run @command on the domain in @domainPath (or the document @xml): a
 * <domain>, or one <interface> or <hostdev>.  @host is the host the
 * domain runs on; @destination is needed by VIR_TEAMING_CHECK_MIGRATE
 * only.  Returns NULL with @error set when the command cannot run
 * (unreadable or malformed input); problems of the configuration are
 * findings in the report.
 */
virTeamingCheckReport *virTeamingCheckFile(virTeamingCheckCommand command,
                                           const char *domainPath,
                                           const virTeamingCheckHost *host,
                                           const virTeamingCheckHost *destination,
                                           GError **error);
virTeamingCheckReport *virTeamingCheckString(virTeamingCheckCommand command,
                                             const char *xml,
                                             const virTeamingCheckHost *host,
                                             const virTeamingCheckHost *destination,
                                             GError **error);
void virTeamingCheckReportFree(virTeamingCheckReport *report);

/* The command's output for standard output. */
char *virTeamingCheckReportGetOutput(const virTeamingCheckReport *report);
/* The findings for standard error: "error: DEVICE: message" / "warning:
 * ..." lines, each followed by indented "why:" and "fix:" lines. */
char *virTeamingCheckReportGetFindings(const virTeamingCheckReport *report);
/* Output and findings as one JSON document. */
char *virTeamingCheckReportGetJSON(const virTeamingCheckReport *report);
/* 0 when nothing is wrong (warnings allowed), 1 on any error finding */
int virTeamingCheckReportGetExitStatus(const virTeamingCheckReport *report);

/* The findings one by one: @index < virTeamingCheckReportNFindings() */
size_t virTeamingCheckReportNFindings(const virTeamingCheckReport *report);
int virTeamingCheckReportGetFinding(const virTeamingCheckReport *report,
                                    size_t index,
                                    virTeamingCheckSeverity *severity,
                                    const char **code,
                                    const char **device,
                                    const char **message,
                                    const char **why,
                                    const char **hint);

G_DEFINE_AUTOPTR_CLEANUP_FUNC(virTeamingCheckReport, virTeamingCheckReportFree);

G_END_DECLS
