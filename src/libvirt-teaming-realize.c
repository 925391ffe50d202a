/*
 * libvirt-teaming-realize.c: the public API of apply, teardown and the
 *                            L2 probe
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#include <config.h>

#include "libvirt-teaming/libvirt-teaming.h"
#include "domain_conf.h"
#include "vterror.h"
#include "vtxml.h"
#ifdef WITH_LIBNL
# include "realize.h"
#endif


#ifdef WITH_LIBNL
static vtDomainDef *
virTeamingRealizeLoadDomain(const char *domainPath,
                            const virTeamingCheckHost *host)
{
    g_autofree char *content = NULL;
    unsigned int flags = VT_DOMAIN_DEF_PARSE_INACTIVE;

    if (!domainPath) {
        vtReportError(VT_ERR_INVALID_ARG, "%s", _("no domain given"));
        return NULL;
    }
    if (!host || !host->stateDir) {
        vtReportError(VT_ERR_INVALID_ARG, "%s", _("no state directory given"));
        return NULL;
    }
    /* live and status XML keep <actual> */
    return vtDomainDefParseFile(domainPath, flags | VT_DOMAIN_DEF_PARSE_DETECT_STATUS);
}
#endif /* WITH_LIBNL */


typedef int (*virTeamingRealizeFunc)(const char *stateDir,
                                     const char *networkDir,
                                     const char *sysfsRoot,
                                     vtDomainDef *def,
                                     char **summary);

static char *
virTeamingRealizeRun(const char *domainPath,
                     const virTeamingCheckHost *host,
                     bool apply,
                     GError **error)
{
#ifdef WITH_LIBNL
    g_autoptr(vtDomainDef) def = NULL;
    virTeamingRealizeFunc func = apply ? vtRealizeApply : vtRealizeTeardown;
    char *summary = NULL;

    vtResetLastError();
    if (!(def = virTeamingRealizeLoadDomain(domainPath, host)) ||
        func(host->stateDir, host->networkDir, host->sysfsRoot, def, &summary) < 0) {
        vtErrorPropagate(error);
        return NULL;
    }
    return summary;
#else
    vtResetLastError();
    vtReportError(VT_ERR_NO_SUPPORT, "%s",
                  apply ? _("apply needs netlink support (built without libnl)") :
                  _("teardown needs netlink support (built without libnl)"));
    vtErrorPropagate(error);
    return NULL;
#endif
}


/**
 * virTeamingApplyFile:
 *
 * See libvirt-teaming-realize.h.
 */
char *
virTeamingApplyFile(const char *domainPath,
                    const virTeamingCheckHost *host,
                    GError **error)
{
    return virTeamingRealizeRun(domainPath, host, true, error);
}


/**
 * virTeamingTeardownFile:
 *
 * See libvirt-teaming-realize.h.
 */
char *
virTeamingTeardownFile(const char *domainPath,
                       const virTeamingCheckHost *host,
                       GError **error)
{
    return virTeamingRealizeRun(domainPath, host, false, error);
}
