/*
 * libvirt-teaming.c: the public API
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 *
 * Each entry point resets the thread's last error, calls into the
 * internal layers and moves a reported error into the caller's GError.
 */

#include <config.h>

#include "libvirt-teaming/libvirt-teaming.h"
#include "vterror.h"

G_STATIC_ASSERT((int)VIR_TEAMING_ERR_ARGUMENT_UNSUPPORTED ==
                (int)VT_ERR_ARGUMENT_UNSUPPORTED);
G_STATIC_ASSERT((int)VIR_TEAMING_ERR_ARGUMENT_UNSUPPORTED + 1 == (int)VT_ERR_LAST);


GQuark
virTeamingErrorQuark(void)
{
    return VT_ERROR;
}


const char *
virTeamingVersion(void)
{
    return PACKAGE_VERSION;
}
