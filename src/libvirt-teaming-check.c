/*
 * libvirt-teaming-check.c: the public API of the teaming checker
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#include <config.h>

#include "libvirt-teaming/libvirt-teaming.h"
#include "check.h"
#include "vterror.h"
#ifdef WITH_LIBNL
# include "probe.h"
#endif

G_STATIC_ASSERT((int)VIR_TEAMING_CHECK_VALIDATE == (int)VT_CHECK_COMMAND_VALIDATE);
G_STATIC_ASSERT((int)VIR_TEAMING_CHECK_PLAN == (int)VT_CHECK_COMMAND_PLAN);
G_STATIC_ASSERT((int)VIR_TEAMING_CHECK_ARGS == (int)VT_CHECK_COMMAND_ARGS);
G_STATIC_ASSERT((int)VIR_TEAMING_CHECK_MIGRATE == (int)VT_CHECK_COMMAND_MIGRATE);
G_STATIC_ASSERT((int)VIR_TEAMING_CHECK_ERROR == (int)VT_FINDING_ERROR);
G_STATIC_ASSERT((int)VIR_TEAMING_CHECK_WARNING == (int)VT_FINDING_WARNING);
G_STATIC_ASSERT((int)VIR_TEAMING_CHECK_INFO == (int)VT_FINDING_INFO);

struct _virTeamingCheckReport {
    vtCheckReport *report;
};


static int
virTeamingCheckArgs(virTeamingCheckCommand command,
                    const void *input,
                    const virTeamingCheckHost *destination)
{
    if ((int)command < 0 || (int)command > (int)VIR_TEAMING_CHECK_MIGRATE) {
        vtReportError(VT_ERR_INVALID_ARG, _("unknown check command %1$d"),
                      (int)command);
        return -1;
    }
    if (!input) {
        vtReportError(VT_ERR_INVALID_ARG, "%s", _("no domain given"));
        return -1;
    }
    if (command == VIR_TEAMING_CHECK_MIGRATE && !destination) {
        vtReportError(VT_ERR_INVALID_ARG, "%s",
                      _("migrate-check needs the destination host"));
        return -1;
    }
    return 0;
}


static void
virTeamingCheckSourceFromHost(vtCheckSource *src,
                              const virTeamingCheckHost *host)
{
    src->sysfsRoot = host->sysfsRoot;
    src->networkDir = host->networkDir;
    src->stateDir = host->stateDir;
}


/* The start of virTeamingCheckFile/String: a fresh error, the
 * arguments checked, the hosts' folders in @src and @dst. */
static int
virTeamingCheckPrepare(virTeamingCheckCommand command,
                       const char *domain,
                       const virTeamingCheckHost *host,
                       const virTeamingCheckHost *destination,
                       vtCheckSource *src,
                       vtCheckSource *dst)
{
    vtResetLastError();
    if (virTeamingCheckArgs(command, domain, destination) < 0)
        return -1;
    if (host)
        virTeamingCheckSourceFromHost(src, host);
    if (destination)
        virTeamingCheckSourceFromHost(dst, destination);
    return 0;
}


static virTeamingCheckReport *
virTeamingCheckWrap(vtCheckReport *report, GError **error)
{
    virTeamingCheckReport *ret;

    if (!report) {
        vtErrorPropagate(error);
        return NULL;
    }
    ret = g_new0(virTeamingCheckReport, 1);
    ret->report = report;
    return ret;
}


virTeamingCheckReport *
virTeamingCheckFile(virTeamingCheckCommand command,
                    const char *domainPath,
                    const virTeamingCheckHost *host,
                    const virTeamingCheckHost *destination,
                    GError **error)
{
    vtCheckSource src = { 0 };
    vtCheckSource dst = { 0 };

    if (virTeamingCheckPrepare(command, domainPath, host, destination,
                               &src, &dst) < 0) {
        vtErrorPropagate(error);
        return NULL;
    }
    return virTeamingCheckWrap(vtCheckRunFile((vtCheckCommand)command, domainPath,
                                              &src, destination ? &dst : NULL),
                               error);
}


virTeamingCheckReport *
virTeamingCheckString(virTeamingCheckCommand command,
                      const char *xml,
                      const virTeamingCheckHost *host,
                      const virTeamingCheckHost *destination,
                      GError **error)
{
    vtCheckSource src = { 0 };
    vtCheckSource dst = { 0 };

    if (virTeamingCheckPrepare(command, xml, host, destination,
                               &src, &dst) < 0) {
        vtErrorPropagate(error);
        return NULL;
    }
    return virTeamingCheckWrap(vtCheckRunString((vtCheckCommand)command, xml,
                                                &src, destination ? &dst : NULL),
                               error);
}


void
virTeamingCheckReportFree(virTeamingCheckReport *report)
{
    if (!report)
        return;
    vtCheckReportFree(report->report);
    g_free(report);
}


char *
virTeamingCheckReportGetOutput(const virTeamingCheckReport *report)
{
    return vtCheckReportFormat(report->report);
}


char *
virTeamingCheckReportGetFindings(const virTeamingCheckReport *report)
{
    return vtFindingListFormat(report->report->findings);
}


char *
virTeamingCheckReportGetJSON(const virTeamingCheckReport *report)
{
    return vtCheckReportFormatJSON(report->report);
}


int
virTeamingCheckReportGetExitStatus(const virTeamingCheckReport *report)
{
    return vtCheckReportExitStatus(report->report);
}


size_t
virTeamingCheckReportNFindings(const virTeamingCheckReport *report)
{
    return report->report->findings->items->len;
}


int
virTeamingCheckReportGetFinding(const virTeamingCheckReport *report,
                                size_t index,
                                virTeamingCheckSeverity *severity,
                                const char **code,
                                const char **device,
                                const char **message,
                                const char **why,
                                const char **hint)
{
    const vtFinding *f;

    if (index >= report->report->findings->items->len)
        return -1;
    f = g_ptr_array_index(report->report->findings->items, index);
    if (severity)
        *severity = (virTeamingCheckSeverity)f->severity;
    if (code)
        *code = f->code;
    if (device)
        *device = f->device;
    if (message)
        *message = f->message;
    if (why)
        *why = f->why;
    if (hint)
        *hint = f->hint;
    return 0;
}


/* ---- validate --probe ----------------------------------------------
 * The L2 probe itself lives in network_teaming/probe.c (declared in
 * libvirt-teaming-realize.h); this is only the door into the report. */

/**
 * virTeamingCheckReportProbe:
 *
 * See libvirt-teaming-realize.h.
 */
int
virTeamingCheckReportProbe(virTeamingCheckReport *report,
                           unsigned int timeoutMs,
                           GError **error)
{
    int ret = -1;

    vtResetLastError();
    if (!report) {
        vtReportError(VT_ERR_INVALID_ARG, "%s", _("no report given"));
        vtErrorPropagate(error);
        return -1;
    }
#ifdef WITH_LIBNL
    if ((ret = vtProbeCheckReport(report->report, timeoutMs)) < 0)
        vtErrorPropagate(error);
#else
    (void)timeoutMs;
    vtReportError(VT_ERR_NO_SUPPORT, "%s",
                  _("the probe needs netlink support (built without libnl)"));
    vtErrorPropagate(error);
#endif
    return ret;
}
