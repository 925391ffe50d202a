/*
 * libvirt-teaming-host.c: the public API of the fake-host builder
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#include <config.h>

#include "libvirt-teaming/libvirt-teaming.h"
#include "hostdesc.h"
#include "vterror.h"

/* What a description given as a string is called in its messages. */
#define VIR_TEAMING_HOST_STRING_SOURCE "description"


/*
 * Build the description in the file @path, or the text @description
 * when @path is NULL, under @root; both NULL is a caller's mistake.
 */
static int
virTeamingHostRun(const char *path,
                  const char *description,
                  const char *root,
                  GError **error)
{
    g_auto(GStrv) stale = NULL;
    int rc;

    vtResetLastError();
    stale = vtTakeWarnings();

    if (!path && !description) {
        vtReportError(VT_ERR_INVALID_ARG, "%s", _("no host description was given"));
        vtErrorPropagate(error);
        return -1;
    }
    if (!root || !*root) {
        vtReportError(VT_ERR_INVALID_ARG, "%s", _("no sysfs root was given"));
        vtErrorPropagate(error);
        return -1;
    }

    if (path)
        rc = vtHostDescBuildFile(path, root);
    else
        rc = vtHostDescBuildString(description, VIR_TEAMING_HOST_STRING_SOURCE, root);
    if (rc < 0) {
        vtErrorPropagate(error);
        return -1;
    }
    return 0;
}


/**
 * virTeamingHostBuild:
 *
 * See libvirt-teaming-host.h.
 */
int
virTeamingHostBuild(const char *descriptionPath,
                    const char *root,
                    GError **error)
{
    return virTeamingHostRun(descriptionPath, NULL, root, error);
}


/**
 * virTeamingHostBuildString:
 *
 * See libvirt-teaming-host.h.
 */
int
virTeamingHostBuildString(const char *description,
                          const char *root,
                          GError **error)
{
    return virTeamingHostRun(NULL, description, root, error);
}
